// The built-in theme: embedded as this repository's themes/default/, the base under a site's
// own theme (file by file), and written out by `theme export`; the starter site of `init`; and
// finding a site from a folder inside it.

#include "theme/builtin_theme.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "pipeline/site_root.h"
#include "render/template_engine.h"
#include "temp_dir.h"

using namespace nk;
namespace bfs = boost::filesystem;

namespace {

bool has_file(std::span<const theme::EmbeddedFile> files, std::string_view path) {
    return std::any_of(files.begin(), files.end(),
                       [&](const theme::EmbeddedFile& f) { return f.path == path; });
}

void write(const bfs::path& path, const std::string& text) {
    bfs::create_directories(path.parent_path());
    std::ofstream(path.string(), std::ios::binary) << text;
}

}  // namespace

TEST_CASE("the built-in theme holds the default theme's templates and static files, sorted") {
    auto files = theme::builtin_theme_files();
    CHECK(has_file(files, "templates/index.mustache"));
    CHECK(has_file(files, "templates/_head.mustache"));
    CHECK(has_file(files, "static/css/style.css"));
    CHECK(std::is_sorted(files.begin(), files.end(),
                         [](const auto& a, const auto& b) { return a.path < b.path; }));
    for (const auto& f : theme::builtin_files_under("static/"))
        CHECK(f.path.starts_with("static/"));
    CHECK(theme::builtin_theme_hash() != 0);
}

TEST_CASE("the starter site has a config, examples of each record, .gitignore and CI recipes") {
    auto files = theme::starter_site_files();
    for (const char* path :
         {"config.toml", ".gitignore", ".gitlab-ci.yml", ".github/workflows/pages.yml"})
        CHECK_MESSAGE(has_file(files, path), path);
    for (const char* folder :
         {"data/schools/", "data/mentorships/", "content/practices/", "content/events/"})
        CHECK_MESSAGE(std::any_of(files.begin(), files.end(),
                                  [&](const auto& f) { return f.path.starts_with(folder); }),
                      folder);
}

TEST_CASE("templates load from the built-in theme, and a site's theme overrides them by name") {
    test::TempDir dir;
    diag::Diagnostics d;
    auto builtin = render::TemplateEngine::load((dir.path / "none").string(), "themes/x", d);
    CHECK(!d.has_errors());
    CHECK(builtin.has("index"));
    CHECK(builtin.has("practice"));

    write(dir.path / "templates" / "page.mustache", "own page {{title}}");
    auto mixed = render::TemplateEngine::load(dir.str(), "themes/default", d);
    CHECK(!d.has_errors());
    CHECK(mixed.render("page", {{"title", "t"}}) == "own page t");
    CHECK(mixed.has("index"));
}

TEST_CASE("a syntax error in a site's template names the site's file") {
    test::TempDir dir;
    write(dir.path / "templates" / "page.mustache", "{{#open}}");
    diag::Diagnostics d;
    render::TemplateEngine::load(dir.str(), "themes/default", d);
    REQUIRE(d.has_errors());
    CHECK(d.sorted().front().loc.path == "themes/default/templates/page.mustache");
}

TEST_CASE("write_embedded writes into a new or empty folder and refuses any other") {
    test::TempDir dir;
    bfs::path out = dir.path / "theme";
    CHECK(theme::write_embedded(out.string(), theme::builtin_theme_files()) == "");
    std::ifstream css((out / "static" / "css" / "style.css").string(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(css)), {});
    auto files = theme::builtin_files_under("static/css/style.css");
    REQUIRE(files.size() == 1);
    CHECK(text == files.front().bytes);
    CHECK(theme::write_embedded(out.string(), theme::builtin_theme_files()) != "");
    bfs::create_directories(dir.path / "empty");
    CHECK(theme::write_embedded((dir.path / "empty").string(), theme::starter_site_files()) == "");
    CHECK(bfs::is_regular_file(dir.path / "empty" / ".gitignore"));
}

TEST_CASE("the site is the nearest folder with a config.toml, from the start folder up") {
    test::TempDir dir;
    write(dir.path / "site" / "config.toml", "");
    bfs::create_directories(dir.path / "site" / "content" / "practices");
    CHECK(pipeline::find_site_root((dir.path / "site").string()) == ".");
    CHECK(pipeline::find_site_root((dir.path / "site" / "content" / "practices").string()) ==
          "../..");
    // A config.toml that is a folder does not make a site.
    bfs::create_directories(dir.path / "other" / "config.toml" / "x");
    CHECK(pipeline::find_site_root((dir.path / "other" / "config.toml" / "x").string()) ==
          std::nullopt);
}
