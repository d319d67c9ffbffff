// The editor's TOML patcher: an edit changes only the bytes of what it edits; comments,
// spacing, order and line ends of everything else stay as they were.

#include "editor/toml_patch.h"

#include <doctest/doctest.h>

using namespace nk::editor;

namespace {

const std::string kSchool =
    "# Школа: данные из отчёта\n"
    "name = \"МБОУ СОШ № 1\"   # полное название\n"
    "kind  =  \"urban\"\n"
    "\n"
    "[[years]]\n"
    "year = 2020\n"
    "ior = 0.71  # по отчёту\n"
    "\n"
    "[[years]]\n"
    "year = 2021\n"
    "ior = 0.73\n"
    "note = \"\"\"\n"
    "две\n"
    "строки\"\"\"\n"
    "\n"
    "[[years.deficits]]\n"
    "area = \"staff\"\n"
    "\n"
    "[internal]\n"
    "comment = { who = \"я\", when = 2021 }\n"
    "\n"
    "[[years]]\n"
    "year = 2022\n";

Edit set(KeyPath key, Json value, std::string kind = "") {
    return Edit{EditOp::set, std::move(key), std::move(value), std::move(kind)};
}

std::string patched(const std::string& text, std::vector<Edit> edits) {
    Patched p = patch_toml(text, edits);
    INFO(p.error);
    CHECK(p.error.empty());
    return p.text;
}

/// `text` with the first `from` replaced by `to` (the one change a test expects).
std::string with(std::string text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("set rewrites only the value's bytes") {
    CHECK(patched(kSchool, {set({"years", size_t{1}, "ior"}, 0.8)}) ==
          with(kSchool, "ior = 0.73", "ior = 0.8"));
    // The comment after the value and the odd spacing around '=' stay.
    CHECK(patched(kSchool, {set({"name"}, "СОШ «Рассвет»")}) ==
          with(kSchool, "\"МБОУ СОШ № 1\"", "\"СОШ «Рассвет»\""));
    CHECK(patched(kSchool, {set({"kind"}, "rural")}) ==
          with(kSchool, "kind  =  \"urban\"", "kind  =  \"rural\""));
    // The third [[years]] comes after [internal]: its index counts [[years]] blocks.
    CHECK(patched(kSchool, {set({"years", size_t{2}, "year"}, 2023)}) ==
          with(kSchool, "year = 2022", "year = 2023"));
    // Inside an inline table, and in a nested array of tables.
    CHECK(patched(kSchool, {set({"internal", "comment", "when"}, 2022)}) ==
          with(kSchool, "when = 2021", "when = 2022"));
    CHECK(patched(kSchool, {set({"years", size_t{1}, "deficits", size_t{0}, "area"}, "finance")}) ==
          with(kSchool, "area = \"staff\"", "area = \"finance\""));
}

TEST_CASE("a multi-line string is replaced whole, quotes and backslashes escaped") {
    CHECK(patched(kSchool, {set({"years", size_t{1}, "note"}, "одна")}) ==
          with(kSchool, "\"\"\"\nдве\nстроки\"\"\"", "\"одна\""));
    std::string text = patched(kSchool, {set({"years", size_t{1}, "note"}, "a \"b\"\nc\\d\"")});
    CHECK(text == with(kSchool, "\"\"\"\nдве\nстроки\"\"\"", "\"\"\"\na \"b\"\nc\\\\d\\\"\"\"\""));
    auto parsed = parse_toml_text(text);
    REQUIRE(parsed);
    CHECK((*parsed)["years"][1]["note"].value<std::string>() == "a \"b\"\nc\\d\"");
}

TEST_CASE("a missing key goes after the last key of its table") {
    CHECK(patched(kSchool, {set({"years", size_t{0}, "isbsh"}, 0.5)}) ==
          with(kSchool, "ior = 0.71  # по отчёту\n", "ior = 0.71  # по отчёту\nisbsh = 0.5\n"));
    // After the multi-line string, not inside it.
    CHECK(patched(kSchool, {set({"years", size_t{1}, "gia"}, 3.5)}) ==
          with(kSchool, "строки\"\"\"\n", "строки\"\"\"\ngia = 3.5\n"));
    CHECK(patched(kSchool, {set({"students"}, 312)}) ==
          with(kSchool, "kind  =  \"urban\"\n", "kind  =  \"urban\"\nstudents = 312\n"));
    // The last [[years]] ends the file without a newline: one is added before the new key.
    std::string open_end = kSchool.substr(0, kSchool.size() - 1);
    CHECK(patched(open_end, {set({"years", size_t{2}, "ior"}, 1)}) == open_end + "\nior = 1\n");
    CHECK(patched(kSchool, {set({"internal", "comment", "how"}, "так")}) ==
          with(kSchool, "when = 2021 }", "when = 2021, how = \"так\" }"));
    // A table that does not exist yet is written at the end.
    CHECK(patched("name = \"x\"\n", {set({"offer", "text"}, "y")}) ==
          "name = \"x\"\n\n[offer]\ntext = \"y\"\n");
}

TEST_CASE("dates are written as TOML dates when the field is one") {
    CHECK(patched("start = 2021-01-10\n", {set({"start"}, "2021-02-01")}) ==
          "start = 2021-02-01\n");
    CHECK(patched("x = 1\n", {set({"end"}, "2021-02-01", "date")}) == "x = 1\nend = 2021-02-01\n");
    CHECK(patched("x = 1\n", {set({"at"}, "2021-02-01T10:30", "datetime")}) ==
          "x = 1\nat = 2021-02-01T10:30:00\n");
    // A text field keeps a date-like text a string.
    CHECK(patched("x = 1\n", {set({"t"}, "2021-02-01")}) == "x = 1\nt = \"2021-02-01\"\n");
}

TEST_CASE("remove deletes the key's lines or the [[row]] block, nothing else") {
    CHECK(patched(kSchool, {{EditOp::remove, {"years", size_t{0}, "ior"}, {}, ""}}) ==
          with(kSchool, "ior = 0.71  # по отчёту\n", ""));
    CHECK(patched(kSchool, {{EditOp::remove, {"years", size_t{1}, "note"}, {}, ""}}) ==
          with(kSchool, "note = \"\"\"\nдве\nстроки\"\"\"\n", ""));
    // The row goes with its [[years.deficits]] and the blank line after it.
    CHECK(patched(kSchool, {{EditOp::remove, {"years", size_t{1}}, {}, ""}}) ==
          with(kSchool,
               "[[years]]\nyear = 2021\nior = 0.73\nnote = \"\"\"\nдве\nстроки\"\"\"\n\n"
               "[[years.deficits]]\narea = \"staff\"\n\n",
               ""));
    CHECK(patched(kSchool, {{EditOp::remove, {"internal", "comment", "who"}, {}, ""}}) ==
          with(kSchool, "{ who = \"я\", when", "{ when"));
    CHECK(patched("a = [\"x\", \"y\", \"z\"]\n", {{EditOp::remove, {"a", size_t{1}}, {}, ""}}) ==
          "a = [\"x\", \"z\"]\n");
    CHECK(patched("a = [\n  \"x\",\n  \"y\",\n]\n", {{EditOp::remove, {"a", size_t{1}}, {}, ""}}) ==
          "a = [\n  \"x\",\n]\n");
    // Every row of [[years]], and nothing of [internal] between them.
    CHECK(patched(kSchool, {{EditOp::remove, {"years"}, {}, ""}}) ==
          "# Школа: данные из отчёта\nname = \"МБОУ СОШ № 1\"   # полное название\n"
          "kind  =  \"urban\"\n\n[internal]\ncomment = { who = \"я\", when = 2021 }\n");
    // The last block of the file takes the blank lines above it along.
    CHECK(patched(kSchool, {{EditOp::remove, {"years", size_t{2}}, {}, ""}}) ==
          with(kSchool, "\n\n[[years]]\nyear = 2022\n", "\n"));
}

TEST_CASE("append adds a [[row]] after the last one, or an element to an inline list") {
    Json row = Json::parse(R"({"year": 2023, "ior": 0.9, "risk_factors": ["a"]})");
    CHECK(patched(kSchool, {{EditOp::append, {"years"}, row, ""}}) ==
          kSchool + "\n[[years]]\nyear = 2023\nior = 0.9\nrisk_factors = [\"a\"]\n");
    // A nested row goes at the end of its parent row, before the next header.
    CHECK(
        patched(
            kSchool,
            {{EditOp::append, {"years", size_t{0}, "deficits"}, Json{{"area", "finance"}}, ""}}) ==
        with(kSchool, "ior = 0.71  # по отчёту\n\n",
             "ior = 0.71  # по отчёту\n\n[[years.deficits]]\narea = \"finance\"\n\n"));
    CHECK(patched("schools = []  # id\n", {{EditOp::append, {"schools"}, "s-1", ""}}) ==
          "schools = [\"s-1\"]  # id\n");
    CHECK(patched("schools = [\"a\"]\n", {{EditOp::append, {"schools"}, "b", ""}}) ==
          "schools = [\"a\", \"b\"]\n");
    CHECK(patched("name = \"x\"\n", {{EditOp::append, {"goals"}, Json{{"title", "Цель"}}, ""}}) ==
          "name = \"x\"\n\n[[goals]]\ntitle = \"Цель\"\n");
}

TEST_CASE("an appended row writes its dates as dates, nested rows too") {
    Edit row{EditOp::append,
             {"events"},
             Json::parse(R"({"date": "2022-03-10", "title": "2022-03-10",
                             "agenda": [{"due": "2022-04-01"}]})"),
             "group"};
    row.member_kinds = {{"date", "date"}, {"title", "text"}, {"agenda.due", "date"}};
    CHECK(patched("title = \"x\"\n", {row}) ==
          "title = \"x\"\n\n[[events]]\ndate = 2022-03-10\ntitle = \"2022-03-10\"\n\n"
          "[[events.agenda]]\ndue = 2022-04-01\n");
}

TEST_CASE("CRLF files get CRLF lines; a failing edit changes nothing") {
    CHECK(patched("a = 1\r\nb = 2\r\n", {set({"c"}, 3), set({"a"}, 5)}) ==
          "a = 5\r\nb = 2\r\nc = 3\r\n");
    Patched p = patch_toml(kSchool, {set({"kind"}, "rural"), set({"years"}, 1)});
    CHECK(!p.error.empty());
    CHECK(p.text == kSchool);
    CHECK(!patch_toml("a = [1\n", {set({"a"}, 1)}).error.empty());
    CHECK(!patch_toml(kSchool, {set({"years", size_t{7}, "ior"}, 1)}).error.empty());
}

TEST_CASE("key_at names the value at a diagnostic's position") {
    auto at = [&](int line, int col) {
        auto k = key_at(kSchool, line, col);
        return k ? dotted(*k) : std::string("-");
    };
    CHECK(at(7, 7) == "years.0.ior");
    CHECK(at(11, 7) == "years.1.ior");
    CHECK(at(13, 1) == "years.1.note");
    CHECK(at(17, 8) == "years.1.deficits.0.area");
    CHECK(at(20, 31) == "internal.comment.when");
    CHECK(at(22, 1) == "years.2");  // the header of the row: "missing field" points there
    CHECK(at(2, 8) == "name");
}

TEST_CASE("page_parts finds the front matter of a page") {
    std::string page = "+++\ntitle = \"x\"\n+++\n\nТекст\n";
    auto parts = page_parts(page);
    REQUIRE(parts);
    CHECK(page.substr(parts->toml_begin, parts->toml_end - parts->toml_begin) == "title = \"x\"\n");
    CHECK(page.substr(parts->body_begin) == "\nТекст\n");
    CHECK(!page_parts("title = 1\n"));
    auto crlf = page_parts("+++\r\na = 1\r\n+++\r\nbody");
    REQUIRE(crlf);
    CHECK(crlf->body_begin == 17);
}
