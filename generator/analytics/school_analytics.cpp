#include "analytics/school_analytics.h"

#include <algorithm>
#include <set>

#include "analytics/statistics.h"

namespace nk::analytics {

using records::School;
using records::YearIndicators;

namespace {

// Indicators are decimal fractions that doubles hold only approximately (1.5 × 0.4 gives
// 0.6000000000000001, a mean of three 0.1 gives 0.10000000000000002), so a value counts as
// "below" a threshold only when it is below by more than this; "exactly at" then counts as at.
constexpr double kTolerance = 1e-9;

bool below(double value, double threshold) {
    return value < threshold - kTolerance;
}

using GroupKey = std::pair<std::string, int>;
using Members = std::vector<const YearIndicators*>;

const std::string& group_name(const School& school, const std::string& group_by) {
    return group_by == "region" ? school.region : school.municipality;
}

/// The comparison groups: per (group, year), the entries of the schools that have an `ior`.
std::map<GroupKey, Members> group_members(const std::vector<School>& schools,
                                          const std::string& group_by) {
    std::map<GroupKey, Members> out;
    for (const School& school : schools)
        for (const YearIndicators& y : school.years)
            if (y.ior) out[{group_name(school, group_by), y.year}].push_back(&y);
    return out;
}

/// The values of one optional indicator over the members that report it.
std::vector<double> values_of(const Members& members,
                              std::optional<double> YearIndicators::*field) {
    std::vector<double> out;
    for (const YearIndicators* y : members) {
        const std::optional<double>& v = y->*field;
        if (v) out.push_back(*v);
    }
    return out;
}

GroupYear group_figures(const GroupKey& key, const Members& members) {
    GroupYear g;
    g.group = key.first;
    g.year = key.second;
    g.size = members.size();
    std::vector<double> ior = values_of(members, &YearIndicators::ior);
    g.ior_p25 = percentile_inc(ior, 0.25);
    g.ior_p50 = percentile_inc(ior, 0.50);
    g.ior_p75 = percentile_inc(ior, 0.75);
    g.ior_mean = arithmetic_mean(ior);
    std::vector<double> isbsh = values_of(members, &YearIndicators::isbsh);
    if (!isbsh.empty()) g.isbsh_median = percentile_inc(isbsh, 0.50);
    // SPEC §4 (seed 002: the fourth quartile among the schools surveyed): every member that
    // reports a share counts, zeros included; the zone's "above 0" keeps schools without
    // evening classes out of it even when most report 0 and P75 is 0.
    std::vector<double> evening = values_of(members, &YearIndicators::evening_share);
    if (!evening.empty()) g.evening_p75 = percentile_inc(evening, 0.75);
    g.evening_reported = evening.size();
    std::vector<double> org = values_of(members, &YearIndicators::org_index);
    if (!org.empty()) g.org_mean = arithmetic_mean(org);
    return g;
}

int quartile_of(double ior, const GroupYear& g) {
    if (below(ior, g.ior_p25)) return 1;
    if (below(ior, g.ior_p50)) return 2;
    if (below(ior, g.ior_p75)) return 3;
    return 4;
}

std::string category_of(double ior, double isbsh, const GroupYear& g) {
    bool high_ior = !below(ior, g.ior_p50);
    bool high_isbsh = !below(isbsh, g.isbsh_median);
    if (high_ior) return high_isbsh ? "effective" : "resilient";
    return high_isbsh ? "inefficient" : "not_coping";
}

const SchoolYear* find_year(const std::vector<SchoolYear>& years, int year) {
    for (const SchoolYear& y : years)
        if (y.year == year) return &y;
    return nullptr;
}

/// True when the school is in quartile `q` in each of year-2, year-1 and year.
bool three_years_in(const std::vector<SchoolYear>& years, int year, int q) {
    for (int y = year - 2; y <= year; ++y) {
        const SchoolYear* sy = find_year(years, y);
        if (!sy || sy->quartile != q) return false;
    }
    return true;
}

/// (AM − GM) / AM > 1 % over the ior of year-2..year; a year without an ior leaves it unknown.
bool unstable(const std::vector<SchoolYear>& years, int year) {
    std::vector<double> ior;
    for (int y = year - 2; y <= year; ++y) {
        const SchoolYear* sy = find_year(years, y);
        if (!sy || !sy->ior) return false;
        ior.push_back(*sy->ior);
    }
    double am = arithmetic_mean(ior);
    if (am <= 0) return false;
    return (am - geometric_mean(ior)) / am > 0.01 + kTolerance;
}

/// The larger of gia and vpr is at least 1.5 times the smaller (a 0 next to a positive counts).
bool gia_vpr_gap(const YearIndicators& y) {
    if (!y.gia || !y.vpr) return false;
    double low = std::min(*y.gia, *y.vpr), high = std::max(*y.gia, *y.vpr);
    return high > 0 && !below(high, 1.5 * low);
}

bool evening_zone(const YearIndicators& y, const GroupYear& g) {
    if (!y.evening_share || *y.evening_share <= 0 || !g.evening_p75) return false;
    return !below(*y.evening_share, *g.evening_p75);
}

/// Risk zones need the group, so a school without an ior that year (outside the group) can
/// only have `gia_vpr_gap`.
std::vector<std::string> risk_zones(const School& school, const YearIndicators& y,
                                    const std::vector<SchoolYear>& years, const SchoolYear& sy) {
    std::vector<std::string> zones;
    if (unstable(years, sy.year)) zones.push_back("unstable");
    if (gia_vpr_gap(y)) zones.push_back("gia_vpr_gap");
    bool member = sy.ior && sy.group;
    if (member && evening_zone(y, *sy.group)) zones.push_back("evening");
    if (member && school.advanced && below(*sy.ior, sy.group->ior_mean))
        zones.push_back("advanced_below");
    return zones;
}

/// One integral indicator of a SchoolYear and its group mean, as the green zone reads them.
struct Integral {
    std::optional<double> SchoolYear::*value;
    std::optional<double> (*mean)(const GroupYear&);
};

std::optional<double> ior_mean(const GroupYear& g) {
    return g.ior_mean;
}
std::optional<double> org_mean(const GroupYear& g) {
    return g.org_mean;
}

/// The indicator of `year` is above that of year-1 (both reported).
bool improved(const std::vector<SchoolYear>& years, int year, const Integral& k) {
    const SchoolYear *now = find_year(years, year), *before = find_year(years, year - 1);
    if (!now || !before || !(now->*k.value) || !(before->*k.value)) return false;
    return *(now->*k.value) > *(before->*k.value) + kTolerance;
}

/// The indicator is at or above its group mean in each of year-2, year-1 and year.
bool stable_not_below_mean(const std::vector<SchoolYear>& years, int year, const Integral& k) {
    for (int y = year - 2; y <= year; ++y) {
        const SchoolYear* sy = find_year(years, y);
        if (!sy || !(sy->*k.value) || !sy->group) return false;
        std::optional<double> mean = k.mean(*sy->group);
        if (!mean || below(*(sy->*k.value), *mean)) return false;
    }
    return true;
}

/// Seed 004: "improved the integral indicators of educational results and of the organisation
/// of the educational process, or has stable indicators not below the average". org_index
/// joins ior when the school reports it for the year; both must pass the same test.
std::string green_zone_of(const std::vector<SchoolYear>& years, const SchoolYear& sy) {
    std::vector<Integral> integrals = {{&SchoolYear::ior, ior_mean}};
    if (sy.org_index) integrals.push_back({&SchoolYear::org_index, org_mean});
    auto all = [&](bool (*test)(const std::vector<SchoolYear>&, int, const Integral&)) {
        return std::all_of(integrals.begin(), integrals.end(),
                           [&](const Integral& k) { return test(years, sy.year, k); });
    };
    if (all(improved)) return "improved";
    if (all(stable_not_below_mean)) return "stable";
    return "";
}

SchoolYear base_figures(const SchoolAnalytics& analytics, const School& school,
                        const YearIndicators& y, const std::string& group_by) {
    SchoolYear sy;
    sy.year = y.year;
    sy.ior = y.ior;
    sy.isbsh = y.isbsh;
    sy.org_index = y.org_index;
    sy.group = analytics.group(group_name(school, group_by), y.year);
    if (!sy.ior || !sy.group) return sy;
    sy.quartile = quartile_of(*sy.ior, *sy.group);
    if (sy.isbsh) sy.category = category_of(*sy.ior, *sy.isbsh, *sy.group);
    return sy;
}

/// Every year of one school, ascending; `analytics` already holds the group figures.
std::vector<SchoolYear> school_figures(const SchoolAnalytics& analytics, const School& school,
                                       const std::string& group_by) {
    std::vector<SchoolYear> years;
    for (const YearIndicators& y : school.years)
        years.push_back(base_figures(analytics, school, y, group_by));
    std::sort(years.begin(), years.end(),
              [](const SchoolYear& a, const SchoolYear& b) { return a.year < b.year; });
    // Stability and zones look back at earlier years, so they follow all the quartiles.
    for (SchoolYear& sy : years) {
        sy.stably_high = three_years_in(years, sy.year, 4);
        sy.stably_low = three_years_in(years, sy.year, 1);
        sy.risk_zones = risk_zones(school, *school.year(sy.year), years, sy);
        sy.green_zone = green_zone_of(years, sy);
    }
    return years;
}

}  // namespace

SchoolAnalytics::SchoolAnalytics(const SchoolAnalytics& other) {
    *this = other;
}

SchoolAnalytics& SchoolAnalytics::operator=(const SchoolAnalytics& other) {
    if (this == &other) return *this;
    per_school_ = other.per_school_;
    groups_ = other.groups_;
    years_ = other.years_;
    // The copied pointers still point into `other`; move them to the same place in our copy.
    for (auto& school_years : per_school_)
        for (SchoolYear& sy : school_years)
            if (sy.group) sy.group = groups_.data() + (sy.group - other.groups_.data());
    return *this;
}

SchoolAnalytics SchoolAnalytics::compute(const std::vector<School>& schools,
                                         const std::string& group_by) {
    SchoolAnalytics out;
    for (const auto& [key, members] : group_members(schools, group_by))
        out.groups_.push_back(group_figures(key, members));
    // groups_ is complete before any SchoolYear points into it.
    std::set<int> years;
    for (size_t i = 0; i < schools.size(); ++i) {
        out.per_school_.push_back(school_figures(out, schools[i], group_by));
        for (const YearIndicators& y : schools[i].years) years.insert(y.year);
        // Dashboards draw a group's schools; listing them here saves a scan of every school.
        for (const SchoolYear& sy : out.per_school_.back())
            if (sy.ior && sy.group) out.groups_[sy.group - out.groups_.data()].members.push_back(i);
    }
    out.years_.assign(years.begin(), years.end());
    return out;
}

const SchoolYear* SchoolAnalytics::get(size_t school_index, int year) const {
    if (school_index >= per_school_.size()) return nullptr;
    return find_year(per_school_[school_index], year);
}

const std::vector<SchoolYear>& SchoolAnalytics::years_of(size_t school_index) const {
    static const std::vector<SchoolYear> kNone;
    return school_index < per_school_.size() ? per_school_[school_index] : kNone;
}

const GroupYear* SchoolAnalytics::group(const std::string& group_name, int year) const {
    auto it = std::lower_bound(groups_.begin(), groups_.end(), GroupKey{group_name, year},
                               [](const GroupYear& g, const GroupKey& key) {
                                   return GroupKey{g.group, g.year} < key;
                               });
    if (it == groups_.end() || it->group != group_name || it->year != year) return nullptr;
    return &*it;
}

std::string category_label(const std::string& category) {
    static const std::map<std::string, std::string> kLabels = {{"effective", "Эффективная"},
                                                               {"resilient", "Резильентная"},
                                                               {"inefficient", "Неэффективная"},
                                                               {"not_coping", "Несправляющаяся"}};
    auto it = kLabels.find(category);
    return it == kLabels.end() ? category : it->second;
}

std::string risk_zone_label(const std::string& zone) {
    // The seed's (002) names of the four risk-zone groups, as docs/editing.md §9 shows them.
    static const std::map<std::string, std::string> kLabels = {
        {"unstable", "Неустойчивость образовательных результатов"},
        {"gia_vpr_gap", "Значительная разница результатов ГИА и ВПР"},
        {"evening", "Значительная доля вечернего (очно-заочного, заочного) обучения"},
        {"advanced_below", "Школа повышенного уровня с результатами ниже среднего"}};
    auto it = kLabels.find(zone);
    return it == kLabels.end() ? zone : it->second;
}

std::string category_rule(const std::string& category) {
    static const std::map<std::string, std::string> kRules = {
        {"effective",
         "ИСБШ и ИОР не ниже медианы группы: в благополучных условиях школа показывает высокие "
         "результаты"},
        {"resilient",
         "ИОР не ниже медианы группы, ИСБШ ниже медианы: школа добивается высоких результатов "
         "в сложных условиях"},
        {"inefficient",
         "ИСБШ не ниже медианы группы, ИОР ниже медианы: в благополучных условиях школа "
         "показывает низкие результаты"},
        {"not_coping",
         "ИСБШ и ИОР ниже медианы группы: в сложных условиях школа показывает низкие результаты"}};
    auto it = kRules.find(category);
    return it == kRules.end() ? "" : it->second;
}

std::string risk_zone_rule(const std::string& zone) {
    static const std::map<std::string, std::string> kRules = {
        {"unstable",
         "За три года среднее арифметическое ИОР больше среднего геометрического более чем "
         "на 1 %: результаты школы неустойчивы"},
        {"gia_vpr_gap",
         "Больший из результатов ГИА и ВПР за год не меньше чем в 1,5 раза превышает меньший"},
        {"evening",
         "Доля обучающихся вечернего (очно-заочного, заочного) обучения больше нуля и не ниже "
         "P75 этой доли среди всех школ группы, указавших её за год, включая указавших 0 "
         "(4-й квартиль)"},
        {"advanced_below",
         "Школа повышенного уровня (лицей, гимназия), а её ИОР ниже среднего арифметического "
         "ИОР группы"}};
    auto it = kRules.find(zone);
    return it == kRules.end() ? "" : it->second;
}

std::string green_zone_rule() {
    return "Зелёная зона (условие участия в конкурсе «Школа-наставник»): ИОР выше, чем в "
           "предыдущем учебном году, или не ниже среднего по группе в каждом из трёх последних "
           "лет; если школа указала индекс организации образовательного процесса, он "
           "проверяется так же и вместе с ИОР.";
}

}  // namespace nk::analytics
