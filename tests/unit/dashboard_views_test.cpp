// The dashboards' view models on hand-built sites: the per-school dashboard (figures, tables,
// sentences, the «500+» grid, goals and competition criteria) and the overview (counts,
// transitions between years, mentor load, year pages) and the compare page.

#include <doctest/doctest.h>

#include "analytics/school_analytics.h"
#include "render/dashboard_charts.h"
#include "render/page_views.h"

using namespace nk;
using render::json;

namespace {

records::YearIndicators entry(int year, double ior, double isbsh, bool low_results = false,
                              std::vector<std::string> factors = {}) {
    records::YearIndicators y;
    y.year = year;
    y.ior = ior;
    y.isbsh = isbsh;
    y.low_results = low_results;
    for (auto& f : factors) y.risk_factors.push_back({f, {}});
    return y;
}

records::School school(const std::string& id, const std::string& municipality,
                       std::vector<records::YearIndicators> years) {
    records::School s;
    s.id = id;
    s.name = "Школа " + id;
    s.municipality = municipality;
    s.years = std::move(years);
    return s;
}

records::Mentorship mentorship(const std::string& id, const std::string& mentor,
                               const std::vector<std::string>& mentees, Date start, Date end) {
    records::Mentorship m;
    m.id = id;
    m.title = "Программа " + id;
    m.format = "patronage";
    m.mentors.push_back({mentor, {}});
    for (const auto& s : mentees) m.mentees.push_back({s, {}});
    m.start = start;
    m.end = end;
    return m;
}

model::Site base_site(Date as_of) {
    model::Site site;
    site.as_of = as_of;
    site.base_path = "/";
    site.base_url = "https://example.org/";
    site.config.risk_factors = config::default_vocabulary("risk_factors");
    return site;
}

void finish(model::Site& site) {
    site.school_offer_html.assign(site.schools.size(), "");
    site.index();
}

/// Four schools of one town over three years: a stably low (and ШНОР, ШССУ), d stably high.
model::Site town() {
    model::Site site = base_site({2022, 3, 15});
    site.schools = {
        school("a", "Город",
               {entry(2019, 0.2, 0.3, false, {"equipment", "staff_shortage", "motivation"}),
                entry(2020, 0.2, 0.3, false, {"equipment", "motivation"}),
                entry(2021, 0.2, 0.3, true, {"equipment", "motivation"})}),
        school("b", "Город",
               {entry(2019, 0.4, 0.6), entry(2020, 0.44, 0.6), entry(2021, 0.52, 0.6)}),
        school("c", "Город", {entry(2019, 0.6, 0.4), entry(2020, 0.6, 0.4), entry(2021, 0.6, 0.4)}),
        school("d", "Город",
               {entry(2019, 0.8, 0.7), entry(2020, 0.8, 0.7), entry(2021, 0.8, 0.7)})};
    site.schools[0].years[2].difficult_conditions = true;
    records::Mentorship m = mentorship("m", "d", {"a"}, {2021, 2, 1}, {2021, 12, 31});
    m.goals = {{"ИОР", "индекс", 0.2, 0.4, 0.3, false},
               {"Доля неуспевающих", "%", 20, 10, 15, false}};
    site.mentorships = {m};
    records::Competition k;
    k.id = "k";
    k.title = "Конкурс";
    k.year = 2021;
    k.criteria = {"К1", "К2", "К3", "К4", "К5"};
    records::Application ad, ac;
    ad.school = {"d", {}};
    ad.scores = {{"Эксперт 1", {5, 4, 4, 5, 5}}, {"Эксперт 2", {5, 5, 4, 5, 4}}};
    ac.school = {"c", {}};
    ac.scores = {{"Эксперт 1", {3, 3, 3, 3, 3}}};
    k.applications = {ad, ac};
    site.competitions = {k};
    finish(site);
    return site;
}

/// Four village schools over two years: the ШНОР e leaves the first quartile in 2021.
model::Site village() {
    model::Site site = base_site({2021, 4, 1});
    site.schools = {school("e", "Село", {entry(2020, 0.2, 0.3, true), entry(2021, 0.62, 0.3)}),
                    school("f", "Село", {entry(2020, 0.4, 0.7), entry(2021, 0.3, 0.7, true)}),
                    school("g", "Село", {entry(2020, 0.6, 0.4), entry(2021, 0.6, 0.4)}),
                    school("h", "Село", {entry(2020, 0.8, 0.6), entry(2021, 0.8, 0.6)})};
    site.mentorships = {mentorship("m1", "h", {"e", "f"}, {2021, 1, 1}, {2021, 12, 31}),
                        mentorship("m2", "h", {"g"}, {2021, 3, 1}, {2021, 6, 30})};
    finish(site);
    return site;
}

std::vector<std::string> cells(const json& row) {
    return row["cells"].get<std::vector<std::string>>();
}

std::vector<std::string> column(const json& table, size_t c) {
    std::vector<std::string> out;
    for (const auto& row : table["rows"])
        out.push_back(row["cells"][c]["value"].get<std::string>());
    return out;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("school dashboard: badges, the ИОР chart over the group's quartiles") {
    model::Site site = town();
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json page = render::school_view(ctx, 0)["page"];

    std::vector<std::string> codes;
    for (const auto& b : page["badges"]) codes.push_back(b["code"]);
    CHECK(codes == std::vector<std::string>{"not_coping", "q1", "stably_low", "shnor", "shssu"});

    const json& ior = page["ior_figure"];
    CHECK(contains(ior["svg"], "<title id=\"ior-chart-title\">"));
    const json& rows = ior["table"]["rows"];
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]["head"] == "2019/20");
    CHECK(cells(rows[0]) == std::vector<std::string>{"0,20", "0,35", "0,50", "0,65", "1"});
    CHECK(cells(rows[1]) == std::vector<std::string>{"0,20", "0,38", "0,52", "0,65", "1"});
    CHECK(cells(rows[2]) == std::vector<std::string>{"0,20", "0,44", "0,56", "0,65", "1"});
    CHECK(contains(ior["caption"],
                   "В 2021/22 уч. г. ИОР школы — 0,20: 1-й квартиль среди 4\u00A0школ "
                   "группы; с 2019/20 он не изменился."));
    CHECK(page["change_summary"] ==
          "Квартиль ИОР не изменился: 1-й в 2020/21 и 2021/22 уч. г.; "
          "категория та же — «Несправляющаяся».");
}

