// The schools overview /schools/ (one page per year, /schools/year/YYYY/ for the earlier ones):
// quadrant charts per group, counts by category and quartile, transitions between years, the
// stably low list, mentor load; and the compare page /compare/.
#include <algorithm>
#include <array>
#include <set>

#include "analytics/site_figures.h"
#include "fs/collation.h"
#include "fs/text.h"
#include "render/dashboard_charts.h"
#include "render/page_views.h"
#include "render/school_rules_views.h"

namespace nk::render {

namespace {

const std::array<std::string, 4> kCategories = {"effective", "resilient", "inefficient",
                                                "not_coping"};

const std::string& group_name_of(const ViewContext& ctx, const records::School& school) {
    return ctx.site.config.group == "region" ? school.region : school.municipality;
}

json year_switcher(const ViewContext& ctx, int year) {
    json out = json::array();
    for (int y : ctx.analytics.years())
        out.push_back({{"label", school_year_label(y)},
                       {"url", overview_url(ctx, y)},
                       {"current", y == year}});
    return out;
}

/// A table with a column per year (or pair of years) and a row per measure; `values[c][r]` is
/// column c, row r, columns given oldest first. The table shows the newest first (it stays in
/// view on a phone, the older ones scroll); the column of the selected year is `current`.
json by_year_table(const std::string& caption, const std::string& corner,
                   const std::vector<std::string>& measures,
                   const std::vector<std::pair<std::string, bool>>& columns,
                   const std::vector<std::vector<int>>& values) {
    json cols = json::array();
    for (size_t c = columns.size(); c-- > 0;)
        cols.push_back({{"label", columns[c].first}, {"current", columns[c].second}});
    json rows = json::array();
    for (size_t r = 0; r < measures.size(); ++r) {
        json cells = json::array();
        for (size_t c = columns.size(); c-- > 0;)
            cells.push_back(
                {{"value", std::to_string(values[c][r])}, {"current", columns[c].second}});
        rows.push_back({{"head", measures[r]}, {"cells", cells}});
    }
    return {{"caption", caption}, {"corner", corner}, {"columns", cols}, {"rows", rows}};
}

/// Schools of one year by category, quartile and status.
struct YearCounts {
    std::map<std::string, int> category;
    std::array<int, 5> quartile{};  ///< [0]: no ИОР
    int stably_low = 0, stably_high = 0, shnor = 0;
    int of(const std::string& cat) const { return category.count(cat) ? category.at(cat) : 0; }
    std::vector<int> values() const {
        return {of("effective"),
                of("resilient"),
                of("inefficient"),
                of("not_coping"),
                quartile[1],
                quartile[2],
                quartile[3],
                quartile[4],
                stably_low,
                stably_high,
                shnor};
    }
};

std::map<int, YearCounts> year_counts(const ViewContext& ctx) {
    std::map<int, YearCounts> by_year;
    for (size_t i = 0; i < ctx.site.schools.size(); ++i) {
        for (const auto& sy : ctx.analytics.years_of(i)) {
            YearCounts& c = by_year[sy.year];
            if (!sy.category.empty()) ++c.category[sy.category];
            ++c.quartile[static_cast<size_t>(sy.quartile)];
            c.stably_low += sy.stably_low;
            c.stably_high += sy.stably_high;
        }
        for (const auto& y : ctx.site.schools[i].years) by_year[y.year].shnor += y.low_results;
    }
    return by_year;
}

json counts_table(const std::map<int, YearCounts>& counts, int year) {
    std::vector<std::pair<std::string, bool>> columns;
    std::vector<std::vector<int>> values;
    for (const auto& [y, c] : counts) {
        columns.emplace_back(school_year_label(y), y == year);
        values.push_back(c.values());
    }
    return by_year_table(
        "Число школ по категориям, квартилям ИОР и статусам", "Школ",
        {"эффективных", "резильентных", "неэффективных", "несправляющихся", "в 1-м квартиле ИОР",
         "во 2-м квартиле", "в 3-м квартиле", "в 4-м квартиле", "стабильно низкие результаты",
         "стабильно высокие результаты", "ШНОР"},
        columns, values);
}

std::string counts_summary(const std::map<int, YearCounts>& counts, int year) {
    auto it = counts.find(year);
    if (it == counts.end()) return "";
    const YearCounts& c = it->second;
    return "В " + school_year_label(year) + " уч. г. эффективных школ " +
           std::to_string(c.of("effective")) + ", резильентных " +
           std::to_string(c.of("resilient")) + ", неэффективных " +
           std::to_string(c.of("inefficient")) + ", несправляющихся " +
           std::to_string(c.of("not_coping")) + "; в 1-м квартиле ИОР " +
           std::to_string(c.quartile[1]) + ", ШНОР " + std::to_string(c.shnor) + ".";
}

using analytics::YearTransition;

json quartile_matrix(const YearTransition& t, const std::string& label) {
    json rows = json::array();
    for (size_t q = 0; q < 4; ++q) {
        std::vector<std::string> cells;
        for (int v : t.matrix[q]) cells.push_back(std::to_string(v));
        rows.push_back({{"head", std::to_string(q + 1) + "-я"},
                        {"cells", cells},
                        {"current", false},
                        {"href", ""}});
    }
    return {{"caption", "Переходы между квартилями ИОР, " + label + ": строка — квартиль в " +
                            school_year_label(t.from) + ", столбец — в " + school_year_label(t.to)},
            {"corner", "Квартиль в " + school_year_label(t.from)},
            {"columns", {"в 1-ю", "во 2-ю", "в 3-ю", "в 4-ю"}},
            {"rows", rows},
            {"compact", true}};
}

json transition_detail(const ViewContext& ctx, const YearTransition& t, const std::string& label) {
    json left = json::array();
    for (size_t i : t.left_lowest) left.push_back(school_ref(ctx, ctx.site.schools[i].id));
    for (size_t k = 0; k < left.size(); ++k) left[k]["last"] = k + 1 == left.size();
    auto n = [](const std::vector<size_t>& v) { return static_cast<long>(v.size()); };
    std::string summary = "1-й квартиль ИОР в " + school_year_label(t.from) +
                          " уч. г.: " + plural(n(t.lowest), "школа", "школы", "школ") + "; в " +
                          school_year_label(t.to) + " уч. г. поднялись выше 1-го квартиля: " +
                          std::to_string(n(t.left_lowest)) +
                          "; перешли из несправляющихся и неэффективных в эффективные и "
                          "резильентные (среди школ 1-го квартиля и ШНОР): " +
                          std::to_string(n(t.to_effective)) + ".";
    return {{"label", label},
            {"left_lowest", left},
            {"has_left", !left.empty()},
            {"summary", summary},
            {"matrix", quartile_matrix(t, label)}};
}

json transitions_view(const ViewContext& ctx, int year) {
    const auto& years = ctx.analytics.years();
    std::vector<std::pair<std::string, bool>> columns;
    std::vector<std::vector<int>> values;
    json current = nullptr;
    for (size_t k = 1; k < years.size(); ++k) {
        YearTransition t =
            analytics::year_transition(ctx.site, ctx.analytics, years[k - 1], years[k]);
        std::string label = school_year_label(t.from) + " → " + school_year_label(t.to);
        columns.emplace_back(label, t.to == year);
        values.push_back({t.compared, t.up, t.down, t.same, static_cast<int>(t.lowest.size()),
                          static_cast<int>(t.left_lowest.size()),
                          static_cast<int>(t.to_effective.size())});
        if (t.to == year) current = transition_detail(ctx, t, label);
    }
    json table = by_year_table("Переходы школ между соседними годами", "Школ",
                               {"с ИОР в оба года", "поднялись в более высокий квартиль",
                                "опустились в более низкий квартиль", "остались в том же квартиле",
                                "в 1-м квартиле в первый год", "из них покинули 1-й квартиль",
                                "из 1-го квартиля и ШНОР перешли в эффективные или резильентные"},
                               columns, values);
    return {{"table", table}, {"has_rows", !columns.empty()}, {"current", current}};
}

json stable_list(const ViewContext& ctx, int year, bool low) {
    json out = json::array();
    for (size_t i : ctx.cache->schools_by_name(ctx.site)) {
        const analytics::SchoolYear* sy = ctx.analytics.get(i, year);
        if (!sy || !(low ? sy->stably_low : sy->stably_high)) continue;
        json ref = school_ref(ctx, ctx.site.schools[i].id);
        ref["group"] = group_name_of(ctx, ctx.site.schools[i]);
        ref["ior"] = format_optional(sy->ior);
        out.push_back(ref);
    }
    return out;
}

json school_row(const ViewContext& ctx, size_t i, int year) {
    const auto& s = ctx.site;
    const auto& school = s.schools[i];
    const analytics::SchoolYear* a = ctx.analytics.get(i, year);
    const records::YearIndicators* y = school.year(year);
    return {{"name", school.display_name()},
            {"municipality", school.municipality},
            {"url", s.url("schools", school.id)},
            {"ior", y ? format_optional(y->ior) : "—"},
            {"isbsh", y ? format_optional(y->isbsh) : "—"},
            {"quartile", a && a->quartile ? std::to_string(a->quartile) : "—"},
            {"category", a ? analytics::category_label(a->category) : ""},
            {"category_code", a ? a->category : ""},
            {"stably_low", a && a->stably_low},
            {"stably_high", a && a->stably_high},
            {"shnor", y && y->low_results},
            {"mentor", analytics::is_mentor_school(s, i) || !titles_of(ctx, i).empty()}};
}

/// Every school, in the site's order (municipality, then name: see the loader): the finder's
/// table.
json all_school_rows(const ViewContext& ctx, int year) {
    const auto& schools = ctx.site.schools;
    json rows = json::array();
    std::vector<std::string> municipalities;  // in order already: one entry per run
    for (size_t i = 0; i < schools.size(); ++i) {
        rows.push_back(school_row(ctx, i, year));
        if (municipalities.empty() || municipalities.back() != schools[i].municipality)
            municipalities.push_back(schools[i].municipality);
    }
    return {{"rows", rows},
            {"municipalities", municipalities},
            {"count", plural(static_cast<long>(rows.size()), "школа", "школы", "школ")}};
}

/// Per group: its quadrant chart for the year and its schools (all, with or without data).
json group_sections(const ViewContext& ctx, int year) {
    std::map<std::string, std::vector<size_t>, text::RussianLess> directory;
    for (size_t i : ctx.cache->schools_by_name(ctx.site))
        directory[group_name_of(ctx, ctx.site.schools[i])].push_back(i);
    json out = json::array();
    size_t k = 0;
    for (const auto& [name, schools] : directory) {
        json rows = json::array();
        for (size_t i : schools) rows.push_back(school_row(ctx, i, year));
        const analytics::GroupYear* g = ctx.analytics.group(name, year);
        json fig = g ? quadrant_figure(ctx, *g, std::nullopt, "quadrant-" + std::to_string(++k))
                     : json(nullptr);
        // The chart's data are the rows of the school table further down the same page, so
        // the page does not carry them twice.
        if (fig.is_object() && fig["caption"].is_string()) {
            fig["table"] = nullptr;
            fig["caption"] = fig["caption"].get<std::string>() +
                             " Значения — в таблице «Все школы» ниже на этой странице.";
        }
        out.push_back(
            {{"name", name},
             {"anchor", "group-" + std::to_string(out.size() + 1)},
             {"figure", fig},
             {"schools", rows},
             {"size", g ? plural(static_cast<long>(g->size), "школа", "школы", "школ") : ""}});
    }
    return out;
}

}  // namespace

std::string overview_url(const ViewContext& ctx, int year) {
    if (year == 0 || year == ctx.latest_year()) return ctx.site.url("schools");
    return ctx.site.url("schools") + "year/" + std::to_string(year) + "/";
}

json school_list_view(const ViewContext& ctx, int year) {
    const auto& s = ctx.site;
    if (year == 0) year = ctx.latest_year();
    auto counts = year_counts(ctx);
    json load = mentor_load_figure(ctx);
    json view = {{"year", year ? school_year_label(year) : ""},
                 {"has_year", year != 0},
                 {"is_latest", year == ctx.latest_year()},
                 {"years", year_switcher(ctx, year)},
                 {"counts", counts_table(counts, year)},
                 {"counts_summary", counts_summary(counts, year)},
                 {"groups", group_sections(ctx, year)},
                 {"finder", all_school_rows(ctx, year)},
                 {"transitions", transitions_view(ctx, year)},
                 {"stably_low", stable_list(ctx, year, true)},
                 {"stably_high", stable_list(ctx, year, false)},
                 {"mentor_load", load},
                 {"mentor_limit", s.config.rules.mentor_max_mentees},
                 {"compare", s.url("compare")}};
    std::string title = year == ctx.latest_year() || year == 0
                            ? "Школы"
                            : "Школы в " + school_year_label(year) + " учебном году";
    return merge(page_frame(ctx, title, overview_url(ctx, year), "schools"), std::move(view));
}

json compare_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    json categories = json::object(), zones = json::object(), factors = json::object();
    for (const auto& c : kCategories) categories[c] = analytics::category_label(c);
    for (const char* z : {"unstable", "gia_vpr_gap", "evening", "advanced_below"})
        zones[z] = analytics::risk_zone_label(z);
    for (const auto& [code, label] : s.config.risk_factors.entries()) factors[code] = label;
    json labels = {{"categories", categories},
                   {"zones", zones},
                   {"factors", factors},
                   {"schools", s.url("schools")},
                   {"latest", ctx.latest_year()}};
    // The labels sit in a <script> element: no "</script>" or "<!--" in a label may end it.
    std::string text =
        text::escape_json_for_html(labels.dump(-1, ' ', false, json::error_handler_t::replace));
    json view = {{"api", s.url("api") + "schools.json"},
                 {"schools", s.url("schools")},
                 {"labels", text},
                 {"slots", {1, 2, 3, 4}}};
    return merge(
        page_frame(
            ctx, "Сравнение школ", s.url("compare"), "schools",
            "Показатели двух–четырёх школ рядом: ИОР, ИСБШ, квартиль, категория, зоны риска."),
        std::move(view));
}

}  // namespace nk::render
