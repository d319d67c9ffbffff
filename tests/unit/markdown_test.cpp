#include "markdown/markdown.h"

#include <doctest/doctest.h>

using namespace nk;

TEST_CASE("GFM tables, strikethrough, task lists and autolinks render") {
    diag::Diagnostics d;
    auto r = markdown::render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.org\n\n- [x] done\n", "p.md", 5,
        d);
    CHECK(r.html.view().find("<table>") != std::string::npos);
    CHECK(r.html.view().find("<del>old</del>") != std::string::npos);
    CHECK(r.html.view().find("<a href=\"https://example.org\">") != std::string::npos);
    CHECK(r.html.view().find("type=\"checkbox\"") != std::string::npos);
    CHECK_FALSE(d.has_errors());
}

TEST_CASE("headings get transliterated, unique anchors") {
    diag::Diagnostics d;
    auto r = markdown::render("## Результаты\n\n## Результаты\n", "p.md", 1, d);
    REQUIRE(r.headings.size() == 2);
    CHECK(r.headings[0].anchor == "rezultaty");
    CHECK(r.headings[1].anchor == "rezultaty-1");
    CHECK(r.html.view().find("<h2 id=\"rezultaty\">Результаты</h2>") != std::string::npos);
}

TEST_CASE("raw HTML is removed with a warning; unsafe links are errors at their line") {
    diag::Diagnostics d;
    auto r = markdown::render("text\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
                              "p.md", 10, d);
    CHECK(r.html.view().find("<script>") == std::string::npos);
    CHECK(r.html.view().find("javascript:") == std::string::npos);
    auto all = d.sorted();
    REQUIRE(all.size() == 2);
    CHECK(diag::Diagnostics::format(all[0]).rfind("p.md:12:1: warning: raw HTML", 0) == 0);
    CHECK(diag::Diagnostics::format(all[1]) ==
          "p.md:14:1: error: unsafe link 'javascript:alert(1)': only http, https, mailto and tel "
          "links are allowed");
}

TEST_CASE("columns count code points, also on a line after a lone CR") {
    diag::Diagnostics d;
    markdown::render("Привет\rмир <b>x</b>\r\rЁлка ёж [a](javascript:x)\n", "p.md", 5, d);
    auto all = d.sorted();
    REQUIRE(all.size() == 3);
    CHECK(diag::Diagnostics::format(all[0]).rfind("p.md:6:5: warning: raw HTML", 0) == 0);
    CHECK(diag::Diagnostics::format(all[1]).rfind("p.md:6:9: warning: raw HTML", 0) == 0);
    CHECK(diag::Diagnostics::format(all[2]).rfind("p.md:8:9: error: unsafe link", 0) == 0);
}

TEST_CASE("site-relative links are collected and get the base path") {
    diag::Diagnostics d;
    auto r = markdown::render("See [other](/practices/other/).\n", "p.md", 1, d, {"/sub/"});
    REQUIRE(r.internal_links.size() == 1);
    CHECK(r.internal_links[0].url == "/practices/other/");
    CHECK(r.html.view().find("href=\"/sub/practices/other/\"") != std::string::npos);
}
