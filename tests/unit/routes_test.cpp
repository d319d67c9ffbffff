// The route table: every output file of a small in-memory site with its path and source, and
// two sources for one output path reported at both locations.

#include "model/routes.h"

#include <doctest/doctest.h>

#include <fstream>

#include "model/site.h"
#include "model/site_loader.h"
#include "temp_dir.h"

using namespace nk;

namespace {

template <typename Record>
Record record(const std::string& id, const std::string& dir) {
    Record r;
    r.id = id;
    r.path = dir + "/" + id + (dir.rfind("content", 0) == 0 ? ".md" : ".toml");
    r.loc = {r.path, 1, 1};
    return r;
}

model::Site small_site() {
    model::Site s;
    s.base_path = "/sub/";
    s.config.practices_per_page = 1;
    s.config.directions = config::Vocabulary(
        std::vector<std::pair<std::string, std::string>>{{"quality", "Качество"}});
    auto a = record<records::Practice>("a", "content/practices");
    a.directions = {{"quality", {}}};
    a.tags = {"ВСОКО"};
    auto b = record<records::Practice>("b", "content/practices");
    b.internal = true;
    s.practices = {a, b};
    s.schools = {record<records::School>("sosh-5", "data/schools")};
    s.pages = {record<records::Page>("about", "content/pages")};
    s.practice_html.resize(s.practices.size());
    s.page_html.resize(s.pages.size());
    s.index();
    return s;
}

std::vector<std::string> errors(const diag::Diagnostics& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags.sorted()) out.push_back(diag::Diagnostics::format(d));
    return out;
}

void write(const boost::filesystem::path& path, const std::string& text) {
    boost::filesystem::create_directories(path.parent_path());
    std::ofstream(path.string()) << text;
}

}  // namespace

TEST_CASE("routes: every page and file of a small site, with its path and source") {
    model::Site s = small_site();
    diag::Diagnostics diags;
    model::Routes routes = model::Routes::build(s, diags);
    CHECK_FALSE(diags.has_errors());
    for (const char* path :
         {"index.html", "practices/index.html", "practices/page/2/index.html",
          "practices/by-title/page/2/index.html", "practices/a/index.html", "schools/index.html",
          "schools/sosh-5/index.html", "about/index.html", "directions/quality/index.html",
          "directions/quality/feed.xml", "tags/vsoko/index.html", "api/schools.json", "feed.xml",
          "events.ics", "sitemap.xml", "404.html", "reserve/index.html", "reserve/reserve.xlsx"})
        CHECK_MESSAGE(routes.find(path) != nullptr, path);
    CHECK(routes.find("practices/page/3/index.html") == nullptr);
    const model::Route* a = routes.find("practices/a/index.html");
    REQUIRE(a != nullptr);
    CHECK(a->url == "/sub/practices/a/");
    CHECK(a->kind == model::RouteKind::practice);
    CHECK(routes.record(model::RouteKind::practice, 0) == a);
    CHECK(routes.origin(s, *a).loc.path == "content/practices/a.md");
    CHECK(routes.origin(s, *a).what == "the practice 'a'");
    CHECK(routes.find("practices/b/index.html")->internal);
    CHECK(routes.find("reserve/index.html")->internal);
    CHECK(routes.origin(s, *routes.find("practices/index.html")).loc.path.empty());
    CHECK(routes.origin(s, *routes.find("practices/index.html")).what ==
          "the practice catalogue (generated)");
    // The writer's order: the home page first; the reserve last (the public table drops it).
    CHECK(routes.all().front().kind == model::RouteKind::home);
    CHECK(routes.all().back().kind == model::RouteKind::reserve_export);
}

TEST_CASE("routes: the public table has no internal record and no reserve") {
    model::Site s = small_site();
    diag::Diagnostics diags;
    s.routes = model::Routes::build(s, diags);
    model::apply_audience(s, model::Audience::public_site);
    CHECK(s.routes.find("practices/a/index.html") != nullptr);
    CHECK(s.routes.find("practices/b/index.html") == nullptr);
    CHECK(s.routes.find("practices/page/2/index.html") == nullptr);  // one public practice
    CHECK(s.routes.find("reserve/index.html") == nullptr);
}

