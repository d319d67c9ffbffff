// The editor's file side: config.toml's [editor] author, atomic writes that leave the old file
// when a write fails, and the edits a form's new values make of a record's old ones.

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>

#include <boost/filesystem.hpp>
#include <fstream>
#include <sstream>

#include "config/site_config.h"
#include "diag_messages.h"
#include "editor/atomic_file.h"
#include "editor/edit_api.h"
#include "temp_dir.h"

using namespace nk;

namespace {

std::string read_file(const boost::filesystem::path& p) {
    std::ifstream in(p.string(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

size_t files_in(const boost::filesystem::path& dir) {
    return static_cast<size_t>(std::distance(boost::filesystem::directory_iterator(dir),
                                             boost::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("config.toml [editor] names the author; unknown keys are reported") {
    diag::Diagnostics d;
    auto c = config::parse_config("[editor]\nname = \"Иванова\"\nemail = \"i@example.org\"\n",
                                  "config.toml", d);
    CHECK(!d.has_errors());
    CHECK(c.editor_name == "Иванова");
    CHECK(c.editor_email == "i@example.org");
    diag::Diagnostics bad;
    config::parse_config("[editor]\nnmae = \"x\"\n", "config.toml", bad);
    auto m = test::messages(bad);
    REQUIRE(m.size() == 1);
    CHECK(m[0].find("config.toml:2:1") == 0);
    CHECK(m[0].find("'name'") != std::string::npos);  // did you mean
}

TEST_CASE("write_atomically replaces a file whole, keeping its permissions") {
    test::TempDir dir;
    auto path = dir.path / "a.toml";
    std::ofstream(path.string()) << "old\n";
    boost::filesystem::permissions(path, boost::filesystem::perms(0640));
    CHECK(editor::write_atomically(path.string(), "new = 1\n").empty());
    CHECK(read_file(path) == "new = 1\n");
    CHECK((boost::filesystem::status(path).permissions() & 0777) == 0640);
    CHECK(files_in(dir.path) == 1);  // no temporary file left
    CHECK(editor::write_atomically((dir.path / "plans/p.toml").string(), "x = 1\n").empty());
    CHECK(read_file(dir.path / "plans/p.toml") == "x = 1\n");
    CHECK(editor::content_hash("x") == editor::content_hash("x"));
    CHECK(editor::content_hash("x").size() == 16);
    CHECK(editor::content_hash("x") != editor::content_hash("y"));
}

TEST_CASE("a write that fails half way (as on a full disk) leaves the old file and no temporary") {
    test::TempDir dir;
    auto path = dir.path / "a.toml";
    std::ofstream(path.string()) << "old = 1\n";
    // A file size limit makes write() fail after 4 KiB, as a full disk does.
    struct rlimit before {};
    getrlimit(RLIMIT_FSIZE, &before);
    auto old_handler = signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = before;
    small.rlim_cur = 4096;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string problem = editor::write_atomically(path.string(), std::string(100000, 'x'));
    setrlimit(RLIMIT_FSIZE, &before);
    signal(SIGXFSZ, old_handler);
    CHECK(problem.find("файл не сохранён") == 0);
    CHECK(read_file(path) == "old = 1\n");
    CHECK(files_in(dir.path) == 1);
}

TEST_CASE("edits_between turns a form's values into set, remove and append") {
    auto j = [](const char* s) { return editor::Json::parse(s); };
    auto e = editor::edits_between(
        j(R"({"name": "a", "kind": "urban", "years": [{"year": 2020, "ior": 0.5}, {"year": 2021}],
              "tags": ["x"], "gone": 1})"),
        j(R"({"name": "b", "kind": "urban", "years": [{"year": 2020, "ior": 0.6}, {"year": 2021},
              {"year": 2022}], "tags": ["x", "y"], "website": "https://x.example/"})"));
    CHECK(e == j(R"([{"op": "set", "key": ["name"], "value": "b"},
                    {"op": "set", "key": ["years", 0, "ior"], "value": 0.6},
                    {"op": "append", "key": ["years"], "value": {"year": 2022}},
                    {"op": "set", "key": ["tags"], "value": ["x", "y"]},
                    {"op": "set", "key": ["website"], "value": "https://x.example/"},
                    {"op": "remove", "key": ["gone"]}])"));
    // Fewer rows: the last ones go, from the end; null removes a key.
    CHECK(editor::edits_between(j(R"({"years": [{"y": 1}, {"y": 2}, {"y": 3}], "a": 1})"),
                                j(R"({"years": [{"y": 1}], "a": null})")) ==
          j(R"([{"op": "remove", "key": ["years", 2]}, {"op": "remove", "key": ["years", 1]},
                {"op": "remove", "key": ["a"]}])"));
}
