// Views of the mentoring work: mentor schools, mentorships, plans, associations, competitions.
// (The school views are in dashboard_views.cpp and overview_views.cpp.)
#include <algorithm>
#include <map>
#include <set>

#include "analytics/competition_ranking.h"
#include "analytics/programme_progress.h"
#include "analytics/site_figures.h"
#include "render/page_views.h"
#include "render/programme_views.h"
#include "render/russian.h"
#include "render/school_rules_views.h"
#include "render/timeline_svg.h"
#include "render/yearly_report.h"

namespace nk::render {

namespace {

json list_of(const ViewContext& ctx, const std::vector<size_t>& indices,
             json (*item)(const ViewContext&, size_t)) {
    json out = json::array();
    for (size_t i : indices) out.push_back(item(ctx, i));
    return out;
}

json goals_view(const std::vector<records::Goal>& goals) {
    json out = json::array();
    for (const auto& g : goals) {
        int pct = analytics::goal_percent(g);
        out.push_back({{"indicator", g.indicator},
                       {"unit", g.unit},
                       {"baseline", compact_number(g.baseline)},
                       {"target", compact_number(g.target)},
                       {"actual", compact_number(g.actual)},
                       {"percent", pct < 0 ? "—" : std::to_string(pct) + " %"},
                       {"bar", std::clamp(pct, 0, 100)},
                       {"achieved", pct >= 100}});
    }
    return out;
}

/// How the competition's winners are chosen, as the page says it: "3", "с итогом от 20 баллов".
std::string winners_text(const records::Competition& c) {
    std::string by_total =
        c.winners_min_total ? "с итогом не меньше " + format_number(*c.winners_min_total, 2) : "";
    if (c.winners_min_total && !c.winners_set) return "все " + by_total;
    return std::to_string(c.winners_count) + (by_total.empty() ? "" : ", " + by_total);
}

}  // namespace

namespace {

/// «1 из 2 мест свободно»: places left of `limit` with `taken` mentee schools.
std::string free_places_text(int taken, int limit) {
    int free = std::max(0, limit - taken);
    std::string of = std::string(kNbsp) + "из " + plural(limit, "места", "мест", "мест");
    if (free == 0) return "Свободных мест нет: занято " + std::to_string(taken) + of;
    return std::to_string(free) + of + " свободно";
}

/// The directions a mentor school works in: those of the mentorships it leads and of the
/// practices it describes, in the vocabulary's order.
json mentor_directions(const ViewContext& ctx, size_t school) {
    const auto& s = ctx.site;
    std::set<std::string> codes;
    for (size_t m : s.school_links[school].mentor_of)
        for (const auto& d : s.mentorships[m].directions) codes.insert(d.value);
    for (size_t p : s.school_links[school].practices)
        for (const auto& d : s.practices[p].directions) codes.insert(d.value);
    json out = json::array();
    for (const auto& [code, label] : s.config.directions.entries())
        if (codes.count(code)) out.push_back({{"code", code}, {"label", label}});
    for (size_t k = 0; k < out.size(); ++k) out[k]["last"] = k + 1 == out.size();
    return out;
}

}  // namespace

json mentors_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    const int limit = s.config.rules.mentor_max_mentees;
    const std::map<std::string, int> now = analytics::mentees_on(s, s.as_of);
    json mentors = json::array();
    std::set<std::string> municipalities, directions;
    long with_free = 0;
    for (size_t i : ctx.cache->schools_by_name(s)) {
        const auto& school = s.schools[i];
        json titles = titles_of(ctx, i);  // typed and won in competitions
        if (!analytics::is_mentor_school(s, i) && titles.empty()) continue;
        json mentees = json::array();
        std::set<std::string> seen;
        for (size_t m : s.school_links[i].mentor_of)
            for (const auto& id : s.mentorships[m].mentees)
                if (seen.insert(id.value).second) mentees.push_back(school_ref(ctx, id.value));
        for (size_t k = 0; k < mentees.size(); ++k) mentees[k]["last"] = k + 1 == mentees.size();
        auto taken_it = now.find(school.id);
        int taken = taken_it == now.end() ? 0 : taken_it->second;
        json dirs = mentor_directions(ctx, i);
        std::string dir_codes;
        for (const auto& d : dirs) {
            directions.insert(d["code"].get<std::string>());
            dir_codes += (dir_codes.empty() ? "" : " ") + d["code"].get<std::string>();
        }
        if (!school.municipality.empty()) municipalities.insert(school.municipality);
        with_free += taken < limit;
        // Cards are headed by the short name readers know; the official name stays beneath.
        const std::string& heading = school.display_name();
        mentors.push_back({{"name", heading},
                           {"full_name", heading == school.name ? "" : school.name},
                           {"url", s.url("schools", school.id)},
                           {"municipality", school.municipality},
                           {"titles", titles},
                           {"offer", s.school_offer_html[i]},
                           {"video", school.video},
                           {"website", school.website},
                           {"mentees", mentees},
                           {"has_mentees", !mentees.empty()},
                           {"mentees_now", taken},
                           {"free_places", std::max(0, limit - taken)},
                           {"has_free", taken < limit},
                           {"places", free_places_text(taken, limit)},
                           {"directions", dirs},
                           {"has_directions", !dirs.empty()},
                           {"direction_codes", dir_codes}});
    }
    json municipality_options = json::array();
    for (const auto& m : municipalities) municipality_options.push_back({{"name", m}});
    json direction_options = json::array();
    for (const auto& [code, label] : s.config.directions.entries())
        if (directions.count(code)) direction_options.push_back({{"code", code}, {"label", label}});
    long total = static_cast<long>(mentors.size());
    json view = {{"mentors", mentors},
                 {"count", plural(total, "школа", "школы", "школ")},
                 {"total", total},
                 {"with_free", plural(with_free, "школы", "школ", "школ")},  // «у 2 школ»
                 {"limit", plural(limit, "школы", "школ", "школ")},  // «не более 2 школ»
                 {"as_of", s.as_of.russian()},
                 {"municipalities", municipality_options},
                 {"direction_options", direction_options},
                 {"has_filters", total > 1}};
    return merge(page_frame(ctx, "Школа-наставник", s.url("mentors"), "mentors",
                            "Школы-наставники: предложения, видеоприглашения, направления работы "
                            "и свободные места для сопровождения школ"),
                 std::move(view));
}

