// `nastavnik new`: any one-line title comes back from the TOML it writes exactly as it was
// typed, control characters are refused, and file names stay short.

#include "pipeline/scaffold.h"

#include <doctest/doctest.h>

#include "config/toml_reader.h"
#include "content/front_matter.h"
#include "fs/slug.h"

using namespace nk;

namespace {

/// The title as TOML reads it back from the scaffolded text of `kind`.
std::string title_read_back(const std::string& kind, const std::string& title) {
    auto text = pipeline::scaffold_text(kind, title, Date{2021, 3, 1});
    REQUIRE(text);
    diag::Diagnostics d;
    std::string toml = *text;
    if (kind == "practice" || kind == "event") {
        auto page = content::split_front_matter(*text, "x.md", d);
        REQUIRE(page);
        toml = page->front_matter;
    }
    auto table = config::parse_toml(toml, "x", d);
    CHECK(!d.has_errors());
    REQUIRE(table);
    const char* key = kind == "school" ? "name" : "title";
    auto value = (*table)[key].value<std::string>();
    REQUIRE(value);
    return *value;
}

}  // namespace

TEST_CASE("scaffold_text escapes quotes and backslashes: the title reads back unchanged") {
    for (const std::string& title :
         {std::string("Тест \"кавычки\""), std::string("C:\\путь\\к\\файлу \\n \\u0041"),
          std::string("\"\"\" тройные \"\"\" и '''"), std::string("\\"), std::string("\""),
          std::string("+++ разделитель +++"), std::string("# не комментарий")})
        for (const char* kind : {"practice", "event", "school", "mentorship"})
            CHECK_MESSAGE(title_read_back(kind, title) == title, kind, " ", title);
}

TEST_CASE("scaffold_title_problem refuses control characters, blank titles and bad UTF-8") {
    CHECK(pipeline::scaffold_title_problem("Школьная служба примирения").empty());
    CHECK(pipeline::scaffold_title_problem("!!! ???").empty());  // no slug: refused later
    for (const std::string& bad :
         {std::string("a\nb"), std::string("a\tb"), std::string("a\rb"), std::string("a\x7f"),
          std::string("a\0b", 3), std::string("a\xC2\x85"), std::string("a\u2028b"),
          std::string(""), std::string("   "), std::string("\xD0")})
        CHECK_MESSAGE(!pipeline::scaffold_title_problem(bad).empty(), bad);
}

TEST_CASE("scaffold_path keeps file names short, cut after a whole word") {
    std::string title;
    for (int i = 0; i < 40; ++i) title += "Очень длинное название практики ";
    auto path = pipeline::scaffold_path("practice", title);
    REQUIRE(path);
    std::string name = path->substr(path->rfind('/') + 1);
    CHECK(name.size() < 100);
    CHECK(name.size() > 40);
    CHECK(name.rfind("ochen-dlinnoe-nazvanie-praktiki-ochen-", 0) == 0);
    CHECK(name.find("--") == std::string::npos);
    std::string slug = name.substr(0, name.size() - 3);
    CHECK(slug.back() != '-');
    // The cut ends a word of the full slug.
    std::string full = fs::slugify(title);
    CHECK(full.compare(0, slug.size(), slug) == 0);
    CHECK(full[slug.size()] == '-');

    std::string one_word;  // "ж" is two bytes, "zh" in the slug
    for (int i = 0; i < 500; ++i) one_word += "ж";
    auto word = pipeline::scaffold_path("school", one_word);
    REQUIRE(word);
    CHECK(word->size() == std::string("data/schools/").size() + pipeline::kMaxScaffoldSlug + 5);

    CHECK_FALSE(pipeline::scaffold_path("practice", "!!! ... ???"));
    CHECK_FALSE(pipeline::scaffold_path("practice", "«»—"));
}
