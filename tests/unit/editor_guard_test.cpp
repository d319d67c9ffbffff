// The editor's guards: only this run's token, this server's Host and Origin, and record files
// under content/ and data/ (whatever the spelling, whatever the symbolic links) get through.

#include <doctest/doctest.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <fstream>

#include "editor/path_guard.h"
#include "editor/request_guard.h"
#include "temp_dir.h"

using namespace nk::editor;

namespace {

RequestFacts good_api(const std::string& token) {
    RequestFacts r;
    r.method = "POST";
    r.api = true;
    r.host = "127.0.0.1:8123";
    r.origin = "http://127.0.0.1:8123";
    r.sec_fetch_site = "same-origin";
    r.header_token = token;
    return r;
}

}  // namespace

TEST_CASE("tokens are 32 hex characters, different every time, compared exactly") {
    std::string a = make_token(), b = make_token();
    CHECK(a.size() == 32);
    CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(a != b);
    CHECK(same_token(a, a));
    CHECK(!same_token(a, b));
    CHECK(!same_token(a, a.substr(0, 31)));
    CHECK(!same_token("", a));
}

TEST_CASE("the request guard wants the token, this server's Host and Origin") {
    const std::string token = make_token();
    CHECK(refusal(good_api(token), token, 8123).empty());
    RequestFacts r = good_api(token);
    r.origin.reset();  // curl: no Origin, but the token header
    r.sec_fetch_site.reset();
    CHECK(refusal(r, token, 8123).empty());
    r.host = "localhost:8123";
    CHECK(refusal(r, token, 8123).empty());

    auto refused = [&](auto change) {
        RequestFacts x = good_api(token);
        change(x);
        return !refusal(x, token, 8123).empty();
    };
    CHECK(refused([](RequestFacts& x) { x.header_token.reset(); }));
    CHECK(refused([](RequestFacts& x) { x.header_token = "0123456789abcdef0123456789abcdef"; }));
    CHECK(refused([&](RequestFacts& x) {  // the page's ?token= does not open the API
        x.header_token.reset();
        x.query_token = token;
    }));
    CHECK(refused([](RequestFacts& x) { x.host = "evil.example:8123"; }));  // DNS rebinding
    CHECK(refused([](RequestFacts& x) { x.host = "127.0.0.1:9999"; }));
    CHECK(refused([](RequestFacts& x) { x.host.reset(); }));
    CHECK(refused([](RequestFacts& x) { x.origin = "http://evil.example"; }));
    CHECK(refused([](RequestFacts& x) { x.origin = "http://127.0.0.1:9999"; }));
    CHECK(refused([](RequestFacts& x) { x.origin = "null"; }));
    CHECK(refused([](RequestFacts& x) { x.sec_fetch_site = "cross-site"; }));
    CHECK(refused([](RequestFacts& x) { x.sec_fetch_site = "same-site"; }));  // another port

    RequestFacts page;
    page.host = "127.0.0.1:8123";
    page.sec_fetch_site = "none";
    page.query_token = token;
    CHECK(refusal(page, token, 8123).empty());
    page.query_token = token.substr(1) + "0";
    CHECK(!refusal(page, token, 8123).empty());
    // Russian, for the editor.
    CHECK(refusal(page, token, 8123).find("нет доступа") != std::string::npos);
    // No token made yet: nothing gets through, not even an empty one.
    page.query_token = "";
    CHECK(!refusal(page, "", 8123).empty());
}

TEST_CASE("the path guard lets through records under content/ and data/ only") {
    namespace bfs = boost::filesystem;
    nk::test::TempDir site, outside;
    bfs::create_directories(site.path / "data/schools");
    bfs::create_directories(site.path / "content/practices");
    std::ofstream(site.path / "config.toml") << "title = \"x\"\n";
    std::ofstream(site.path / "data/schools/a.toml") << "name = \"a\"\n";
    std::ofstream(outside.path / "secret.toml") << "x = 1\n";
    bfs::create_directories(outside.path / "dir");

    auto ok = [&](const std::string& p) {
        return std::holds_alternative<EditablePath>(editable_path(site.str(), p));
    };
    CHECK(ok("data/schools/a.toml"));
    CHECK(ok("data/schools/new.toml"));  // a new file
    CHECK(ok("content/practices/x.md"));
    CHECK(ok("data/plans/p.toml"));  // its folder comes with the file
    CHECK(ok("data/schools/%61.toml"));
    auto got = std::get<EditablePath>(editable_path(site.str(), "data/schools/%61.toml"));
    CHECK(got.relative == "data/schools/a.toml");
    CHECK(got.absolute == (bfs::canonical(site.path) / "data/schools/a.toml").string());

    for (const char* bad : {"config.toml",
                            "../config.toml",
                            "data/../config.toml",
                            "data/schools/../../config.toml",
                            "%2e%2e/config.toml",
                            "data/%2e%2e/config.toml",
                            "data/schools/%252e%252e/x.toml",
                            "data%2f..%2fconfig.toml",
                            "/etc/passwd",
                            "//etc/x.toml",
                            "data\\schools\\a.toml",
                            "data/schools/a.toml%00.md",
                            "data/schools/./a.toml",
                            "data//schools/a.toml",
                            "data/schools/.hidden.toml",
                            "data/schools/a.md",
                            "content/practices/x.toml",
                            "data/a.toml",
                            "static/x.toml",
                            "themes/default/x.toml",
                            "data/schools/a.toml/",
                            "",
                            "%",
                            "data/schools/%zz.toml",
                            ".git/config"})
        CHECK_MESSAGE(!ok(bad), bad);
    std::string with_nul("data/schools/a.toml\0.md", 23);
    CHECK(!ok(with_nul));

    // Symbolic links: of the file, of a folder on the way, of data/ itself.
    bfs::create_symlink(outside.path / "secret.toml", site.path / "data/schools/link.toml");
    CHECK(!ok("data/schools/link.toml"));
    bfs::create_symlink(site.path / "data/schools/a.toml", site.path / "data/schools/inner.toml");
    CHECK(!ok("data/schools/inner.toml"));  // a link is never written through, even inside
    bfs::create_symlink(outside.path / "dir", site.path / "data/mentorships");
    CHECK(!ok("data/mentorships/m.toml"));
    bfs::create_symlink(site.path / "content", site.path / "data/events");
    CHECK(!ok("data/events/practices/x.md"));
    nk::test::TempDir other;
    bfs::create_directories(other.path / "schools");
    bfs::create_symlink(other.path,
                        other.path.parent_path() / (other.path.filename().string() + "-site"));
    bfs::path linked_site = other.path.parent_path() / (other.path.filename().string() + "-site");
    bfs::create_directories(outside.path / "site2");
    bfs::create_symlink(other.path, outside.path / "site2/data");
    CHECK(!std::holds_alternative<EditablePath>(
        editable_path((outside.path / "site2").string(), "data/schools/x.toml")));
    bfs::remove(linked_site);
}
