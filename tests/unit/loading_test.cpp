#include <doctest/doctest.h>

#include "config/site_config.h"
#include "diag_messages.h"
#include "fs/file_system.h"
#include "records/loaders.h"

using namespace nk;

using test::messages;

TEST_CASE("a school loads with its years sorted") {
    diag::Diagnostics d;
    auto s = records::load_school(
        "name = \"МОБУ СОШ № 2\"\nmunicipality = \"Кореновский район\"\nkind = \"rural\"\n"
        "[[years]]\nyear = 2021\nior = 0.4\nisbsh = 0.3\n[[years]]\nyear = 2020\nior = 0.35\n",
        {"korenovsk-sosh-2", "data/schools/korenovsk-sosh-2.toml"}, d);
    REQUIRE(s);
    CHECK(messages(d).empty());
    CHECK(s->name == "МОБУ СОШ № 2");
    REQUIRE(s->years.size() == 2);
    CHECK(s->years[0].year == 2020);
    CHECK(*s->years[1].ior == doctest::Approx(0.4));
}

TEST_CASE("schema problems are all reported at their positions") {
    diag::Diagnostics d;
    records::load_school(
        "nme = \"x\"\nmunicipality = 5\nkind = \"town\"\n[[years]]\nyear = 2021\nior = 1.5\n",
        {"s", "s.toml"}, d);
    auto m = messages(d);
    REQUIRE(m.size() == 5);
    CHECK(m[0] == "s.toml:1:1: error: missing required field 'name'");
    CHECK(m[1] == "s.toml:1:1: error: unknown field 'nme' (did you mean 'name'?)");
    CHECK(m[2] == "s.toml:2:16: error: 'municipality' must be a string, not an integer");
    CHECK(m[3] == "s.toml:3:8: error: 'kind' must be one of urban, rural, not 'town'");
    CHECK(m[4] == "s.toml:6:7: error: 'ior' is 1.5, outside the allowed range 0..1");
}

TEST_CASE("front matter errors count lines from the top of the file") {
    diag::Diagnostics d;
    records::load_practice("+++\ntitle = \"Практика\"\ndate = 2021-02-30\n+++\nтекст\n",
                           {"p", "content/practices/p.md"}, d);
    auto m = messages(d);
    REQUIRE(m.size() == 1);
    CHECK(m[0].rfind("content/practices/p.md:3:", 0) == 0);
}

TEST_CASE("unsafe URLs are refused") {
    diag::Diagnostics d;
    auto s = records::load_school(
        "name = \"x\"\nmunicipality = \"y\"\nvideo = \"javascript:alert(1)\"\n", {"s", "s.toml"},
        d);
    REQUIRE(s);
    CHECK(s->video.empty());
    CHECK(messages(d).at(0) ==
          "s.toml:3:9: error: 'video' must be an http:// or https:// address, not "
          "'javascript:alert(1)'");
}

TEST_CASE("competition points: five integers from 0 to 5") {
    diag::Diagnostics d;
    auto c = records::load_competition(
        "title = \"К\"\nyear = 2021\ncriteria = [\"a\",\"b\",\"c\",\"d\",\"e\"]\n"
        "[[applications]]\nschool = \"s\"\n[[applications.scores]]\npoints = [5, 4, 6, 1, 2]\n"
        "[[applications.scores]]\npoints = [5, 4]\n",
        {"c", "c.toml"}, d);
    REQUIRE(c);
    auto m = messages(d);
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "c.toml:7:17: error: 'points' has 6, outside 0..5");
    CHECK(m[1] == "c.toml:9:10: error: 'points' must have 5 values, one per criterion; it has 2");
}

TEST_CASE("reserve entries are always internal") {
    diag::Diagnostics d;
    auto r = records::load_reserve_entry(
        "full_name = \"Примерова Анна Тестовна\"\nschool = \"s\"\n", {"r", "r.toml"}, d);
    REQUIRE(r);
    CHECK(r->internal);
}

TEST_CASE("a transition loads every field; its kind and outcome are checked") {
    diag::Diagnostics d;
    auto t = records::load_transition(
        "title = \"Программа перехода\"\nschool = \"shnor\"\nmentors = [\"m\"]\n"
        "kind = \"project\"\ndeficits = [\"motivation\"]\ndefended = 2021-03-26\n"
        "outcome = \"recommended\"\nincluded_in_development_programme = true\n"
        "document = \"https://example.ru/p.pdf\"\n",
        {"p", "data/transitions/p.toml"}, d);
    REQUIRE(t);
    CHECK(messages(d).empty());
    CHECK(t->kind == "project");
    CHECK(t->school.value == "shnor");
    CHECK(t->defended == Date{2021, 3, 26});
    CHECK(t->outcome == std::optional<std::string>("recommended"));
    CHECK(t->included);
    CHECK(t->included_loc.line == 8);
    diag::Diagnostics bad;
    auto u = records::load_transition(
        "title = \"x\"\nschool = \"s\"\nmentors = [\"m\"]\nkind = \"programm\"\n"
        "outcome = \"approved\"\ndocument = \"javascript:alert(1)\"\n",
        {"u", "u.toml"}, bad);
    REQUIRE(u);
    CHECK(!u->outcome);
    auto m = messages(bad);
    REQUIRE(m.size() == 3);
    CHECK(m[0] ==
          "u.toml:4:8: error: 'kind' must be one of programme, project, not 'programm' "
          "(did you mean 'programme'?)");
    CHECK(m[1] ==
          "u.toml:5:11: error: 'outcome' must be one of recommended, revise, rejected, not "
          "'approved'");
    CHECK(m[2].starts_with("u.toml:6:12: error: "));
}

TEST_CASE("config: defaults, vocabularies in file order, unknown rule names") {
    diag::Diagnostics d;
    auto c = config::parse_config(
        "title = \"T\"\nas_of = 2021-06-30\n[rules]\nwarn = [\"mentor_max_menteess\"]\n"
        "[vocabularies.directions]\nzeta = \"Z\"\nalpha = \"A\"\n",
        "config.toml", d);
    CHECK(c.title == "T");
    CHECK(*c.as_of == Date{2021, 6, 30});
    CHECK(c.directions.codes() == std::vector<std::string>{"zeta", "alpha"});
    CHECK(c.forms.contains("mentoring"));
    CHECK(c.rules.mentor_max_mentees == 2);
    auto m = messages(d);
    REQUIRE(m.size() == 1);
    CHECK(m[0] ==
          "config.toml:4:9: error: unknown rule 'mentor_max_menteess' (did you mean "
          "'mentor_max_mentees'?)");
}

TEST_CASE("record files are told by their extension, as boost::filesystem names it") {
    CHECK(fs::has_extension("praktika.md", ".md"));
    CHECK(fs::has_extension("a.b.md", ".md"));
    CHECK_FALSE(fs::has_extension("praktika.md.bak", ".md"));
    CHECK_FALSE(fs::has_extension("praktika.MD", ".md"));
    CHECK_FALSE(fs::has_extension("md", ".md"));
    CHECK_FALSE(fs::has_extension(".md", ".md"));
    CHECK_FALSE(fs::has_extension("praktika", ".md"));
    CHECK(fs::has_extension("sosh-5.toml", ".toml"));
    CHECK_FALSE(fs::has_extension("sosh-5.toml~", ".toml"));
}
