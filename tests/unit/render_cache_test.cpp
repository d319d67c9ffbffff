#include "markdown/render_cache.h"

#include <doctest/doctest.h>
#include <unistd.h>
#include <xxhash.h>

#include <boost/filesystem.hpp>
#include <cstring>
#include <fstream>

#include "fs/file_system.h"
#include "fs/text.h"

using namespace nk;

namespace {

const char* kPage = "## Итоги\n\nТекст [ссылка](/practices/x/).\n\n<b>жирный</b>\n";

struct TempDir {
    std::string path = (boost::filesystem::temp_directory_path() /
                        boost::filesystem::unique_path("nk-render-cache-%%%%%%"))
                           .string();
    ~TempDir() { boost::filesystem::remove_all(path); }
};

void check_same(const markdown::Rendered& a, const markdown::Rendered& b) {
    CHECK(a.html == b.html);
    REQUIRE(a.headings.size() == b.headings.size());
    for (size_t i = 0; i < a.headings.size(); ++i) {
        CHECK(a.headings[i].anchor == b.headings[i].anchor);
        CHECK(a.headings[i].text == b.headings[i].text);
        CHECK(a.headings[i].level == b.headings[i].level);
    }
    REQUIRE(a.internal_links.size() == b.internal_links.size());
    for (size_t i = 0; i < a.internal_links.size(); ++i) {
        CHECK(a.internal_links[i].url == b.internal_links[i].url);
        CHECK(a.internal_links[i].loc.line == b.internal_links[i].loc.line);
        CHECK(a.internal_links[i].loc.column == b.internal_links[i].loc.column);
    }
}

}  // namespace

TEST_CASE("render cache: a saved page comes back the same, with its diagnostics") {
    TempDir dir;
    std::string file = dir.path + "/markdown.bin";
    diag::Diagnostics direct_diags;
    markdown::Rendered direct = markdown::render(kPage, "p.md", 7, direct_diags, {"/"});
    {
        markdown::RenderCache cache(file, "gen-1");
        diag::Diagnostics d;
        check_same(cache.render(kPage, "p.md", 7, d, {"/"}), direct);
        CHECK(cache.misses() == 1);
        CHECK(d.warning_count() == direct_diags.warning_count());
        cache.save();
    }
    markdown::RenderCache again(file, "gen-1");
    diag::Diagnostics d;
    markdown::Rendered cached = again.render(kPage, "p.md", 7, d, {"/"});
    CHECK(again.hits() == 1);
    check_same(cached, direct);
    // The raw HTML warnings, at their lines.
    REQUIRE(direct_diags.warning_count() > 0);
    REQUIRE(d.sorted().size() == direct_diags.sorted().size());
    for (size_t i = 0; i < d.sorted().size(); ++i) {
        CHECK(d.sorted()[i].loc.line == direct_diags.sorted()[i].loc.line);
        CHECK(d.sorted()[i].loc.column == direct_diags.sorted()[i].loc.column);
        CHECK(d.sorted()[i].message == direct_diags.sorted()[i].message);
    }

    SUBCASE("another position, base path or generator is another entry") {
        diag::Diagnostics other;
        again.render(kPage, "p.md", 8, other, {"/"});
        again.render(kPage, "q.md", 7, other, {"/"});
        again.render(kPage, "p.md", 7, other, {"/sub/"});
        CHECK(again.misses() == 3);
        markdown::RenderCache rebuilt(file, "gen-2");
        rebuilt.render(kPage, "p.md", 7, other, {"/"});
        CHECK(rebuilt.misses() == 1);
    }
}

TEST_CASE("render cache: a fresh rendering outlives the save and the cache that made it") {
    TempDir dir;
    diag::Diagnostics d;
    markdown::Rendered direct = markdown::render(kPage, "p.md", 1, d, {"/"});
    markdown::Rendered fresh;
    {
        markdown::RenderCache cache(dir.path + "/markdown.bin", "gen-1");
        fresh = cache.render(kPage, "p.md", 1, d, {"/"});
        cache.save();  // gives up the cache's hold on the entry the HTML lies in
    }
    check_same(fresh, direct);
    CHECK(fresh.html.view().find("<h2") != std::string_view::npos);
}