namespace {

/// True when pair or association `r` works in direction `code`.
template <typename Record>
bool has_direction(const Record& r, const std::string& code) {
    return std::any_of(r.directions.begin(), r.directions.end(),
                       [&code](const auto& d) { return d.value == code; });
}

/// An association as a list item: {title, url, year}.
json association_item(const ViewContext& ctx, const records::Association& a) {
    return {{"title", a.name},
            {"url", ctx.site.url("associations", a.id)},
            {"year", a.school_year ? school_year_label(*a.school_year) : ""}};
}

/// The directions of `vocab` that `records` use, in vocabulary order, each with its page and
/// count: the facet above a list of pairs or associations.
template <typename Record, typename Uses>
json direction_facets(const ViewContext& ctx, const std::vector<Record>& records,
                      const config::Vocabulary& vocab, const std::string& section, Uses uses) {
    json out = json::array();
    for (const auto& [code, label] : vocab.entries()) {
        long n = 0;
        for (const Record& r : records) n += uses(r) && has_direction(r, code);
        if (n)
            out.push_back({{"label", label}, {"url", ctx.site.url(section, code)}, {"count", n}});
    }
    return out;
}

bool is_pair(const records::Mentorship& m) {
    return m.format == "pair";
}

bool every_association(const records::Association&) {
    return true;
}

}  // namespace

json mentorship_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (size_t i = 0; i < ctx.site.mentorships.size(); ++i)
        items.push_back(mentorship_item(ctx, i));
    json facets = direction_facets(ctx, ctx.site.mentorships, ctx.site.config.pair_directions,
                                   "pair-directions", is_pair);
    bool has_facets = !facets.empty();
    return merge(page_frame(ctx, "Наставничество", ctx.site.url("mentorships"), "mentorships"),
                 {{"mentorships", items},
                  {"facets", std::move(facets)},
                  {"has_facets", has_facets},
                  {"facets_label", "Направления работы сетевых пар"}});
}

