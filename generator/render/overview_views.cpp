// The schools overview /schools/ (one page per year, /schools/year/YYYY/ for the earlier ones):
// quadrant charts per group, counts by category and quartile, transitions between years, the
// stably low list, mentor load; and the compare page /compare/.
#include <algorithm>
#include <array>

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
        {"эффективных", "резильентных", "неэффективных", "несправляющихся", "в 1-й квартили ИОР",
         "во 2-й квартили", "в 3-й квартили", "в 4-й квартили", "стабильно низкие результаты",
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
           std::to_string(c.of("not_coping")) + "; в 1-й квартили ИОР " +
           std::to_string(c.quartile[1]) + ", ШНОР " + std::to_string(c.shnor) + ".";
}

/// How schools moved between two consecutive indicator years.
struct Transition {
    int from = 0, to = 0;
    int compared = 0, up = 0, down = 0, same = 0;
    int shnor_q1 = 0;                ///< ШНОР in quartile 1 in `from`, with an ИОР in `to`
    std::vector<size_t> shnor_left;  ///< of those, the ones above quartile 1 in `to`
    int to_effective = 0;            ///< not coping / inefficient → effective / resilient
    std::array<std::array<int, 4>, 4> matrix{};  ///< [quartile in from − 1][quartile in to − 1]
};

bool low_category(const std::string& c) {
    return c == "not_coping" || c == "inefficient";
}
bool high_category(const std::string& c) {
    return c == "effective" || c == "resilient";
}

Transition transition(const ViewContext& ctx, int from, int to) {
    Transition t;
    t.from = from;
    t.to = to;
    for (size_t i = 0; i < ctx.site.schools.size(); ++i) {
        const analytics::SchoolYear* a = ctx.analytics.get(i, from);
        const analytics::SchoolYear* b = ctx.analytics.get(i, to);
        if (!a || !b || !a->quartile || !b->quartile) continue;
        ++t.compared;
        ++t.matrix[static_cast<size_t>(a->quartile - 1)][static_cast<size_t>(b->quartile - 1)];
        (b->quartile > a->quartile ? t.up : b->quartile < a->quartile ? t.down : t.same) += 1;
        t.to_effective += low_category(a->category) && high_category(b->category);
        const records::YearIndicators* y = ctx.site.schools[i].year(from);
        if (y && y->low_results && a->quartile == 1) {
            ++t.shnor_q1;
            if (b->quartile > 1) t.shnor_left.push_back(i);
        }
    }
    return t;
}

json quartile_matrix(const Transition& t, const std::string& label) {
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

json transition_detail(const ViewContext& ctx, const Transition& t, const std::string& label) {
    json left = json::array();
    for (size_t i : t.shnor_left) left.push_back(school_ref(ctx, ctx.site.schools[i].id));
    std::string summary =
        "Из " + plural(t.shnor_q1, "ШНОР", "ШНОР", "ШНОР") + " в 1-й квартили ИОР в " +
        school_year_label(t.from) + " уч. г. " +
        plural(static_cast<long>(t.shnor_left.size()), "поднялась", "поднялись", "поднялись") +
        " выше в " + school_year_label(t.to) + " уч. г.; " +
        plural(t.to_effective, "школа перешла", "школы перешли", "школ перешли") +
        " из несправляющихся и неэффективных в эффективные и резильентные.";
    return {{"label", label},
            {"shnor_left", left},
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
        Transition t = transition(ctx, years[k - 1], years[k]);
        std::string label = school_year_label(t.from) + " → " + school_year_label(t.to);
        columns.emplace_back(label, t.to == year);
        values.push_back({t.compared, t.up, t.down, t.same, t.shnor_q1,
                          static_cast<int>(t.shnor_left.size()), t.to_effective});
        if (t.to == year) current = transition_detail(ctx, t, label);
    }
    json table = by_year_table("Переходы школ между соседними годами", "Школ",
                               {"с ИОР в оба года", "поднялись в более высокую квартиль",
                                "опустились в более низкую квартиль", "остались в той же квартили",
                                "ШНОР в 1-й квартили в первый год", "из них покинули 1-ю квартиль",
                                "перешли в эффективные или резильентные"},
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
            {"url", s.url("schools", school.id)},
            {"ior", y ? format_optional(y->ior) : "—"},
            {"isbsh", y ? format_optional(y->isbsh) : "—"},
            {"quartile", a && a->quartile ? std::to_string(a->quartile) : "—"},
            {"category", a ? analytics::category_label(a->category) : ""},
            {"category_code", a ? a->category : ""},
            {"stably_low", a && a->stably_low},
            {"stably_high", a && a->stably_high},
            {"shnor", y && y->low_results},
            {"mentor", !s.school_links[i].mentor_of.empty() || !titles_of(ctx, i).empty()}};
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