TEST_CASE("render cache: a torn or foreign file is an empty cache, then rewritten") {
    TempDir dir;
    boost::filesystem::create_directories(dir.path);
    std::string file = dir.path + "/markdown.bin";
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        cache.render(kPage, "p.md", 1, d, {"/"});
        cache.render("второй", "q.md", 1, d, {"/"});
        cache.save();
    }
    // A build killed while appending leaves half an entry at the end.
    auto size = boost::filesystem::file_size(file);
    REQUIRE(::truncate(file.c_str(), static_cast<off_t>(size - 5)) == 0);
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        cache.render(kPage, "p.md", 1, d, {"/"});
        CHECK(cache.hits() == 1);  // the whole first entry is still there
        cache.render("второй", "q.md", 1, d, {"/"});
        CHECK(cache.misses() == 1);
        cache.save();
    }
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        cache.render("второй", "q.md", 1, d, {"/"});
        CHECK(cache.hits() == 1);  // the rewritten file has it again
    }
    std::ofstream(file) << "not a cache";
    markdown::RenderCache foreign(file, "gen");
    diag::Diagnostics d;
    CHECK(foreign.render(kPage, "p.md", 1, d, {"/"}).html.view().find("<h2") != std::string::npos);
    CHECK(foreign.misses() == 1);
    foreign.save();
    markdown::RenderCache fixed(file, "gen");
    fixed.render(kPage, "p.md", 1, d, {"/"});
    CHECK(fixed.hits() == 1);
}

// The flags of the entries in the file, in order (true: bulk, a page's HTML).
std::vector<bool> entry_kinds(const std::string& file) {
    auto bytes = fs::read_bytes(file);
    REQUIRE(bytes);
    std::vector<bool> kinds;
    size_t at = bytes->find('\n') + 1;  // after the magic line
    while (at + 32 <= bytes->size()) {  // [key][size][checksum][head checksum][payload]
        uint64_t size = 0;
        std::memcpy(&size, bytes->data() + at + 8, 8);
        kinds.push_back(size >> 63);
        at += 32 + (size & ~(uint64_t{1} << 63));
    }
    CHECK(at == bytes->size());
    return kinds;
}

TEST_CASE("render cache: the HTML is saved after the small entries, and needed to find a page") {
    TempDir dir;
    std::string file = dir.path + "/markdown.bin";
    uint64_t key = 0;
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        cache.render(kPage, "a.md", 1, d, {"/"});
        cache.add_entry(7, "запись");
        cache.render("# Второй", "b.md", 1, d, {"/"});
        cache.add_entry(8, "ещё одна");
        key = cache.key_of_hash(text::hash64(kPage), "a.md", 1, {"/"});
        cache.save();
    }
    // Two headings-and-links entries and two records, then the two pages' HTML.
    CHECK(entry_kinds(file) == std::vector<bool>{false, false, false, false, true, true});
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        CHECK(cache.contains(key));
        cache.render(kPage, "a.md", 1, d, {"/"});  // every entry used: the file is appended to
        cache.render("# Второй", "b.md", 1, d, {"/"});
        CHECK((cache.find_entry(7) && cache.find_entry(8)));
        CHECK(cache.hits() == 2);
        cache.render("Третий", "c.md", 1, d, {"/"});
        cache.save();  // its small entry, then its HTML
    }
    CHECK(entry_kinds(file) ==
          std::vector<bool>{false, false, false, false, true, true, false, true});
    // A rendering whose HTML entry is lost (cut off) is not in the cache.
    auto bytes = fs::read_bytes(file);
    REQUIRE(bytes);
    boost::filesystem::remove(file + ".idx");
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        << bytes->substr(0, bytes->rfind("<p>Третий"));
    markdown::RenderCache cut(file, "gen");
    CHECK(cut.contains(key));
    CHECK_FALSE(cut.contains(cut.key_of_hash(text::hash64("Третий"), "c.md", 1, {"/"})));
}

