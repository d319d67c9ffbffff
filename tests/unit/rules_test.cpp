// Every rule of SPEC §4 broken once and kept once, with the exact message and position; `warn`
// turns an error into a warning.

#include "validate/rules.h"

#include <doctest/doctest.h>

#include "analytics/titles.h"

using namespace nk;

namespace {

/// A mentorship whose fields sit where a typical file would put them.
records::Mentorship mentorship(const std::string& id, const std::string& mentor,
                               std::vector<std::string> mentees, Date start, Date end) {
    records::Mentorship m;
    m.id = id;
    m.path = "data/mentorships/" + id + ".toml";
    m.loc = {m.path, 1, 1};
    m.mentors.push_back({mentor, {m.path, 3, 12}});
    for (auto& s : mentees) m.mentees.push_back({s, {m.path, 4, 12}});
    m.start = start;
    m.start_loc = {m.path, 5, 9};
    m.end = end;
    m.end_loc = {m.path, 6, 7};
    m.extended_loc = {m.path, 7, 18};
    return m;
}

records::Association association(const std::string& id, std::optional<int> school_year,
                                 std::optional<Date> submitted = std::nullopt) {
    records::Association a;
    a.id = id;
    a.path = "data/associations/" + id + ".toml";
    a.loc = {a.path, 1, 1};
    a.school_year = school_year;
    a.school_year_loc = {a.path, 4, 15};
    a.analysis_submitted = submitted;
    a.analysis_loc = {a.path, 5, 22};
    return a;
}

records::Event event(const std::string& kind, const std::string& association_id, Date date) {
    records::Event e;
    e.id = kind + "-" + date.iso();
    e.kind.value = kind;
    e.association = records::Located{association_id, {}};
    e.date.date = date;
    return e;
}

model::Site site_as_of(Date as_of) {
    model::Site site;
    site.as_of = as_of;
    return site;
}

/// Every diagnostic as `path:line:col: severity: message`, in position order.
std::vector<std::string> check(model::Site& site) {
    site.index();
    diag::Diagnostics diags;
    validate::check_rules(site, diags);
    std::vector<std::string> out;
    for (const diag::Diagnostic& d : diags.sorted()) out.push_back(diag::Diagnostics::format(d));
    return out;
}

}  // namespace

TEST_CASE("mentor_max_mentees: a third mentee school on the same day") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {
        mentorship("m1", "korenovsk-sosh-1", {"korenovsk-sosh-2", "korenovsk-sosh-4"}, {2021, 2, 1},
                   {2021, 12, 31}),
        mentorship("m2", "korenovsk-sosh-1", {"korenovsk-sosh-6"}, {2021, 3, 1}, {2021, 8, 31})};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/mentorships/m2.toml:3:12: error: school 'korenovsk-sosh-1' mentors 3 schools on "
          "2021-03-01 (korenovsk-sosh-2, korenovsk-sosh-4, korenovsk-sosh-6); the limit is 2 "
          "[mentor_max_mentees]");

    site.mentorships[1].start = {2022, 1, 1};  // after m1 has ended
    site.mentorships[1].end = {2022, 6, 30};
    CHECK(check(site).empty());

    site.mentorships[0].extended_until = Date{2022, 1, 1};  // the extension overlaps again
    found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0].find("mentors 3 schools on 2022-01-01") != std::string::npos);
}

TEST_CASE("mentor_max_mentees: a long overload is reported once per mentorship that adds to it") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {mentorship("m1", "a", {"b", "c"}, {2021, 1, 1}, {2021, 12, 31}),
                        mentorship("m2", "a", {"d"}, {2021, 3, 1}, {2021, 8, 31}),
                        mentorship("m3", "a", {"e"}, {2021, 4, 1}, {2021, 7, 15}),
                        mentorship("m4", "a", {"d"}, {2021, 5, 1}, {2021, 8, 31})};
    auto found = check(site);
    REQUIRE(found.size() == 2);
    CHECK(found[0].find("m2.toml") != std::string::npos);
    CHECK(found[0].find("mentors 3 schools on 2021-03-01 (b, c, d)") != std::string::npos);
    CHECK(found[1].find("m3.toml") != std::string::npos);
    CHECK(found[1].find("mentors 4 schools on 2021-04-01 (b, c, d, e)") != std::string::npos);

    site.config.rules.mentor_max_mentees = 4;
    CHECK(check(site).empty());
}

