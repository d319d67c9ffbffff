// Views of schools and of the mentoring work: mentorships, plans, associations, competitions.
#include <algorithm>

#include "analytics/competition_ranking.h"
#include "analytics/programme_progress.h"
#include "render/page_views.h"

namespace nk::render {

namespace {

json indicator_rows(const ViewContext& ctx, size_t index) {
    const auto& school = ctx.site.schools[index];
    json rows = json::array();
    for (const auto& y : school.years) {
        const analytics::SchoolYear* a = ctx.analytics.get(index, y.year);
        json zones = json::array();
        if (a)
            for (const auto& z : a->risk_zones) zones.push_back({{"code", z}, {"label", analytics::risk_zone_label(z)}});
        json factors = json::array();
        for (const auto& f : y.risk_factors) factors.push_back(ctx.site.config.risk_factors.label(f.value));
        rows.push_back({{"year", school_year_label(y.year)},
                        {"ior", format_optional(y.ior)},
                        {"isbsh", format_optional(y.isbsh)},
                        {"gia", format_optional(y.gia)},
                        {"vpr", format_optional(y.vpr)},
                        {"evening", y.evening_share ? format_number(*y.evening_share * 100, 0) + " %" : "—"},
                        {"quartile", a && a->quartile ? std::to_string(a->quartile) : "—"},
                        {"category", a ? analytics::category_label(a->category) : ""},
                        {"category_code", a ? a->category : ""},
                        {"low_results", y.low_results},
                        {"difficult_conditions", y.difficult_conditions},
                        {"stably_high", a && a->stably_high},
                        {"stably_low", a && a->stably_low},
                        {"risk_zones", zones},
                        {"risk_factors", factors}});
    }
    return rows;
}

json status_badges(const ViewContext& ctx, size_t index) {
    json badges = json::array();
    const auto& school = ctx.site.schools[index];
    if (school.years.empty()) return badges;
    const auto& latest = school.years.back();
    const analytics::SchoolYear* a = ctx.analytics.get(index, latest.year);
    if (!a) return badges;
    std::string year = school_year_label(latest.year);
    if (!a->category.empty())
        badges.push_back({{"label", analytics::category_label(a->category)}, {"code", a->category},
                          {"rule", analytics::category_rule(a->category)}, {"year", year}});
    if (a->quartile)
        badges.push_back({{"label", std::to_string(a->quartile) + "-я квартиль ИОР"}, {"code", "q" + std::to_string(a->quartile)},
                          {"rule", "Квартиль ИОР внутри группы сравнения: 1 — ниже P25, 2 — ниже медианы, 3 — ниже P75, 4 — выше."}, {"year", year}});
    if (a->stably_high)
        badges.push_back({{"label", "Стабильно высокие результаты"}, {"code", "stably_high"},
                          {"rule", "4-я квартиль ИОР три года подряд."}, {"year", year}});
    if (a->stably_low)
        badges.push_back({{"label", "Стабильно низкие результаты"}, {"code", "stably_low"},
                          {"rule", "1-я квартиль ИОР три года подряд."}, {"year", year}});
    for (const auto& z : a->risk_zones)
        badges.push_back({{"label", analytics::risk_zone_label(z)}, {"code", "risk"},
                          {"rule", analytics::risk_zone_rule(z)}, {"year", year}});
    if (latest.low_results) badges.push_back({{"label", "ШНОР"}, {"code", "shnor"}, {"rule", "Школа с низкими образовательными результатами."}, {"year", year}});
    if (latest.difficult_conditions) badges.push_back({{"label", "ШССУ"}, {"code", "shssu"}, {"rule", "Школа, функционирующая в сложных социальных условиях."}, {"year", year}});
    return badges;
}

json list_of(const ViewContext& ctx, const std::vector<size_t>& indices, json (*item)(const ViewContext&, size_t)) {
    json out = json::array();
    for (size_t i : indices) out.push_back(item(ctx, i));
    return out;
}

json goals_view(const std::vector<records::Goal>& goals) {
    json out = json::array();
    for (const auto& g : goals) {
        int pct = analytics::goal_percent(g);
        out.push_back({{"indicator", g.indicator}, {"unit", g.unit},
                       {"baseline", format_optional(g.baseline)}, {"target", format_optional(g.target)},
                       {"actual", format_optional(g.actual)}, {"percent", pct < 0 ? "—" : std::to_string(pct) + " %"},
                       {"bar", std::clamp(pct, 0, 100)}, {"achieved", pct >= 100}});
    }
    return out;
}

}  // namespace

json school_list_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    int year = ctx.latest_year();
    std::map<std::string, json> by_municipality;
    for (size_t i = 0; i < s.schools.size(); ++i) {
        const auto& school = s.schools[i];
        const analytics::SchoolYear* a = ctx.analytics.get(i, year);
        const records::YearIndicators* y = school.year(year);
        by_municipality[school.municipality].push_back(
            {{"name", school.name}, {"url", s.url("schools", school.id)},
             {"ior", y ? format_optional(y->ior) : "—"}, {"isbsh", y ? format_optional(y->isbsh) : "—"},
             {"quartile", a && a->quartile ? std::to_string(a->quartile) : "—"},
             {"category", a ? analytics::category_label(a->category) : ""},
             {"category_code", a ? a->category : ""},
             {"shnor", y && y->low_results}, {"mentor", !s.school_links[i].mentor_of.empty() || !school.titles.empty()}});
    }
    json groups = json::array();
    for (auto& [name, rows] : by_municipality) groups.push_back({{"municipality", name}, {"schools", rows}});
    json view = {{"groups", groups}, {"year", year ? school_year_label(year) : ""},
                 {"compare", s.url("compare")}};
    return merge(page_frame(ctx, "Школы", s.url("schools"), "schools"), view);
}