TEST_CASE("render cache: other entries are kept beside renderings, and a key from a hash") {
    TempDir dir;
    std::string file = dir.path + "/markdown.bin";
    uint64_t key = 0;
    {
        markdown::RenderCache cache(file, "gen-1");
        diag::Diagnostics d;
        cache.render(kPage, "p.md", 7, d, {"/"});
        key = cache.key_of_hash(text::hash64(kPage), "p.md", 7, {"/"});
        CHECK(cache.salt() == "gen-1");
        cache.add_entry(42, "запись");
        CHECK_FALSE(cache.find_entry(42));  // kept from the next save on
        cache.save();
    }
    markdown::RenderCache again(file, "gen-1");
    REQUIRE(again.find_entry(42));
    CHECK(*again.find_entry(42) == "запись");
    CHECK_FALSE(again.find_entry(43));
    // The rendering is found by the hash of its text, as render() would find it.
    CHECK(again.contains(key));
    diag::Diagnostics d;
    auto found = again.lookup(key, d);
    REQUIRE(found);
    diag::Diagnostics direct_diags;
    check_same(*found, markdown::render(kPage, "p.md", 7, direct_diags, {"/"}));
    CHECK(d.warning_count() == direct_diags.warning_count());  // reported again
    CHECK_FALSE(again.lookup(key + 1, d));
    CHECK(again.key_of_hash(text::hash64(kPage), "p.md", 8, {"/"}) != key);
    CHECK(again.key_of_hash(text::hash64(kPage), "p.md", 7, {"/sub/"}) != key);
    // A read-only cache keeps nothing new.
    markdown::RenderCache read_only(file, "gen-1", true);
    read_only.add_entry(7, "x");
}

TEST_CASE("render cache: a side index finds the entries, and one that does not match is not used") {
    TempDir dir;
    std::string file = dir.path + "/markdown.bin";
    // Payloads larger than the entries' heads, so that a save appends rather than rewrites.
    std::string one(200, '1'), two(200, '2'), three(200, '3');
    {
        markdown::RenderCache cache(file, "gen");
        cache.add_entry(1, one);
        cache.add_entry(2, two);
        cache.save();
    }
    REQUIRE(boost::filesystem::exists(file + ".idx"));
    auto size = boost::filesystem::file_size(file);
    {
        markdown::RenderCache cache(file, "gen");  // appends: the index covers both saves
        CHECK(cache.find_entry(1));
        CHECK(cache.find_entry(2));
        cache.add_entry(3, three);
        cache.save();
    }
    REQUIRE(boost::filesystem::file_size(file) > size);
    {
        markdown::RenderCache cache(file, "gen");
        REQUIRE(cache.find_entry(3));
        CHECK(*cache.find_entry(3) == three);
        REQUIRE(cache.find_entry(2));
        CHECK(*cache.find_entry(2) == two);
    }
    auto idx = *nk::fs::read_bytes(file + ".idx");
    std::string header = "nastavnik cache index 1\n";
    size_t first = header.size() + 16;  // after the file size and the count
    // Entries are [key][offset][size]: give entry 1 the offset and size of entry 2.
    std::string swapped = idx;
    swapped.replace(first + 8, 16, idx.substr(first + 24 + 8, 16));
    // Damage: the index's checksum fails, and the file is walked instead.
    std::ofstream(file + ".idx", std::ios::binary | std::ios::trunc) << swapped;
    {
        markdown::RenderCache cache(file, "gen");
        REQUIRE(cache.find_entry(1));
        CHECK(*cache.find_entry(1) == one);
        CHECK((cache.find_entry(2) && cache.find_entry(3)));  // all used: the file is kept
        REQUIRE(cache.warnings().size() == 1);
        CHECK(cache.warnings()[0] ==
              file + ".idx: warning: the cache index is damaged: it is ignored and rewritten");
        cache.save();  // rewrites the index, though nothing else changed
    }
    CHECK(*nk::fs::read_bytes(file + ".idx") == idx);
    // An index that is intact but points at other entries (say, left from another file of the
    // same size): each key is checked against its entry's head, so nothing wrong is returned.
    uint64_t sum = XXH3_64bits(swapped.data(), swapped.size() - 8);
    std::memcpy(swapped.data() + swapped.size() - 8, &sum, 8);
    std::ofstream(file + ".idx", std::ios::binary | std::ios::trunc) << swapped;
    {
        markdown::RenderCache cache(file, "gen");
        CHECK_FALSE(cache.find_entry(1));
        CHECK_FALSE(cache.contains(1));
        REQUIRE(cache.find_entry(2));
        CHECK(*cache.find_entry(2) == two);
        CHECK(cache.warnings().empty());
    }
    // Without the index the file is read entry by entry.
    boost::filesystem::remove(file + ".idx");
    markdown::RenderCache walked(file, "gen");
    REQUIRE(walked.find_entry(1));
    CHECK(*walked.find_entry(1) == one);
    REQUIRE(walked.find_entry(3));
    CHECK(*walked.find_entry(3) == three);
}