TEST_CASE("mentor_max_mentees: a mentor group with three mentee schools breaks it alone") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {mentorship("g", "a", {"b", "c", "d"}, {2021, 2, 1}, {2021, 12, 31})};
    site.mentorships[0].mentors.push_back({"e", {"data/mentorships/g.toml", 3, 17}});
    auto found = check(site);
    REQUIRE(found.size() == 2);  // each mentor school of the group
    CHECK(found[0] ==
          "data/mentorships/g.toml:3:12: error: school 'a' mentors 3 schools on 2021-02-01 "
          "(b, c, d); the limit is 2 [mentor_max_mentees]");
    CHECK(found[1].find("3:17: error: school 'e' mentors 3 schools") != std::string::npos);
}

TEST_CASE("mentorship_min_months") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {mentorship("m", "a", {"b"}, {2021, 2, 1}, {2021, 4, 15})};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/mentorships/m.toml:6:7: error: 'end' 2021-04-15 is less than 3 months after "
          "'start' 2021-02-01; the earliest allowed end is 2021-05-01 [mentorship_min_months]");
    site.mentorships[0].end = {2021, 5, 1};
    CHECK(check(site).empty());
}

TEST_CASE("mentorship_max_months") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {mentorship("m", "a", {"b"}, {2021, 2, 1}, {2022, 2, 2})};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/mentorships/m.toml:6:7: error: 'end' 2022-02-02 is more than 12 months after "
          "'start' 2021-02-01; the latest allowed end is 2022-02-01 (use 'extended_until' to "
          "extend it) [mentorship_max_months]");
    site.mentorships[0].end = {2022, 2, 1};
    CHECK(check(site).empty());
}

TEST_CASE("extension_max_months") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {mentorship("m", "a", {"b"}, {2021, 2, 1}, {2021, 12, 31})};
    site.mentorships[0].extended_until = Date{2023, 1, 1};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/mentorships/m.toml:7:18: error: 'extended_until' 2023-01-01 is more than 12 "
          "months after 'end' 2021-12-31; the latest allowed extension is 2022-12-31 "
          "[extension_max_months]");
    site.mentorships[0].extended_until = Date{2022, 12, 31};
    CHECK(check(site).empty());
}

TEST_CASE("association_min_meetings once the school year has ended") {
    model::Site site = site_as_of({2021, 9, 1});
    site.associations = {association("mpo", 2020, Date{2021, 6, 1})};
    site.events = {event("meeting", "mpo", {2020, 9, 1}),
                   event("meeting", "mpo", {2020, 12, 1}),
                   event("meeting", "mpo", {2021, 8, 31}),
                   event("meeting", "mpo", {2021, 9, 1}),     // next school year
                   event("seminar", "mpo", {2021, 3, 1}),     // not a meeting
                   event("meeting", "other", {2021, 3, 1})};  // another association
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/associations/mpo.toml:4:15: error: association 'mpo' held 3 meetings in the "
          "school year 2020/21 (2020-09-01 to 2021-08-31); at least 4 are required (events with "
          "kind = \"meeting\" and association = \"mpo\") [association_min_meetings]");

    site.as_of = {2021, 8, 31};  // the year is not over yet
    CHECK(check(site).empty());

    site.as_of = {2021, 9, 1};
    site.events.push_back(event("meeting", "mpo", {2021, 3, 15}));
    CHECK(check(site).empty());
}

TEST_CASE("analysis_due once 15 July after the school year has passed") {
    model::Site site = site_as_of({2021, 7, 16});
    site.associations = {association("mpo", 2020)};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/associations/mpo.toml:4:15: error: association 'mpo' has no 'analysis_submitted', "
          "but the analysis of the school year 2020/21 was due on 2021-07-15; add the date it "
          "was submitted [analysis_due]");

    site.associations[0].analysis_submitted = Date{2021, 7, 20};
    found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/associations/mpo.toml:5:22: error: association 'mpo' submitted the analysis of "
          "the school year 2020/21 on 2021-07-20, after it was due on 2021-07-15 [analysis_due]");

    site.associations[0].analysis_submitted = Date{2021, 7, 15};
    CHECK(check(site).empty());

    site.associations[0].analysis_submitted.reset();
    site.as_of = {2021, 7, 15};  // due today: not passed yet
    CHECK(check(site).empty());

    site.config.rules.analysis_due_month = 6;
    site.config.rules.analysis_due_day = 30;
    CHECK(check(site).size() == 1);
}

