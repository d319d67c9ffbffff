// The incremental build's cache: hashes, the cache file round trip, the input scan (which files
// it sees, which it reads again), and the incremental writer's reuse of unchanged files.
#include "pipeline/build_cache.h"

#include <doctest/doctest.h>

#include <boost/filesystem.hpp>
#include <ctime>
#include <fstream>

#include "fs/output_fs.h"
#include "pipeline/incremental_writer.h"
#include "pipeline/publisher.h"
#include "render/template_engine.h"
#include "temp_dir.h"

using namespace nk;
namespace bfs = boost::filesystem;

namespace {

using test::TempDir;

void write(const bfs::path& path, const std::string& text) {
    bfs::create_directories(path.parent_path());
    std::ofstream(path.string(), std::ios::binary) << text;
}

std::string read(const bfs::path& path) {
    std::ifstream in(path.string(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("hashes: equal bytes hash alike, and the order of combined parts matters") {
    CHECK(pipeline::hash_bytes("практика") == pipeline::hash_bytes("практика"));
    CHECK(pipeline::hash_bytes("a") != pipeline::hash_bytes("b"));
    CHECK(pipeline::Hasher().add("a").add("bc").value() !=
          pipeline::Hasher().add("ab").add("c").value());
    CHECK(pipeline::Hasher().add(1).add(2).value() != pipeline::Hasher().add(2).add(1).value());
}

TEST_CASE("the cache file keeps every field, and a damaged file is ignored") {
    TempDir dir;
    pipeline::BuildCache cache;
    cache.identity = "out=/x\naudience=public\n";
    cache.fingerprint = 42;
    cache.inputs["content/practices/a.md"] = {10, 1234567890123, 77, 99};
    cache.outputs["practices/a/index.html"] = {5, 6};
    cache.out_device = 3;
    cache.out_inode = 4;
    cache.diagnostics = "config.toml:1:1: warning: x\n";
    cache.warnings = 1;
    cache.git_head = "0123abcd";
    cache.git_dates["content/practices/a.md"] = Date{2022, 2, 20};
    std::string file = (dir.path / "build.cache").string();
    cache.write(file);
    auto back = pipeline::BuildCache::read(file);
    REQUIRE(back);
    CHECK(back->identity == cache.identity);
    CHECK(back->fingerprint == 42);
    CHECK(back->inputs == cache.inputs);
    CHECK(back->outputs.at("practices/a/index.html").key == 5);
    CHECK(back->outputs.at("practices/a/index.html").hash == 6);
    CHECK(back->out_device == 3);
    CHECK(back->out_inode == 4);
    CHECK(back->diagnostics == cache.diagnostics);
    CHECK(back->warnings == 1);
    CHECK(back->git_head == "0123abcd");
    REQUIRE(back->git_dates.size() == 1);
    CHECK(back->git_dates.at("content/practices/a.md").iso() == "2022-02-20");

    std::string bytes = read(file);
    write(file, bytes.substr(0, bytes.size() - 5));
    CHECK_FALSE(pipeline::BuildCache::read(file));
    write(file, "something else");
    CHECK_FALSE(pipeline::BuildCache::read(file));
    CHECK_FALSE(pipeline::BuildCache::read((dir.path / "missing").string()));
}

TEST_CASE("the input scan sees the site's sources and folders, and nothing else") {
    TempDir dir;
    write(dir.path / "config.toml", "title = \"x\"\n");
    write(dir.path / "content/practices/a.md", "+++\n+++\n");
    write(dir.path / "data/schools/s.toml", "name = \"s\"\n");
    write(dir.path / "themes/default/templates/page.mustache", "{{title}}");
    write(dir.path / "static/docs/a.pdf", "%PDF");
    write(dir.path / "site/index.html", "output");
    write(dir.path / ".nastavnik-cache/build.cache", "cache");
    bfs::create_directories(dir.path / "content/empty");
    auto inputs = pipeline::scan_inputs(dir.str(), nullptr, 2);
    std::vector<std::string> names;
    for (const auto& [name, file] : inputs) names.push_back(name);
    CHECK(names == std::vector<std::string>{
                       "config.toml", "content/empty/", "content/practices/",
                       "content/practices/a.md", "data/schools/", "data/schools/s.toml",
                       "static/docs/", "static/docs/a.pdf", "themes/default/",
                       "themes/default/templates/", "themes/default/templates/page.mustache"});
    CHECK(inputs.at("config.toml").hash == pipeline::hash_bytes("title = \"x\"\n"));
}

TEST_CASE("a rescan trusts an unchanged stat older than the cache, and hashes anything else") {
    TempDir dir;
    bfs::path file = dir.path / "content/pages/a.md";
    write(file, "one");
    std::time_t hour_ago = std::time(nullptr) - 3600;
    bfs::last_write_time(file, hour_ago);
    auto first = pipeline::scan_inputs(dir.str(), nullptr, 1);
    CHECK(first.at("content/pages/a.md").hash == pipeline::hash_bytes("one"));
    const int64_t later = (static_cast<int64_t>(std::time(nullptr)) + 60) * 1000000000;

    auto previous = first;
    previous["content/pages/a.md"].hash = 12345;  // as if the last build had seen other bytes
    CHECK(pipeline::scan_inputs(dir.str(), &previous, 1, later).at("content/pages/a.md").hash ==
          12345);
    // Not older than the cache (Git's racy rule): hashed, whatever the stat says.
    const int64_t at_mtime = static_cast<int64_t>(hour_ago) * 1000000000;
    CHECK(pipeline::scan_inputs(dir.str(), &previous, 1, at_mtime).at("content/pages/a.md").hash ==
          pipeline::hash_bytes("one"));

    write(file, "two");  // same size, new mtime
    bfs::last_write_time(file, hour_ago + 60);
    CHECK(pipeline::scan_inputs(dir.str(), &previous, 1, later).at("content/pages/a.md").hash ==
          pipeline::hash_bytes("two"));

    // Same size and the mtime put back: the ctime tells.
    previous = pipeline::scan_inputs(dir.str(), nullptr, 1);
    struct timespec pause {
        0, 20000000
    };
    nanosleep(&pause, nullptr);
    write(file, "six");
    bfs::last_write_time(file, hour_ago + 60);
    auto again = pipeline::scan_inputs(dir.str(), &previous, 1, later);
    CHECK(again.at("content/pages/a.md").mtime_ns == previous.at("content/pages/a.md").mtime_ns);
    CHECK(again.at("content/pages/a.md").hash == pipeline::hash_bytes("six"));
    CHECK(pipeline::fingerprint(first, "git=") != pipeline::fingerprint(first, "git=abc"));
    CHECK(pipeline::fingerprint(first, "") != pipeline::fingerprint(again, ""));
}

TEST_CASE("a damaged build cache is not read") {
    TempDir dir;
    pipeline::BuildCache cache;
    cache.identity = "id";
    cache.outputs["a/index.html"] = {1, 2, 3, 4, 5};
    cache.spare.files["a/index.html"] = 6;
    std::string path = (dir.path / "build.cache").string();
    cache.write(path);
    bool damaged = false;
    auto back = pipeline::BuildCache::read(path, &damaged);
    REQUIRE(back);
    CHECK_FALSE(damaged);
    CHECK(back->spare.files.at("a/index.html") == 6);
    std::string bytes = read(path);
    for (size_t at = 24; at < bytes.size(); at += 7) {
        std::string bad = bytes;
        bad[at] = static_cast<char>(bad[at] ^ 0x5a);
        write(path, bad);
        damaged = false;
        CHECK_FALSE(pipeline::BuildCache::read(path, &damaged));
        CHECK(damaged);
    }
}

TEST_CASE("the incremental writer rewrites only what changed and removes what is gone") {
    diag::Diagnostics diags;
    auto templates = render::TemplateEngine::from_strings({{"page", "<p>{{title}}</p>"}}, diags);
    fs::MemoryFs disk;
    disk.make_dir("/w");
    const std::string out = "/w/site";
    auto page = [](std::string url, std::string title) {
        output::OutputTask t{url, "", nullptr, "page", [title] {
                                 return render::json{{"title", title}};
                             }};
        return t;
    };
    std::vector<output::OutputTask> tasks = {
        page("/a/", "А"), page("/b/", "Б"), {"/data.json", "", [] { return std::string("{}"); }}};
    auto items = [&] {
        std::vector<pipeline::OutputItem> list;
        for (const auto& t : tasks) list.push_back({output::output_path(t.url, "/"), &t, "", 0});
        return pipeline::IncrementalWriter::unique_items(list);
    };
    pipeline::IncrementalWriter writer(templates, 1, 2, diags);
    pipeline::Publisher full(disk, out, nullptr);
    CHECK_FALSE(full.begin());
    pipeline::WriteSummary first = writer.write(items(), nullptr, full);
    CHECK(full.commit(pipeline::Publisher::Previous::unknown_spare, {},
                      [](const std::string&) { return true; })
              .folder_inode == 0);
    CHECK(disk.files_under(out) == std::map<std::string, std::string>{{"a/index.html", "<p>А</p>"},
                                                                      {"b/index.html", "<p>Б</p>"},
                                                                      {"data.json", "{}"}});
    CHECK(first.outputs.size() == 3);
    CHECK(first.outputs.at("data.json").inode == disk.inode_of(out + "/data.json"));

    tasks[1] = page("/b/", "Б2");  // changed
    tasks.erase(tasks.begin());    // /a/ is gone
    pipeline::Publisher next(disk, out, nullptr);
    CHECK_FALSE(next.begin());  // no spare recorded: staging starts empty
    pipeline::WriteSummary second = writer.write(items(), &first.outputs, next);
    CHECK(second.written == 1);
    CHECK(second.unchanged == 1);
    CHECK(disk.read(out + "/b/index.html") == "<p>Б</p>");  // not published yet
    std::unordered_map<std::string, uint64_t> live;
    for (const auto& [path, file] : first.outputs) live[path] = file.inode;
    CHECK(next.commit(pipeline::Publisher::Previous::spare, live,
                      [&](const std::string& path) { return second.outputs.count(path) > 0; })
              .folder_inode != 0);
    CHECK(disk.files_under(out) ==
          std::map<std::string, std::string>{{"b/index.html", "<p>Б2</p>"}, {"data.json", "{}"}});
    // The unchanged file is the same file (a hard link), not a copy.
    CHECK(disk.inode_of(out + "/data.json") == first.outputs.at("data.json").inode);
    // The previous site is kept beside the output as the next build's staging.
    CHECK(disk.files_under(next.paths().spare).size() == 3);
    CHECK_FALSE(diags.has_errors());
}

TEST_CASE("unique_items keeps the last item of each path, in order") {
    std::vector<pipeline::OutputItem> items = {
        {"b/index.html", nullptr, "first-b", 1},
        {"a/index.html", nullptr, "a", 2},
        {"b/index.html", nullptr, "second-b", 3},
        {"c.json", nullptr, "c", 4},
    };
    auto unique = pipeline::IncrementalWriter::unique_items(items);
    REQUIRE(unique.size() == 3);
    CHECK(unique[0].path == "a/index.html");
    CHECK(unique[1].source == "second-b");
    CHECK(unique[2].path == "c.json");
    items.erase(items.begin());  // no path twice: all kept as they are
    CHECK(pipeline::IncrementalWriter::unique_items(items).size() == 3);
}
