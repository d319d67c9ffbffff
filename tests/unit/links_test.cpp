// The internal link checker: every kind of target the site produces, broken paths and anchors
// with their positions and suggestions, and links from public pages to internal-only ones.

#include "validate/links.h"

#include <doctest/doctest.h>

using namespace nk;

namespace {

markdown::Rendered rendered(std::vector<std::string> urls, std::vector<std::string> anchors = {}) {
    markdown::Rendered r;
    int line = 10;
    for (auto& u : urls) r.internal_links.push_back({u, {"content/practices/a.md", line++, 5}});
    for (auto& a : anchors) r.headings.push_back({2, a, a});
    return r;
}

model::Site sample_site() {
    model::Site s;
    s.config.directions = config::Vocabulary(
        std::vector<std::pair<std::string, std::string>>{{"quality", "Качество"}});
    s.config.practices_per_page = 1;
    records::Practice a, b;
    a.id = "a";
    a.path = "content/practices/a.md";
    a.directions = {{"quality", {}}};
    a.tags = {"ВСОКО"};
    b.id = "nope2";
    b.internal = true;
    s.practices = {a, b};
    records::School school;
    school.id = "sosh-5";
    s.schools.push_back(school);
    records::Page page;
    page.id = "documents";
    s.pages.push_back(page);
    s.page_html = {rendered({}, {"polozhenie"})};
    s.index();
    diag::Diagnostics routed;  // the targets are the route table's
    s.routes = model::Routes::build(s, routed);
    return s;
}

std::vector<std::string> check(model::Site& s, std::vector<std::string> urls,
                               std::vector<std::string> anchors = {}) {
    s.practice_html = {rendered(std::move(urls), std::move(anchors)), rendered({})};
    diag::Diagnostics diags;
    validate::check_links(s, diags);
    std::vector<std::string> out;
    for (const auto& d : diags.sorted()) out.push_back(diag::Diagnostics::format(d));
    return out;
}

}  // namespace

TEST_CASE("links: every page and file the site produces is a target") {
    model::Site s = sample_site();
    s.practice_html = {rendered({}, {"itogi"}), rendered({})};
    validate::LinkTargets t = validate::link_targets(s);
    for (const char* url :
         {"/", "/practices/", "/practices/page/2/", "/practices/by-title/page/2/", "/practices/a/",
          "/schools/sosh-5/", "/documents/", "/directions/quality/", "/directions/quality/feed.xml",
          "/tags/vsoko/", "/mentors/", "/feed.xml", "/api/schools.json", "/events.ics",
          "/404.html"})
        CHECK_MESSAGE(t.contains(url), url);
    CHECK_FALSE(t.contains("/practices/page/3/"));
    CHECK_FALSE(t.contains("/directions/quality/page/2/"));  // one practice: one page
    CHECK(t.is_internal("/practices/nope2/"));
    CHECK(t.is_internal("/reserve/"));
    REQUIRE(t.anchors("/practices/a/") != nullptr);
    CHECK(t.anchors("/practices/a/")->count("itogi") == 1);
    CHECK(t.anchors("/schools/sosh-5/") == nullptr);  // a template page: anchors unknown
}

TEST_CASE("links: working links pass") {
    model::Site s = sample_site();
    CHECK(check(s,
                {"/practices/", "/schools/sosh-5/", "/documents/#polozhenie", "#itogi",
                 "/practices/a/index.html", "/practices/?q=%D0%BE%D1%82%D1%87%D0%B5%D1%82",
                 "/practices/a/#"},
                {"itogi"})
              .empty());
}

TEST_CASE("links: broken paths are reported at the link with a suggestion") {
    model::Site s = sample_site();
    CHECK(check(s, {"/practices/nope/", "/schools/sosh-5", "/zzzzzzzzzzzz/"}) ==
          std::vector<std::string>{
              "content/practices/a.md:10:5: error: broken link '/practices/nope/' (did you mean "
              "'/practices/nope2/'?)",
              "content/practices/a.md:11:5: error: broken link '/schools/sosh-5' (did you mean "
              "'/schools/sosh-5/'?)",
              "content/practices/a.md:12:5: error: broken link '/zzzzzzzzzzzz/'"});
}

TEST_CASE("links: broken anchors, on another page and on the same page") {
    model::Site s = sample_site();
    CHECK(check(s, {"/documents/#polozhenia", "#itog"}, {"itogi"}) ==
          std::vector<std::string>{"content/practices/a.md:10:5: error: broken link "
                                   "'/documents/#polozhenia': no heading with anchor "
                                   "'polozhenia' on '/documents/' (did you mean '#polozhenie'?)",
                                   "content/practices/a.md:11:5: error: broken link '#itog': no "
                                   "heading with anchor 'itog' on this page "
                                   "(did you mean '#itogi'?)"});
}

TEST_CASE("links: a public page must not link to an internal-only one") {
    model::Site s = sample_site();
    CHECK(check(s, {"/practices/nope2/"}) ==
          std::vector<std::string>{
              "content/practices/a.md:10:5: error: broken link '/practices/nope2/': the page is "
              "internal-only and the public site does not have it"});
    s.practices[0].internal = true;
    CHECK(check(s, {"/practices/nope2/"}).empty());
}