TEST_CASE("associations without a school year are not checked") {
    model::Site site = site_as_of({2030, 1, 1});
    site.associations = {association("mpo", std::nullopt)};
    CHECK(check(site).empty());
}

TEST_CASE("warn turns a broken rule into a warning") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {mentorship("m", "a", {"b"}, {2021, 2, 1}, {2021, 4, 15})};
    site.config.rules.warn = {"mentorship_min_months"};
    site.index();
    diag::Diagnostics diags;
    validate::check_rules(site, diags);
    CHECK(diags.error_count() == 0);
    CHECK(diags.warning_count() == 1);
    CHECK(diag::Diagnostics::format(diags.sorted().at(0))
              .find("m.toml:6:7: warning: 'end' 2021-04-15 is less than 3 months") !=
          std::string::npos);

    site.config.rules.warn = {"mentor_max_mentees"};  // another rule: still an error
    diag::Diagnostics again;
    validate::check_rules(site, again);
    CHECK(again.error_count() == 1);
}

TEST_CASE("a one-month limit reads in the singular") {
    model::Site site = site_as_of({2021, 6, 30});
    site.mentorships = {mentorship("m", "a", {"b"}, {2021, 2, 1}, {2021, 2, 15})};
    site.config.rules.mentorship_min_months = 1;
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0].find("is less than 1 month after") != std::string::npos);
}

namespace {

records::School school_with(const std::string& id, std::vector<std::pair<int, double>> iors) {
    records::School s;
    s.id = id;
    s.name = id;
    s.municipality = "Кореновский район";
    s.path = "data/schools/" + id + ".toml";
    for (auto [year, ior] : iors) {
        records::YearIndicators y;
        y.year = year;
        y.ior = ior;
        s.years.push_back(y);
    }
    return s;
}

records::Competition competition_of(int year, std::vector<std::string> schools) {
    records::Competition c;
    c.id = "konkurs";
    c.path = "data/competitions/konkurs.toml";
    c.year = year;
    int line = 10;
    for (auto& id : schools) {
        records::Application a;
        a.school = {id, {c.path, line, 10}};
        line += 10;
        c.applications.push_back(a);
    }
    return c;
}

}  // namespace

TEST_CASE("competition_green_zone: the competition of 2022 reads the school year 2021/22") {
    model::Site site = site_as_of({2022, 6, 30});
    // up: 0.60 → 0.61 (above by 0.01); flat: 0.70 → 0.70 and below the mean 0.7033 in 2021.
    site.schools = {school_with("up", {{2019, 0.6}, {2020, 0.6}, {2021, 0.61}}),
                    school_with("flat", {{2019, 0.7}, {2020, 0.7}, {2021, 0.7}}),
                    school_with("top", {{2019, 0.8}, {2020, 0.8}, {2021, 0.8}})};
    site.competitions = {competition_of(2022, {"up", "flat", "top"})};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/competitions/konkurs.toml:20:10: error: school 'flat' applies to a competition "
          "of 2022 but is outside the green zone in 2021/22: its ior 0.7 in 2021/22 is not "
          "above 0.7 of 2020/21, and it is not at or above the group mean in each of 2019/20, "
          "2020/21 and 2021/22 (mean 0.7033 in 2021/22) [competition_green_zone]");
}

TEST_CASE("competition_green_zone: no indicators for the year, and the rule as a warning") {
    model::Site site = site_as_of({2022, 6, 30});
    site.schools = {school_with("new", {{2019, 0.6}})};
    site.competitions = {competition_of(2021, {"new"})};
    site.config.rules.warn = {"competition_green_zone"};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/competitions/konkurs.toml:10:10: warning: school 'new' applies to a competition "
          "of 2021 but is outside the green zone in 2020/21: it has no 'ior' for 2020/21 "
          "([[years]] with year = 2020) [competition_green_zone]");
}

