// Hand-worked cases for every formula of SPEC §4: percentiles, quartiles, categories, stability,
// risk zones, competition ranking, programme progress and mentor load.

#include <doctest/doctest.h>

#include <algorithm>

#include "analytics/competition_ranking.h"
#include "analytics/programme_progress.h"
#include "analytics/school_analytics.h"
#include "analytics/statistics.h"

using namespace nk;
using namespace nk::analytics;
using doctest::Approx;

namespace {

/// One [[years]] entry with the two indices; the other indicators are set by the tests.
records::YearIndicators entry(int year, std::optional<double> ior, std::optional<double> isbsh) {
    records::YearIndicators y;
    y.year = year;
    y.ior = ior;
    y.isbsh = isbsh;
    return y;
}

records::School school(const std::string& id, std::vector<records::YearIndicators> years,
                       const std::string& municipality = "Кореновский район") {
    records::School s;
    s.id = id;
    s.name = id;
    s.municipality = municipality;
    s.years = std::move(years);
    return s;
}

/// Schools in one municipality, one year 2020, with these iors and isbsh = ior.
std::vector<records::School> group_of(const std::vector<double>& iors) {
    std::vector<records::School> schools;
    for (size_t i = 0; i < iors.size(); ++i)
        schools.push_back(school("s" + std::to_string(i), {entry(2020, iors[i], iors[i])}));
    return schools;
}

const SchoolYear& year_of(const SchoolAnalytics& a, size_t school, int year) {
    const SchoolYear* sy = a.get(school, year);
    REQUIRE(sy != nullptr);
    return *sy;
}

bool has_zone(const SchoolYear& sy, const std::string& zone) {
    return std::find(sy.risk_zones.begin(), sy.risk_zones.end(), zone) != sy.risk_zones.end();
}

}  // namespace

TEST_CASE("percentile_inc matches Excel's PERCENTILE.INC") {
    std::vector<double> v = {4, 1, 3, 2};  // unsorted on purpose
    CHECK(percentile_inc(v, 0.25) == Approx(1.75));
    CHECK(percentile_inc(v, 0.50) == Approx(2.5));
    CHECK(percentile_inc(v, 0.75) == Approx(3.25));
    CHECK(percentile_inc(v, 0.0) == 1);
    CHECK(percentile_inc(v, 1.0) == 4);
    // docs/editing.md §9: 0.40, 0.50, 0.60, 0.90.
    std::vector<double> doc = {0.40, 0.50, 0.60, 0.90};
    CHECK(percentile_inc(doc, 0.25) == Approx(0.475));
    CHECK(percentile_inc(doc, 0.50) == Approx(0.55));
    CHECK(percentile_inc(doc, 0.75) == Approx(0.675));
    // Five values: ranks fall on elements, no interpolation.
    CHECK(percentile_inc({10, 20, 30, 40, 50}, 0.25) == 20);
    CHECK(percentile_inc({0.7}, 0.25) == 0.7);
    CHECK(percentile_inc({0.3, 0.5, 0.5, 0.9}, 0.5) == 0.5);
}

TEST_CASE("arithmetic and geometric means") {
    CHECK(arithmetic_mean({1, 2, 3, 6}) == Approx(3));
    CHECK(arithmetic_mean({}) == 0);
    CHECK(geometric_mean({1, 4, 16}) == Approx(4));
    CHECK(geometric_mean({0.5, 0, 0.9}) == 0);
    CHECK(geometric_mean({0.5, -0.1}) == 0);
}

TEST_CASE("quartiles of the docs example and group figures") {
    auto schools = group_of({0.40, 0.50, 0.60, 0.90});
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    for (int i = 0; i < 4; ++i) CHECK(year_of(a, static_cast<size_t>(i), 2020).quartile == i + 1);
    const GroupYear* g = a.group("Кореновский район", 2020);
    REQUIRE(g != nullptr);
    CHECK(g->size == 4);
    CHECK(g->ior_p25 == Approx(0.475));
    CHECK(g->ior_p50 == Approx(0.55));
    CHECK(g->ior_p75 == Approx(0.675));
    CHECK(g->ior_mean == Approx(0.6));
    CHECK(g->isbsh_median == Approx(0.55));
    CHECK(year_of(a, 0, 2020).group == g);
    CHECK(a.group("Кореновский район", 2019) == nullptr);
}

