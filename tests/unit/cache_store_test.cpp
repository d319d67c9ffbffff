#include <doctest/doctest.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <fstream>
#include <map>

#include "cache/key.h"
#include "cache/store.h"
#include "fs/file_system.h"
#include "temp_dir.h"

using namespace nk;

namespace {

const std::string kMagic = "nastavnik test store 2\n";

// Small and bulk entries, one of them empty.
const std::map<uint64_t, std::string> kEntries = {
    {1, "один"}, {2, std::string(300, 'x')}, {3, ""}, {40, "сорок"}};

void write_store(const std::string& file) {
    cache::Store store(file, kMagic);
    for (const auto& [key, payload] : kEntries)
        store.add(key, std::make_shared<const std::string>(payload), key == 2);
    store.save();
}

void write_file(const std::string& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// Every entry of the store at `file` is its own bytes or missing, never other bytes; returns how
// many are missing.
size_t check_entries(cache::Store& store) {
    size_t missing = 0;
    for (const auto& [key, payload] : kEntries) {
        auto found = store.find(key);
        if (!found) ++missing;
        if (found) CHECK(*found == payload);
    }
    return missing;
}

}  // namespace

TEST_CASE("cache store: entries come back as stored, also without the side index") {
    test::TempDir dir;
    std::string file = dir.str() + "/store.bin";
    write_store(file);
    for (bool with_index : {true, false}) {
        if (!with_index) boost::filesystem::remove(file + ".idx");
        cache::Store store(file, kMagic);
        CHECK(check_entries(store) == 0);
        CHECK(store.contains(40));
        CHECK_FALSE(store.contains(41));
        CHECK_FALSE(store.find(41));
        CHECK(store.warnings().empty());
        CHECK(store.damaged_entries() == 0);
    }
    // Another version of the format is an empty store, and no damage.
    cache::Store other(file, "nastavnik test store 3\n");
    CHECK_FALSE(other.contains(1));
    CHECK(other.warnings().empty());
}

TEST_CASE("cache store: new entries are appended, and the views outlive the store") {
    test::TempDir dir;
    std::string file = dir.str() + "/store.bin";
    write_store(file);
    auto size = boost::filesystem::file_size(file);
    std::shared_ptr<const char> mapping;
    std::string_view view;
    {
        cache::Store store(file, kMagic);
        CHECK(check_entries(store) == 0);  // every entry used: appended to, not rewritten
        store.add(5, std::make_shared<const std::string>("пять"));
        view = *store.find(2);
        mapping = store.mapping();
        store.save();
    }
    CHECK(view == kEntries.at(2));
    CHECK(boost::filesystem::file_size(file) > size);
    cache::Store store(file, kMagic);
    CHECK(check_entries(store) == 0);
    REQUIRE(store.find(5));
    CHECK(*store.find(5) == "пять");
}

TEST_CASE("cache store: one changed byte anywhere is found, and the rest is still used") {
    test::TempDir dir;
    std::string file = dir.str() + "/store.bin";
    write_store(file);
    std::string clean = *fs::read_bytes(file), clean_index = *fs::read_bytes(file + ".idx");
    for (bool with_index : {true, false})
        for (size_t at = 0; at < clean.size(); ++at) {
            CAPTURE(with_index);
            CAPTURE(at);
            std::string damaged = clean;
            damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
            write_file(file, damaged);
            if (with_index)
                write_file(file + ".idx", clean_index);
            else
                boost::filesystem::remove(file + ".idx");
            cache::Store store(file, kMagic);
            size_t missing = check_entries(store);
            REQUIRE(store.warnings().size() == 1);
            if (at < kMagic.size()) {
                CHECK(missing == kEntries.size());
                CHECK(store.warnings()[0] == file +
                                                 ": warning: the cache file's header is damaged: "
                                                 "the file is ignored and rewritten");
            } else {
                CHECK(missing >= 1);
                // With the index, one entry is lost; without, a damaged head ends the walk.
                if (with_index) CHECK(missing == 1);
                CHECK(store.damaged_entries() == 1);
                CHECK(store.warnings()[0] ==
                      file + ": warning: 1 damaged cache entry dropped and rebuilt");
            }
            // The damage is dropped: the file is rewritten with the entries that were intact.
            store.save();
            cache::Store again(file, kMagic);
            CHECK(check_entries(again) == missing);
            CHECK(again.warnings().empty());
        }
}

TEST_CASE("cache store: a damaged side index is ignored and rewritten") {
    test::TempDir dir;
    std::string file = dir.str() + "/store.bin";
    write_store(file);
    std::string clean_index = *fs::read_bytes(file + ".idx");
    for (size_t at = 0; at < clean_index.size(); ++at) {
        CAPTURE(at);
        std::string damaged = clean_index;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
        write_file(file + ".idx", damaged);
        cache::Store store(file, kMagic);
        CHECK(check_entries(store) == 0);
        REQUIRE(store.warnings().size() == 1);
        CHECK(store.warnings()[0] ==
              file + ".idx: warning: the cache index is damaged: it is ignored and rewritten");
        store.save();
        CHECK(*fs::read_bytes(file + ".idx") == clean_index);
    }
}

TEST_CASE("cache store: a cut file or index keeps the entries before the cut, with a warning") {
    test::TempDir dir;
    std::string file = dir.str() + "/store.bin";
    write_store(file);
    std::string clean = *fs::read_bytes(file), clean_index = *fs::read_bytes(file + ".idx");
    for (size_t size = 0; size < clean.size(); ++size) {
        CAPTURE(size);
        write_file(file, clean.substr(0, size));
        write_file(file + ".idx", clean_index);
        cache::Store store(file, kMagic);
        size_t missing = check_entries(store);
        CHECK(missing >= 1);
        CHECK(store.warnings().size() == 1);
        store.save();
        cache::Store again(file, kMagic);
        CHECK(check_entries(again) == missing);
        CHECK(again.warnings().empty());
    }
    write_file(file, clean);
    for (size_t size = 0; size < clean_index.size(); ++size) {
        CAPTURE(size);
        write_file(file + ".idx", clean_index.substr(0, size));
        cache::Store store(file, kMagic);
        CHECK(check_entries(store) == 0);
        CHECK(store.warnings().size() == 1);
    }
}

TEST_CASE("cache store: a read-only store keeps nothing and says so") {
    test::TempDir dir;
    std::string file = dir.str() + "/store.bin";
    write_store(file);
    std::string clean = *fs::read_bytes(file);
    clean[clean.size() - 1] = '!';  // the last payload
    write_file(file, clean);
    cache::Store store(file, kMagic, true);
    store.add(9, std::make_shared<const std::string>("x"));
    CHECK(check_entries(store) == 1);
    REQUIRE(store.warnings().size() == 1);
    CHECK(store.warnings()[0] == file + ": warning: 1 damaged cache entry ignored");
    CHECK_THROWS(store.save());
}

TEST_CASE("cache keys: parts are combined in order, with their lengths") {
    CHECK(cache::hash_bytes("abc") == cache::hash_bytes("abc"));
    CHECK(cache::hash_bytes("abc") != cache::hash_bytes("abd"));
    auto key = [](std::string_view a, std::string_view b) {
        return cache::KeyBuilder().add(a).add(b).value();
    };
    CHECK(key("ab", "c") != key("a", "bc"));
    CHECK(key("a", "b") != key("b", "a"));
    CHECK(key("a", "b") == key("a", "b"));
    CHECK(cache::KeyBuilder().add(uint64_t{1}).value() !=
          cache::KeyBuilder().add(uint64_t{2}).value());
    CHECK(cache::KeyBuilder().value() != cache::KeyBuilder().add("").value());
}
