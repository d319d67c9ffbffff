#pragma once
// Small inline SVG charts for record pages: the timeline of a mentoring programme and the
// criterion bars of a competition application. Output depends only on the arguments (no clock,
// no random ids), so two builds give the same bytes; every chart carries <title> and <desc>.

#include <string>
#include <vector>

#include "records/records.h"

namespace nk::render {

/// Status of a programme event as of a date: "done", "cancelled", "overdue" (planned but dated
/// before `as_of`) or "planned".
std::string programme_event_state(const records::ProgrammeEvent& e, const Date& as_of);
/// Russian label of a programme event state ("проведено", "просрочено" …).
std::string programme_event_state_label(const std::string& state);

/// The programme of `m` as a timeline: the term band (start → end, then the extension), one
/// marker per programme event numbered in record order and shaped by its state, month ticks, and
/// a line at `as_of` when it falls inside the drawn range. Markers that would overlap move to
/// further lanes. Element ids are prefixed with the mentorship id, so several charts can share
/// a page.
std::string programme_timeline_svg(const records::Mentorship& m, const Date& as_of);

/// Horizontal bars of the five criterion means (0..5) of one competition application; `id`
/// makes the element ids unique on the page, `school` names the applicant in the title.
std::string criteria_chart_svg(const std::string& id, const std::string& school,
                               const std::vector<double>& means, bool winner);

}  // namespace nk::render