json school_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& school = s.schools[index];
    const auto& links = s.school_links[index];
    static const std::map<std::string, std::string> kKinds = {{"urban", "городская"}, {"rural", "сельская"}};
    json titles = json::array();
    for (const auto& t : school.titles) titles.push_back({{"title", t.title}, {"year", t.year}});
    json applications = json::array();
    for (auto [c, a] : links.applications) {
        const auto& comp = s.competitions[c];
        auto ranking = analytics::rank_competition(comp, s);
        for (const auto& r : ranking)
            if (r.application == a)
                applications.push_back({{"title", comp.title}, {"url", s.url("competitions", comp.id)},
                                        {"rank", r.rank}, {"total", format_number(r.total, 2)}, {"winner", r.winner}});
    }
    json plans = json::array();
    for (size_t p : links.plans) plans.push_back({{"title", s.plans[p].title}, {"url", s.url("plans", s.plans[p].id)}});
    json associations = json::array();
    for (size_t a : links.associations)
        associations.push_back({{"title", s.associations[a].name}, {"url", s.url("associations", s.associations[a].id)}});
    json view = {{"id", school.id}, {"name", school.name}, {"short_name", school.display_name()},
                 {"municipality", school.municipality}, {"region", school.region},
                 {"kind", kKinds.count(school.kind) ? kKinds.at(school.kind) : ""},
                 {"advanced", school.advanced}, {"website", school.website}, {"address", school.address},
                 {"students", school.students ? std::to_string(*school.students) : ""},
                 {"titles", titles}, {"offer", s.school_offer_html[index]}, {"video", school.video},
                 {"badges", status_badges(ctx, index)}, {"has_years", !school.years.empty()},
                 {"years", indicator_rows(ctx, index)},
                 {"practices", list_of(ctx, links.practices, practice_card)},
                 {"mentor_of", list_of(ctx, links.mentor_of, mentorship_item)},
                 {"mentee_of", list_of(ctx, links.mentee_of, mentorship_item)},
                 {"events", list_of(ctx, links.events, event_item)},
                 {"plans", plans}, {"associations", associations}, {"applications", applications},
                 {"internal_fields", internal_fields(ctx, school)}};
    return merge(page_frame(ctx, school.name, s.url("schools", school.id), "schools"), view);
}