json mentorship_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& m = s.mentorships[index];
    json view = mentorship_item(ctx, index);
    view["start"] = m.start.russian();
    view["end"] = m.end.russian();
    view["extended_until"] = m.extended_until ? m.extended_until->russian() : "";
    view["description"] = m.description;
    // A network pair's directions (seed 000) have pages of their own; seed 003's are the
    // practices' directions, whose pages list practices, not programmes.
    view["directions"] = vocab_refs(m.directions, s.config.directions_of(m.format),
                                    m.format == "pair" ? s.url("pair-directions") : "");
    view["forms"] = vocab_refs(m.forms, s.config.forms);
    view["goals"] = goals_view(m.goals);
    view["programme"] = programme_rows(ctx, m);
    view["timeline_svg"] = programme_timeline_svg(m, s.as_of);
    view["term_facts"] = programme_term(ctx, m);
    view["feedback_summary"] = feedback_summary(m);
    auto progress = analytics::programme_progress(m, s.as_of);
    view["progress"] = progress_view(progress, "мероприятия", "мероприятий");
    view["events"] = list_of(ctx, s.mentorship_events[index], event_item);
    json feedback = json::array();
    for (const auto& f : m.feedback)
        feedback.push_back({{"date", f.date.russian()},
                            {"from", f.from == "mentor" ? "наставник" : "наставляемый"},
                            {"score", f.score},
                            {"comment", f.comment}});
    view["feedback"] = feedback;
    view["internal_fields"] = internal_fields(ctx, m);
    if (m.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, m.title, s.url("mentorships", m.id), "mentorships", m.description),
                 std::move(view));
}

json plan_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (const auto& p : ctx.site.plans) {
        auto progress = analytics::plan_progress(p.items, ctx.site.as_of);
        items.push_back({{"title", p.title},
                         {"url", ctx.site.url("plans", p.id)},
                         {"progress", progress_view(progress, "пункта", "пунктов", "выполнено")}});
    }
    return merge(page_frame(ctx, "Планы работы", ctx.site.url("plans"), "mentorships"),
                 {{"plans", items}});
}

json plan_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& p = s.plans[index];
    static const std::vector<std::pair<std::string, std::string>> kActivities = {
        {"research", "Исследовательская деятельность"},
        {"project", "Проектная деятельность"},
        {"consulting", "Консультационная деятельность"},
        {"information", "Информационная деятельность"}};
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
            rows.push_back({{"number", ++n},
                            {"content", item.content},
                            {"term", plan_term(item.from, item.to)},
                            {"place", item.place},
                            {"responsible", item.responsible},
                            {"status", item.status},
                            {"status_label", item.status == "done"        ? "выполнено"
                                             : item.status == "cancelled" ? "отменено"
                                                                          : "запланировано"},
                            {"done_on", item.done_on ? dotted_date(*item.done_on) : ""},
                            {"overdue", analytics::is_overdue(item, s.as_of)}});
        groups.push_back({{"label", label},
                          {"code", code},
                          {"rows", rows},
                          {"progress", progress_view(progress, "пункта", "пунктов", "выполнено")}});
    }
    auto total = analytics::plan_progress(p.items, s.as_of);
    json view = {{"title", p.title},
                 {"owner", p.owner ? school_ref(ctx, p.owner->value) : json(nullptr)},
                 {"year", p.year ? std::to_string(*p.year) : ""},
                 {"groups", groups},
                 {"progress", progress_view(total, "пункта", "пунктов", "выполнено")},
                 {"as_of", s.as_of.russian()},
                 {"internal_fields", internal_fields(ctx, p)}};
    if (p.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, p.title, s.url("plans", p.id), "mentorships"), std::move(view));
}

json association_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (const auto& a : ctx.site.associations) items.push_back(association_item(ctx, a));
    json facets =
        direction_facets(ctx, ctx.site.associations, ctx.site.config.association_directions,
                         "association-directions", every_association);
    bool has_facets = !facets.empty();
    return merge(page_frame(ctx, "Профессиональные объединения", ctx.site.url("associations"),
                            "mentorships"),
                 {{"associations", items},
                  {"facets", std::move(facets)},
                  {"has_facets", has_facets},
                  {"facets_label", "Направления деятельности объединений"}});
}