TEST_CASE("render cache: a damaged rendering is rendered again, with one warning for the file") {
    TempDir dir;
    std::string file = dir.path + "/markdown.bin";
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        cache.render(kPage, "p.md", 1, d, {"/"});
        cache.render("# Второй", "q.md", 1, d, {"/"});
        cache.render("# Третий", "r.md", 1, d, {"/"});
        cache.save();
    }
    // Garbage over two pages' HTML; the third is intact.
    std::string bytes = *fs::read_bytes(file);
    for (const char* html : {"<h2", "Второй</h1>"}) {
        size_t at = bytes.find(html);
        REQUIRE(at != std::string::npos);
        bytes.replace(at, 3, "???");
    }
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    diag::Diagnostics direct_diags, d;
    markdown::Rendered direct = markdown::render(kPage, "p.md", 1, direct_diags, {"/"});
    {
        markdown::RenderCache cache(file, "gen");
        check_same(cache.render(kPage, "p.md", 1, d, {"/"}), direct);
        CHECK(cache.render("# Второй", "q.md", 1, d, {"/"}).html.view().find("Второй</h1>") !=
              std::string_view::npos);
        cache.render("# Третий", "r.md", 1, d, {"/"});
        CHECK(cache.misses() == 2);
        CHECK(cache.hits() == 1);
        CHECK(d.warning_count() == direct_diags.warning_count());  // the page's own, once
        CHECK(cache.warnings() ==
              std::vector<std::string>{file + ": warning: 2 damaged cache entries dropped and "
                                              "rebuilt"});
        cache.save();
    }
    markdown::RenderCache again(file, "gen");
    diag::Diagnostics again_diags;
    check_same(again.render(kPage, "p.md", 1, again_diags, {"/"}), direct);
    again.render("# Второй", "q.md", 1, again_diags, {"/"});
    again.render("# Третий", "r.md", 1, again_diags, {"/"});
    CHECK(again.hits() == 3);
    CHECK(again.warnings().empty());
}

TEST_CASE("render cache: a damaged header: the file is ignored, with a warning, and rewritten") {
    TempDir dir;
    std::string file = dir.path + "/markdown.bin";
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        cache.render(kPage, "p.md", 1, d, {"/"});
        cache.save();
    }
    std::string bytes = *fs::read_bytes(file);
    bytes[3] = 'X';
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    {
        markdown::RenderCache cache(file, "gen");
        diag::Diagnostics d;
        cache.render(kPage, "p.md", 1, d, {"/"});
        CHECK(cache.misses() == 1);
        CHECK(cache.warnings() ==
              std::vector<std::string>{file + ": warning: the cache file's header is damaged: "
                                              "the file is ignored and rewritten"});
        cache.save();
    }
    markdown::RenderCache again(file, "gen");
    diag::Diagnostics d;
    again.render(kPage, "p.md", 1, d, {"/"});
    CHECK(again.hits() == 1);
    CHECK(again.warnings().empty());
}
