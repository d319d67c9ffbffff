// The dev server's file lookup: only regular files inside the built site are ever served.
#include "serve/site_files.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <fstream>

using namespace nk::serve;
namespace bfs = boost::filesystem;

namespace {

struct Site {
    bfs::path base = bfs::temp_directory_path() / bfs::unique_path("nk-serve-test-%%%%%%%%");
    std::string root = (base / "site").string();
    Site() {
        bfs::create_directories(base / "site/practices/a");
        std::ofstream((base / "site/index.html").string()) << "<html><body>home</body></html>";
        std::ofstream((base / "site/practices/a/index.html").string()) << "a";
        std::ofstream((base / "site/feed.xml").string()) << "<feed/>";
        std::ofstream((base / "secret.txt").string()) << "secret";
        bfs::create_symlink(base / "secret.txt", base / "site/link.txt");
        bfs::create_directory_symlink(base, base / "site/up");
    }
    ~Site() {
        boost::system::error_code ec;
        bfs::remove_all(base, ec);
    }
};

}  // namespace

TEST_CASE("files and folder index pages inside the site are found") {
    Site s;
    CHECK(resolve(s.root, "/").result == Lookup::found);
    CHECK(resolve(s.root, "/").file == s.root + "/index.html");
    CHECK(resolve(s.root, "/practices/a/").file == s.root + "/practices/a/index.html");
    CHECK(resolve(s.root, "/feed.xml").result == Lookup::found);
    auto folder = resolve(s.root, "/practices/a");
    CHECK(folder.result == Lookup::redirect);
    CHECK(folder.location == "/practices/a/");
    CHECK(resolve(s.root, "/practices/b/").result == Lookup::not_found);
    CHECK(resolve(s.root, "/feed.xml/x").result == Lookup::not_found);
}

TEST_CASE("a folder's redirect never sends a Location starting with '//'") {
    Site s;
    bfs::create_directories(bfs::path(s.root) / "с пробелом");
    for (const char* path : {"//practices", "///practices", "//practices//a", "/practices//a"}) {
        auto r = resolve(s.root, path);
        CHECK_MESSAGE(r.result == Lookup::redirect, path);
        CHECK_MESSAGE(r.location.rfind("//", 0) == std::string::npos, path);
    }
    CHECK(resolve(s.root, "//practices").location == "/practices/");
    CHECK(resolve(s.root, "//practices//a").location == "/practices/a/");
    CHECK(resolve(s.root, "/с пробелом").location ==
          "/%D1%81%20%D0%BF%D1%80%D0%BE%D0%B1%D0%B5%D0%BB%D0%BE%D0%BC/");
}

TEST_CASE("traversal, odd paths and symbolic links are refused") {
    Site s;
    for (const char* path :
         {"/../secret.txt", "/practices/../../secret.txt", "/./index.html", "/..", "relative", "",
          "/a\\..\\secret.txt", "/link.txt", "/up/secret.txt", "/up/site/index.html"})
        CHECK_MESSAGE(resolve(s.root, path).result == Lookup::forbidden, path);
    CHECK(resolve(s.root, std::string("/index.html\0.txt", 16)).result == Lookup::forbidden);
}

TEST_CASE("content types and the injected snippet") {
    CHECK(content_type("a/index.html") == "text/html; charset=utf-8");
    CHECK(content_type("events.ics") == "text/calendar; charset=utf-8");
    CHECK(content_type("reports/2021/report.xlsx").find("spreadsheetml") != std::string::npos);
    CHECK(content_type("no-extension") == "application/octet-stream");
    CHECK(content_type("dir.v2/file") == "application/octet-stream");
    CHECK(inject("<body>x</body></html>", "<s>") == "<body>x<s></body></html>");
    CHECK(inject("plain", "<s>") == "plain<s>");
}