TEST_CASE("school dashboard: the quadrant of the group with the school ringed") {
    model::Site site = town();
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json page = render::school_view(ctx, 0)["page"];
    const json& q = page["quadrant_figure"];
    CHECK(contains(q["svg"], "class=\"highlight\""));
    CHECK(contains(q["svg"], ">медиана ИСБШ 0,50</text>"));
    CHECK(contains(q["svg"], ">медиана ИОР 0,56</text>"));
    const json& rows = q["table"]["rows"];
    REQUIRE(rows.size() == 4);  // by ИОР, highest first
    CHECK(rows[0]["head"] == "Школа d");
    CHECK(cells(rows[0]) == std::vector<std::string>{"0,70", "0,80", "Эффективная"});
    CHECK(cells(rows[1])[2] == "Резильентная");
    CHECK(cells(rows[2])[2] == "Неэффективная");
    CHECK(rows[3]["head"] == "Школа a (эта школа)");
    CHECK(rows[3]["current"] == true);
    CHECK(rows[0]["href"] == "/schools/d/");
    CHECK(contains(q["caption"],
                   "Школа обведена кольцом: ИСБШ 0,30, ИОР 0,20 — категория «Несправляющаяся»."));
}

TEST_CASE("school dashboard: the «500+» risk grid and its sentence") {
    model::Site site = town();
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json page = render::school_view(ctx, 0)["page"];
    const json& grid = page["risk_grid"];
    CHECK(grid["years"] == json({"2019/20", "2020/21", "2021/22"}));
    auto row = [&](const std::string& label) {
        for (const auto& r : grid["rows"])
            if (r["label"] == label) return r;
        FAIL("no row " << label);
        return json();
    };
    auto present = [](const json& r) {
        std::vector<bool> out;
        for (const auto& c : r["cells"]) out.push_back(c["present"]);
        return out;
    };
    CHECK(present(row("ШССУ — сложные социальные условия")) ==
          std::vector<bool>{false, false, true});
    CHECK(present(row("Низкий уровень оснащения школы")) == std::vector<bool>{true, true, true});
    CHECK(present(row("Дефицит педагогических кадров")) == std::vector<bool>{true, false, false});
    CHECK(row("Всего факторов риска")["cells"][0]["text"] == "3");
    CHECK(row("ИСБШ (социальное благополучие)")["cells"][2]["text"] == "0,30");
    CHECK(grid["rows"].size() == 3 + 10 + 1);
    CHECK(page["conditions_summary"] ==
          "В 2021/22 уч. г. у школы 2\u00A0фактора риска из 10 (в 2019/20 — 3), ИСБШ 0,30.");
}