TEST_CASE("routes: two records for one path are reported at both") {
    model::Site s = small_site();
    auto twin = record<records::Practice>("a", "content/practices");
    twin.path = twin.loc.path = "content/practices/a-copy.md";
    s.practices.push_back(twin);
    diag::Diagnostics diags;
    model::Routes::build(s, diags);
    CHECK(errors(diags) ==
          std::vector<std::string>{
              "content/practices/a-copy.md:1:1: error: two sources for the output file "
              "'practices/a/index.html': the practice 'a' and the practice 'a' "
              "(content/practices/a.md:1:1)",
              "content/practices/a.md:1:1: error: two sources for the output file "
              "'practices/a/index.html': the practice 'a' and the practice 'a' "
              "(content/practices/a-copy.md:1:1)"});
}

TEST_CASE("routes: a slug or page at a generated page's path is an error at the record") {
    model::Site s = small_site();
    s.practices.push_back(record<records::Practice>("by-title", "content/practices"));
    s.pages.push_back(record<records::Page>("mentors", "content/pages"));
    diag::Diagnostics diags;
    model::Routes::build(s, diags);
    CHECK(errors(diags) ==
          std::vector<std::string>{
              "content/pages/mentors.md:1:1: error: two sources for the output file "
              "'mentors/index.html': the page 'mentors' and the mentor schools page (generated)",
              "content/practices/by-title.md:1:1: error: two sources for the output file "
              "'practices/by-title/index.html': the practice 'by-title' and the practice "
              "catalogue by title (generated)"});
}

TEST_CASE("routes: static files: a site file overrides the theme's, not a generated file") {
    test::TempDir dir;
    model::Site s = small_site();
    s.root = dir.str();
    s.config.theme = "default";
    write(dir.path / "themes/default/static/css/style.css", "theme");
    write(dir.path / "static/css/style.css", "site");
    write(dir.path / "static/docs/plan.pdf", "pdf");
    write(dir.path / "static/api/schools.json", "[]");
    write(dir.path / "static/schools/sosh-5/index.html", "<p>");
    write(dir.path / "static/about", "a file where a folder goes");
    diag::Diagnostics diags;
    model::Routes routes = model::Routes::build(s, diags);
    const model::Route* css = routes.find("css/style.css");
    REQUIRE(css != nullptr);
    CHECK(routes.static_files()[css->number].input == "static/css/style.css");
    REQUIRE(routes.find("docs/plan.pdf") != nullptr);
    CHECK(routes.find("docs/plan.pdf")->url == "/sub/docs/plan.pdf");
    CHECK(errors(diags) ==
          std::vector<std::string>{
              "content/pages/about.md:1:1: error: the output path 'about' is a folder of "
              "'about/index.html' and a file: the page 'about' and the static file "
              "'static/about'",
              "data/schools/sosh-5.toml:1:1: error: two sources for the output file "
              "'schools/sosh-5/index.html': the school 'sosh-5' and the static file "
              "'static/schools/sosh-5/index.html'",
              "static/about: error: the output path 'about' is a folder of 'about/index.html' "
              "and a file: the static file 'static/about' and the page 'about' "
              "(content/pages/about.md:1:1)",
              "static/api/schools.json: error: two sources for the output file "
              "'api/schools.json': the static file 'static/api/schools.json' and the JSON API "
              "file 'schools.json' (generated)",
              "static/schools/sosh-5/index.html: error: two sources for the output file "
              "'schools/sosh-5/index.html': the static file 'static/schools/sosh-5/index.html' "
              "and the school 'sosh-5' (data/schools/sosh-5.toml:1:1)"});
}

TEST_CASE("routes: a file planned later is claimed against the table") {
    model::Site s = small_site();
    diag::Diagnostics diags;
    model::Routes routes = model::Routes::build(s, diags);
    CHECK(routes.claim(s, "search/manifest.json", "the search index (generated)", diags));
    CHECK_FALSE(routes.claim(s, "about/index.html", "the search index (generated)", diags));
    CHECK(errors(diags) ==
          std::vector<std::string>{"content/pages/about.md:1:1: error: two sources for the output "
                                   "file 'about/index.html': the page 'about' and the search index "
                                   "(generated)"});
}

TEST_CASE("routes: route_path maps URLs to files in the output") {
    CHECK(model::route_path("/sub/a/", "/sub/") == "a/index.html");
    CHECK(model::route_path("/sub/", "/sub/") == "index.html");
    CHECK(model::route_path("/feed.xml", "/") == "feed.xml");
}
