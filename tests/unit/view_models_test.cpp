#include <doctest/doctest.h>

#include "render/page_views.h"
#include "render/template_engine.h"

using namespace nk;

TEST_CASE("numbers and plurals in Russian") {
    CHECK(render::format_number(0.626, 2) == "0,63");
    CHECK(render::format_number(-0.001, 2) == "0,00");
    CHECK(render::plural(1, "практика", "практики", "практик") == "1\u00A0практика");
    CHECK(render::plural(3, "практика", "практики", "практик") == "3\u00A0практики");
    CHECK(render::plural(11, "практика", "практики", "практик") == "11\u00A0практик");
    CHECK(render::plural(22, "практика", "практики", "практик") == "22\u00A0практики");
}

TEST_CASE("view models: practice cards and the catalogue pager") {
    model::Site s;
    s.base_path = "/";
    s.base_url = "https://example.org/";
    s.config.directions = config::default_vocabulary("directions");
    for (int i = 0; i < 5; ++i) {
        records::Practice p;
        p.id = "p" + std::to_string(i);
        p.title = "Практика " + std::to_string(i);
        p.date = Date{2021, 1, 1 + i};
        p.directions = {{"quality", {}}};
        p.tags = {"ВСОКО"};
        s.practices.push_back(p);
    }
    s.practice_html.resize(5);
    s.index();
    auto analytics = analytics::SchoolAnalytics::compute(s.schools, "municipality");
    render::ViewContext ctx{s, analytics};
    auto card = render::practice_card(ctx, 0);
    CHECK(card["url"] == "/practices/p0/");
    CHECK(card["directions"][0]["label"] == "Управление качеством образования");
    CHECK(card["tags"][0]["url"] == "/tags/vsoko/");
    auto page2 = render::practice_list_view(ctx, 2, 2);
    CHECK(page2["page"]["practices"].size() == 2);
    CHECK(page2["page"]["prev"] == "/practices/");
    CHECK(page2["page"]["next"] == "/practices/page/3/");
    CHECK(page2["page"]["facets"][0]["terms"][0]["count"] == 5);
    CHECK(page2["url"] == "/practices/page/2/");
    // Without a theme a list item has no card HTML, but still names its practice.
    CHECK(page2["page"]["practices"][0]["url"] == "/practices/p2/");
    CHECK(page2["page"]["practices"][0]["card"] == "");

    // With one, the `_practice_card` partial is rendered once per practice (with `site`) and
    // every list shows the same HTML.
    diag::Diagnostics d;
    auto engine = render::TemplateEngine::from_strings(
        {{"_practice_card",
          "<a href=\"{{site.base}}{{id}}\">{{title}}</a>{{#tags}}#{{label}}{{/tags}}"},
         {"term", "{{#page}}{{#practices}}{{{card}}};{{/practices}}{{/page}}"}},
        d);
    REQUIRE_FALSE(d.has_errors());
    render::ViewContext themed{s, analytics};
    themed.templates = &engine;
    auto item = render::practice_list_item(themed, 3);
    CHECK(item["card"] == "<a href=\"/p3\">Практика 3</a>#ВСОКО");
    auto term = render::term_view(themed, "tags", "vsoko", "ВСОКО", {3, 1}, 1, 10);
    CHECK(engine.render("term", term) ==
          "<a href=\"/p3\">Практика 3</a>#ВСОКО;<a href=\"/p1\">Практика 1</a>#ВСОКО;");
}

TEST_CASE("templates: partials are inlined, values escaped, empty strings are false") {
    diag::Diagnostics d;
    auto engine = render::TemplateEngine::from_strings(
        {{"_item", "<li>{{name}}</li>"},
         {"list", "<ul>{{#items}}{{> item}}{{/items}}</ul>{{#empty}}x{{/empty}}"}},
        d);
    CHECK_FALSE(d.has_errors());
    nlohmann::json view = {{"items", {{{"name", "<b>"}}, {{"name", "Школа"}}}}, {"empty", ""}};
    CHECK(engine.render("list", view) == "<ul><li>&lt;b&gt;</li><li>Школа</li></ul>");
}

TEST_CASE("templates: a list that includes the card partial itself is warned about") {
    diag::Diagnostics d;
    render::TemplateEngine::from_strings(
        {{"_practice_card", "<a>{{title}}</a>"},
         {"term", "<div>\n{{#practices}}{{> practice_card}}{{/practices}}</div>"}},
        d, {{"term", "themes/t/templates/term.mustache"}});
    CHECK_FALSE(d.has_errors());
    REQUIRE(d.warning_count() == 1);
    auto w = d.sorted()[0];
    CHECK(w.loc.path == "themes/t/templates/term.mustache");
    CHECK(w.loc.line == 2);
    CHECK(w.loc.column == 15);
    CHECK(w.message.find("{{{card}}}") != std::string::npos);
}

TEST_CASE("templates: unknown partials are reported") {
    diag::Diagnostics d;
    render::TemplateEngine::from_strings({{"page", "line\n{{> nope}}"}}, d);
    REQUIRE(d.sorted().size() == 1);
    CHECK(diag::Diagnostics::format(d.sorted()[0]) == "page:2:1: error: unknown partial 'nope'");
}