TEST_CASE("school dashboard: mentorships with goal bars, competition criteria") {
    model::Site site = town();
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json mentee = render::school_view(ctx, 0)["page"];
    REQUIRE(mentee["mentee_of"].size() == 1);
    CHECK(mentee["mentor_of"].empty());
    const json& goals = mentee["mentee_of"][0]["goals_figure"];
    CHECK(goals["id"] == "goals-m-mentee");
    CHECK(goals["table"]["rows"][0]["head"] == "ИОР, индекс");
    CHECK(cells(goals["table"]["rows"][0]) ==
          std::vector<std::string>{"0,20", "0,40", "0,30", "50 %"});
    CHECK(cells(goals["table"]["rows"][1]) == std::vector<std::string>{"20", "10", "15", "50 %"});
    CHECK(contains(goals["svg"], "url(#goals-m-mentee-target)"));

    json mentor = render::school_view(ctx, 3)["page"];
    CHECK(mentor["mentor_of"][0]["role"] == "mentor");
    CHECK(contains(mentor["ior_figure"]["caption"], "4-й квартиль"));
    REQUIRE(mentor["applications"].size() == 1);
    const json& crit = mentor["applications"][0]["figure"];
    CHECK(cells(crit["table"]["rows"][0]) == std::vector<std::string>{"5,00", "4,00"});
    CHECK(cells(crit["table"]["rows"][1]) == std::vector<std::string>{"4,50", "3,75"});
    CHECK(contains(crit["caption"], "Итого 23,00 из 25, 1-е место из 2, победитель."));
    CHECK(mentor["compare"] == "/compare/?s=d");
}

TEST_CASE("school without indicators has no index charts") {
    model::Site site = town();
    site.schools.push_back(school("imc", "Город", {}));
    finish(site);
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json page = render::school_view(ctx, 4)["page"];
    CHECK(page["ior_figure"].is_null());
    CHECK(page["quadrant_figure"].is_null());
    CHECK(page["has_years"] == false);
}

