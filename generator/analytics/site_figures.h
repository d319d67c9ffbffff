#pragma once
// The figures the site shows on more than one page (the home page, lists, dashboards and the
// yearly report), each defined once here so that every page reads the same number.

#include <array>
#include <string>
#include <vector>

#include "analytics/school_analytics.h"
#include "model/site.h"

namespace nk::analytics {

/// A school of the mentors' directory: it holds a «Школа-наставник» title, offers its support,
/// or mentors in at least one programme.
bool is_mentor_school(const model::Site& site, size_t school);

struct SiteFigures {
    int practices = 0;
    int schools = 0;
    std::vector<size_t> mentor_schools;  ///< is_mentor_school or a title won, in site order
    int shnor_year = 0;                  ///< the latest indicator year (0 without indicators)
    int shnor = 0;                       ///< ШНОР in that year (low_results)
    int active_programmes = 0;           ///< mentorships "active" on as_of
    int events = 0;                      ///< events in the calendar
};
SiteFigures site_figures(const model::Site& site, const SchoolAnalytics& analytics);

/// How schools moved between two indicator years. Only schools with a quartile in both years
/// are compared.
struct YearTransition {
    int from = 0, to = 0;
    int compared = 0, up = 0, down = 0, same = 0;
    std::array<std::array<int, 4>, 4> matrix{};  ///< [quartile in from − 1][quartile in to − 1]
    std::vector<size_t> lowest;                  ///< quartile 1 in `from`
    std::vector<size_t> left_lowest;             ///< of `lowest`, above quartile 1 in `to`
    /// Of `lowest` and the ШНОР of `from`: from «Несправляющаяся» or «Неэффективная» to
    /// «Эффективная» or «Резильентная».
    std::vector<size_t> to_effective;
};
YearTransition year_transition(const model::Site& site, const SchoolAnalytics& analytics, int from,
                               int to);

}  // namespace nk::analytics
