#include "validate/competition_rules.h"

#include <algorithm>
#include <cstdio>

#include "analytics/titles.h"
#include "config/date.h"

namespace nk::validate {

namespace {

/// Four significant digits: 0.63, 0.6414.
std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

/// Why school `index` is outside the green zone in `year`, for the diagnostic.
std::string shortfall(const analytics::SchoolAnalytics& analytics, size_t index, int year) {
    const analytics::SchoolYear* now = analytics.get(index, year);
    if (!now || !now->ior)
        return "it has no 'ior' for " + school_year_label(year) +
               " ([[years]] with year = " + std::to_string(year) + ")";
    const analytics::SchoolYear* before = analytics.get(index, year - 1);
    std::string why = "its ior " + number(*now->ior) + " in " + school_year_label(year);
    if (before && before->ior)
        why += " is not above " + number(*before->ior) + " of " + school_year_label(year - 1);
    else
        why += " cannot be compared: no ior for " + school_year_label(year - 1);
    why += ", and it is not at or above the group mean in each of " + school_year_label(year - 2) +
           ", " + school_year_label(year - 1) + " and " + school_year_label(year);
    if (now->group)
        why += " (mean " + number(now->group->ior_mean) + " in " + school_year_label(year) + ")";
    if (now->org_index) why += "; its org_index must pass the same test";
    return why;
}

}  // namespace

void check_green_zone(const model::Site& site, const analytics::SchoolAnalytics& analytics,
                      diag::Diagnostics& diags) {
    const std::string rule = "competition_green_zone";
    for (const records::Competition& c : site.competitions) {
        int year = competition_school_year(c.year);
        for (const records::Application& a : c.applications) {
            std::optional<size_t> index = site.school_index(a.school.value);
            if (!index) continue;  // an unknown school is reported by the reference check
            const analytics::SchoolYear* sy = analytics.get(*index, year);
            if (sy && sy->in_green_zone()) continue;
            diags.report(a.school.loc,
                         "school '" + a.school.value + "' applies to a competition of " +
                             std::to_string(c.year) + " but is outside the green zone in " +
                             school_year_label(year) + ": " + shortfall(analytics, *index, year) +
                             " [" + rule + "]",
                         site.config.rules.is_warning(rule));
        }
    }
}

void check_titles(const model::Site& site, diag::Diagnostics& diags) {
    std::vector<std::vector<analytics::SchoolTitle>> titles = analytics::school_titles(site);
    for (size_t i = 0; i < site.schools.size(); ++i) {
        const records::School& school = site.schools[i];
        for (const records::Title& t : school.titles) {
            if (t.title != analytics::kMentorTitle ||
                !analytics::title_checkable(site, school, t.year))
                continue;
            bool given = std::any_of(titles[i].begin(), titles[i].end(), [&](const auto& won) {
                return won.competition && won.year == t.year && won.title == t.title;
            });
            if (given) continue;
            std::string held;
            for (const records::Competition& c : site.competitions)
                if (c.year == t.year) held += (held.empty() ? "'" : ", '") + c.id + "'";
            diags.warning(t.loc, "the title '" + t.title + "' of " + std::to_string(t.year) +
                                     " is given by no competition: school '" + school.id +
                                     "' is not among the winners of " + held +
                                     " (remove the title, or correct the competition)");
        }
    }
}

}  // namespace nk::validate
