#include "validate/competition_rules.h"

#include <algorithm>
#include <cstdio>

#include "analytics/titles.h"
#include "config/date.h"
#include "diag/messages.h"

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
        return diag::tr("it has no 'ior' for {} ([[years]] with year = {})",
                        school_year_label(year), year);
    const analytics::SchoolYear* before = analytics.get(index, year - 1);
    std::string why =
        before && before->ior
            ? diag::tr("its ior {} in {} is not above {} of {}", number(*now->ior),
                       school_year_label(year), number(*before->ior), school_year_label(year - 1))
            : diag::tr("its ior {} in {} cannot be compared: no ior for {}", number(*now->ior),
                       school_year_label(year), school_year_label(year - 1));
    why +=
        diag::tr(", and it is not at or above the group mean in each of {}, {} and {}",
                 school_year_label(year - 2), school_year_label(year - 1), school_year_label(year));
    if (now->group)
        why += diag::tr(" (mean {} in {})", number(now->group->ior_mean), school_year_label(year));
    if (now->org_index) why += diag::tr("; its org_index must pass the same test");
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
                         diag::tr("school '{}' applies to a competition of {} but is outside the "
                                  "green zone in {}: {}",
                                  a.school.value, c.year, school_year_label(year),
                                  shortfall(analytics, *index, year)) +
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
            diags.warning(t.loc, diag::tr("the title '{}' of {} is given by no competition: school "
                                          "'{}' is not among the winners of {} (remove the "
                                          "title, or correct the competition)",
                                          t.title, t.year, school.id, held));
        }
    }
}

}  // namespace nk::validate