TEST_CASE("ties at the median count as high") {
    // P25 = 0.45, P50 = 0.5, P75 = 0.6: both 0.5 are not below P50 but below P75.
    auto schools = group_of({0.3, 0.5, 0.5, 0.9});
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    CHECK(year_of(a, 0, 2020).quartile == 1);
    CHECK(year_of(a, 1, 2020).quartile == 3);
    CHECK(year_of(a, 2, 2020).quartile == 3);
    CHECK(year_of(a, 3, 2020).quartile == 4);
    CHECK(year_of(a, 1, 2020).category == "effective");
    CHECK(year_of(a, 0, 2020).category == "not_coping");
}

TEST_CASE("a group of one is in quartile 4 and effective") {
    std::vector<records::School> schools = {school("only", {entry(2020, 0.2, 0.1)})};
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    CHECK(year_of(a, 0, 2020).quartile == 4);
    CHECK(year_of(a, 0, 2020).category == "effective");
    CHECK(a.group("Кореновский район", 2020)->ior_p25 == 0.2);
}

TEST_CASE("all four categories against the group medians") {
    // ior median 0.5, isbsh median 0.5.
    std::vector<records::School> schools = {
        school("a", {entry(2020, 0.8, 0.8)}), school("b", {entry(2020, 0.8, 0.2)}),
        school("c", {entry(2020, 0.2, 0.8)}), school("d", {entry(2020, 0.2, 0.2)})};
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    CHECK(year_of(a, 0, 2020).category == "effective");
    CHECK(year_of(a, 1, 2020).category == "resilient");
    CHECK(year_of(a, 2, 2020).category == "inefficient");
    CHECK(year_of(a, 3, 2020).category == "not_coping");
}

TEST_CASE("missing indices leave quartile and category empty") {
    std::vector<records::School> schools = {school("a", {entry(2020, 0.8, std::nullopt)}),
                                            school("b", {entry(2020, std::nullopt, 0.5)}),
                                            school("c", {entry(2020, 0.4, 0.6)})};
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    CHECK(year_of(a, 0, 2020).quartile == 4);
    CHECK(year_of(a, 0, 2020).category == "");
    CHECK(year_of(a, 1, 2020).quartile == 0);
    CHECK(year_of(a, 1, 2020).category == "");
    // Only schools with an ior form the group.
    CHECK(a.group("Кореновский район", 2020)->size == 2);
    CHECK(a.group("Кореновский район", 2020)->isbsh_median == Approx(0.6));
}

TEST_CASE("groups follow municipality or region") {
    std::vector<records::School> schools = {school("a", {entry(2020, 0.9, 0.5)}, "A"),
                                            school("b", {entry(2020, 0.1, 0.5)}, "B")};
    for (auto& s : schools) s.region = "R";
    SchoolAnalytics by_municipality = SchoolAnalytics::compute(schools, "municipality");
    CHECK(year_of(by_municipality, 1, 2020).quartile == 4);  // alone in B
    SchoolAnalytics by_region = SchoolAnalytics::compute(schools, "region");
    CHECK(year_of(by_region, 1, 2020).quartile == 1);
    CHECK(by_region.groups().size() == 1);
    CHECK(by_municipality.groups().size() == 2);
}

TEST_CASE("stably high and stably low need three years in a row") {
    // Six schools in 2018, 2020, 2021 (iors 0.1 0.1 0.4 0.5 0.6 0.9: P25 = 0.175, P75 = 0.825)
    // and five in 2019, when "gap" has no entry (P25 = 0.4, P75 = 0.6).
    std::vector<std::pair<std::string, double>> iors = {{"top", 0.9}, {"low", 0.1}, {"gap", 0.1},
                                                        {"m1", 0.4},  {"m2", 0.5},  {"m3", 0.6}};
    std::vector<records::School> schools;
    for (const auto& [id, ior] : iors) {
        std::vector<records::YearIndicators> years;
        for (int y = 2018; y <= 2021; ++y)
            if (id != "gap" || y != 2019) years.push_back(entry(y, ior, 0.5));
        schools.push_back(school(id, years));
    }
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    CHECK(year_of(a, 0, 2019).quartile == 4);
    CHECK_FALSE(year_of(a, 0, 2019).stably_high);  // 2017 is missing
    CHECK(year_of(a, 0, 2020).stably_high);
    CHECK(year_of(a, 0, 2021).stably_high);
    CHECK_FALSE(year_of(a, 0, 2021).stably_low);
    CHECK(year_of(a, 1, 2020).stably_low);
    CHECK(year_of(a, 2, 2020).quartile == 1);
    CHECK(year_of(a, 2, 2021).quartile == 1);
    CHECK_FALSE(year_of(a, 2, 2020).stably_low);  // no 2019 entry breaks the run
    CHECK_FALSE(year_of(a, 2, 2021).stably_low);
    CHECK_FALSE(year_of(a, 3, 2021).stably_low);  // quartile 2
    CHECK(a.years() == std::vector<int>{2018, 2019, 2020, 2021});
    CHECK(a.years_of(2).size() == 3);
    CHECK(a.get(2, 2019) == nullptr);
    CHECK(a.years_of(99).empty());
}