TEST_CASE("overview: counts by year, transitions, schools leaving the lowest quartile") {
    model::Site site = village();
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json page = render::school_list_view(ctx)["page"];
    CHECK(page["year"] == "2021/22");
    const json& counts = page["counts"];
    // Newest year first.
    CHECK(counts["columns"][0]["label"] == "2021/22");
    CHECK(counts["columns"][0]["current"] == true);
    CHECK(counts["columns"][1]["current"] == false);
    CHECK(column(counts, 0) ==
          std::vector<std::string>{"1", "1", "1", "1", "1", "1", "1", "1", "0", "0", "1"});
    CHECK(column(counts, 1) ==
          std::vector<std::string>{"1", "1", "1", "1", "1", "1", "1", "1", "0", "0", "1"});

    const json& t = page["transitions"];
    CHECK(t["table"]["columns"][0]["label"] == "2020/21 → 2021/22");
    CHECK(column(t["table"], 0) == std::vector<std::string>{"4", "1", "2", "1", "1", "1", "1"});
    const json& cur = t["current"];
    REQUIRE(cur["left_lowest"].size() == 1);
    CHECK(cur["left_lowest"][0]["id"] == "e");
    CHECK(cur["summary"] ==
          "1-й квартиль ИОР в 2020/21 уч. г.: 1\u00A0школа; в 2021/22 уч. г. поднялись выше "
          "1-го квартиля: 1; перешли из несправляющихся и неэффективных в эффективные и "
          "резильентные (среди школ 1-го квартиля и ШНОР): 1.");
    const json& m = cur["matrix"]["rows"];
    CHECK(cells(m[0]) == std::vector<std::string>{"0", "0", "1", "0"});
    CHECK(cells(m[1]) == std::vector<std::string>{"1", "0", "0", "0"});
    CHECK(cells(m[2]) == std::vector<std::string>{"0", "1", "0", "0"});
    CHECK(cells(m[3]) == std::vector<std::string>{"0", "0", "0", "1"});
    CHECK(page["stably_low"].empty());
}

TEST_CASE("overview: quadrant per group, mentor load against the limit, year pages") {
    model::Site site = village();
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json page = render::school_list_view(ctx)["page"];
    REQUIRE(page["groups"].size() == 1);
    CHECK(page["groups"][0]["name"] == "Село");
    CHECK(page["groups"][0]["schools"].size() == 4);
    CHECK(contains(page["groups"][0]["figure"]["svg"], "<title id=\"quadrant-1-title\">"));

    const json& load = page["mentor_load"];
    REQUIRE(load["table"]["rows"].size() == 1);
    CHECK(load["table"]["rows"][0]["head"] == "Школа h");
    CHECK(cells(load["table"]["rows"][0]) ==
          std::vector<std::string>{"3", "1 марта 2021 г.", "3", "2"});
    CHECK(contains(load["caption"], "Предел превышен у 1\u00A0школы."));
    CHECK(contains(load["svg"], "url(#mentor-load-chart-over)"));

    CHECK(render::overview_url(ctx, 2021) == "/schools/");
    CHECK(render::overview_url(ctx, 2020) == "/schools/year/2020/");
    json earlier = render::school_list_view(ctx, 2020);
    CHECK(earlier["url"] == "/schools/year/2020/");
    CHECK(earlier["page"]["years"][0]["current"] == true);
    CHECK(earlier["page"]["years"][1]["url"] == "/schools/");
    CHECK(earlier["page"]["transitions"]["current"].is_null());  // nothing before 2020
    CHECK(earlier["page"]["groups"][0]["schools"][0]["quartile"] == "1");
    json e = render::school_view(ctx, 0)["page"];
    CHECK(e["change_summary"] ==
          "Квартиль ИОР: 1-й в 2020/21 уч. г. → 3-й в 2021/22 уч. г.; "
          "категория: «Несправляющаяся» → «Резильентная».");
}

TEST_CASE("compare page: labels for the script, safe inside <script>") {
    model::Site site = village();
    site.config.risk_factors = config::Vocabulary(std::vector<std::pair<std::string, std::string>>{
        {"equipment", "a</script>b"}, {"staff", "<!--<script> & \u2028\u2029"}});
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    json page = render::compare_view(ctx)["page"];
    CHECK(page["api"] == "/api/schools.json");
    std::string labels = page["labels"];
    CHECK(contains(labels, "\"not_coping\":\"Несправляющаяся\""));
    CHECK(contains(labels, "\"latest\":2021"));
    CHECK(contains(labels, "a\\u003c/script\\u003eb"));
    CHECK(contains(labels, "\\u003c!--\\u003cscript\\u003e \\u0026 \\u2028\\u2029"));
    for (const char* raw : {"<", ">", "&", "\u2028", "\u2029"}) CHECK_FALSE(contains(labels, raw));
    // The escapes are JSON's own: the labels read back as they were written.
    CHECK(json::parse(labels)["factors"]["staff"] == "<!--<script> & \u2028\u2029");
}