TEST_CASE("titles: won in a competition without typing; a typed title no competition gives warns") {
    model::Site site = site_as_of({2022, 6, 30});
    site.schools = {school_with("up", {{2019, 0.6}, {2020, 0.6}, {2021, 0.61}}),
                    school_with("top", {{2019, 0.8}, {2020, 0.8}, {2021, 0.8}}),
                    school_with("elsewhere", {})};
    site.schools[1].titles = {{"Школа-наставник", 2022, {"data/schools/top.toml", 5, 10}}};
    site.schools[0].titles = {{"Школа-наставник", 2022, {"data/schools/up.toml", 5, 10}}};
    site.schools[2].region = "Тульская область";  // no competition of its region: not checked
    site.schools[2].titles = {{"Школа-наставник", 2022, {"data/schools/elsewhere.toml", 5, 10}}};
    records::Competition c = competition_of(2022, {"up", "top"});
    c.winners_count = 1;
    c.winners_set = true;
    c.applications[1].scores = {{"Эксперт 1", {5, 5, 5, 5, 5}}};
    site.competitions = {c};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/schools/up.toml:5:10: warning: the title 'Школа-наставник' of 2022 is given by no "
          "competition: school 'up' is not among the winners of 'konkurs' (remove the title, or "
          "correct the competition)");
    site.index();
    auto titles = analytics::school_titles(site);
    REQUIRE(titles[1].size() == 1);  // typed and won: shown once, with its competition
    CHECK(titles[1][0].competition == std::optional<size_t>(0));
    CHECK(titles[1][0].typed);
    site.schools[1].titles.clear();  // not typed: still won
    site.index();
    titles = analytics::school_titles(site);
    REQUIRE(titles[1].size() == 1);
    CHECK(titles[1][0].year == 2022);
    CHECK_FALSE(titles[1][0].typed);
}

namespace {

records::Transition transition_of(const std::string& school, std::optional<Date> defended,
                                  std::optional<std::string> outcome, bool included) {
    records::Transition t;
    t.id = "perehod";
    t.path = "data/transitions/perehod.toml";
    t.loc = {t.path, 1, 1};
    t.school = {school, {t.path, 2, 10}};
    t.mentors = {{"mentor", {t.path, 3, 12}}};
    t.defended = defended;
    t.defended_loc = {t.path, 6, 12};
    t.outcome = outcome;
    t.outcome_loc = {t.path, 7, 11};
    t.included = included;
    t.included_loc = {t.path, 8, 38};
    return t;
}

model::Site site_with_shnor(Date as_of) {
    model::Site site = site_as_of(as_of);
    site.schools = {school_with("shnor", {{2020, 0.3}}), school_with("mentor", {{2020, 0.8}}),
                    school_with("strong", {{2020, 0.9}})};
    site.schools[0].years[0].low_results = true;
    return site;
}

}  // namespace

TEST_CASE("transitions: an outcome on the day of the defence, included when recommended") {
    model::Site site = site_with_shnor({2021, 3, 26});
    site.transitions = {transition_of("shnor", Date{2021, 3, 26}, "recommended", true)};
    CHECK(check(site).empty());
    site.transitions[0].outcome = std::nullopt;  // defended, outcome not written yet: allowed
    site.transitions[0].included = false;
    CHECK(check(site).empty());
    site.transitions[0].defended = std::nullopt;  // still being written
    CHECK(check(site).empty());
}

TEST_CASE("transitions: an outcome a day before the defence, without one, or included unapproved") {
    model::Site site = site_with_shnor({2021, 3, 25});
    site.transitions = {transition_of("shnor", Date{2021, 3, 26}, "revise", true)};
    auto found = check(site);
    REQUIRE(found.size() == 2);
    CHECK(found[0] ==
          "data/transitions/perehod.toml:7:11: error: 'outcome' is given, but the defence on "
          "2021-03-26 has not taken place yet (data as of 2021-03-25)");
    CHECK(found[1] ==
          "data/transitions/perehod.toml:8:38: error: only a programme recommended after its "
          "defence goes into the development programme: 'included_in_development_programme' "
          "needs outcome = \"recommended\"");
    site.transitions[0].defended = std::nullopt;
    site.transitions[0].included = false;
    found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/transitions/perehod.toml:7:11: error: 'outcome' is the result of the "
          "public defence: add the date 'defended'");
}

TEST_CASE("transitions: made for a ШНОР or ШССУ only") {
    model::Site site = site_with_shnor({2021, 6, 1});
    site.transitions = {transition_of("strong", std::nullopt, std::nullopt, false)};
    auto found = check(site);
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "data/transitions/perehod.toml:2:10: error: school 'strong' is marked neither "
          "low_results nor difficult_conditions in any year: a transition programme is made for "
          "a ШНОР or ШССУ");
    site.schools[2].years[0].difficult_conditions = true;  // ШССУ
    CHECK(check(site).empty());
}
