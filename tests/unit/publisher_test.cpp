// pipeline/publisher: all-or-nothing publishing on the in-memory file system, with exact expected
// trees, hard links, the spare, a mount point, and a failure injected at every step.
#include "pipeline/publisher.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "fs/output_fs.h"

using namespace nk;
using pipeline::Publisher;
using Tree = std::map<std::string, std::string>;

namespace {

const std::string kOut = "/w/site";

/// What the build cache remembers of one published file.
struct Recorded {
    std::string bytes;
    fs::FileStat stat;
};
struct Manifest {
    std::map<std::string, Recorded> files;
    pipeline::SpareRecord spare;
};

/// Publishes `site` as an incremental build would: files with the same bytes as `previous`
/// whose live copy is intact are kept, the rest written; returns the new manifest.
Manifest publish(fs::MemoryFs& disk, const Tree& site, const Manifest* previous,
                 Publisher::Previous after = Publisher::Previous::spare, bool saved = true) {
    Publisher p(disk, kOut, previous ? &previous->spare : nullptr);
    p.begin();
    Manifest next;
    for (const auto& [path, bytes] : site) {
        const Recorded* before = nullptr;
        if (previous)
            if (auto it = previous->files.find(path); it != previous->files.end())
                before = &it->second;
        if (before && before->bytes == bytes && p.live_intact(path, before->stat)) {
            p.keep(path, before->stat.inode);
            next.files[path] = {bytes, before->stat};
        } else {
            next.files[path] = {bytes, p.write(path, bytes)};
        }
    }
    std::unordered_map<std::string, uint64_t> live;
    if (previous)
        for (const auto& [path, file] : previous->files) live[path] = file.stat.inode;
    next.spare = p.commit(previous ? after : Publisher::Previous::unknown_spare, live,
                          [&](const std::string& path) { return site.count(path) > 0; });
    if (saved) Publisher::settle(disk, kOut);  // the cache is saved
    return next;
}

const Tree kV1 = {{"index.html", "главная 1"},
                  {"practices/a/index.html", "практика А"},
                  {"practices/b/index.html", "практика Б"},
                  {"api/schools.json", "[1]"}};
const Tree kV2 = {{"index.html", "главная 2"},
                  {"practices/a/index.html", "практика А"},
                  {"practices/c/index.html", "практика В"},
                  {"api/schools.json", "[1]"}};
const Tree kV3 = {{"index.html", "главная 3"},
                  {"practices/a/index.html", "практика А, правка"},
                  {"practices/c/index.html", "практика В"},
                  {"api/schools.json", "[1]"}};

}  // namespace

TEST_CASE("the first build publishes the staged tree under the output's name") {
    fs::MemoryFs disk;
    disk.make_dir("/w");
    Manifest m = publish(disk, kV1, nullptr);
    CHECK(disk.files_under(kOut) == kV1);
    CHECK(disk.list("/w") == std::vector<std::string>{"site"});  // no staging, no marker
    CHECK(m.spare.folder_inode == 0);
}

TEST_CASE("an incremental build links unchanged files and keeps the previous site as the spare") {
    fs::MemoryFs disk;
    disk.make_dir("/w");
    Manifest m1 = publish(disk, kV1, nullptr);
    Manifest m2 = publish(disk, kV2, &m1);
    CHECK(disk.files_under(kOut) == kV2);
    // Unchanged files are the same inodes as before: linked, not copied.
    CHECK(disk.inode_of(kOut + "/api/schools.json") == m1.files.at("api/schools.json").stat.inode);
    CHECK(disk.inode_of(kOut + "/practices/a/index.html") ==
          m1.files.at("practices/a/index.html").stat.inode);
    auto paths = pipeline::PublishPaths::of(kOut);
    CHECK(m2.spare.folder_inode != 0);
    CHECK(disk.files_under(paths.spare) == kV1);  // the previous site, complete
    CHECK_FALSE(disk.stat(paths.dirty));

    // The next build stages into the spare: it becomes v3 and v2 goes beside the output.
    Manifest m3 = publish(disk, kV3, &m2);
    CHECK(disk.files_under(kOut) == kV3);
    CHECK(disk.files_under(paths.spare) == kV2);
    CHECK(disk.inode_of(kOut + "/api/schools.json") == m1.files.at("api/schools.json").stat.inode);
    CHECK(m3.spare.folder_inode != 0);
}

TEST_CASE("a live file deleted or edited by hand is written again, not linked") {
    fs::MemoryFs disk;
    disk.make_dir("/w");
    Manifest m1 = publish(disk, kV1, nullptr);
    disk.remove(kOut + "/api/schools.json");
    disk.write_file(kOut + "/index.html", "главная 1");  // same bytes, but a new file
    Manifest m2 = publish(disk, kV1, &m1);
    CHECK(disk.files_under(kOut) == kV1);
    CHECK(m2.files.at("api/schools.json").stat.inode != m1.files.at("api/schools.json").stat.inode);
}

