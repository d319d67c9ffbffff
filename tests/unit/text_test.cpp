#include "fs/text.h"

#include <doctest/doctest.h>

#include "config/date.h"
#include "fs/slug.h"

using namespace nk;

TEST_CASE("slugs transliterate Cyrillic titles") {
    CHECK(fs::slugify("Внутришкольная система оценки качества") ==
          "vnutrishkolnaya-sistema-otsenki-kachestva");
    CHECK(fs::slugify("Щёлково: ШНОР №2!") == "shchelkovo-shnor-2");
    CHECK(fs::slugify("Подъезд, объём") == "podezd-obem");
    CHECK(fs::slugify("  ") == "");
    CHECK(fs::is_valid_id("korenovsk-sosh-5"));
    CHECK_FALSE(fs::is_valid_id("Sosh_5"));
}

TEST_CASE("text helpers") {
    CHECK(text::fold_case("ЁЛКА Отчёт") == "елка отчет");
    CHECK(text::escape_html("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    CHECK(text::normalize_newlines("\xEF\xBB\xBF"
                                   "a\r\nb") == "a\nb");
    CHECK(text::find_invalid_utf8("ok\xC3") == 2);
    CHECK(text::find_invalid_utf8("школа") == std::string::npos);
    auto lc = text::line_col_at("ab\nшкола", 7);
    CHECK(lc.line == 2);
    CHECK(lc.column == 3);
    CHECK(text::truncate_chars("наставничество", 5) == "наста…");
}

TEST_CASE("a lone CR ends a line: normalize_newlines and line_col_at count it as cmark does") {
    CHECK(text::normalize_newlines("a\rb\r\nc\r\rd\r") == "a\nb\nc\n\nd\n");
    // "ёж\rшкола": the column of 'л' after the lone CR is 4 characters in, not 7 bytes.
    std::string s = "ёж\rшкола";
    auto lc = text::line_col_at(s, s.find("ла"));
    CHECK(lc.line == 2);
    CHECK(lc.column == 4);
    std::string crlf = "ёж\r\nшкола";
    auto lc2 = text::line_col_at(crlf, crlf.find("ла"));
    CHECK(lc2.line == 2);
    CHECK(lc2.column == 4);
}

TEST_CASE("escape_json_for_html: nothing in a JSON string can end or bend a <script>") {
    CHECK(text::escape_json_for_html(R"({"a":"</script><!--<script>&x"})") ==
          R"({"a":"\u003c/script\u003e\u003c!--\u003cscript\u003e\u0026x"})");
    CHECK(text::escape_json_for_html("\"\u2028\u2029\"") == R"("\u2028\u2029")");
    CHECK(text::escape_json_for_html("\"Ёлка — ёж\"") == "\"Ёлка — ёж\"");  // other U+20xx stay
    CHECK(text::escape_json_for_html("\xE2\x80") == "\xE2\x80");  // a cut sequence is left as is
}

TEST_CASE("dates: calendar months, school years, Russian") {
    CHECK(Date{2021, 2, 1}.add_months(3) == Date{2021, 5, 1});
    CHECK(Date{2021, 1, 31}.add_months(1) == Date{2021, 2, 28});
    CHECK(Date{2021, 8, 31}.school_year() == 2020);
    CHECK(Date{2021, 9, 1}.school_year() == 2021);
    CHECK(Date::from_days(Date{2024, 2, 29}.days()) == Date{2024, 2, 29});
    CHECK_FALSE(Date{2021, 2, 29}.valid());
    CHECK(Date{2021, 3, 5}.russian() == "5 марта 2021 г.");
    CHECK(school_year_label(2020) == "2020/21");
}
