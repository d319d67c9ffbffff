#include "analytics/programme_progress.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace nk::analytics {

using records::Mentorship;

namespace {

void count(Progress& p, const std::string& status, bool overdue) {
    if (status == "done")
        ++p.done;
    else if (status == "cancelled")
        ++p.cancelled;
    else if (overdue)
        ++p.overdue;
    else
        ++p.ahead;
}

/// One day on which a mentorship starts running, or the day after its last day.
struct Change {
    long day = 0;
    bool starts = false;
    size_t mentorship = 0;
};

bool runs_sensibly(const Mentorship& m) {
    return m.start.valid() && m.running_until().valid() && m.start <= m.running_until();
}

/// Mentorship indices by mentor school id, schools in id order.
std::map<std::string, std::vector<size_t>> mentorships_by_mentor(const model::Site& site) {
    std::map<std::string, std::vector<size_t>> out;
    for (size_t i = 0; i < site.mentorships.size(); ++i)
        for (const auto& mentor : site.mentorships[i].mentors) {
            std::vector<size_t>& list = out[mentor.value];
            if (list.empty() || list.back() != i) list.push_back(i);
        }
    return out;
}

std::vector<Change> changes_of(const model::Site& site, const std::vector<size_t>& mentorships) {
    std::vector<Change> changes;
    for (size_t i : mentorships) {
        const Mentorship& m = site.mentorships[i];
        if (!runs_sensibly(m)) continue;
        changes.push_back({m.start.days(), true, i});
        changes.push_back({m.running_until().days() + 1, false, i});
    }
    std::sort(changes.begin(), changes.end(),
              [](const Change& a, const Change& b) { return a.day < b.day; });
    return changes;
}

/// The mentees of one mentorship for `school`, each once; a school does not mentor itself.
std::set<std::string> mentees_of(const Mentorship& m, const std::string& school) {
    std::set<std::string> out;
    for (const auto& mentee : m.mentees)
        if (mentee.value != school) out.insert(mentee.value);
    return out;
}

/// What runs for one mentor school while sweeping: mentorships and mentee reference counts.
struct Running {
    std::set<size_t> mentorships;
    std::map<std::string, int> mentees;

    void apply(const Change& c, const model::Site& site, const std::string& school) {
        if (c.starts)
            mentorships.insert(c.mentorship);
        else
            mentorships.erase(c.mentorship);
        for (const std::string& mentee : mentees_of(site.mentorships[c.mentorship], school)) {
            int& n = mentees[mentee];
            n += c.starts ? 1 : -1;
            if (n == 0) mentees.erase(mentee);
        }
    }

    MentorSpan span(const std::string& school, long from, long to) const {
        MentorSpan s{school, Date::from_days(from), Date::from_days(to), {}, {}};
        for (const auto& entry : mentees) s.mentees.push_back(entry.first);
        s.mentorships.assign(mentorships.begin(), mentorships.end());
        return s;
    }
};

std::vector<MentorSpan> spans_of(const model::Site& site, const std::string& school,
                                 const std::vector<size_t>& mentorships) {
    std::vector<Change> changes = changes_of(site, mentorships);
    std::vector<MentorSpan> spans;
    Running running;
    // Apply every change of a day, then the state holds until the day before the next change.
    for (size_t i = 0; i < changes.size();) {
        long day = changes[i].day;
        for (; i < changes.size() && changes[i].day == day; ++i)
            running.apply(changes[i], site, school);
        if (!running.mentorships.empty() && i < changes.size())
            spans.push_back(running.span(school, day, changes[i].day - 1));
    }
    return spans;
}

MentorLoad load_of(const std::string& school, const std::vector<MentorSpan>& spans) {
    MentorLoad load;
    load.school = school;
    for (const MentorSpan& s : spans) {
        if (static_cast<int>(s.mentees.size()) <= load.peak) continue;
        load.peak = static_cast<int>(s.mentees.size());
        load.peak_day = s.from;
        load.mentorships = s.mentorships;
    }
    return load;
}

}  // namespace

std::optional<int> Progress::percent_done() const {
    if (due() == 0) return std::nullopt;
    return static_cast<int>(std::lround(100.0 * done / due()));
}

Progress& Progress::operator+=(const Progress& o) {
    done += o.done, cancelled += o.cancelled, overdue += o.overdue, ahead += o.ahead;
    return *this;
}

std::string mentorship_status(const Mentorship& m, const Date& as_of) {
    if (m.status == "completed" || m.status == "ended_early") return m.status;
    if (as_of < m.start) return "planned";
    if (as_of > m.running_until()) return "completed";
    return "active";
}

std::string mentorship_status_label(const std::string& status) {
    static const std::map<std::string, std::string> kLabels = {
        {"planned", "Запланирована"},
        {"active", "Действует"},
        {"completed", "Завершена"},
        {"ended_early", "Завершена досрочно"}};
    auto it = kLabels.find(status);
    return it == kLabels.end() ? status : it->second;
}

Progress programme_progress(const Mentorship& m, const Date& as_of, std::optional<Date> from,
                            std::optional<Date> to) {
    Progress p;
    for (const records::ProgrammeEvent& e : m.events)
        if ((!from || e.date >= *from) && (!to || e.date <= *to))
            count(p, e.status, is_overdue(e, as_of));
    return p;
}

bool is_overdue(const records::ProgrammeEvent& e, const Date& as_of) {
    return e.status == "planned" && e.date < as_of;
}

Progress plan_progress(const std::vector<records::PlanItem>& items, const Date& as_of) {
    Progress p;
    for (const records::PlanItem& item : items) add_plan_item(p, item, as_of);
    return p;
}

void add_plan_item(Progress& p, const records::PlanItem& item, const Date& as_of) {
    count(p, item.status, is_overdue(item, as_of));
}

bool is_overdue(const records::PlanItem& item, const Date& as_of) {
    std::optional<Date> term_end = item.to ? item.to : item.from;
    return item.status == "planned" && term_end && *term_end < as_of;
}

std::vector<MentorLoad> mentor_loads(const model::Site& site) {
    std::vector<MentorLoad> loads;
    for (const auto& [school, mentorships] : mentorships_by_mentor(site))
        loads.push_back(load_of(school, spans_of(site, school, mentorships)));
    return loads;
}

std::vector<MentorSpan> mentor_spans(const model::Site& site) {
    std::vector<MentorSpan> out;
    for (const auto& [school, mentorships] : mentorships_by_mentor(site))
        for (MentorSpan& s : spans_of(site, school, mentorships)) out.push_back(std::move(s));
    return out;
}

int goal_percent(const records::Goal& g) {
    if (!g.baseline || !g.target || !g.actual || *g.target == *g.baseline) return -1;
    double share = (*g.actual - *g.baseline) / (*g.target - *g.baseline);
    // A step away from the target shows as 0 %, so -1 keeps meaning "no data".
    return std::max(0, static_cast<int>(std::lround(share * 100)));
}

}  // namespace nk::analytics
