#include "render/dashboard_charts.h"

#include <algorithm>
#include <cmath>

#include "analytics/competition_ranking.h"
#include "analytics/programme_progress.h"
#include "fs/collation.h"
#include "render/svg_chart.h"

namespace nk::render {

namespace {

/// A table whose rows start with a header cell; `corner` names that first column.
json data_table(const std::string& caption, const std::string& corner,
                const std::vector<std::string>& columns) {
    return {
        {"caption", caption}, {"corner", corner}, {"columns", columns}, {"rows", json::array()}};
}

/// A row; `href` (when not empty) links its header cell. Every row sets `href`, so a template
/// never picks up an outer `href` by Mustache's context lookup.
void add_row(json& table, const std::string& head, const std::vector<std::string>& cells,
             bool current = false, const std::string& href = "") {
    table["rows"].push_back(
        {{"head", head}, {"cells", cells}, {"current", current}, {"href", href}});
}

json figure(const std::string& id, std::string svg, const std::string& caption, json table) {
    return {{"id", id}, {"svg", std::move(svg)}, {"caption", caption}, {"table", std::move(table)}};
}

const std::string& group_name_of(const ViewContext& ctx, const records::School& school) {
    return ctx.site.config.group == "region" ? school.region : school.municipality;
}

/// "вырос на 0,15" / "снизился на 0,02" / "не изменился".
std::string change_phrase(double delta, const char* up, const char* down) {
    if (std::round(std::fabs(delta) * 100) == 0) return "не изменился";
    return std::string(delta > 0 ? up : down) + " на " + format_number(std::fabs(delta), 2);
}

/// Indicator decimals: none when every value is whole, else two.
int decimals_of(const std::vector<std::optional<double>>& values) {
    for (const auto& v : values)
        if (v && std::fabs(*v - std::round(*v)) > 1e-9) return 2;
    return 0;
}

std::string ior_summary(const ViewContext& ctx, size_t index, const std::vector<int>& years) {
    const analytics::SchoolYear* first = nullptr;
    const analytics::SchoolYear* last = nullptr;
    for (int y : years) {
        const analytics::SchoolYear* sy = ctx.analytics.get(index, y);
        if (!sy || !sy->ior) continue;
        if (!first) first = sy;
        last = sy;
    }
    if (!last) return "";
    std::string s = "В " + school_year_label(last->year) + " уч. г. ИОР школы — " +
                    format_number(*last->ior, 2);
    if (last->quartile && last->group)
        s += ": " + std::to_string(last->quartile) + "-й квартиль среди " +
             plural(static_cast<long>(last->group->size), "школы", "школ", "школ") + " группы";
    if (first != last)
        s += "; с " + school_year_label(first->year) + " он " +
             change_phrase(*last->ior - *first->ior, "вырос", "снизился");
    return s + ".";
}

analytics::SchoolYear const* latest_with_ior(const ViewContext& ctx, size_t index) {
    const auto& years = ctx.analytics.years_of(index);
    for (auto it = years.rbegin(); it != years.rend(); ++it)
        if (it->ior && it->group) return &*it;
    return nullptr;
}

std::string category_counts(const std::map<std::string, int>& counts) {
    return "эффективных " + std::to_string(counts.count("effective") ? counts.at("effective") : 0) +
           ", резильентных " +
           std::to_string(counts.count("resilient") ? counts.at("resilient") : 0) +
           ", неэффективных " +
           std::to_string(counts.count("inefficient") ? counts.at("inefficient") : 0) +
           ", несправляющихся " +
           std::to_string(counts.count("not_coping") ? counts.at("not_coping") : 0);
}

}  // namespace

json ior_figure(const ViewContext& ctx, size_t index) {
    const auto& school = ctx.site.schools[index];
    const auto& own = ctx.analytics.years_of(index);
    if (std::none_of(own.begin(), own.end(), [](const auto& sy) { return sy.ior.has_value(); }))
        return nullptr;
    // Every year from the first to the last entry, so a missing year shows as a gap.
    std::vector<int> years;
    for (int y = own.front().year; y <= own.back().year; ++y) years.push_back(y);
    const std::string& group = group_name_of(ctx, school);
    LineChart c;
    c.text.id = "ior-chart";
    c.text.title = "ИОР школы по учебным годам на фоне квартилей группы «" + group + "»";
    json table =
        data_table("ИОР школы и квартили ИОР группы по годам", "Учебный год",
                   {"ИОР школы", "P25 группы", "Медиана группы", "P75 группы", "Квартиль"});
    std::string desc;
    for (int y : years) {
        const analytics::SchoolYear* sy = ctx.analytics.get(index, y);
        const analytics::GroupYear* g = ctx.analytics.group(group, y);
        c.x_labels.push_back(school_year_label(y));
        c.values.push_back(sy ? sy->ior : std::nullopt);
        c.bands.push_back(g ? std::optional<QuartileBand>({g->ior_p25, g->ior_p50, g->ior_p75})
                            : std::nullopt);
        std::string q = sy && sy->quartile ? std::to_string(sy->quartile) : "—";
        add_row(table, school_year_label(y),
                {sy ? format_optional(sy->ior) : "—", g ? format_number(g->ior_p25) : "—",
                 g ? format_number(g->ior_p50) : "—", g ? format_number(g->ior_p75) : "—", q});
        desc += school_year_label(y) + ": " + (sy ? format_optional(sy->ior) : "нет данных") +
                (sy && sy->quartile ? ", " + q + "-й квартиль" : "") + "; ";
    }
    std::string summary = ior_summary(ctx, index, years);
    c.text.desc = "ИОР по годам — " + desc.substr(0, desc.size() - 2) + ". " + summary;
    std::string caption =
        "Линия — ИОР школы. Фон — квартили ИОР школ группы «" + group +
        "» в каждом году: штриховка — 1-й квартиль (ниже P25), серые полосы — 2-й и 3-й, "
        "пунктир — медиана. " +
        summary;
    return figure(c.text.id, line_chart_svg(c), caption, table);
}

json quadrant_figure(const ViewContext& ctx, const analytics::GroupYear& group,
                     std::optional<size_t> highlight, const std::string& id) {
    const auto& s = ctx.site;
    QuadrantChart c;
    c.text.id = id;
    c.x_split = group.isbsh_median;
    c.y_split = group.ior_p50;
    std::vector<std::pair<const analytics::SchoolYear*, size_t>> rows;
    std::map<std::string, int> counts;
    for (size_t i : group.members) {
        const analytics::SchoolYear* sy = ctx.analytics.get(i, group.year);
        if (!sy || !sy->ior || !sy->isbsh) continue;
        bool mine = highlight && *highlight == i;
        c.points.push_back({*sy->isbsh, *sy->ior, s.schools[i].display_name(), sy->category, mine});
        rows.emplace_back(sy, i);
        ++counts[sy->category];
    }
    if (c.points.empty()) return nullptr;
    std::string year = school_year_label(group.year);
    c.text.title = "ИСБШ и ИОР школ группы «" + group.group + "», " + year + " уч. г.";
    std::string desc = plural(static_cast<long>(rows.size()), "школа", "школы", "школ") + ": " +
                       category_counts(counts) + ". Медиана ИСБШ " +
                       format_number(group.isbsh_median) + ", медиана ИОР " +
                       format_number(group.ior_p50) + ".";
    std::string caption =
        "Каждая фигура — школа группы «" + group.group + "» в " + year +
        " уч. г.: по горизонтали ИСБШ (социальное благополучие), по вертикали ИОР (результаты). "
        "Пунктир — медианы группы; они делят школы на четыре категории, форма и цвет фигуры "
        "показывают категорию.";
    std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        if (*a.first->ior != *b.first->ior) return *a.first->ior > *b.first->ior;
        return text::russian_less(s.schools[a.second].display_name(),
                                  s.schools[b.second].display_name());
    });
    json table = data_table("ИСБШ, ИОР и категории школ группы «" + group.group + "», " + year,
                            "Школа", {"ИСБШ", "ИОР", "Категория"});
    for (const auto& [sy, i] : rows) {
        bool mine = highlight && *highlight == i;
        add_row(table, s.schools[i].display_name() + (mine ? " (эта школа)" : ""),
                {format_optional(sy->isbsh), format_optional(sy->ior),
                 analytics::category_label(sy->category)},
                mine, s.url("schools", s.schools[i].id));
        if (mine) {
            std::string line = " Школа обведена кольцом: ИСБШ " + format_optional(sy->isbsh) +
                               ", ИОР " + format_optional(sy->ior) + " — категория «" +
                               analytics::category_label(sy->category) + "».";
            desc += line;
            caption += line;
        }
    }
    c.text.desc = desc;
    return figure(id, quadrant_chart_svg(c), caption, table);
}

