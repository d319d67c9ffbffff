#include "render/programme_views.h"

#include <map>

#include "analytics/programme_progress.h"
#include "render/timeline_svg.h"
#include "render/yearly_report.h"

namespace nk::render {

namespace {

/// Whole calendar months from `from` to `to` (2021-03-01 → 2022-02-28 is 11, → 2022-03-01 12);
/// a term's last day counts, so callers pass the day after it.
int months_between(const Date& from, const Date& to) {
    int months = (to.year - from.year) * 12 + (to.month - from.month);
    if (from.add_months(months) > to) --months;
    return months;
}

std::string months_text(int months) {
    return plural(months, "месяц", "месяца", "месяцев");
}

/// Running sums of scores from one side.
struct Mean {
    double sum = 0;
    int count = 0;
    void add(int score) {
        sum += score;
        ++count;
    }
    std::string text() const { return count ? format_number(sum / count, 1) : "—"; }
};

json mean_row(const std::string& period, const Mean& mentor, const Mean& mentee) {
    return {{"period", period},
            {"mentor", mentor.text()},
            {"mentee", mentee.text()},
            {"mentor_count", mentor.count},
            {"mentee_count", mentee.count}};
}

}  // namespace

std::string month_title(int year, int month) {
    static const char* kNames[] = {"Январь", "Февраль", "Март",     "Апрель",  "Май",    "Июнь",
                                   "Июль",   "Август",  "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"};
    return std::string(kNames[month - 1]) + " " + std::to_string(year);
}

std::string plan_term(const std::optional<Date>& from, const std::optional<Date>& to) {
    if (!from && !to) return "";
    Date a = from.value_or(*to), b = to.value_or(*from);
    bool whole_months = a.day == 1 && b.add_days(1).day == 1 && a.year == b.year && a <= b;
    if (whole_months && a.month == 1 && b.month == 12)
        return "в течение " + std::to_string(a.year) + " года";
    if (whole_months && a.month == b.month)
        return russian_month(a.month, false) + " " + std::to_string(a.year);
    if (whole_months)
        return russian_month(a.month, false) + " — " + russian_month(b.month, false) + " " +
               std::to_string(a.year);
    return a == b ? dotted_date(a) : dotted_date(a) + " — " + dotted_date(b);
}

std::string compact_number(const std::optional<double>& v) {
    if (!v) return "—";
    std::string s = format_number(*v, 2);
    if (s.find(',') == std::string::npos) return s;
    while (s.back() == '0') s.pop_back();
    if (s.back() == ',') s.pop_back();
    return s;
}

json programme_rows(const ViewContext& ctx, const records::Mentorship& m) {
    const auto& s = ctx.site;
    json rows = json::array();
    int number = 0;
    for (const auto& e : m.events) {
        std::string state = programme_event_state(e, s.as_of);
        rows.push_back({{"number", ++number},
                        {"date", e.date.russian()},
                        {"date_iso", e.date.iso()},
                        {"title", e.title},
                        {"form", e.form ? s.config.forms.label(e.form->value) : ""},
                        {"status", e.status},
                        {"state", state},
                        {"state_label", programme_event_state_label(state)},
                        {"overdue", state == "overdue"},
                        {"place", e.place},
                        {"responsible", e.responsible}});
    }
    return rows;
}

json programme_term(const ViewContext& ctx, const records::Mentorship& m) {
    const Date& as_of = ctx.site.as_of;
    std::string status = analytics::mentorship_status(m, as_of);
    json term = {{"start", m.start.russian()},
                 {"end", m.end.russian()},
                 {"length", months_text(months_between(m.start, m.end.add_days(1)))},
                 {"extended", m.extended_until.has_value()},
                 {"extended_until", ""},
                 {"extension", ""},
                 {"ended_early", status == "ended_early"},
                 {"status", analytics::mentorship_status_label(status)},
                 {"as_of", as_of.russian()}};
    if (m.extended_until) {
        term["extended_until"] = m.extended_until->russian();
        term["extension"] =
            months_text(months_between(m.end.add_days(1), m.extended_until->add_days(1)));
    }
    if (status == "active")
        term["remaining"] = plural(m.running_until().days() - as_of.days(), "день", "дня", "дней");
    else
        term["remaining"] = "";
    return term;
}

std::vector<size_t> association_meetings(const model::Site& site, size_t index, int year) {
    std::vector<size_t> out;
    Date from{year, 9, 1}, to{year + 1, 8, 31};
    for (size_t e : site.association_events[index]) {
        const Date& d = site.events[e].date.date;
        if (site.events[e].kind.value == "meeting" && d >= from && d <= to && d <= site.as_of)
            out.push_back(e);
    }
    return out;
}

AnalysisState analysis_state(const model::Site& site, const records::Association& a, int year) {
    const auto& rules = site.config.rules;
    AnalysisState st{Date{year + 1, rules.analysis_due_month, rules.analysis_due_day}, false, ""};
    if (a.analysis_submitted) {
        long late = a.analysis_submitted->days() - st.due.days();
        st.on_time = late <= 0;
        st.text = st.on_time ? "да" : "нет, опоздание " + plural(late, "день", "дня", "дней");
    } else {
        st.text = site.as_of > st.due ? "не представлен" : "срок не наступил";
    }
    return st;
}

std::string meetings_state(int held, int required, bool year_closed) {
    if (held >= required) return "выполнено";
    return year_closed ? "не выполнено"
                       : "учебный год не завершён, осталось " + std::to_string(required - held);
}

json association_status(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& a = s.associations[index];
    int required = s.config.rules.association_min_meetings;
    json out = {{"meetings_required", required}, {"meetings", 0},           {"meetings_ok", false},
                {"meetings_state", ""},          {"analysis_due", ""},      {"analysis_state", ""},
                {"analysis_ok", false},          {"analysis_submitted", ""}};
    if (!a.school_year) return out;
    int held = static_cast<int>(association_meetings(s, index, *a.school_year).size());
    bool closed = s.as_of > Date{*a.school_year + 1, 8, 31};
    AnalysisState st = analysis_state(s, a, *a.school_year);
    out["meetings"] = held;
    out["meetings_ok"] = held >= required;
    out["meetings_state"] = meetings_state(held, required, closed);
    out["analysis_due"] = st.due.russian();
    out["analysis_state"] = st.text;
    out["analysis_ok"] = st.on_time;
    out["analysis_submitted"] = a.analysis_submitted ? a.analysis_submitted->russian() : "";
    return out;
}

json feedback_summary(const records::Mentorship& m) {
    std::map<std::pair<int, int>, std::pair<Mean, Mean>> by_month;  // (year, month) → means
    Mean mentor, mentee;
    for (const auto& f : m.feedback) {
        auto& [month_mentor, month_mentee] = by_month[{f.date.year, f.date.month}];
        (f.from == "mentor" ? month_mentor : month_mentee).add(f.score);
        (f.from == "mentor" ? mentor : mentee).add(f.score);
    }
    json rows = json::array();
    for (const auto& [month, means] : by_month)
        rows.push_back(mean_row(month_title(month.first, month.second), means.first, means.second));
    return {{"rows", rows},
            {"has_rows", !rows.empty()},
            {"overall", mean_row("За всё время", mentor, mentee)}};
}

}  // namespace nk::render