TEST_CASE("risk zone unstable: AM and GM of three years differ by more than 1 %") {
    std::vector<records::School> schools = {
        school("jumpy", {entry(2018, 0.30, 0.5), entry(2019, 0.60, 0.5), entry(2020, 0.90, 0.5)}),
        school("steady", {entry(2018, 0.60, 0.5), entry(2019, 0.62, 0.5), entry(2020, 0.61, 0.5)}),
        school("gap", {entry(2018, 0.30, 0.5), entry(2020, 0.90, 0.5)}),
        school("no-ior",
               {entry(2018, 0.30, 0.5), entry(2019, std::nullopt, 0.5), entry(2020, 0.90, 0.5)})};
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    // AM 0.6, GM 0.545: (0.6 − 0.545) / 0.6 ≈ 0.09.
    CHECK(has_zone(year_of(a, 0, 2020), "unstable"));
    CHECK_FALSE(has_zone(year_of(a, 0, 2019), "unstable"));  // needs three years
    CHECK_FALSE(has_zone(year_of(a, 1, 2020), "unstable"));
    CHECK_FALSE(has_zone(year_of(a, 2, 2020), "unstable"));  // 2019 missing: not computed
    CHECK_FALSE(has_zone(year_of(a, 3, 2020), "unstable"));  // 2019 without ior
}

TEST_CASE("risk zone gia_vpr_gap: at least 1.5 times, exactly 1.5 counts") {
    auto with = [](std::optional<double> gia, std::optional<double> vpr) {
        records::YearIndicators y = entry(2020, 0.5, 0.5);
        y.gia = gia;
        y.vpr = vpr;
        SchoolAnalytics a = SchoolAnalytics::compute({school("x", {y})}, "municipality");
        return has_zone(year_of(a, 0, 2020), "gia_vpr_gap");
    };
    CHECK(with(0.6, 0.4));  // exactly 1.5 (0.4 × 1.5 is 0.6000000000000001 in doubles)
    CHECK(with(0.4, 0.6));
    CHECK(with(0.60, 0.38));
    CHECK_FALSE(with(0.59, 0.4));
    CHECK_FALSE(with(0.6, std::nullopt));
    CHECK_FALSE(with(0, 0));
    CHECK(with(0, 0.3));  // any result against none
}

namespace {

/// One school per share in one municipality and year 2020; ior and isbsh 0.5.
SchoolAnalytics evening_group(const std::vector<std::optional<double>>& shares) {
    std::vector<records::School> schools;
    for (size_t i = 0; i < shares.size(); ++i) {
        records::YearIndicators y = entry(2020, 0.5, 0.5);
        y.evening_share = shares[i];
        schools.push_back(school("s" + std::to_string(i), {y}));
    }
    return SchoolAnalytics::compute(schools, "municipality");
}

}  // namespace

TEST_CASE("risk zone evening: at or above P75 of every school reporting a share, 0 included") {
    // Reported: 0, 0.02, 0.04, 0.06, 0.08 → P75 = 0.06. The missing share stays out of the base.
    SchoolAnalytics a = evening_group({0.0, 0.02, 0.04, 0.06, 0.08, std::nullopt});
    REQUIRE(a.group("Кореновский район", 2020)->evening_p75.has_value());
    CHECK(*a.group("Кореновский район", 2020)->evening_p75 == Approx(0.06));
    CHECK(has_zone(year_of(a, 3, 2020), "evening"));  // exactly at P75
    CHECK(has_zone(year_of(a, 4, 2020), "evening"));
    for (size_t i : {0, 1, 2, 5}) CHECK_FALSE(has_zone(year_of(a, i, 2020), "evening"));
}