json association_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& a = s.associations[index];
    json view = {{"title", a.name},
                 {"description", a.description},
                 {"head", a.head ? school_ref(ctx, a.head->value) : json(nullptr)},
                 {"members", school_refs(ctx, a.members)},
                 {"directions", vocab_refs(a.directions, s.config.association_directions,
                                           s.url("association-directions"))},
                 {"has_directions", !a.directions.empty()},
                 {"year", a.school_year ? school_year_label(*a.school_year) : ""},
                 {"events", list_of(ctx, s.association_events[index], event_item)},
                 {"internal_fields", internal_fields(ctx, a)}};
    view.update(association_status(ctx, index));
    if (a.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, a.name, s.url("associations", a.id), "mentorships", a.description),
                 std::move(view));
}

json group_term_view(const ViewContext& ctx, const std::string& section, const std::string& code) {
    const auto& s = ctx.site;
    bool pairs = section == "pair-directions";
    const config::Vocabulary& vocab =
        pairs ? s.config.pair_directions : s.config.association_directions;
    json items = json::array();
    if (pairs) {
        for (size_t i = 0; i < s.mentorships.size(); ++i)
            if (is_pair(s.mentorships[i]) && has_direction(s.mentorships[i], code))
                items.push_back(mentorship_item(ctx, i));
    } else {
        for (const auto& a : s.associations)
            if (has_direction(a, code)) items.push_back(association_item(ctx, a));
    }
    long n = static_cast<long>(items.size());
    json view = {
        {"label", vocab.label(code)},
        {"pairs", pairs},
        {"kind", pairs ? "Направление работы сетевых пар" : "Направление деятельности объединений"},
        {"total", pairs ? plural(n, "сетевая пара", "сетевые пары", "сетевых пар")
                        : plural(n, "объединение", "объединения", "объединений")},
        {"mentorships", pairs ? items : json::array()},
        {"associations", pairs ? json::array() : items},
        {"facets", pairs
                       ? direction_facets(ctx, s.mentorships, vocab, section, is_pair)
                       : direction_facets(ctx, s.associations, vocab, section, every_association)},
        {"facets_label", pairs ? "Все направления сетевых пар" : "Все направления объединений"}};
    for (json& f : view["facets"]) f["current"] = f["url"] == s.url(section, code);
    view["has_facets"] = !view["facets"].empty();
    return merge(page_frame(ctx, vocab.label(code), s.url(section, code), "mentorships"),
                 std::move(view));
}

json competition_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (const auto& c : ctx.site.competitions)
        items.push_back(
            {{"title", c.title}, {"url", ctx.site.url("competitions", c.id)}, {"year", c.year}});
    return merge(page_frame(ctx, "Конкурсы", ctx.site.url("competitions"), "mentors"),
                 {{"competitions", items}});
}

json competition_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& c = s.competitions[index];
    json criteria = json::array();
    for (size_t i = 0; i < c.criteria.size(); ++i)
        criteria.push_back({{"number", i + 1}, {"label", c.criteria[i]}});
    json rows = json::array();
    for (const auto& r : analytics::rank_competition(c, s)) {
        const auto& app = c.applications[r.application];
        json means = json::array();
        for (double m : r.criterion_means) means.push_back(format_number(m, 2));
        json evidence = json::array();
        for (const auto& e : app.evidence) evidence.push_back(e);
        rows.push_back(
            {{"rank", r.rank},
             {"school", school_ref(ctx, app.school.value)},
             {"means", means},
             {"total", format_number(r.total, 2)},
             {"votes_for", app.votes_for},
             {"votes_against", app.votes_against},
             {"winner", r.winner},
             {"video", app.video},
             {"evidence", evidence},
             {"experts", app.scores.size()},
             {"chart", criteria_chart_svg(app.school.value, s.school_name(app.school.value),
                                          r.criterion_means, r.winner)}});
    }
    json view = {{"title", c.title},
                 {"year", c.year},
                 {"description", c.description},
                 {"criteria", criteria},
                 {"ranking", rows},
                 {"winners_count", winners_text(c)},
                 {"internal_fields", internal_fields(ctx, c)}};
    if (c.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, c.title, s.url("competitions", c.id), "mentors", c.description),
                 std::move(view));
}

}  // namespace nk::render
