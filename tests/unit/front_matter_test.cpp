#include "content/front_matter.h"

#include <doctest/doctest.h>

using namespace nk;

TEST_CASE("front matter is split with whole-file line numbers") {
    diag::Diagnostics d;
    auto page = content::split_front_matter("+++\ntitle = \"x\"\n+++\n# Body\n", "p.md", d);
    REQUIRE(page);
    CHECK(page->front_matter == "title = \"x\"\n");
    CHECK(page->front_matter_line == 2);
    CHECK(page->body == "# Body\n");
    CHECK(page->body_line == 4);
    CHECK_FALSE(d.has_errors());
}

TEST_CASE("a missing opening or closing +++ is an error at the top of the file") {
    diag::Diagnostics d;
    CHECK_FALSE(content::split_front_matter("title = 1\n", "a.md", d));
    CHECK_FALSE(content::split_front_matter("+++\ntitle = 1\n", "b.md", d));
    auto all = d.sorted();
    REQUIRE(all.size() == 2);
    CHECK(diag::Diagnostics::format(all[0]).rfind("a.md:1:1: error: expected '+++'", 0) == 0);
    CHECK(diag::Diagnostics::format(all[1]) ==
          "b.md:1:1: error: front matter is not closed: add a line '+++' after it");
}

TEST_CASE("a page with an empty body and trailing spaces on the delimiter") {
    diag::Diagnostics d;
    auto page = content::split_front_matter("+++  \ntitle = \"x\"\n+++", "p.md", d);
    REQUIRE(page);
    CHECK(page->body.empty());
}