TEST_CASE("risk zone evening: a group where most schools report 0") {
    // Six zeros, 0.05 and 0.10: P75 sits at rank 5.25 of 0..7, a quarter of the way from 0 to
    // 0.05 → 0.0125; both schools with evening classes are in the zone, the zeros are not.
    SchoolAnalytics a = evening_group({0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 0.10});
    CHECK(*a.group("Кореновский район", 2020)->evening_p75 == Approx(0.0125));
    for (size_t i = 0; i < 6; ++i) CHECK_FALSE(has_zone(year_of(a, i, 2020), "evening"));
    CHECK(has_zone(year_of(a, 6, 2020), "evening"));
    CHECK(has_zone(year_of(a, 7, 2020), "evening"));
    // Nine zeros and one small share: P75 is 0, so any share above 0 is in the zone.
    SchoolAnalytics b = evening_group({0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.001});
    CHECK(*b.group("Кореновский район", 2020)->evening_p75 == Approx(0.0));
    CHECK(has_zone(year_of(b, 9, 2020), "evening"));
    for (size_t i = 0; i < 9; ++i) CHECK_FALSE(has_zone(year_of(b, i, 2020), "evening"));
}

TEST_CASE("risk zone evening: a lone school with evening classes") {
    // {0, 0.01}: P75 = 0.0075.
    SchoolAnalytics a = evening_group({0.01, 0.0});
    CHECK(*a.group("Кореновский район", 2020)->evening_p75 == Approx(0.0075));
    CHECK(has_zone(year_of(a, 0, 2020), "evening"));
    CHECK_FALSE(has_zone(year_of(a, 1, 2020), "evening"));
    SchoolAnalytics zeros = evening_group({0.0});
    CHECK(*zeros.group("Кореновский район", 2020)->evening_p75 == Approx(0.0));
    CHECK(year_of(zeros, 0, 2020).risk_zones.empty());
    SchoolAnalytics none = evening_group({std::nullopt});
    CHECK_FALSE(none.group("Кореновский район", 2020)->evening_p75.has_value());
}

TEST_CASE("risk zone advanced_below: an advanced school below the group mean") {
    // Mean 0.6: the lyceum at 0.5 is below, the gymnasium at 0.7 is not, a plain school is never.
    std::vector<records::School> schools = {
        school("licey", {entry(2020, 0.5, 0.5)}), school("gimnaziya", {entry(2020, 0.7, 0.5)}),
        school("sosh", {entry(2020, 0.5, 0.5)}), school("top", {entry(2020, 0.7, 0.5)})};
    schools[0].advanced = schools[1].advanced = true;
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    CHECK(has_zone(year_of(a, 0, 2020), "advanced_below"));
    CHECK_FALSE(has_zone(year_of(a, 1, 2020), "advanced_below"));
    CHECK_FALSE(has_zone(year_of(a, 2, 2020), "advanced_below"));
}

TEST_CASE("advanced_below: equal iors are at the mean, not below it") {
    // The mean of three 0.1 is 0.10000000000000002 in doubles.
    auto schools = group_of({0.1, 0.1, 0.1});
    for (auto& s : schools) s.advanced = true;
    SchoolAnalytics a = SchoolAnalytics::compute(schools, "municipality");
    CHECK(year_of(a, 0, 2020).risk_zones.empty());
}

TEST_CASE("a copy of the analytics points at its own group figures") {
    auto schools = group_of({0.40, 0.50});
    SchoolAnalytics copy;
    {
        SchoolAnalytics original = SchoolAnalytics::compute(schools, "municipality");
        copy = original;
    }
    CHECK(year_of(copy, 0, 2020).group == copy.group("Кореновский район", 2020));
    CHECK(year_of(copy, 0, 2020).group->size == 2);
}

TEST_CASE("Russian labels and rules") {
    CHECK(category_label("effective") == "Эффективная");
    CHECK(category_label("resilient") == "Резильентная");
    CHECK(category_label("inefficient") == "Неэффективная");
    CHECK(category_label("not_coping") == "Несправляющаяся");
    CHECK(category_label("") == "");
    CHECK(risk_zone_label("unstable") == "Неустойчивость образовательных результатов");
    CHECK(category_rule("resilient") ==
          "ИОР не ниже медианы группы, ИСБШ ниже медианы: школа добивается высоких результатов "
          "в сложных условиях");
    for (const char* zone : {"unstable", "gia_vpr_gap", "evening", "advanced_below"}) {
        CHECK(risk_zone_label(zone) != zone);
        CHECK_FALSE(risk_zone_rule(zone).empty());
    }
    CHECK(category_rule("") == "");
}