json goals_figure(const ViewContext& ctx, size_t index, const std::string& id) {
    const records::Mentorship& m = ctx.site.mentorships[index];
    if (m.goals.empty()) return nullptr;
    BarChart c;
    c.text.id = id;
    c.text.title = "Цели программы «" + m.title + "»: исходное, целевое и фактическое значения";
    c.shared_scale = false;
    json table = data_table("Цели программы", "Показатель",
                            {"Исходное", "Цель", "Факт", "Пройдено пути к цели"});
    std::string desc;
    for (const auto& g : m.goals) {
        BarGroup group{g.indicator, g.unit, {}, std::nullopt, "", 0};
        group.decimals = decimals_of({g.baseline, g.target, g.actual});
        group.bars = {{"Исходное", g.baseline, "baseline"},
                      {"Цель", g.target, "target"},
                      {"Факт", g.actual, "actual"}};
        c.groups.push_back(group);
        int pct = analytics::goal_percent(g);
        std::string path = pct < 0 ? "—" : std::to_string(pct) + " %";
        auto value = [&](const std::optional<double>& v) {
            return format_optional(v, group.decimals);
        };
        add_row(table, g.indicator + (g.unit.empty() ? "" : ", " + g.unit),
                {value(g.baseline), value(g.target), value(g.actual), path});
        desc += g.indicator + ": " + value(g.baseline) + " → " + value(g.target) + " → " +
                value(g.actual) + (pct < 0 ? "" : " (" + path + " пути к цели)") + "; ";
    }
    c.text.desc = desc.substr(0, desc.size() - 2) + ".";
    std::string caption =
        "Для каждой цели три полосы: исходное значение (серая), целевое (штриховка) и "
        "фактическое (тёмная); у каждой цели своя шкала от нуля.";
    return figure(id, bar_chart_svg(c), caption, table);
}

