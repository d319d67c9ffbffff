#pragma once
// The yearly report of one school year as typed tables: the HTML page, report.xlsx and the CSV
// files are all drawn from the same YearlyReport, so the three never disagree.

#include <set>
#include <string>
#include <vector>

#include "render/view_models.h"

namespace nk::render {

/// One value of a report table. Numbers stay numbers (Excel formats them), dates stay dates.
struct ReportCell {
    enum class Kind { empty, text, integer, number, date };
    Kind kind = Kind::empty;
    std::string text;  ///< text cells; also the label of integer/number cells shown as words
    double number = 0;
    Date date;
    std::string url;  ///< site-relative link for the HTML page ("" = none)

    static ReportCell of_text(std::string s, std::string url = "");
    static ReportCell of_integer(long n);
    static ReportCell of_number(double v);
    static ReportCell of_date(const Date& d);
    /// A number when present, else an empty cell.
    static ReportCell of_optional(const std::optional<double>& v);
};

struct ReportColumn {
    std::string header;  ///< Russian column header
    ReportCell::Kind kind = ReportCell::Kind::text;
    int decimals = 0;            ///< number columns
    bool signed_number = false;  ///< changes: "+0,05"
    double width = 14;           ///< Excel column width in characters
    /// A grouping column (the plan, the association): the HTML page names a value shared by
    /// every row in the caption instead of a column, and shows a repeated value once.
    bool group = false;
};

/// A table of the report; `id` names its CSV file (`pairs` → pairs.csv).
struct ReportTable {
    std::string id;
    std::string sheet;  ///< Excel sheet name, at most 31 characters
    std::string title;  ///< caption
    std::vector<ReportColumn> columns;
    std::vector<std::vector<ReportCell>> rows;
    std::set<size_t> total_rows;  ///< rows that sum up the rows above them (shown in bold)
};

/// A part of the report that follows one regulation, with computed findings in words.
struct ReportSection {
    std::string id, title;
    std::string basis;  ///< the regulation it follows ("Положение о сетевой паре, п. 5.3")
    std::vector<std::string> findings;
    std::vector<ReportTable> tables;
    std::string note;  ///< how the figures are computed
};

/// A school year's report, as of min(as_of, 31 August of the year's end).
struct YearlyReport {
    int year = 0;         ///< start year: 2020 = 2020/21
    Date from, to;        ///< 1 September .. 31 August
    Date as_of;           ///< the date the figures are computed for
    bool closed = false;  ///< the school year has ended as of the site's as_of
    std::string title;  ///< "Отчёт о наставничестве за 2020/21 учебный год"
    std::vector<ReportSection> sections;

    /// Every table of every section, in report order.
    std::vector<const ReportTable*> tables() const;
};

/// Builds the report of school year `year`. The internal audience adds programme feedback and
/// the cadre reserve registry; the public one never sees them.
YearlyReport build_yearly_report(const ViewContext& ctx, int year);

/// The cadre reserve registry (seed 002 §5.6) as a table: every entry whose training began by
/// `until` (all entries when `until` is invalid). Internal audience only: the public site has no
/// reserve entries.
ReportTable reserve_table(const ViewContext& ctx, const Date& until);
/// One school's indicators by school year with its group's quartile bounds: the dashboard's
/// «Скачать данные школы» (data.csv, data.xlsx).
ReportTable school_table(const ViewContext& ctx, size_t school);

/// "15.07.2021"
std::string dotted_date(const Date& d);
/// A cell as the HTML page shows it: "0,47", "+0,05", "15.07.2021".
std::string cell_display(const ReportCell& cell, const ReportColumn& column);

}  // namespace nk::render
