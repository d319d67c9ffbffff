#include "analytics/site_figures.h"

#include "analytics/programme_progress.h"
#include "analytics/titles.h"

namespace nk::analytics {

bool is_mentor_school(const model::Site& site, size_t school) {
    const auto& s = site.schools[school];
    return !s.titles.empty() || !s.offer.empty() || !site.school_links[school].mentor_of.empty();
}

SiteFigures site_figures(const model::Site& site, const SchoolAnalytics& analytics) {
    SiteFigures f;
    f.practices = static_cast<int>(site.practices.size());
    f.schools = static_cast<int>(site.schools.size());
    // Winners of the site's competitions hold the title without typing it (analytics/titles).
    std::vector<std::vector<SchoolTitle>> titles = school_titles(site);
    for (size_t i = 0; i < site.schools.size(); ++i)
        if (is_mentor_school(site, i) || !titles[i].empty()) f.mentor_schools.push_back(i);
    f.shnor_year = analytics.years().empty() ? 0 : analytics.years().back();
    for (const auto& school : site.schools)
        if (const auto* y = school.year(f.shnor_year); y && y->low_results) ++f.shnor;
    for (const auto& m : site.mentorships)
        f.active_programmes += mentorship_status(m, site.as_of) == "active";
    f.events = static_cast<int>(site.events.size());
    return f;
}

namespace {

bool low_category(const std::string& c) {
    return c == "not_coping" || c == "inefficient";
}
bool high_category(const std::string& c) {
    return c == "effective" || c == "resilient";
}

}  // namespace

YearTransition year_transition(const model::Site& site, const SchoolAnalytics& analytics, int from,
                               int to) {
    YearTransition t;
    t.from = from;
    t.to = to;
    for (size_t i = 0; i < site.schools.size(); ++i) {
        const SchoolYear* a = analytics.get(i, from);
        const SchoolYear* b = analytics.get(i, to);
        if (!a || !b || !a->quartile || !b->quartile) continue;
        ++t.compared;
        ++t.matrix[static_cast<size_t>(a->quartile - 1)][static_cast<size_t>(b->quartile - 1)];
        (b->quartile > a->quartile ? t.up : b->quartile < a->quartile ? t.down : t.same) += 1;
        const records::YearIndicators* y = site.schools[i].year(from);
        bool shnor = y && y->low_results;
        if (a->quartile == 1) {
            t.lowest.push_back(i);
            if (b->quartile > 1) t.left_lowest.push_back(i);
        }
        if ((shnor || a->quartile == 1) && low_category(a->category) && high_category(b->category))
            t.to_effective.push_back(i);
    }
    return t;
}

}  // namespace nk::analytics
