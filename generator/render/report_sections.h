#pragma once
// The section builders of the yearly report (internal to render/yearly_report*.cpp).

#include <optional>
#include <string>
#include <vector>

#include "analytics/programme_progress.h"
#include "render/yearly_report.h"

namespace nk::render::report {

using Kind = ReportCell::Kind;

/// Column shorthands: header, width in characters.
ReportColumn text_column(std::string header, double width);
ReportColumn integer_column(std::string header, double width = 11);
ReportColumn number_column(std::string header, int decimals, double width = 11,
                           bool signed_number = false);
ReportColumn date_column(std::string header, double width = 12);
/// A text column that groups rows (see ReportColumn::group).
ReportColumn group_column(std::string header, double width);

/// Whether the mentorship runs on some day of the report's school year.
bool runs_in(const records::Mentorship& m, const YearlyReport& r);
/// Display names of schools joined with ", ".
std::string school_names(const ViewContext& ctx, const std::vector<records::Located>& ids);
/// Mean feedback score from one side ("mentor" | "mentee") dated in the school year.
std::optional<double> mean_feedback(const records::Mentorship& m, const YearlyReport& r,
                                    const std::string& from);
/// Programme events of `m` in [from, to] that are due as of r.as_of, counted by status.
/// The programme's events dated within [from, to], as of the report's date.
analytics::Progress due_events(const records::Mentorship& m, const Date& from, const Date& to,
                               const Date& as_of);
/// Goals with a full baseline/target/actual: (achieved, with data).
std::pair<int, int> goals_achieved(const records::Mentorship& m);
/// Russian status of a mentorship on the report's date. A closed year is judged by the dates
/// (a programme finished later was still running then); an open one trusts the record's status.
std::string status_label(const records::Mentorship& m, const YearlyReport& r);
/// "да" / "нет"
std::string yes_no(bool v);

ReportSection pairs_section(const ViewContext& ctx, const YearlyReport& r);
ReportSection associations_section(const ViewContext& ctx, const YearlyReport& r);
ReportSection centre_section(const ViewContext& ctx, const YearlyReport& r);
ReportSection programmes_section(const ViewContext& ctx, const YearlyReport& r);
ReportSection competitions_section(const ViewContext& ctx, const YearlyReport& r);

}  // namespace nk::render::report
