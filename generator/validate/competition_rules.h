#pragma once
// The competition's rules of seed 004: the green zone of applicants (competition_green_zone)
// and the titles «Школа-наставник» that a hand-typed `titles` entry claims.

#include "analytics/school_analytics.h"
#include "diag/diagnostics.h"
#include "model/site.h"

namespace nk::validate {

/// The school year whose indicators decide a competition of calendar year `year`: the
/// competition runs in the spring of the school year that began the autumn before.
inline int competition_school_year(int year) {
    return year - 1;
}

/// Reports every application from a school outside the green zone in its competition's school
/// year [competition_green_zone].
void check_green_zone(const model::Site& site, const analytics::SchoolAnalytics& analytics,
                      diag::Diagnostics& diags);

/// Warns at each typed title «Школа-наставник» of a year whose competition the site records
/// (among schools of the same region) but which does not name the school among its winners.
void check_titles(const model::Site& site, diag::Diagnostics& diags);

}  // namespace nk::validate