namespace {

records::Application application(const std::string& school_id,
                                 std::vector<std::vector<long>> points, long votes_for = 0,
                                 long votes_against = 0) {
    records::Application a;
    a.school.value = school_id;
    for (size_t i = 0; i < points.size(); ++i)
        a.scores.push_back({"Эксперт " + std::to_string(i + 1), points[i]});
    a.votes_for = votes_for;
    a.votes_against = votes_against;
    return a;
}

model::Site site_with_schools(const std::vector<std::pair<std::string, std::string>>& names) {
    model::Site site;
    for (const auto& [id, name] : names) {
        records::School s;
        s.id = id;
        s.name = name;
        site.schools.push_back(s);
    }
    site.index();
    return site;
}

}  // namespace

TEST_CASE("competition: means per criterion and the docs example") {
    model::Site site = site_with_schools({{"sosh-5", "СОШ № 5"}, {"sosh-1", "СОШ № 1"}});
    records::Competition c;
    c.applications = {application("sosh-1", {{4, 3, 4, 4, 4}, {5, 3, 3, 4, 4}}),
                      application("sosh-5", {{5, 4, 4, 5, 3}, {4, 4, 5, 5, 4}})};
    auto ranked = rank_competition(c, site);
    REQUIRE(ranked.size() == 2);
    CHECK(ranked[0].application == 1);
    CHECK(ranked[0].criterion_means == std::vector<double>{4.5, 4, 4.5, 5, 3.5});
    CHECK(ranked[0].total == Approx(21.5));
    CHECK(ranked[1].total == Approx(19));
    CHECK(ranked[0].rank == 1);
    CHECK(ranked[1].rank == 2);
}

TEST_CASE("competition: ties broken by vote balance, then by school name") {
    model::Site site = site_with_schools(
        {{"b", "Гимназия № 2"}, {"a", "Лицей № 1"}, {"c", "Гимназия № 1"}, {"d", "СОШ № 9"}});
    records::Competition c;
    c.winners_count = 2;
    std::vector<long> same = {3, 3, 3, 3, 3};
    c.applications = {application("a", {same}, 10, 2),  // balance 8
                      application("b", {same}, 6, 1),   // balance 5
                      application("c", {same}, 5, 0),   // balance 5, name sorts first
                      application("d", {})};            // no scores: total 0
    auto ranked = rank_competition(c, site);
    REQUIRE(ranked.size() == 4);
    CHECK(ranked[0].application == 0);
    CHECK(ranked[0].vote_balance == 8);
    CHECK(ranked[1].application == 2);
    CHECK(ranked[2].application == 1);
    CHECK(ranked[3].application == 3);
    CHECK(ranked[3].total == 0);
    CHECK(ranked[1].winner);
    CHECK_FALSE(ranked[2].winner);
    CHECK(ranked[2].rank == 3);
}

TEST_CASE("competition: ties by name in Russian order (Ё, case, numbers)") {
    model::Site site = site_with_schools({{"a", "Ёлкинская СОШ"},
                                          {"b", "Алексеевская СОШ"},
                                          {"c", "Лицей № 1"},
                                          {"d", "гимназия № 1"},
                                          {"e", "СОШ № 10"},
                                          {"f", "СОШ № 2"}});
    records::Competition c;
    std::vector<long> same = {3, 3, 3, 3, 3};
    for (const char* id : {"a", "b", "c", "d", "e", "f"})
        c.applications.push_back(application(id, {same}));
    std::vector<size_t> order;
    for (const auto& r : rank_competition(c, site)) order.push_back(r.application);
    // Алексеевская, гимназия № 1, Ёлкинская, Лицей № 1, СОШ № 2, СОШ № 10.
    CHECK(order == std::vector<size_t>{1, 3, 0, 2, 5, 4});
}