TEST_CASE("a file where a folder must go, and a folder where a file must go, are replaced") {
    fs::MemoryFs disk;
    disk.make_dir("/w");
    Tree files = {{"a", "файл"}, {"b/index.html", "папка"}};
    Tree folders = {{"a/index.html", "папка"}, {"b", "файл"}};
    Manifest m1 = publish(disk, files, nullptr);
    Manifest m2 = publish(disk, folders, &m1);
    CHECK(disk.files_under(kOut) == folders);
    Manifest m3 = publish(disk, files, &m2);  // stages into the spare, which has `files`' shape
    CHECK(disk.files_under(kOut) == files);
    Manifest m4 = publish(disk, folders, &m3);
    CHECK(disk.files_under(kOut) == folders);
}

TEST_CASE("a spare of unknown contents is swept: only what this build staged is published") {
    fs::MemoryFs disk;
    disk.make_dir("/w");
    Manifest m1 = publish(disk, kV1, nullptr);
    Manifest m2 = publish(disk, kV2, &m1);
    auto paths = pipeline::PublishPaths::of(kOut);
    disk.make_dir(paths.spare + "/stray");
    disk.write_file(paths.spare + "/stray/evil.html", "<script>");
    disk.write_file(paths.spare + "/index.html", "подмена");
    m2.spare = {};  // as after a cache that was lost
    publish(disk, kV3, &m2);
    CHECK(disk.files_under(kOut) == kV3);
}

TEST_CASE("a failure at any step leaves the old site live, and the next build publishes the new") {
    // Count the mutating steps of one incremental publish, then fail at each of them in turn.
    long steps = 0;
    {
        fs::MemoryFs disk;
        disk.make_dir("/w");
        Manifest m1 = publish(disk, kV1, nullptr);
        Manifest m2 = publish(disk, kV2, &m1);
        for (long n = 0;; ++n) {
            fs::MemoryFs probe;
            probe.make_dir("/w");
            Manifest p1 = publish(probe, kV1, nullptr);
            Manifest p2 = publish(probe, kV2, &p1);
            probe.fail_after(n);
            try {
                publish(probe, kV3, &p2);
                steps = n;
                break;
            } catch (const std::runtime_error&) {
            }
        }
    }
    REQUIRE(steps > 5);
    for (long n = 0; n < steps; ++n) {
        CAPTURE(n);
        fs::MemoryFs disk;
        disk.make_dir("/w");
        Manifest m1 = publish(disk, kV1, nullptr);
        Manifest m2 = publish(disk, kV2, &m1);
        disk.fail_after(n);
        CHECK_THROWS(publish(disk, kV3, &m2));
        disk.fail_after(-1);
        auto live = disk.files_under(kOut);
        CHECK((live == kV2 || live == kV3));
        // The killed build's cache was never written: the next build starts from m2.
        Manifest m3 = publish(disk, kV3, &m2);
        CHECK(disk.files_under(kOut) == kV3);
        publish(disk, kV1, &m3);  // and the one after it from that build's
        CHECK(disk.files_under(kOut) == kV1);
        CHECK(disk.files_under(pipeline::PublishPaths::of(kOut).spare) == kV3);
    }
}

TEST_CASE("a mount point is staged inside itself and replaced entry by entry") {
    fs::MemoryFs disk;
    disk.make_dir("/w");
    disk.make_dir(kOut);
    disk.mount(kOut);
    Manifest m1 = publish(disk, kV1, nullptr);
    CHECK(disk.files_under(kOut) == kV1);
    Manifest m2 = publish(disk, kV2, &m1);
    CHECK(disk.files_under(kOut) == kV2);
    CHECK(m2.spare.folder_inode == 0);
    CHECK(disk.inode_of(kOut + "/api/schools.json") == m1.files.at("api/schools.json").stat.inode);
}

TEST_CASE("a mount point's move killed at any step is finished by the next build") {
    for (long n = 0; n < 40; ++n) {
        CAPTURE(n);
        fs::MemoryFs disk;
        disk.make_dir("/w");
        disk.make_dir(kOut);
        disk.mount(kOut);
        Manifest m1 = publish(disk, kV1, nullptr);
        disk.fail_after(n);
        bool failed = false;
        try {
            publish(disk, kV2, &m1);
        } catch (const std::runtime_error&) {
            failed = true;
        }
        disk.fail_after(-1);
        if (!failed) break;
        // Whatever the step, the next build (here of v2 again) ends with v2 alone.
        publish(disk, kV2, &m1);
        auto live = disk.files_under(kOut);
        CHECK(live == kV2);
    }
}

TEST_CASE(
    "builds killed after the swap but before their cache was saved leave the spare untrusted") {
    fs::MemoryFs disk;
    disk.make_dir("/w");
    Manifest m1 = publish(disk, kV1, nullptr);
    Manifest m2 = publish(disk, kV2, &m1);
    // Two swaps without a saved cache bring the recorded spare folder back under its name.
    publish(disk, kV3, &m2, Publisher::Previous::spare, false);
    publish(disk, kV3, &m2, Publisher::Previous::spare, false);
    CHECK(disk.stat(pipeline::PublishPaths::of(kOut).dirty));
    Manifest m3 = publish(disk, kV1, &m2);
    CHECK(disk.files_under(kOut) == kV1);
    publish(disk, kV2, &m3);
    CHECK(disk.files_under(kOut) == kV2);
}
