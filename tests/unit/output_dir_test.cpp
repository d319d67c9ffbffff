// fs/output_dir: the staged output a full build writes into, then swaps in place of the old one.
#include "fs/output_dir.h"

#include <doctest/doctest.h>

#include <boost/filesystem.hpp>
#include <stdexcept>

#include "fs/file_system.h"
#include "fs/parallel.h"
#include "temp_dir.h"

using namespace nk;
namespace bfs = boost::filesystem;

namespace {

using test::TempDir;

std::string read(const bfs::path& path) {
    return fs::read_bytes(path.string()).value_or("");
}

/// `dir`/site as a build leaves it: one file, `name`, holding `text`.
bfs::path built_site(const TempDir& dir, const std::string& name, const std::string& text) {
    bfs::path out = dir.path / "site";
    fs::StagedOutput first(out.string());
    first.write(name, text);
    first.commit();
    return out;
}

size_t staging_dirs(const bfs::path& parent) {
    size_t n = 0;
    for (bfs::directory_iterator it(parent), end; it != end; ++it)
        if (it->path().filename().string().find(".nastavnik-staging-") != std::string::npos) ++n;
    return n;
}

}  // namespace

TEST_CASE("staged output: files in new folders, written from two threads, swapped in at once") {
    TempDir dir;
    bfs::path out = built_site(dir, "old.html", "old");
    fs::StagedOutput staged(out.string());
    // 400 files in 40 folders two levels deep, each folder made by whichever thread comes first.
    fs::parallel_for(400, 2, [&](size_t i) {
        std::string rel = "/d" + std::to_string(i % 8) + "/p" + std::to_string(i % 40) + "/f" +
                          std::to_string(i) + ".html";
        staged.write(rel, "file " + std::to_string(i));
    });
    staged.write("index.html", std::string(100000, 'x'));  // more than one write() may take
    staged.write("empty.txt", "");
    CHECK(staged.files_written() == 402);
    CHECK(read(out / "old.html") == "old");  // not yet swapped
    staged.commit();
    CHECK(!bfs::exists(out / "old.html"));
    CHECK(read(out / "d3/p11/f11.html") == "file 11");
    CHECK(read(out / "d7/p39/f399.html") == "file 399");
    CHECK(read(out / "index.html").size() == 100000);
    CHECK(bfs::is_regular_file(out / "empty.txt"));
    CHECK(bfs::file_size(out / "empty.txt") == 0);
    CHECK(staging_dirs(dir.path) == 0);  // the previous output went with the swap
}

TEST_CASE("staged output: a file where a folder must go, and a path out of the site, are errors") {
    TempDir dir;
    bfs::path out = built_site(dir, "kept.html", "kept");
    {
        fs::StagedOutput staged(out.string());
        staged.write("a", "a file");
        try {
            staged.write("a/b/index.html", "under a file");
            FAIL("writing under a file did not throw");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()).find("cannot make the directory") != std::string::npos);
        }
        CHECK_THROWS_AS(staged.write("../escape.html", "x"), std::runtime_error);
        // Not committed: the staging folder goes, the previous output stays.
    }
    CHECK(read(out / "kept.html") == "kept");
    CHECK(!bfs::exists(out / "a"));
    CHECK(!bfs::exists(dir.path / "escape.html"));
    CHECK(staging_dirs(dir.path) == 0);
}