json mentors_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    json mentors = json::array();
    for (size_t i = 0; i < s.schools.size(); ++i) {
        const auto& school = s.schools[i];
        bool mentors_now = !s.school_links[i].mentor_of.empty();
        if (school.titles.empty() && school.offer.empty() && !mentors_now) continue;
        json titles = json::array();
        for (const auto& t : school.titles) titles.push_back({{"title", t.title}, {"year", t.year}});
        json mentees = json::array();
        for (size_t m : s.school_links[i].mentor_of)
            for (const auto& id : s.mentorships[m].mentees) mentees.push_back(school_ref(ctx, id.value));
        mentors.push_back({{"name", school.name}, {"url", s.url("schools", school.id)},
                           {"municipality", school.municipality}, {"titles", titles},
                           {"offer", s.school_offer_html[i]}, {"video", school.video},
                           {"website", school.website}, {"mentees", mentees}});
    }
    json view = {{"mentors", mentors}, {"count", plural(static_cast<long>(mentors.size()), "школа", "школы", "школ")}};
    return merge(page_frame(ctx, "Школа-наставник", s.url("mentors"), "mentors"), view);
}

json mentorship_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (size_t i = 0; i < ctx.site.mentorships.size(); ++i) items.push_back(mentorship_item(ctx, i));
    return merge(page_frame(ctx, "Наставничество", ctx.site.url("mentorships"), "mentorships"), {{"mentorships", items}});
}

json mentorship_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& m = s.mentorships[index];
    json view = mentorship_item(ctx, index);
    view["start"] = m.start.russian();
    view["end"] = m.end.russian();
    view["extended_until"] = m.extended_until ? m.extended_until->russian() : "";
    view["description"] = m.description;
    view["directions"] = vocab_refs(m.directions, s.config.directions);
    view["forms"] = vocab_refs(m.forms, s.config.forms);
    view["goals"] = goals_view(m.goals);
    json events = json::array();
    for (const auto& e : m.events)
        events.push_back({{"date", e.date.russian()}, {"date_iso", e.date.iso()}, {"title", e.title},
                          {"form", e.form ? s.config.forms.label(e.form->value) : ""},
                          {"status", e.status}, {"status_label", e.status == "done" ? "проведено" : e.status == "cancelled" ? "отменено" : "запланировано"},
                          {"overdue", analytics::is_overdue(e, s.as_of)},
                          {"place", e.place}, {"responsible", e.responsible}});
    view["programme"] = events;
    auto progress = analytics::programme_progress(m, s.as_of);
    view["progress"] = {{"done", progress.done}, {"planned", progress.planned}, {"cancelled", progress.cancelled},
                        {"overdue", progress.overdue}, {"percent", progress.percent_done()}};
    view["events"] = list_of(ctx, s.mentorship_events[index], event_item);
    json feedback = json::array();
    for (const auto& f : m.feedback)
        feedback.push_back({{"date", f.date.russian()}, {"from", f.from == "mentor" ? "наставник" : "наставляемый"},
                            {"score", f.score}, {"comment", f.comment}});
    view["feedback"] = feedback;
    view["internal_fields"] = internal_fields(ctx, m);
    return merge(page_frame(ctx, m.title, s.url("mentorships", m.id), "mentorships"), view);
}

json plan_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (const auto& p : ctx.site.plans) {
        auto progress = analytics::plan_progress(p.items, ctx.site.as_of);
        items.push_back({{"title", p.title}, {"url", ctx.site.url("plans", p.id)}, {"percent", progress.percent_done()}});
    }
    return merge(page_frame(ctx, "Планы работы", ctx.site.url("plans"), "mentorships"), {{"plans", items}});
}

json plan_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& p = s.plans[index];
    static const std::vector<std::pair<std::string, std::string>> kActivities = {
        {"research", "Исследовательская деятельность"}, {"project", "Проектная деятельность"},
        {"consulting", "Консультационная деятельность"}, {"information", "Информационная деятельность"}};
    json groups = json::array();
    for (const auto& [code, label] : kActivities) {
        std::vector<records::PlanItem> items;
        for (const auto& item : p.items)
            if (item.activity == code) items.push_back(item);
        if (items.empty()) continue;
        auto progress = analytics::plan_progress(items, s.as_of);
        json rows = json::array();
        int n = 0;
        for (const auto& item : items)
            rows.push_back({{"number", ++n}, {"content", item.content},
                            {"term", (item.from ? item.from->russian() : "") + (item.to && item.to != item.from ? " — " + item.to->russian() : "")},
                            {"place", item.place}, {"responsible", item.responsible}, {"status", item.status},
                            {"status_label", item.status == "done" ? "выполнено" : item.status == "cancelled" ? "отменено" : "запланировано"},
                            {"done_on", item.done_on ? item.done_on->russian() : ""},
                            {"overdue", analytics::is_overdue(item, s.as_of)}});
        groups.push_back({{"label", label}, {"code", code}, {"rows", rows}, {"percent", progress.percent_done()},
                          {"done", progress.done}, {"total", progress.total()}});
    }
    auto total = analytics::plan_progress(p.items, s.as_of);
    json view = {{"title", p.title}, {"owner", p.owner ? school_ref(ctx, p.owner->value) : json(nullptr)},
                 {"year", p.year ? std::to_string(*p.year) : ""}, {"groups", groups},
                 {"percent", total.percent_done()}, {"overdue", total.overdue}, {"as_of", s.as_of.russian()},
                 {"internal_fields", internal_fields(ctx, p)}};
    return merge(page_frame(ctx, p.title, s.url("plans", p.id), "mentorships"), view);
}

