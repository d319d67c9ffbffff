#pragma once
// Progress of mentoring programmes and plans as of a date; mentor load per day.

#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace nk::analytics {

/// Where the events of a programme (or the items of a plan) stand on a date. Every page and
/// report that shows "Выполнено" reads it from here, so the figure is the same everywhere.
struct Progress {
    int done = 0, cancelled = 0;
    int overdue = 0;  ///< planned, and its date (term) has passed before as_of
    int ahead = 0;    ///< planned, its date not yet passed
    int total() const { return done + cancelled + overdue + ahead; }
    int planned() const { return overdue + ahead; }
    /// What was due by as_of and not cancelled: done, or planned and past its date.
    int due() const { return done + overdue; }
    /// Done share of what was due, 0..100 (rounded); nullopt when nothing was due yet.
    std::optional<int> percent_done() const;
    Progress& operator+=(const Progress& o);
};

/// Status of a mentorship as of a date ("planned" before start, "completed" after its end...).
/// The record's own status wins when it says completed or ended_early.
std::string mentorship_status(const records::Mentorship& m, const Date& as_of);
std::string mentorship_status_label(const std::string& status);

/// The programme's events as of `as_of`; only those dated within [from, to] when given (a
/// yearly report counts from the programme's start to the end of its year).
Progress programme_progress(const records::Mentorship& m, const Date& as_of,
                            std::optional<Date> from = std::nullopt,
                            std::optional<Date> to = std::nullopt);
/// A programme event is overdue when planned and dated before as_of.
bool is_overdue(const records::ProgrammeEvent& e, const Date& as_of);

Progress plan_progress(const std::vector<records::PlanItem>& items, const Date& as_of);
/// Counts one plan item into `p`.
void add_plan_item(Progress& p, const records::PlanItem& item, const Date& as_of);
/// A plan item is overdue when planned and its term (`to`, else `from`) ended before as_of.
bool is_overdue(const records::PlanItem& item, const Date& as_of);

/// The most distinct mentee schools a school mentors on any one day, with the first such day.
struct MentorLoad {
    std::string school;
    int peak = 0;
    Date peak_day;
    std::vector<size_t> mentorships;  ///< mentorships running on the peak day (indices)
};
/// One entry per school that mentors at least once, ordered by school id.
std::vector<MentorLoad> mentor_loads(const model::Site& site);

/// A stretch of days on which a school mentors the same mentee schools under the same
/// mentorships; stretches of one school follow each other in date order.
struct MentorSpan {
    std::string school;
    Date from, to;                     ///< first and last day, inclusive
    std::vector<std::string> mentees;  ///< distinct mentee schools, by id
    std::vector<size_t> mentorships;   ///< running on every day of the stretch (indices)
};
/// Every stretch on which a school mentors anyone, ordered by school id, then date. Found by
/// sweeping over start and end dates; mentorships with invalid or reversed dates are skipped.
std::vector<MentorSpan> mentor_spans(const model::Site& site);

/// Goal achievement in percent of the way from baseline to target (may exceed 100), or -1.
int goal_percent(const records::Goal& g);

}  // namespace nk::analytics
