// The yearly report's tables on a small hand-made site, and the programme timeline SVG.

#include "render/yearly_report.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "render/programme_views.h"
#include "render/timeline_svg.h"

using namespace nk;
using render::ReportCell;
using render::ReportTable;

namespace {

records::Located loc(const std::string& v) {
    return {v, {}};
}

records::School school(const std::string& id, std::vector<std::pair<int, double>> iors,
                       bool shnor = false) {
    records::School s;
    s.id = id;
    s.name = s.short_name = id;
    s.municipality = "Район";
    for (auto [year, ior] : iors) {
        records::YearIndicators y;
        y.year = year;
        y.ior = y.isbsh = ior;
        y.low_results = shnor;
        s.years.push_back(y);
    }
    return s;
}

records::ProgrammeEvent programme_event(Date d, const std::string& status) {
    records::ProgrammeEvent e;
    e.date = d;
    e.title = "Встреча " + d.iso();
    e.status = status;
    return e;
}

records::Mentorship pair_mentorship() {
    records::Mentorship m;
    m.id = "pair";
    m.title = "Сетевая пара A — D";
    m.format = "pair";
    m.mentors = {loc("a")};
    m.mentees = {loc("d")};
    m.start = {2020, 10, 1};
    m.end = {2021, 6, 30};
    m.events = {programme_event({2020, 10, 15}, "done"), programme_event({2021, 2, 1}, "done"),
                programme_event({2021, 3, 1}, "cancelled"),
                programme_event({2021, 5, 20}, "planned"),
                programme_event({2021, 9, 10}, "planned")};
    records::Goal g;
    g.indicator = "ИОР";
    g.baseline = 0.2, g.target = 0.3, g.actual = 0.35;
    m.goals = {g};
    m.feedback = {{{2021, 1, 20}, "mentor", 4, ""},
                  {{2021, 5, 1}, "mentor", 5, ""},
                  {{2021, 5, 1}, "mentee", 3, ""}};
    return m;
}

records::Event meeting(const std::string& id, Date d) {
    records::Event e;
    e.id = id;
    e.title = "Заседание " + id;
    e.date = DateTime{d};
    e.kind = loc("meeting");
    e.association = loc("mpo");
    e.agenda = {{"Первый вопрос.", "Решили", "", false},
                {"Второй вопрос", "", "Рекомендовано", false}};
    return e;
}

model::Site small_site(model::Audience audience) {
    model::Site s;
    s.base_path = "/";
    s.base_url = "https://example.org/";
    s.as_of = {2022, 3, 15};
    s.audience = audience;
    s.config.event_kinds = config::default_vocabulary("event_kinds");
    // Four schools: "d" leaves the lowest quartile from 2019 to 2020.
    s.schools = {school("a", {{2019, 0.8}, {2020, 0.8}}), school("b", {{2019, 0.6}, {2020, 0.6}}),
                 school("c", {{2019, 0.4}, {2020, 0.3}}),
                 school("d", {{2019, 0.2}, {2020, 0.5}}, true)};
    s.school_offer_html.resize(4);
    s.mentorships = {pair_mentorship()};
    records::Association a;
    a.id = "mpo";
    a.name = "МПО";
    a.head = loc("a");
    a.members = {loc("a"), loc("b"), loc("c")};
    a.school_year = 2020;
    a.analysis_submitted = Date{2021, 7, 20};
    s.associations = {a};
    s.events = {meeting("m1", {2020, 9, 20}), meeting("m2", {2020, 12, 1}),
                meeting("m3", {2021, 9, 2})};
    s.event_html.resize(3);
    records::ReserveEntry r;
    r.full_name = "Тестова Мария";
    r.school = loc("b");
    r.training_from = Date{2021, 3, 1};
    s.reserve = {r};
    s.index();
    return s;
}

const ReportTable& table(const render::YearlyReport& r, const std::string& id) {
    auto tables = r.tables();
    auto it = std::find_if(tables.begin(), tables.end(), [&](auto* t) { return t->id == id; });
    REQUIRE(it != tables.end());
    return **it;
}

std::string display(const ReportTable& t, size_t row, size_t col) {
    return render::cell_display(t.rows.at(row).at(col), t.columns.at(col));
}

size_t count_of(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("yearly report: pairs, associations and the lowest quartile, as of the year's end") {
    model::Site s = small_site(model::Audience::public_site);
    auto analytics = analytics::SchoolAnalytics::compute(s.schools, "municipality");
    render::ViewContext ctx{s, analytics};
    render::YearlyReport r = render::build_yearly_report(ctx, 2020);
    CHECK(r.closed);
    CHECK(r.as_of == Date{2021, 8, 31});
    CHECK(r.title == "Отчёт о наставничестве за 2020/21 учебный год");

    const ReportTable& pairs = table(r, "pairs");
    REQUIRE(pairs.rows.size() == 1);
    // Four events in 2020/21: two done, one cancelled, one planned and overdue by 31 August.
    CHECK(display(pairs, 0, 6) == "4");
    CHECK(display(pairs, 0, 7) == "2");
    CHECK(display(pairs, 0, 8) == "1");
    CHECK(display(pairs, 0, 9) == "1");
    CHECK(display(pairs, 0, 10) == "67");
    CHECK(display(pairs, 0, 11) == "1 из 1");
    CHECK(display(pairs, 0, 4) == "01.10.2020");
    CHECK(pairs.columns.size() == 13);  // no feedback columns in public

    const ReportTable& assoc = table(r, "associations");
    REQUIRE(assoc.rows.size() == 1);
    CHECK(display(assoc, 0, 3) == "2");
    CHECK(display(assoc, 0, 5) == "не выполнено");
    CHECK(display(assoc, 0, 8) == "нет, опоздание 5\u00A0дней");
    const ReportTable& meetings = table(r, "meetings");
    REQUIRE(meetings.rows.size() == 2);  // the September 2021 meeting belongs to 2021/22
    CHECK(display(meetings, 0, 6) == "1) Первый вопрос; 2) Второй вопрос");
    CHECK(display(meetings, 0, 4) == "1");

    const ReportTable& shnor = table(r, "shnor");
    REQUIRE(shnor.rows.size() == 1);
    CHECK(shnor.rows[0][0].text == "d");
    CHECK(display(shnor, 0, 6) == "+0,30");
    CHECK(display(shnor, 0, 8) == "да");
    CHECK(display(shnor, 0, 9) == "a");
    CHECK(std::none_of(r.sections.begin(), r.sections.end(),
                       [](auto& sec) { return sec.id == "reserve"; }));
}

TEST_CASE("yearly report: the internal audience adds feedback scores and the reserve registry") {
    model::Site s = small_site(model::Audience::internal_site);
    auto analytics = analytics::SchoolAnalytics::compute(s.schools, "municipality");
    render::ViewContext ctx{s, analytics};
    render::YearlyReport r = render::build_yearly_report(ctx, 2020);
    const ReportTable& pairs = table(r, "pairs");
    REQUIRE(pairs.columns.size() == 15);
    CHECK(display(pairs, 0, 13) == "4,5");
    CHECK(display(pairs, 0, 14) == "3,0");
    const ReportTable& reserve = table(r, "reserve");
    REQUIRE(reserve.rows.size() == 1);
    CHECK(reserve.rows[0][0].text == "Тестова Мария");
    CHECK(display(reserve, 0, 4) == "01.03.2021");
    render::YearlyReport earlier = render::build_yearly_report(ctx, 2019);
    CHECK(table(earlier, "reserve").rows.empty());  // training began after 2019/20
}

TEST_CASE("programme timeline: one numbered marker per event, states as of a date, deterministic") {
    records::Mentorship m = pair_mentorship();
    m.extended_until = Date{2021, 9, 30};
    std::string svg = render::programme_timeline_svg(m, Date{2021, 6, 1});
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("<title id=\"tl-pair-title\">") != std::string::npos);
    CHECK(
        svg.find(
            "<desc id=\"tl-pair-desc\">Срок программы: 01.10.2020 — 30.06.2021, продлена до "
            "30.09.2021. Мероприятий: 5; проведено 2, запланировано 1, просрочено на 01.06.2021 1, "
            "отменено 1.</desc>") != std::string::npos);
    CHECK(count_of(svg, "<g class=\"tl-event ") == 5);
    CHECK(count_of(svg, "tl-event tl-overdue") == 1);
    CHECK(count_of(svg, "tl-event tl-cancelled") == 1);
    CHECK(svg.find("<title>4. 20.05.2021 — Встреча 2021-05-20 (просрочено)</title>") !=
          std::string::npos);
    CHECK(svg.find("class=\"tl-extension\"") != std::string::npos);
    CHECK(svg.find("на 01.06.2021") != std::string::npos);
    CHECK(render::programme_timeline_svg(m, Date{2021, 6, 1}) == svg);
    CHECK(render::programme_event_state(m.events[4], Date{2021, 6, 1}) == "planned");
    CHECK(render::programme_event_state(m.events[4], Date{2021, 9, 11}) == "overdue");
}

TEST_CASE("criteria chart: five bars with values in <desc>") {
    std::string svg =
        render::criteria_chart_svg("s1", "Лицей", {5, 4.3333, 3.6667, 5, 4.6667}, true);
    CHECK(count_of(svg, "<rect") == 10);
    CHECK(svg.find("<title id=\"cc-s1-title\">Баллы по критериям: Лицей</title>") !=
          std::string::npos);
    CHECK(svg.find("К2 — 4,33 из 5") != std::string::npos);
    CHECK(svg.find("#1f7a3d") != std::string::npos);  // winners in green
}

TEST_CASE("programme views: plan terms, goal values, feedback means, the term") {
    using render::plan_term;
    CHECK(plan_term(Date{2021, 2, 1}, Date{2021, 2, 28}) == "февраль 2021");
    CHECK(plan_term(Date{2021, 2, 1}, Date{2021, 3, 31}) == "февраль — март 2021");
    CHECK(plan_term(Date{2021, 1, 1}, Date{2021, 12, 31}) == "в течение 2021 года");
    CHECK(plan_term(Date{2021, 2, 10}, Date{2021, 3, 15}) == "10.02.2021 — 15.03.2021");
    CHECK(plan_term(Date{2021, 2, 10}, std::nullopt) == "10.02.2021");
    CHECK(render::compact_number(35.0) == "35");
    CHECK(render::compact_number(0.34) == "0,34");
    CHECK(render::compact_number(1.5) == "1,5");
    CHECK(render::compact_number(std::nullopt) == "—");

    records::Mentorship m = pair_mentorship();
    auto fb = render::feedback_summary(m);
    REQUIRE(fb["rows"].size() == 2);
    CHECK(fb["rows"][0]["period"] == "Январь 2021");
    CHECK(fb["rows"][0]["mentor"] == "4,0");
    CHECK(fb["rows"][0]["mentee"] == "—");
    CHECK(fb["rows"][1]["mentee"] == "3,0");
    CHECK(fb["overall"]["mentor"] == "4,5");

    model::Site s = small_site(model::Audience::public_site);
    s.mentorships[0].extended_until = Date{2021, 12, 31};
    s.as_of = Date{2021, 12, 1};
    auto analytics = analytics::SchoolAnalytics::compute(s.schools, "municipality");
    render::ViewContext ctx{s, analytics};
    auto term = render::programme_term(ctx, s.mentorships[0]);
    CHECK(term["length"] == "9\u00A0месяцев");  // 1 October 2020 to 30 June 2021, both days counted
    CHECK(term["extension"] == "6\u00A0месяцев");
    CHECK(term["remaining"] == "30\u00A0дней");
    auto assoc = render::association_status(ctx, 0);
    CHECK(assoc["meetings"] == 2);
    CHECK(assoc["meetings_state"] == "не выполнено");
    CHECK(assoc["analysis_state"] == "нет, опоздание 5\u00A0дней");
}
