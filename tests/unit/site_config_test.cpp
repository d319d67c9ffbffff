// config.toml's base_url (SPEC §4a): only an http(s) address with a host or a path starting with
// a single '/' is taken; anything else is an error at the value's position.

#include "config/site_config.h"

#include <doctest/doctest.h>

#include "diag_messages.h"

using namespace nk;

using test::messages;

TEST_CASE("base_url_problem accepts http(s) addresses with a host and paths with one '/'") {
    for (const char* ok : {"", "/", "/sub/", "/sub", "https://example.org/", "https://example.org",
                           "http://127.0.0.1:1313/", "HTTPS://Example.org/a/b/",
                           "https://школа.рф/сайт/", "http://[::1]:8080/", "/a%20b/"})
        CHECK_MESSAGE(config::base_url_problem(ok).empty(), ok);
}

TEST_CASE("base_url_problem refuses other schemes, other hosts, '//' and control characters") {
    for (const char* bad : {"javascript:alert(1)",
                            "JavaScript:alert(1)//",
                            "data:text/html,x",
                            "ftp://example.org/",
                            "//evil.example/",
                            "///x",
                            "https://example.org//evil.example/",
                            "/a//b/",
                            "https:///path",
                            "https://",
                            "https://user:pw@example.org/",
                            "example.org/",
                            "relative/path",
                            "https://example.org/a\r\nX-Injected: 1",
                            "/a\tb/",
                            "/a\nb",
                            "https://example.org/a b/",
                            "/a\\b/",
                            "https://exa\"mple.org/",
                            "/a/<script>/",
                            "/a?x=1",
                            "/a#top",
                            "/a/../b/",
                            "/a/./b/",
                            "/..",
                            "https://example.org:port/",
                            "https://-bad.org/"})
        CHECK_MESSAGE(!config::base_url_problem(bad).empty(), bad);
}

TEST_CASE("a bad base_url in config.toml is an error at its value, and is not used") {
    diag::Diagnostics d;
    auto c = config::parse_config("title = \"x\"\nbase_url   = \"javascript:alert(1)//\"\n",
                                  "config.toml", d);
    auto m = messages(d);
    REQUIRE(m.size() == 1);
    CHECK(m[0].rfind("config.toml:2:14: error: 'base_url' must be an http:// or https:// "
                     "address (not 'javascript:')",
                     0) == 0);
    CHECK(c.base_url == "/");

    diag::Diagnostics d2;
    auto c2 = config::parse_config("base_url = \"https://example.org//evil.example/\"\n",
                                   "config.toml", d2);
    REQUIRE(messages(d2).size() == 1);
    CHECK(messages(d2)[0].find("config.toml:1:12: error: 'base_url' must not have '//'") == 0);
    CHECK(c2.base_url == "/");

    diag::Diagnostics d3;
    auto c3 = config::parse_config("base_url = \"https://example.org/sub\"\n", "config.toml", d3);
    CHECK(messages(d3).empty());
    CHECK(c3.base_url == "https://example.org/sub/");
}
