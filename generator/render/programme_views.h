#pragma once
// Parts of the mentorship page: the numbered programme table (matching the timeline's markers),
// the term with extension and early completion, and the feedback averages over time.

#include "render/view_models.h"

namespace nk::render {

/// "Март 2022": a month heading.
std::string month_title(int year, int month);

/// The term of a plan item as a plan table writes it: "февраль 2021", "февраль — март 2021",
/// "в течение 2021 года", else "10.02.2021 — 15.03.2021" (or one date).
std::string plan_term(const std::optional<Date>& from, const std::optional<Date>& to);

/// A goal value without needless zeros: 35 → "35", 0.34 → "0,34", 1.5 → "1,5"; "—" when absent.
std::string compact_number(const std::optional<double>& v);

/// Programme events in record order: number, date, title, form, state ("done", "planned",
/// "overdue", "cancelled" as of the site's as_of) and its label, place, responsible.
json programme_rows(const ViewContext& ctx, const records::Mentorship& m);

/// The term: start, end and length in months, the extension (until, extra months), whether the
/// programme ended early, and the status as of the site's as_of.
json programme_term(const ViewContext& ctx, const records::Mentorship& m);

/// Meetings (events of kind "meeting") of association `index` held in school year `year`
/// (1 September to 31 August) by the site's as_of, in date order.
std::vector<size_t> association_meetings(const model::Site& site, size_t index, int year);

/// Whether an association's annual analysis (seed 001 §4.6) came in time.
struct AnalysisState {
    Date due;              ///< analysis_due (15 July) after the school year
    bool on_time = false;  ///< submitted no later than `due`
    std::string text;  ///< "да", "нет, опоздание 3 дня", "не представлен", "срок не наступил"
};
AnalysisState analysis_state(const model::Site& site, const records::Association& a, int year);

/// "выполнено", "не выполнено", or "год не завершён, осталось N".
std::string meetings_state(int held, int required, bool year_closed);

/// The association page's figures: meetings held against the required number in its school
/// year, and the analysis due date and whether it was met.
json association_status(const ViewContext& ctx, size_t index);

/// Feedback averages per month from mentors and mentees, and over the whole programme:
/// {rows: [{period, mentor, mentee, mentor_count, mentee_count}], overall: {...}, has_rows}.
/// Empty rows on the public site, where feedback is removed (SPEC §3).
json feedback_summary(const records::Mentorship& m);

}  // namespace nk::render
