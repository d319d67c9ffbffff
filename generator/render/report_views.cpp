// The yearly report page (/reports/YEAR/): the YearlyReport's sections and tables as a view,
// with links to the report.xlsx and CSV exports built from the same tables.
#include <algorithm>

#include "render/page_views.h"
#include "render/yearly_report.h"

namespace nk::render {

namespace {

/// A CSS string literal for the running header of printed pages.
std::string css_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (c == '<')
            out += "\\3c ";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out + "\"";
}

constexpr size_t kKeepTogetherRows = 6;

bool is_numeric(ReportCell::Kind kind) {
    return kind == ReportCell::Kind::integer || kind == ReportCell::Kind::number;
}

/// Group columns whose value is the same in every row: the caption names the value instead.
std::vector<bool> shared_columns(const ReportTable& t) {
    std::vector<bool> shared(t.columns.size(), false);
    for (size_t c = 0; c < t.columns.size(); ++c) {
        if (!t.columns[c].group || t.rows.empty()) continue;
        shared[c] = std::all_of(t.rows.begin(), t.rows.end(), [&](const auto& row) {
            return c < row.size() && row[c].text == t.rows.front()[c].text;
        });
    }
    return shared;
}

json cell_view(const ReportTable& t, size_t r, size_t c) {
    const ReportCell& cell = t.rows[r][c];
    const ReportColumn& column = t.columns[c];
    // A group value repeated from the row above is shown once.
    bool repeated =
        column.group && r > 0 && c < t.rows[r - 1].size() && t.rows[r - 1][c].text == cell.text;
    return {{"text", repeated ? "" : cell_display(cell, column)},
            {"url", repeated ? "" : cell.url},
            {"num", is_numeric(column.kind)},
            {"date", column.kind == ReportCell::Kind::date}};
}

json table_view(const ReportTable& t, int number, const std::string& dir) {
    std::vector<bool> shared = shared_columns(t);
    std::string caption = t.title;
    json columns = json::array();
    for (size_t c = 0; c < t.columns.size(); ++c) {
        if (shared[c])
            caption += ": " + t.rows.front()[c].text;
        else
            columns.push_back(
                {{"label", t.columns[c].header}, {"num", is_numeric(t.columns[c].kind)}});
    }
    json rows = json::array();
    for (size_t r = 0; r < t.rows.size(); ++r) {
        json cells = json::array();
        for (size_t c = 0; c < t.rows[r].size() && c < t.columns.size(); ++c)
            if (!shared[c]) cells.push_back(cell_view(t, r, c));
        rows.push_back({{"cells", cells}, {"total", t.total_rows.count(r) > 0}});
    }
    return {{"id", t.id},
            {"number", number},
            {"title", caption},
            {"columns", columns},
            {"rows", rows},
            {"empty", t.rows.empty()},
            {"csv", dir + t.id + ".csv"},
            // Short tables print on one page; longer ones break between rows.
            {"keep", t.rows.size() <= kKeepTogetherRows}};
}

json section_view(const ReportSection& s, int number, int& table_number, const std::string& dir) {
    json tables = json::array();
    for (const auto& t : s.tables) tables.push_back(table_view(t, ++table_number, dir));
    return {{"id", s.id},       {"number", number},       {"title", s.title},
            {"basis", s.basis}, {"findings", s.findings}, {"tables", tables},
            {"note", s.note}};
}

json exports_view(const YearlyReport& r, const std::string& dir) {
    json csv = json::array();
    for (const ReportTable* t : r.tables())
        csv.push_back(
            {{"title", t->title}, {"url", dir + t->id + ".csv"}, {"file", t->id + ".csv"}});
    return {{"xlsx", dir + "report.xlsx"}, {"csv", csv}};
}

json key_figures_view(const YearlyReport& r) {
    json out = json::array();
    for (const KeyFigure& f : r.key_figures)
        out.push_back({{"label", f.label}, {"value", f.value}, {"detail", f.detail}});
    return out;
}

}  // namespace

json report_view(const ViewContext& ctx, int year) {
    const auto& s = ctx.site;
    YearlyReport r = build_yearly_report(ctx, year);
    std::string dir = s.url("reports", std::to_string(year));
    json sections = json::array();
    int table_number = 0;
    for (size_t i = 0; i < r.sections.size(); ++i)
        sections.push_back(section_view(r.sections[i], static_cast<int>(i + 1), table_number, dir));
    json view = {{"title", r.title},
                 {"year", year},
                 {"year_label", school_year_label(year)},
                 {"period", r.from.russian() + " — " + r.to.russian()},
                 {"as_of", r.as_of.russian()},
                 {"closed", r.closed},
                 {"sections", sections},
                 {"exports", exports_view(r, dir)},
                 {"key_figures", key_figures_view(r)},
                 {"print_header", css_string(r.title + " · " + s.config.title)},
                 {"signed_on", dotted_date(s.as_of)}};
    return merge(page_frame(ctx, r.title, dir, "reports",
                            "Сетевые пары, объединения, наставнический центр, оценка программ и "
                            "конкурс за " +
                                school_year_label(year) + " учебный год"),
                 std::move(view));
}

json reports_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    json years = json::array();
    std::vector<int> list = model::report_years(s);
    // Newest first: the current year is the one readers come for.
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        YearlyReport r = build_yearly_report(ctx, *it);
        std::string dir = s.url("reports", std::to_string(*it));
        years.push_back({{"year", *it},
                         {"label", school_year_label(*it) + " учебный год"},
                         {"url", dir},
                         {"closed", r.closed},
                         {"as_of", r.as_of.russian()},
                         {"key_figures", key_figures_view(r)},
                         {"exports", exports_view(r, dir)}});
    }
    json view = {{"years", years}, {"has_years", !years.empty()}};
    return merge(
        page_frame(ctx, "Отчёты", s.url("reports"), "reports",
                   "Ежегодные отчёты о наставничестве: основные показатели учебного года и "
                   "выгрузки в Excel и CSV"),
        std::move(view));
}

}  // namespace nk::render
