// Spreadsheet exports: CSV per RFC 4180 (BOM, CRLF, quoting), valid sheet names, and a
// reproducible report.xlsx.

#include "output/exports.h"

#include <doctest/doctest.h>

#include "fs/text.h"

using namespace nk;
using render::ReportCell;
using render::ReportColumn;
using render::ReportTable;

namespace {

ReportTable sample_table() {
    ReportTable t;
    t.id = "sample";
    t.sheet = "Проба";
    t.title = "Таблица для проверки";
    t.columns = {{"Школа", ReportCell::Kind::text, 0, false, 30, false},
                 {"Заседаний", ReportCell::Kind::integer, 0, false, 10, false},
                 {"ИОР", ReportCell::Kind::number, 2, false, 8, false},
                 {"Изменение, ед.", ReportCell::Kind::number, 2, true, 8, false},
                 {"Дата", ReportCell::Kind::date, 0, false, 12, false}};
    t.rows.push_back({ReportCell::of_text("МБОУ «Лицей № 2», г. Тула"), ReportCell::of_integer(5),
                      ReportCell::of_number(0.466666), ReportCell::of_number(-0.0001),
                      ReportCell::of_date(Date{2021, 7, 9})});
    t.rows.push_back({ReportCell::of_text("Школа \"Успех\""), ReportCell::of_integer(0),
                      ReportCell{}, ReportCell::of_number(0.126), ReportCell{}});
    return t;
}

size_t count_of(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("csv_field quotes only when RFC 4180 needs it") {
    CHECK(output::csv_field("простой текст") == "простой текст");
    CHECK(output::csv_field("a,b") == "\"a,b\"");
    CHECK(output::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(output::csv_field("line\nbreak") == "\"line\nbreak\"");
    CHECK(output::csv_field("") == "");
}

TEST_CASE("csv_table: BOM, CRLF, quoted text, point decimals, ISO dates, empty cells") {
    std::string csv = output::csv_table(sample_table());
    CHECK(csv ==
          "\xEF\xBB\xBF"
          "Школа,Заседаний,ИОР,\"Изменение, ед.\",Дата\r\n"
          "\"МБОУ «Лицей № 2», г. Тула\",5,0.47,0.00,2021-07-09\r\n"
          "\"Школа \"\"Успех\"\"\",0,,0.13,\r\n");
}

TEST_CASE("csv_field: text that a spreadsheet would run as a formula gets a leading apostrophe") {
    CHECK(output::csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(output::csv_field("+7 (861) 000") == "'+7 (861) 000");
    CHECK(output::csv_field("-2+3") == "'-2+3");
    CHECK(output::csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(output::csv_field("\t=1") == "'\t=1");
    CHECK(output::csv_field("\r=1") == "\"'\r=1\"");
    CHECK(output::csv_field("a=1, b-2") == "\"a=1, b-2\"");  // only the first character counts
    CHECK(output::csv_field("'уже") == "'уже");
}

TEST_CASE("csv_table: formula-like text and headers are prefixed, our numbers stay numbers") {
    ReportTable t = sample_table();
    t.columns[0].header = "=Школа";
    t.rows[0][0] = ReportCell::of_text("=1+1");
    t.rows[1][0] = ReportCell::of_text("-минус");
    t.rows[0][3] = ReportCell::of_number(-0.5);  // a negative change is data, not a formula
    std::string csv = output::csv_table(t);
    CHECK(csv ==
          "\xEF\xBB\xBF"
          "'=Школа,Заседаний,ИОР,\"Изменение, ед.\",Дата\r\n"
          "'=1+1,5,0.47,-0.50,2021-07-09\r\n"
          "'-минус,0,,0.13,\r\n");
}

TEST_CASE("sheet_name drops forbidden characters and keeps 31 characters") {
    CHECK(output::sheet_name("План [2021]: итоги?") == "План  2021   итоги ");
    CHECK(output::sheet_name("'Отчёт'") == "Отчёт");
    CHECK(output::sheet_name("") == "Лист");
    std::string long_name = "Межшкольные профессиональные объединения";
    std::string cut = output::sheet_name(long_name);
    CHECK(cut == "Межшкольные профессиональные об");
    CHECK(text::char_count(cut) == 31);
}

TEST_CASE("xlsx_workbook: a zip with one worksheet per table, byte-identical on every call") {
    ReportTable a = sample_table();
    ReportTable b = sample_table();
    b.id = "second";  // the same sheet name twice gets a number
    output::WorkbookInfo info{"Отчёт о наставничестве за 2020/21 учебный год", "Школа-наставник",
                              "Данные на 31.08.2021", Date{2021, 8, 31}};
    std::string first = output::xlsx_workbook({&a, &b}, info);
    REQUIRE(first.size() > 1000);
    CHECK(first.compare(0, 4, "PK\x03\x04") == 0);
    CHECK(count_of(first, "xl/worksheets/sheet1.xml") >= 1);
    CHECK(count_of(first, "xl/worksheets/sheet2.xml") >= 1);
    CHECK(count_of(first, "xl/worksheets/sheet3.xml") == 0);
    CHECK(count_of(first, "docProps/core.xml") >= 1);
    CHECK(output::xlsx_workbook({&a, &b}, info) == first);
    info.created = Date{2021, 9, 1};  // the creation date is data: it changes the bytes
    CHECK(output::xlsx_workbook({&a, &b}, info) != first);
}
