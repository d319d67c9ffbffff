// The per-school dashboard /schools/ID/: results, conditions and support, each figure with a
// sentence that explains it and the data table behind it.
#include <algorithm>
#include <set>

#include "analytics/competition_ranking.h"
#include "analytics/programme_progress.h"
#include "render/dashboard_charts.h"
#include "render/page_views.h"
#include "render/school_rules_views.h"
#include "render/transition_views.h"

namespace nk::render {

namespace {

json indicator_rows(const ViewContext& ctx, size_t index) {
    const auto& school = ctx.site.schools[index];
    json rows = json::array();
    for (const auto& y : school.years) {
        const analytics::SchoolYear* a = ctx.analytics.get(index, y.year);
        json zones = json::array();
        if (a)
            for (const auto& z : a->risk_zones)
                zones.push_back({{"code", z}, {"label", analytics::risk_zone_label(z)}});
        rows.push_back(
            {{"year", school_year_label(y.year)},
             {"ior", format_optional(y.ior)},
             {"isbsh", format_optional(y.isbsh)},
             {"gia", format_optional(y.gia)},
             {"vpr", format_optional(y.vpr)},
             {"evening", y.evening_share ? format_number(*y.evening_share * 100, 0) + " %" : "—"},
             {"quartile", a && a->quartile ? std::to_string(a->quartile) : "—"},
             {"category", a ? analytics::category_label(a->category) : ""},
             {"category_code", a ? a->category : ""},
             {"stably_high", a && a->stably_high},
             {"stably_low", a && a->stably_low},
             {"risk_zones", zones}});
    }
    return rows;
}

json badge(const std::string& label, const std::string& code, const std::string& rule,
           const std::string& year) {
    return {{"label", label}, {"code", code}, {"rule", rule}, {"year", year}};
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
        badges.push_back(badge(analytics::category_label(a->category), a->category,
                               analytics::category_rule(a->category), year));
    if (a->quartile)
        badges.push_back(badge(
            std::to_string(a->quartile) + "-й квартиль ИОР", "q" + std::to_string(a->quartile),
            "Квартиль ИОР внутри группы сравнения: 1 — ниже P25, 2 — ниже медианы, "
            "3 — ниже P75, 4 — P75 и выше.",
            year));
    if (a->stably_high)
        badges.push_back(badge("Стабильно высокие результаты", "stably_high",
                               "4-й квартиль ИОР три года подряд.", year));
    if (a->stably_low)
        badges.push_back(badge("Стабильно низкие результаты", "stably_low",
                               "1-й квартиль ИОР три года подряд.", year));
    for (const auto& z : a->risk_zones)
        badges.push_back(
            badge(analytics::risk_zone_label(z), "risk", analytics::risk_zone_rule(z), year));
    if (latest.low_results)
        badges.push_back(
            badge("ШНОР", "shnor", "Школа с низкими образовательными результатами.", year));
    if (latest.difficult_conditions)
        badges.push_back(
            badge("ШССУ", "shssu", "Школа, функционирующая в сложных социальных условиях.", year));
    return badges;
}

json mark(bool present) {
    return {{"present", present}, {"text", present ? "есть" : "—"}};
}

/// The «500+» risk profile as a grid: a row per factor (and per status), a column per year.
json risk_grid(const ViewContext& ctx, size_t index) {
    const auto& school = ctx.site.schools[index];
    json years = json::array();
    json rows = json::array();
    auto add = [&](const std::string& label, auto cell) {
        json cells = json::array();
        for (const auto& y : school.years) cells.push_back(cell(y));
        rows.push_back({{"label", label}, {"cells", cells}});
    };
    for (const auto& y : school.years) years.push_back(school_year_label(y.year));
    add("ИСБШ (социальное благополучие)", [](const records::YearIndicators& y) {
        return json{{"present", false}, {"text", format_optional(y.isbsh)}};
    });
    add("ШССУ — сложные социальные условия",
        [](const auto& y) { return mark(y.difficult_conditions); });
    add("ШНОР — низкие результаты", [](const auto& y) { return mark(y.low_results); });
    for (const auto& [code, label] : ctx.site.config.risk_factors.entries())
        add(label, [&code](const records::YearIndicators& y) {
            return mark(std::any_of(y.risk_factors.begin(), y.risk_factors.end(),
                                    [&](const auto& f) { return f.value == code; }));
        });
    add("Всего факторов риска", [](const records::YearIndicators& y) {
        return json{{"present", false}, {"text", std::to_string(y.risk_factors.size())}};
    });
    return {{"years", years}, {"rows", rows}};
}

std::string conditions_summary(const ViewContext& ctx, size_t index) {
    const auto& years = ctx.site.schools[index].years;
    if (years.empty()) return "";
    size_t total = ctx.site.config.risk_factors.entries().size();
    const auto& last = years.back();
    std::string s =
        "В " + school_year_label(last.year) + " уч. г. у школы " +
        plural(static_cast<long>(last.risk_factors.size()), "фактор", "фактора", "факторов") +
        " риска из " + std::to_string(total);
    if (years.size() > 1)
        s += " (в " + school_year_label(years.front().year) + " — " +
             std::to_string(years.front().risk_factors.size()) + ")";
    if (last.isbsh) s += ", ИСБШ " + format_number(*last.isbsh);
    return s + ".";
}

/// How the quartile and the category changed from the school's previous year to its latest.
std::string change_summary(const ViewContext& ctx, size_t index) {
    const analytics::SchoolYear* prev = nullptr;
    const analytics::SchoolYear* last = nullptr;
    for (const auto& sy : ctx.analytics.years_of(index)) {
        if (!sy.quartile) continue;
        prev = last;
        last = &sy;
    }
    if (!prev) return "";
    std::string years =
        school_year_label(prev->year) + " и " + school_year_label(last->year) + " уч. г.";
    std::string s =
        prev->quartile == last->quartile
            ? "Квартиль ИОР не изменился: " + std::to_string(last->quartile) + "-й в " + years
            : "Квартиль ИОР: " + std::to_string(prev->quartile) + "-й в " +
                  school_year_label(prev->year) + " уч. г. → " + std::to_string(last->quartile) +
                  "-й в " + school_year_label(last->year) + " уч. г.";
    if (!prev->category.empty() && !last->category.empty())
        s += prev->category == last->category
                 ? "; категория та же — «" + analytics::category_label(last->category) + "»"
                 : "; категория: «" + analytics::category_label(prev->category) + "» → «" +
                       analytics::category_label(last->category) + "»";
    return s + ".";
}

/// A mentorship of the school with its progress and its goals chart.
json support_item(const ViewContext& ctx, size_t m, const std::string& role) {
    json item = mentorship_item(ctx, m);
    item["role"] = role;
    item["goals_figure"] = goals_figure(ctx, m, "goals-" + ctx.site.mentorships[m].id + "-" + role);
    return item;
}

json support(const ViewContext& ctx, const std::vector<size_t>& list, const std::string& role) {
    json out = json::array();
    for (size_t m : list) out.push_back(support_item(ctx, m, role));
    return out;
}

json applications(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    json out = json::array();
    for (auto [c, a] : s.school_links[index].applications) {
        const auto& comp = s.competitions[c];
        for (const auto& r : analytics::rank_competition(comp, s)) {
            if (r.application != a) continue;
            out.push_back({{"title", comp.title},
                           {"url", s.url("competitions", comp.id)},
                           {"year", comp.year},
                           {"rank", r.rank},
                           {"total", format_number(r.total, 2)},
                           {"winner", r.winner},
                           {"figure", criteria_figure(ctx, c, a, "criteria-" + comp.id)}});
        }
    }
    return out;
}

json list_of(const ViewContext& ctx, const std::vector<size_t>& indices,
             json (*item)(const ViewContext&, size_t)) {
    json out = json::array();
    for (size_t i : indices) out.push_back(item(ctx, i));
    return out;
}

json school_facts(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& school = s.schools[index];
    static const std::map<std::string, std::string> kKinds = {{"urban", "городская"},
                                                              {"rural", "сельская"}};
    json titles = titles_of(ctx, index);
    json plans = json::array();
    for (size_t p : s.school_links[index].plans)
        plans.push_back({{"title", s.plans[p].title}, {"url", s.url("plans", s.plans[p].id)}});
    json associations = json::array();
    for (size_t a : s.school_links[index].associations)
        associations.push_back({{"title", s.associations[a].name},
                                {"url", s.url("associations", s.associations[a].id)}});
    return {{"id", school.id},
            {"name", school.name},
            {"short_name", school.display_name()},
            {"official_name", school.display_name() == school.name ? "" : school.name},
            {"municipality", school.municipality},
            {"region", school.region},
            {"kind", kKinds.count(school.kind) ? kKinds.at(school.kind) : ""},
            {"advanced", school.advanced},
            {"website", school.website},
            {"address", school.address},
            {"students", school.students ? std::to_string(*school.students) : ""},
            {"titles", titles},
            {"offer", s.school_offer_html[index]},
            {"video", school.video},
            {"plans", plans},
            {"associations", associations}};
}

/// The dashboard's first lines: the latest ИОР, its quartile, the group median and the change
/// since the year before, each against the group.
json glance(const ViewContext& ctx, size_t index) {
    const auto& years = ctx.analytics.years_of(index);
    const analytics::SchoolYear* last = nullptr;
    for (const auto& y : years)
        if (y.ior) last = &y;
    if (!last) return nullptr;
    const analytics::SchoolYear* prev = ctx.analytics.get(index, last->year - 1);
    std::string year = school_year_label(last->year);
    json tiles = json::array();
    tiles.push_back({{"label", "ИОР в " + year}, {"value", format_number(*last->ior, 2)}});
    if (last->quartile && last->group)
        tiles.push_back(
            {{"label", "Квартиль ИОР в группе из " +
                           plural(static_cast<long>(last->group->size), "школы", "школ", "школ")},
             {"value", std::to_string(last->quartile) + "-й"}});
    if (last->group)
        tiles.push_back({{"label", "Медиана ИОР группы «" + last->group->group + "»"},
                         {"value", format_number(last->group->ior_p50, 2)}});
    if (prev && prev->ior) {
        double d = *last->ior - *prev->ior;
        tiles.push_back({{"label", "Изменение ИОР с " + school_year_label(prev->year)},
                         {"value", change_with_unit(d, "индекс")}});
    } else {
        tiles.push_back({{"label", "Изменение ИОР за год"}, {"value", "нет данных"}});
    }
    return {{"tiles", tiles}};
}

/// Who mentors the school on as_of, or whether it still waits for a mentor.
json mentoring_now(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    std::vector<records::Located> mentors;
    std::set<std::string> seen;
    for (size_t m : s.school_links[index].mentee_of)
        if (analytics::mentorship_status(s.mentorships[m], s.as_of) == "active")
            for (const auto& id : s.mentorships[m].mentors)
                if (seen.insert(id.value).second) mentors.push_back(id);
    const auto& years = s.schools[index].years;
    const analytics::SchoolYear* a =
        years.empty() ? nullptr : ctx.analytics.get(index, years.back().year);
    bool needs = (!years.empty() && years.back().low_results) || (a && a->quartile == 1);
    return {{"mentors", school_refs(ctx, mentors)},
            {"has_mentors", !mentors.empty()},
            {"waiting", mentors.empty() && needs},
            {"as_of", s.as_of.russian()}};
}

}  // namespace

json school_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& school = s.schools[index];
    const auto& links = s.school_links[index];
    json view = school_facts(ctx, index);
    json figures = school_figures(ctx, index);
    view["badges"] = status_badges(ctx, index);
    view["glance"] = glance(ctx, index);
    view["mentoring_now"] = mentoring_now(ctx, index);
    view["downloads"] = {{"csv", s.url("schools", school.id) + "data.csv"},
                         {"xlsx", s.url("schools", school.id) + "data.xlsx"}};
    view["has_years"] = !school.years.empty();
    view["years"] = indicator_rows(ctx, index);
    view["ior_figure"] = figures["ior"];
    view["quadrant_figure"] = figures["quadrant"];
    view["change_summary"] = change_summary(ctx, index);
    view["risk_grid"] = risk_grid(ctx, index);
    view["conditions_summary"] = conditions_summary(ctx, index);
    view["mentee_of"] = support(ctx, links.mentee_of, "mentee");
    view["mentor_of"] = support(ctx, links.mentor_of, "mentor");
    view["applications"] = applications(ctx, index);
    json transitions = json::array();
    for (size_t t : links.transitions) {
        json item = transition_item(ctx, t);
        item["as_mentor"] = s.transitions[t].school.value != school.id;
        transitions.push_back(std::move(item));
    }
    view["transitions"] = std::move(transitions);
    view["practices"] = list_of(ctx, links.practices, practice_list_item);
    view["events"] = list_of(ctx, links.events, event_item);
    view["compare"] = s.url("compare") + "?s=" + school.id;
    view["internal_fields"] = internal_fields(ctx, school);
    if (school.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    view["rules"] = school_rules_view(ctx, index);
    return merge(page_frame(ctx, school.name, s.url("schools", school.id), "schools"),
                 std::move(view));
}

}  // namespace nk::render