TEST_CASE("competition: winners by rank, by minimum total, or both, at their exact limits") {
    model::Site site = site_with_schools({{"a", "А"}, {"b", "Б"}, {"c", "В"}});
    records::Competition c;
    c.applications = {application("a", {{5, 5, 4, 4, 2}}),   // 20
                      application("b", {{4, 4, 4, 4, 4}}),   // 20 (same total, same votes)
                      application("c", {{4, 4, 4, 4, 3}})};  // 19
    auto winners = [&] {
        std::vector<bool> out;
        for (const auto& r : rank_competition(c, site)) out.push_back(r.winner);
        return out;
    };
    c.winners_count = 1;
    c.winners_set = true;
    CHECK(winners() == std::vector<bool>{true, false, false});
    c.winners_set = false;
    c.winners_count = 3;
    c.winners_min_total = 20.0;  // alone: every total of at least 20
    CHECK(winners() == std::vector<bool>{true, true, false});
    c.winners_min_total = 19.0;  // exactly 19 counts
    CHECK(winners() == std::vector<bool>{true, true, true});
    c.winners_set = true;  // with winners = 2, both conditions
    c.winners_count = 2;
    CHECK(winners() == std::vector<bool>{true, true, false});
    c.winners_min_total = 20.0 + 1e-6;
    CHECK(winners() == std::vector<bool>{false, false, false});
}

namespace {

records::Mentorship mentorship(const std::string& id, std::vector<std::string> mentors,
                               std::vector<std::string> mentees, Date start, Date end) {
    records::Mentorship m;
    m.id = id;
    for (auto& s : mentors) m.mentors.push_back({s, {}});
    for (auto& s : mentees) m.mentees.push_back({s, {}});
    m.start = start;
    m.end = end;
    return m;
}

}  // namespace

TEST_CASE("mentorship status and its Russian label") {
    auto m = mentorship("m", {"a"}, {"b"}, {2021, 2, 1}, {2021, 12, 31});
    CHECK(mentorship_status(m, {2021, 1, 31}) == "planned");
    CHECK(mentorship_status(m, {2021, 2, 1}) == "active");
    CHECK(mentorship_status(m, {2021, 12, 31}) == "active");
    CHECK(mentorship_status(m, {2022, 1, 1}) == "completed");
    m.extended_until = Date{2022, 6, 30};
    CHECK(mentorship_status(m, {2022, 1, 1}) == "active");
    m.status = "ended_early";
    CHECK(mentorship_status(m, {2021, 6, 1}) == "ended_early");
    CHECK(mentorship_status_label("planned") == "Запланирована");
    CHECK(mentorship_status_label("active") == "Действует");
    CHECK(mentorship_status_label("completed") == "Завершена");
    CHECK(mentorship_status_label("ended_early") == "Завершена досрочно");
}

TEST_CASE("programme and plan progress as of a date") {
    auto m = mentorship("m", {"a"}, {"b"}, {2021, 2, 1}, {2021, 12, 31});
    for (auto [date, status] : {std::pair{Date{2021, 3, 1}, "done"},
                                {Date{2021, 4, 1}, "done"},
                                {Date{2021, 5, 1}, "cancelled"},
                                {Date{2021, 6, 1}, "planned"},
                                {Date{2021, 9, 1}, "planned"}}) {
        records::ProgrammeEvent e;
        e.date = date;
        e.status = status;
        m.events.push_back(e);
    }
    Progress p = programme_progress(m, {2021, 7, 1});
    CHECK(p.done == 2);
    CHECK(p.cancelled == 1);
    CHECK(p.planned() == 2);
    CHECK(p.overdue == 1);
    CHECK(p.ahead == 1);
    CHECK(p.total() == 5);
    // Done out of what was due and not cancelled: 2 of (2 done + 1 overdue).
    CHECK(p.due() == 3);
    CHECK(p.percent_done() == 67);
    CHECK_FALSE(Progress{}.percent_done().has_value());
    // An event dated on as_of is not yet overdue; its day has not passed.
    CHECK(programme_progress(m, {2021, 6, 1}).overdue == 0);
    CHECK(programme_progress(m, {2021, 6, 2}).overdue == 1);
    // A window (a yearly report) counts only the events dated within it.
    Progress spring = programme_progress(m, {2021, 7, 1}, Date{2021, 3, 1}, Date{2021, 5, 31});
    CHECK(spring.total() == 3);
    CHECK(spring.percent_done() == 100);

    records::PlanItem by_to, by_from, undated;
    by_to.from = Date{2021, 1, 1};
    by_to.to = Date{2021, 8, 1};
    by_from.from = Date{2021, 3, 1};
    CHECK_FALSE(is_overdue(by_to, {2021, 7, 1}));  // its term runs to August
    CHECK(is_overdue(by_to, {2021, 8, 2}));
    CHECK(is_overdue(by_from, {2021, 7, 1}));
    CHECK_FALSE(is_overdue(undated, {2021, 7, 1}));
    by_from.status = "done";
    Progress plan = plan_progress({by_to, by_from, undated}, {2021, 7, 1});
    CHECK(plan.done == 1);
    CHECK(plan.planned() == 2);
    CHECK(plan.overdue == 0);
    CHECK(plan.percent_done() == 100);  // the one item due is done; two are not due yet
}