json association_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (const auto& a : ctx.site.associations)
        items.push_back({{"title", a.name}, {"url", ctx.site.url("associations", a.id)},
                         {"year", a.school_year ? school_year_label(*a.school_year) : ""}});
    return merge(page_frame(ctx, "Профессиональные объединения", ctx.site.url("associations"), "mentorships"), {{"associations", items}});
}

json association_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& a = s.associations[index];
    int meetings = 0;
    for (size_t e : s.association_events[index]) meetings += s.events[e].kind.value == "meeting";
    std::string due;
    bool due_met = false;
    if (a.school_year) {
        Date due_date{*a.school_year + 1, s.config.rules.analysis_due_month, s.config.rules.analysis_due_day};
        due = due_date.russian();
        due_met = a.analysis_submitted && *a.analysis_submitted <= due_date;
    }
    json view = {{"title", a.name}, {"description", a.description},
                 {"head", a.head ? school_ref(ctx, a.head->value) : json(nullptr)},
                 {"members", school_refs(ctx, a.members)},
                 {"year", a.school_year ? school_year_label(*a.school_year) : ""},
                 {"meetings", meetings}, {"meetings_required", s.config.rules.association_min_meetings},
                 {"meetings_ok", meetings >= s.config.rules.association_min_meetings},
                 {"events", list_of(ctx, s.association_events[index], event_item)},
                 {"analysis_due", due}, {"analysis_submitted", a.analysis_submitted ? a.analysis_submitted->russian() : ""},
                 {"analysis_ok", due_met}, {"internal_fields", internal_fields(ctx, a)}};
    return merge(page_frame(ctx, a.name, s.url("associations", a.id), "mentorships"), view);
}

json competition_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (const auto& c : ctx.site.competitions)
        items.push_back({{"title", c.title}, {"url", ctx.site.url("competitions", c.id)}, {"year", c.year}});
    return merge(page_frame(ctx, "Конкурсы", ctx.site.url("competitions"), "mentors"), {{"competitions", items}});
}

json competition_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& c = s.competitions[index];
    json criteria = json::array();
    for (size_t i = 0; i < c.criteria.size(); ++i) criteria.push_back({{"number", i + 1}, {"label", c.criteria[i]}});
    json rows = json::array();
    for (const auto& r : analytics::rank_competition(c, s)) {
        const auto& app = c.applications[r.application];
        json means = json::array();
        for (double m : r.criterion_means) means.push_back(format_number(m, 2));
        json evidence = json::array();
        for (const auto& e : app.evidence) evidence.push_back(e);
        rows.push_back({{"rank", r.rank}, {"school", school_ref(ctx, app.school.value)}, {"means", means},
                        {"total", format_number(r.total, 2)}, {"votes_for", app.votes_for},
                        {"votes_against", app.votes_against}, {"winner", r.winner}, {"video", app.video},
                        {"evidence", evidence}, {"experts", app.scores.size()}});
    }
    json view = {{"title", c.title}, {"year", c.year}, {"description", c.description}, {"criteria", criteria},
                 {"ranking", rows}, {"winners_count", c.winners_count}, {"internal_fields", internal_fields(ctx, c)}};
    return merge(page_frame(ctx, c.title, s.url("competitions", c.id), "mentors"), view);
}

}  // namespace nk::render
