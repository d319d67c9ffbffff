#include "output/exports.h"

#include <xlsxwriter.h>

#include <boost/filesystem.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "fs/text.h"

namespace nk::output {

namespace {

using render::ReportCell;
using render::ReportColumn;
using render::ReportTable;

/// A temporary file path that is removed when it goes out of scope: libxlsxwriter 1.1 can only
/// write to a file.
class TempFile {
  public:
    TempFile() {
        namespace bfs = boost::filesystem;
        path_ =
            (bfs::temp_directory_path() / bfs::unique_path("nastavnik-%%%%-%%%%-%%%%-%%%%.xlsx"))
                .string();
    }
    ~TempFile() {
        boost::system::error_code ec;
        boost::filesystem::remove(path_, ec);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }
    std::string read() const {
        std::ifstream in(path_, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in) throw std::runtime_error("cannot read the workbook written to " + path_);
        return bytes.str();
    }

  private:
    std::string path_;
};

/// Formats of one workbook, created on first use and keyed by what they look like.
class Formats {
  public:
    explicit Formats(lxw_workbook* wb) : wb_(wb) {}

    lxw_format* header() {
        return get("header", [](lxw_format* f) {
            format_set_bold(f);
            format_set_text_wrap(f);
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
            format_set_bg_color(f, 0xDCE6F1);
            format_set_border(f, LXW_BORDER_THIN);
        });
    }

    lxw_format* cell(const ReportColumn& column, bool bold) {
        std::string num = number_format(column);
        std::string key = num + (bold ? "|b" : "|");
        return get(key, [num, bold](lxw_format* f) {
            format_set_text_wrap(f);
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
            format_set_border(f, LXW_BORDER_THIN);
            if (!num.empty()) format_set_num_format(f, num.c_str());
            if (bold) format_set_bold(f);
        });
    }

  private:
    static std::string number_format(const ReportColumn& c) {
        switch (c.kind) {
            case ReportCell::Kind::integer:
                return "0";
            case ReportCell::Kind::date:
                return "dd.mm.yyyy";
            case ReportCell::Kind::number: {
                std::string digits = c.decimals > 0 ? "0." + std::string(c.decimals, '0') : "0";
                return c.signed_number ? "+" + digits + ";-" + digits + ";" + digits : digits;
            }
            default:
                return "";
        }
    }

    template <typename Setup>
    lxw_format* get(const std::string& key, Setup setup) {
        auto it = formats_.find(key);
        if (it != formats_.end()) return it->second;
        lxw_format* f = workbook_add_format(wb_);
        setup(f);
        return formats_[key] = f;
    }

    lxw_workbook* wb_;
    std::map<std::string, lxw_format*> formats_;
};

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const ReportCell& cell,
                lxw_format* format) {
    switch (cell.kind) {
        case ReportCell::Kind::empty:
            worksheet_write_blank(ws, row, col, format);
            break;
        case ReportCell::Kind::text:
            worksheet_write_string(ws, row, col, cell.text.c_str(), format);
            break;
        case ReportCell::Kind::integer:
        case ReportCell::Kind::number:
            worksheet_write_number(ws, row, col, cell.number, format);
            break;
        case ReportCell::Kind::date: {
            lxw_datetime dt = {cell.date.year, cell.date.month, cell.date.day, 0, 0, 0};
            worksheet_write_datetime(ws, row, col, &dt, format);
            break;
        }
    }
}

/// Header and footer text: "&" is a control character there.
std::string header_text(const std::string& s) {
    std::string out;
    for (char c : text::truncate_chars(s, 100))
        out += c == '&' ? std::string("&&") : std::string(1, c);
    return out;
}

void setup_page(lxw_worksheet* ws, const ReportTable& t, const WorkbookInfo& info) {
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_set_header(ws,
                         ("&L" + header_text(info.title) + "&R" + header_text(t.title)).c_str());
    worksheet_set_footer(ws, "&RСтр. &P из &N");
}

void write_sheet(lxw_workbook* wb, Formats& formats, const ReportTable& t, const std::string& name,
                 const WorkbookInfo& info) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) throw std::runtime_error("cannot add worksheet '" + name + "'");
    auto cols = static_cast<lxw_col_t>(t.columns.size());
    for (lxw_col_t c = 0; c < cols; ++c) {
        worksheet_set_column(ws, c, c, t.columns[c].width, nullptr);
        worksheet_write_string(ws, 0, c, t.columns[c].header.c_str(), formats.header());
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
        bool bold = t.total_rows.count(r) > 0;
        for (lxw_col_t c = 0; c < cols && c < t.rows[r].size(); ++c)
            write_cell(ws, static_cast<lxw_row_t>(r + 1), c, t.rows[r][c],
                       formats.cell(t.columns[c], bold));
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (cols > 0) worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()), cols - 1);
    setup_page(ws, t, info);
}

/// Seconds since the epoch of 00:00 UTC on `d`.
time_t epoch_seconds(const Date& d) {
    return static_cast<time_t>(d.days()) * 86400;
}