TEST_CASE("goal percent of the way from baseline to target") {
    records::Goal g;
    g.baseline = 40;
    g.target = 60;
    g.actual = 55;
    CHECK(goal_percent(g) == 75);
    g.actual = 70;
    CHECK(goal_percent(g) == 150);
    g.actual = 30;
    CHECK(goal_percent(g) == 0);
    g.actual.reset();
    CHECK(goal_percent(g) == -1);
}

TEST_CASE("mentor load: overlapping mentorships and an extension") {
    model::Site site;
    // a mentors b (Feb–Apr, extended to Jun), c (May–Dec) and d (Jul–Dec).
    site.mentorships = {mentorship("ab", {"a"}, {"b"}, {2021, 2, 1}, {2021, 4, 30}),
                        mentorship("ac", {"a"}, {"c"}, {2021, 5, 1}, {2021, 12, 31}),
                        mentorship("ad", {"a"}, {"d"}, {2021, 7, 1}, {2021, 12, 31}),
                        mentorship("xb", {"x"}, {"b", "b"}, {2021, 1, 1}, {2021, 3, 31})};
    site.mentorships[0].extended_until = Date{2021, 7, 1};
    site.index();
    auto loads = mentor_loads(site);
    REQUIRE(loads.size() == 2);
    CHECK(loads[0].school == "a");
    CHECK(loads[0].peak == 3);  // on 1 July b (extended), c and d
    CHECK(loads[0].peak_day == Date{2021, 7, 1});
    CHECK(loads[0].mentorships == std::vector<size_t>{0, 1, 2});
    CHECK(loads[1].school == "x");
    CHECK(loads[1].peak == 1);  // b listed twice is one school

    site.mentorships[0].extended_until.reset();
    loads = mentor_loads(site);
    CHECK(loads[0].peak == 2);
    CHECK(loads[0].peak_day == Date{2021, 7, 1});
    auto spans = mentor_spans(site);
    REQUIRE(spans.size() == 4);
    CHECK(spans[0].from == Date{2021, 2, 1});
    CHECK(spans[0].to == Date{2021, 4, 30});
    CHECK(spans[1].from == Date{2021, 5, 1});
    CHECK(spans[1].to == Date{2021, 6, 30});
    CHECK(spans[2].mentees == std::vector<std::string>{"c", "d"});
    CHECK(spans[3].school == "x");
}

TEST_CASE("mentees on a day: distinct schools of the mentorships running that day") {
    model::Site site;
    site.mentorships = {mentorship("ab", {"a"}, {"b"}, {2021, 9, 1}, {2022, 5, 31}),
                        mentorship("ac", {"a"}, {"c", "b"}, {2021, 10, 1}, {2022, 6, 30}),
                        mentorship("ad", {"a"}, {"d"}, {2022, 9, 1}, {2023, 5, 31}),
                        mentorship("xe", {"x"}, {"e"}, {2020, 9, 1}, {2021, 5, 31})};
    site.index();
    auto now = mentees_on(site, Date{2022, 3, 15});
    CHECK(now == std::map<std::string, int>{{"a", 2}});  // b twice is one; x has ended
    CHECK(mentees_on(site, Date{2021, 9, 1}) == std::map<std::string, int>{{"a", 1}});
    CHECK(mentees_on(site, Date{2022, 5, 31}).at("a") == 2);  // last day counts
    CHECK(mentees_on(site, Date{2022, 6, 1}).at("a") == 2);   // ac still runs: c and b
    CHECK(mentees_on(site, Date{2022, 7, 1}).empty());
    CHECK(mentees_on(site, Date{2021, 1, 10}) == std::map<std::string, int>{{"x", 1}});
}

