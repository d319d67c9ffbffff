#pragma once
// Spreadsheet exports of report tables: report.xlsx (libxlsxwriter) and one CSV per table.
// Both are byte-for-byte reproducible: the workbook's creation date comes from the data, never
// from the clock.

#include <string>
#include <vector>

#include "output/site_writer.h"
#include "render/yearly_report.h"

namespace nk::output {

/// Document properties of a workbook.
struct WorkbookInfo {
    std::string title;
    std::string author;  ///< the site's title
    std::string subject;
    Date created;  ///< written as 00:00 UTC of that day
};

/// An .xlsx workbook with one sheet per table, in order: Russian headers in a frozen, filtered
/// first row; integer, decimal and date formats per column; column widths; A4 landscape print
/// setup with the header row repeated. Sheet names are made valid and unique. Throws
/// std::runtime_error when libxlsxwriter fails.
std::string xlsx_workbook(const std::vector<const render::ReportTable*>& tables,
                          const WorkbookInfo& info);

/// report.xlsx of a yearly report, created "on" the report's as_of date.
std::string report_workbook(const render::YearlyReport& report, const model::Site& site);

/// The files beside the report of school year `year`: report.xlsx and one CSV per table
/// (`/reports/YEAR/pairs.csv` …). The report is built once, when planning.
std::vector<OutputTask> report_export_tasks(const render::ViewContext& ctx, int year);

/// /schools/ID/data.csv and data.xlsx: one school's indicators by year (render::school_table).
std::vector<OutputTask> school_export_tasks(const render::ViewContext& ctx, size_t school);

/// /reserve/reserve.xlsx: the whole cadre reserve registry (internal audience only).
OutputTask reserve_export_task(const render::ViewContext& ctx);

/// One table as CSV (RFC 4180): UTF-8 with a byte order mark, CRLF line ends, fields quoted
/// when they hold a comma, quote, CR or LF; text cells and headers go through csv_field. Numbers
/// use a decimal point (negative ones keep their '-': they are data), dates are ISO 8601.
std::string csv_table(const render::ReportTable& table);

/// One CSV text field, quoted when needed. Text that begins with '=', '+', '-', '@', a tab or a
/// CR gets a leading "'" so a spreadsheet does not run it as a formula (SPEC §4a); the numbers
/// of a table are not text and are written as they are ("-0.50" stays a number).
std::string csv_field(const std::string& value);

/// A valid Excel sheet name: at most 31 characters, none of []:*?/\ , not empty.
std::string sheet_name(const std::string& wanted);

}  // namespace nk::output