std::string number_text(double v, int decimals) {
    // Rounding to zero must not print "-0.00".
    if (std::round(std::fabs(v) * std::pow(10.0, decimals)) == 0) v = 0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

/// The first `n` code points of a UTF-8 string.
std::string first_chars(const std::string& s, size_t n) {
    size_t i = 0;
    for (size_t count = 0; i < s.size() && count < n; ++count) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
    return s.substr(0, i);
}

std::string csv_value(const ReportCell& cell, const ReportColumn& column) {
    switch (cell.kind) {
        case ReportCell::Kind::empty:
            return "";
        case ReportCell::Kind::text:
            return csv_field(cell.text);
        case ReportCell::Kind::integer:
            return number_text(cell.number, 0);
        case ReportCell::Kind::number:
            return number_text(cell.number, column.decimals);
        case ReportCell::Kind::date:
            return cell.date.iso();
    }
    return "";
}

}  // namespace

std::string sheet_name(const std::string& wanted) {
    std::string out;
    for (char c : wanted) out += std::string("[]:*?/\\").find(c) == std::string::npos ? c : ' ';
    // Excel also refuses names that start or end with an apostrophe.
    while (!out.empty() && out.front() == '\'') out.erase(0, 1);
    while (!out.empty() && out.back() == '\'') out.pop_back();
    out = first_chars(out, 31);
    return out.empty() ? "Лист" : out;
}

std::string xlsx_workbook(const std::vector<const ReportTable*>& tables, const WorkbookInfo& info) {
    TempFile file;
    lxw_workbook_options options = {};
    lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
    if (!wb) throw std::runtime_error("cannot create a workbook at " + file.path());
    lxw_doc_properties props = {};
    props.title = const_cast<char*>(info.title.c_str());
    props.subject = const_cast<char*>(info.subject.c_str());
    props.author = const_cast<char*>(info.author.c_str());
    props.company = const_cast<char*>(info.author.c_str());
    props.created = epoch_seconds(info.created);
    workbook_set_properties(wb, &props);
    Formats formats(wb);
    std::set<std::string> used;
    for (const ReportTable* t : tables) {
        std::string name = sheet_name(t->sheet);
        for (int n = 2; used.count(name); ++n)
            name = sheet_name(first_chars(t->sheet, 27) + " " + std::to_string(n));
        used.insert(name);
        write_sheet(wb, formats, *t, name, info);
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(err));
    return file.read();
}

std::string report_workbook(const render::YearlyReport& report, const model::Site& site) {
    WorkbookInfo info{report.title, site.config.title,
                      "Данные на " + render::dotted_date(report.as_of), site.as_of};
    return xlsx_workbook(report.tables(), info);
}

std::vector<OutputTask> report_export_tasks(const render::ViewContext& ctx, int year) {
    auto report =
        std::make_shared<const render::YearlyReport>(render::build_yearly_report(ctx, year));
    std::string dir = ctx.site.url("reports", std::to_string(year));
    const model::Site& site = ctx.site;
    std::vector<OutputTask> tasks;
    tasks.push_back(
        {dir + "report.xlsx", "", [report, &site] { return report_workbook(*report, site); }});
    for (const ReportTable* t : report->tables())
        tasks.push_back({dir + t->id + ".csv", "", [report, t] { return csv_table(*t); }});
    return tasks;
}

std::vector<OutputTask> school_export_tasks(const render::ViewContext& ctx, size_t school) {
    const model::Site& site = ctx.site;
    auto table = std::make_shared<const ReportTable>(render::school_table(ctx, school));
    std::string dir = site.url("schools", site.schools[school].id);
    return {{dir + "data.csv", "", [table] { return csv_table(*table); }},
            {dir + "data.xlsx", "", [table, &site] {
                 WorkbookInfo info{table->title, site.config.title,
                                   "Данные на " + render::dotted_date(site.as_of), site.as_of};
                 return xlsx_workbook({table.get()}, info);
             }}};
}

OutputTask reserve_export_task(const render::ViewContext& ctx) {
    const model::Site& site = ctx.site;
    auto table = std::make_shared<const ReportTable>(render::reserve_table(ctx, Date{}));
    return {site.url("reserve") + "reserve.xlsx", "", [table, &site] {
                WorkbookInfo info{"Реестр кадрового управленческого резерва", site.config.title,
                                  "Данные на " + render::dotted_date(site.as_of), site.as_of};
                return xlsx_workbook({table.get()}, info);
            }};
}

std::string csv_field(const std::string& value) {
    // A spreadsheet runs a cell that begins with one of these as a formula (=HYPERLINK(…),
    // +cmd|…, -2+3, @SUM(…)), also after a tab or CR it skips: text gets a leading apostrophe,
    // which Excel and LibreOffice hide and which keeps the text as text (SPEC §4a). Numbers
    // never come here: csv_value writes the numbers we compute (-0.50) as numbers.
    bool formula =
        !value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos;
    std::string safe = formula ? "'" + value : value;
    if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
    std::string out = "\"";
    for (char c : safe) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv_table(const ReportTable& table) {
    std::string out = "\xEF\xBB\xBF";
    for (size_t c = 0; c < table.columns.size(); ++c)
        out += (c ? "," : "") + csv_field(table.columns[c].header);
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (size_t c = 0; c < table.columns.size(); ++c)
            out += (c ? "," : "") + (c < row.size() ? csv_value(row[c], table.columns[c]) : "");
        out += "\r\n";
    }
    return out;
}

}  // namespace nk::output