namespace {

/// Two schools of one group over 2019..2021: "a" with `a_ior`, "b" with `b_ior` per year.
SchoolAnalytics green_pair(const std::vector<double>& a_ior, const std::vector<double>& b_ior,
                           const std::vector<std::optional<double>>& a_org = {},
                           const std::vector<std::optional<double>>& b_org = {}) {
    std::vector<records::YearIndicators> a, b;
    for (size_t i = 0; i < a_ior.size(); ++i) {
        a.push_back(entry(2019 + static_cast<int>(i), a_ior[i], 0.5));
        b.push_back(entry(2019 + static_cast<int>(i), b_ior[i], 0.5));
        if (i < a_org.size()) a.back().org_index = a_org[i];
        if (i < b_org.size()) b.back().org_index = b_org[i];
    }
    return SchoolAnalytics::compute({school("a", a), school("b", b)}, "municipality");
}

}  // namespace

TEST_CASE("green zone: ior above the previous year's, by any margin") {
    // a: 0.50 → 0.50 → 0.51; b stays above a, so a is never at the mean.
    SchoolAnalytics g = green_pair({0.50, 0.50, 0.51}, {0.9, 0.9, 0.9});
    CHECK(year_of(g, 0, 2021).green_zone == "improved");
    CHECK(year_of(g, 0, 2020).green_zone == "");        // equal to the year before is not above it
    CHECK(year_of(g, 0, 2019).green_zone == "");        // no previous year, no three years
    CHECK(year_of(g, 1, 2021).green_zone == "stable");  // above the mean three years running
}

TEST_CASE("green zone: exactly at the group mean in each of three years is stable") {
    // Equal iors: both schools are exactly at the mean (0.6) every year, and never improve.
    SchoolAnalytics g = green_pair({0.6, 0.6, 0.6}, {0.6, 0.6, 0.6});
    CHECK(year_of(g, 0, 2021).green_zone == "stable");
    CHECK(year_of(g, 0, 2020).green_zone == "");  // only two years yet
    // One year a hair below the mean breaks it: a 0.59, b 0.61 in 2019 → mean 0.6.
    SchoolAnalytics h = green_pair({0.59, 0.6, 0.6}, {0.61, 0.6, 0.6});
    CHECK(year_of(h, 0, 2021).green_zone == "");
    CHECK(year_of(h, 1, 2021).green_zone == "stable");
    CHECK(year_of(h, 0, 2020).green_zone == "improved");
}

TEST_CASE("green zone: org_index, when reported, must pass the same test as ior") {
    // a's ior improves in 2021, but its org_index falls: not improved; never at the mean either.
    SchoolAnalytics g =
        green_pair({0.5, 0.5, 0.55}, {0.9, 0.9, 0.9}, {0.7, 0.7, 0.6}, {0.8, 0.8, 0.8});
    CHECK(year_of(g, 0, 2021).green_zone == "");
    // Both rise: improved.
    SchoolAnalytics h =
        green_pair({0.5, 0.5, 0.55}, {0.9, 0.9, 0.9}, {0.6, 0.6, 0.61}, {0.8, 0.8, 0.8});
    CHECK(year_of(h, 0, 2021).green_zone == "improved");
    // b: ior above the mean each year; its org_index exactly at the group's org mean (both 0.8,
    // then 0.8 against a's 0.8): stable. Without org_index that year only ior counts.
    SchoolAnalytics k =
        green_pair({0.5, 0.5, 0.5}, {0.9, 0.9, 0.9}, {0.8, 0.8, 0.8}, {0.8, 0.8, 0.8});
    CHECK(year_of(k, 1, 2021).green_zone == "stable");
    SchoolAnalytics m =
        green_pair({0.5, 0.5, 0.5}, {0.9, 0.9, 0.9}, {0.9, 0.9, 0.9}, {0.8, 0.8, std::nullopt});
    CHECK(year_of(m, 1, 2021).green_zone == "stable");  // no org_index in 2021: ior alone
    SchoolAnalytics n =
        green_pair({0.5, 0.5, 0.5}, {0.9, 0.9, 0.9}, {0.9, 0.9, 0.9}, {0.8, 0.8, 0.85});
    // ior flat (not improved) and org_index below its mean 0.85 in 2019 (not stable): outside.
    CHECK(year_of(n, 1, 2021).green_zone == "");
}
