#pragma once
// SPEC §4 per school and year, within the comparison group: quartile, category, stably high/low,
// risk zones; plus the group figures (percentiles, mean) the dashboards draw behind a school.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace nk::analytics {

/// Figures of one comparison group (municipality or region) in one year.
struct GroupYear {
    std::string group;  ///< the municipality or region name
    int year = 0;
    size_t size = 0;  ///< schools with a [[years]] entry for the year and an `ior`
    double ior_p25 = 0, ior_p50 = 0, ior_p75 = 0, ior_mean = 0;
    double isbsh_median = 0;
    std::optional<double>
        evening_p75;                 ///< P75 of evening_share over members reporting it, 0 included
    size_t evening_reported = 0;     ///< members reporting an evening_share (0 included)
    std::optional<double> org_mean;  ///< mean org_index over members reporting it
    std::vector<size_t>
        members;  ///< the schools counted in `size` (Site::schools indices), ascending
};

/// What SPEC §4 computes for one school in one year.
struct SchoolYear {
    int year = 0;
    std::optional<double> ior, isbsh;
    int quartile = 0;          ///< 1..4; 0 when the school has no ior that year
    std::string category;      ///< effective | resilient | inefficient | not_coping | "" (no data)
    bool stably_high = false;  ///< quartile 4 in Y-2, Y-1 and Y
    bool stably_low = false;   ///< quartile 1 in Y-2, Y-1 and Y
    std::vector<std::string> risk_zones;  ///< unstable, gia_vpr_gap, evening, advanced_below
    std::optional<double> org_index;      ///< the year's `org_index`, when reported
    /// Seed 004 «зелёная зона» (SPEC §4 competition_green_zone): `improved` — ior above the
    /// previous year's (and org_index above its previous year's, when reported this year);
    /// `stable` — ior at or above the group mean in each of Y-2, Y-1 and Y (org_index likewise,
    /// when reported this year); "" — outside the green zone.
    std::string green_zone;
    bool in_green_zone() const { return !green_zone.empty(); }
    const GroupYear* group = nullptr;
};

/// Per school (same index as Site::schools) and year, computed once per build.
class SchoolAnalytics {
  public:
    SchoolAnalytics() = default;
    /// Copies point each SchoolYear::group at the copy's own group figures.
    SchoolAnalytics(const SchoolAnalytics& other);
    SchoolAnalytics& operator=(const SchoolAnalytics& other);
    /// Moves keep the vectors' buffers, so the group pointers stay valid.
    SchoolAnalytics(SchoolAnalytics&&) noexcept = default;
    SchoolAnalytics& operator=(SchoolAnalytics&&) noexcept = default;

    /// Computes everything for the site's schools; `group_by` is "municipality" or "region".
    static SchoolAnalytics compute(const std::vector<records::School>& schools,
                                   const std::string& group_by);

    /// Stats of school `index` for `year`, or nullptr when it has no entry that year.
    const SchoolYear* get(size_t school_index, int year) const;
    /// All years of one school, ascending.
    const std::vector<SchoolYear>& years_of(size_t school_index) const;
    /// Every year any school reports, ascending.
    const std::vector<int>& years() const { return years_; }
    /// Group figures for a school's group in a year.
    const GroupYear* group(const std::string& group_name, int year) const;
    /// Every group-year, ordered by group then year.
    const std::vector<GroupYear>& groups() const { return groups_; }

  private:
    std::vector<std::vector<SchoolYear>> per_school_;
    std::vector<GroupYear> groups_;
    std::vector<int> years_;
};

/// Russian label of a category code ("Эффективная" …); "" for "".
std::string category_label(const std::string& category);
/// Russian label of a risk zone code.
std::string risk_zone_label(const std::string& zone);
/// Plain-Russian sentence stating the rule that gives a category / zone / status.
std::string category_rule(const std::string& category);
std::string risk_zone_rule(const std::string& zone);
/// Plain-Russian sentence stating the green-zone rule (seed 004), as dashboards show it.
std::string green_zone_rule();

}  // namespace nk::analytics