json criteria_figure(const ViewContext& ctx, size_t competition, size_t application,
                     const std::string& id) {
    const records::Competition& comp = ctx.site.competitions[competition];
    auto ranking = analytics::rank_competition(comp, ctx.site);
    auto mine = std::find_if(ranking.begin(), ranking.end(),
                             [&](const auto& r) { return r.application == application; });
    if (mine == ranking.end()) return nullptr;
    CriteriaChart c;
    c.text.id = id;
    c.text.title = "Оценки заявки по критериям конкурса «" + comp.title + "»";
    c.criteria = comp.criteria;
    c.values = mine->criterion_means;
    c.value_label = "Оценка школы";
    c.reference_label =
        "Среднее по " + plural(static_cast<long>(ranking.size()), "заявке", "заявкам", "заявкам");
    json table = data_table("Средний балл экспертов по критериям", "Критерий",
                            {"Школа", "Среднее по конкурсу"});
    std::string desc;
    for (size_t k = 0; k < comp.criteria.size() && k < mine->criterion_means.size(); ++k) {
        double sum = 0;
        for (const auto& r : ranking) sum += r.criterion_means[k];
        double mean = sum / static_cast<double>(ranking.size());
        c.reference.push_back(mean);
        add_row(table, std::to_string(k + 1) + ". " + comp.criteria[k],
                {format_number(mine->criterion_means[k]), format_number(mean)});
        desc += std::to_string(k + 1) + ". " + comp.criteria[k] + " — " +
                format_number(mine->criterion_means[k]) + " (в среднем " + format_number(mean) +
                "); ";
    }
    std::string result = "Итого " + format_number(mine->total) + " из 25, " +
                         std::to_string(mine->rank) + "-е место из " +
                         std::to_string(ranking.size()) + (mine->winner ? ", победитель." : ".");
    c.text.desc = desc + result;
    std::string caption =
        "Средний балл экспертов по каждому критерию (от 0 до 5); ромб на "
        "оранжевой черте — среднее по всем заявкам конкурса. " +
        result;
    return figure(id, criteria_chart_svg(c), caption, table);
}

json mentor_load_figure(const ViewContext& ctx) {
    const auto& s = ctx.site;
    auto loads = analytics::mentor_loads(s);
    if (loads.empty()) return nullptr;
    std::map<std::string, int> now = analytics::mentees_on(s, s.as_of);
    int limit = s.config.rules.mentor_max_mentees;
    BarChart c;
    c.text.id = "mentor-load-chart";
    c.text.title = "Нагрузка школ-наставников: наибольшее число наставляемых школ в один день";
    BarGroup group{"", "", {}, limit, "Предел", 0};
    json table = data_table("Нагрузка школ-наставников", "Школа-наставник",
                            {"Наибольшее число наставляемых в один день", "Впервые",
                             "Наставляемых на " + s.as_of.russian(), "Предел"});
    int over = 0;
    for (const auto& load : loads) {
        std::string name = s.school_name(load.school);
        group.bars.push_back(
            {name, static_cast<double>(load.peak), load.peak > limit ? "over" : "plain"});
        over += load.peak > limit;
        add_row(table, name,
                {std::to_string(load.peak), load.peak_day.russian(),
                 std::to_string(now.count(load.school) ? now.at(load.school) : 0),
                 std::to_string(limit)},
                load.peak > limit);
    }
    c.groups.push_back(group);
    std::string verdict = over == 0
                              ? "Предел не превышен ни у одной школы."
                              : "Предел превышен у " + plural(over, "школы", "школ", "школ") + ".";
    c.text.desc = plural(static_cast<long>(loads.size()), "школа-наставник", "школы-наставника",
                         "школ-наставников") +
                  ", предел — " + std::to_string(limit) + ". " + verdict;
    std::string caption =
        "Наибольшее число разных наставляемых школ у школы-наставника в один "
        "день за все программы; пунктир — предел из правил (не более " +
        std::to_string(limit) + "), превышение отмечено штриховкой в клетку. " + verdict;
    return figure(c.text.id, bar_chart_svg(c), caption, table);
}

json school_figures(const ViewContext& ctx, size_t index) {
    json out = {{"ior", ior_figure(ctx, index)}, {"quadrant", nullptr}};
    if (const analytics::SchoolYear* sy = latest_with_ior(ctx, index))
        out["quadrant"] = quadrant_figure(ctx, *sy->group, index, "quadrant-chart");
    return out;
}

}  // namespace nk::render
