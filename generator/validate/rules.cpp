#include "validate/rules.h"

#include <algorithm>

#include "analytics/programme_progress.h"
#include "diag/messages.h"
#include "validate/competition_rules.h"
#include "validate/transitions.h"

namespace nk::validate {

using records::Association;
using records::Mentorship;

namespace {

/// Reports a broken rule: an error, or a warning when `[rules] warn` lists it.
void report(const model::Site& site, diag::Diagnostics& diags, const diag::SourceLoc& loc,
            const std::string& message, const std::string& rule) {
    diags.report(loc, message + " [" + rule + "]", site.config.rules.is_warning(rule));
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

/// Where mentorship `m` names `school` as a mentor (the record's start when it does not).
diag::SourceLoc mentor_loc(const Mentorship& m, const std::string& school) {
    for (const auto& mentor : m.mentors)
        if (mentor.value == school) return mentor.loc;
    return m.loc;
}

/// The mentorship that starts on `span.from` and brings in one of `newcomers`, if any.
const Mentorship* cause_of(const model::Site& site, const analytics::MentorSpan& span,
                           const std::vector<std::string>& newcomers) {
    for (size_t i : span.mentorships) {
        const Mentorship& m = site.mentorships[i];
        if (m.start != span.from) continue;
        for (const auto& mentee : m.mentees)
            if (std::find(newcomers.begin(), newcomers.end(), mentee.value) != newcomers.end())
                return &m;
    }
    return nullptr;
}

/// Mentee schools in `span` that the school did not mentor the day before.
std::vector<std::string> newcomers(const analytics::MentorSpan& span,
                                   const analytics::MentorSpan* previous) {
    bool adjacent =
        previous && previous->school == span.school && previous->to.add_days(1) == span.from;
    std::vector<std::string> out;
    for (const std::string& mentee : span.mentees)
        if (!adjacent || std::find(previous->mentees.begin(), previous->mentees.end(), mentee) ==
                             previous->mentees.end())
            out.push_back(mentee);
    return out;
}

// One report each time a mentorship brings a school over the limit, at that mentorship: a
// long overload is reported once, not on every day or every later stretch.
void check_mentor_load(const model::Site& site, diag::Diagnostics& diags) {
    int limit = site.config.rules.mentor_max_mentees;
    std::vector<analytics::MentorSpan> spans = analytics::mentor_spans(site);
    for (size_t i = 0; i < spans.size(); ++i) {
        const analytics::MentorSpan& span = spans[i];
        if (static_cast<int>(span.mentees.size()) <= limit) continue;
        const Mentorship* cause =
            cause_of(site, span, newcomers(span, i ? &spans[i - 1] : nullptr));
        if (!cause) continue;
        report(
            site, diags, mentor_loc(*cause, span.school),
            diag::tr("school '{}' mentors {} schools on {} ({}); the limit is {}", span.school,
                     diag::count(span.mentees.size()), span.from.iso(), join(span.mentees), limit),
            "mentor_max_mentees");
    }
}

void check_duration(const model::Site& site, const Mentorship& m, diag::Diagnostics& diags) {
    const config::RuleLimits& rules = site.config.rules;
    Date earliest = m.start.add_months(rules.mentorship_min_months);
    Date latest = m.start.add_months(rules.mentorship_max_months);
    if (m.end < earliest)
        report(site, diags, m.end_loc,
               diag::tr("'end' {} is less than {} {:month|months} after 'start' {}; the earliest "
                        "allowed end is {}",
                        m.end.iso(), diag::count(rules.mentorship_min_months),
                        diag::count(rules.mentorship_min_months), m.start.iso(), earliest.iso()),
               "mentorship_min_months");
    if (m.end > latest)
        report(site, diags, m.end_loc,
               diag::tr("'end' {} is more than {} {:month|months} after 'start' {}; the latest "
                        "allowed end is {} (use 'extended_until' to extend it)",
                        m.end.iso(), diag::count(rules.mentorship_max_months),
                        diag::count(rules.mentorship_max_months), m.start.iso(), latest.iso()),
               "mentorship_max_months");
}

void check_extension(const model::Site& site, const Mentorship& m, diag::Diagnostics& diags) {
    int limit = site.config.rules.extension_max_months;
    if (!m.extended_until || !m.extended_until->valid()) return;
    Date latest = m.end.add_months(limit);
    if (*m.extended_until <= latest) return;
    report(
        site, diags, m.extended_loc,
        diag::tr("'extended_until' {} is more than {} {:month|months} after 'end' {}; the latest "
                 "allowed extension is {}",
                 m.extended_until->iso(), diag::count(limit), diag::count(limit), m.end.iso(),
                 latest.iso()),
        "extension_max_months");
}

void check_mentorships(const model::Site& site, diag::Diagnostics& diags) {
    for (const Mentorship& m : site.mentorships) {
        // Missing or reversed dates are reported by the loader; the limits need both.
        if (!m.start.valid() || !m.end.valid() || m.end < m.start) continue;
        check_duration(site, m, diags);
        check_extension(site, m, diags);
    }
}

Date school_year_first_day(int year) {
    return {year, 9, 1};
}
Date school_year_last_day(int year) {
    return {year + 1, 8, 31};
}

std::string school_year_text(int year) {
    return diag::tr("the school year {} ({} to {})", school_year_label(year),
                    school_year_first_day(year).iso(), school_year_last_day(year).iso());
}

int meetings_in(const model::Site& site, const Association& a, int year) {
    int n = 0;
    for (const records::Event& e : site.events) {
        if (e.kind.value != "meeting" || !e.association || e.association->value != a.id) continue;
        if (e.date.date >= school_year_first_day(year) && e.date.date <= school_year_last_day(year))
            ++n;
    }
    return n;
}

void check_meetings(const model::Site& site, const Association& a, diag::Diagnostics& diags) {
    int year = *a.school_year;
    int minimum = site.config.rules.association_min_meetings;
    // The rule applies once the school year is over: before that, meetings may still come.
    if (site.as_of <= school_year_last_day(year)) return;
    int held = meetings_in(site, a, year);
    if (held >= minimum) return;
    report(site, diags, a.school_year_loc,
           diag::tr("association '{0}' held {1} {1:meeting|meetings} in {2}; at least {3} are "
                    "required (events with kind = \"meeting\" and association = \"{0}\")",
                    a.id, diag::count(held), school_year_text(year), diag::count(minimum)),
           "association_min_meetings");
}

/// `[rules] analysis_due` in the calendar year the school year ends; 02-29 becomes 02-28.
Date analysis_due_date(const config::RuleLimits& rules, int year) {
    Date due{year + 1, rules.analysis_due_month, rules.analysis_due_day};
    if (due.valid()) return due;
    return Date{year + 1, rules.analysis_due_month, 1}.add_months(1).add_days(-1);
}

void check_analysis(const model::Site& site, const Association& a, diag::Diagnostics& diags) {
    int year = *a.school_year;
    Date due = analysis_due_date(site.config.rules, year);
    if (site.as_of <= due) return;
    // Missing: point at the school year it is due for; late: at the date written.
    if (!a.analysis_submitted)
        report(site, diags, a.school_year_loc,
               diag::tr("association '{}' has no 'analysis_submitted', but the analysis of the "
                        "school year {} was due on {}; add the date it was submitted",
                        a.id, school_year_label(year), due.iso()),
               "analysis_due");
    else if (*a.analysis_submitted > due)
        report(site, diags, a.analysis_loc,
               diag::tr("association '{}' submitted the analysis of the school year {} on {}, "
                        "after it was due on {}",
                        a.id, school_year_label(year), a.analysis_submitted->iso(), due.iso()),
               "analysis_due");
}

void check_associations(const model::Site& site, diag::Diagnostics& diags) {
    for (const Association& a : site.associations) {
        if (!a.school_year) continue;
        check_meetings(site, a, diags);
        check_analysis(site, a, diags);
    }
}

}  // namespace

void check_rules(const model::Site& site, diag::Diagnostics& diags) {
    check_mentor_load(site, diags);
    check_mentorships(site, diags);
    check_associations(site, diags);
    // Both audiences: the whole site's schools, as the other rules see them.
    check_green_zone(site, analytics::SchoolAnalytics::compute(site.schools, site.config.group),
                     diags);
    check_titles(site, diags);
    check_transitions(site, diags);
}

}  // namespace nk::validate
