// The editor's forms (editor/forms.h): every record type with its fields from records/fields.h,
// vocabulary options with the Russian labels of the site's config.toml, references to schools
// as school pickers, repeatable groups with their rows, older field names left out.

#include <doctest/doctest.h>

#include "editor/forms.h"

using namespace nk;
using nlohmann::json;

namespace {

const json& type_of(const json& forms, const std::string& type) {
    for (const json& t : forms["types"])
        if (t["type"] == type) return t;
    FAIL("no type " << type);
    static json none;
    return none;
}

const json& field_of(const json& fields, const std::string& key) {
    for (const json& f : fields)
        if (f["key"] == key) return f;
    FAIL("no field " << key);
    static json none;
    return none;
}

config::SiteConfig site_config(const std::string& toml) {
    diag::Diagnostics d;
    config::SiteConfig c = config::parse_config(toml, "config.toml", d);
    REQUIRE(!d.has_errors());
    return c;
}

}  // namespace

TEST_CASE("editor forms: every record type the editor lists, with folders and Russian labels") {
    json forms = editor::form_descriptions(site_config(""));
    std::vector<std::string> types;
    for (const json& t : forms["types"]) types.push_back(t["type"]);
    CHECK(types == std::vector<std::string>{"school", "practice", "event", "mentorship",
                                            "association", "plan", "competition", "reserve",
                                            "transition", "page"});
    const json& school = type_of(forms, "school");
    CHECK(school["label"] == "Школы");
    CHECK(school["dir"] == "data/schools");
    CHECK(school["ext"] == ".toml");
    CHECK(school["title_key"] == "name");
    const json& name = field_of(school["fields"], "name");
    CHECK(name["kind"] == "text");
    CHECK(name["required"] == true);
    CHECK(name["label"] == "Полное наименование");
    const json& students = field_of(school["fields"], "students");
    CHECK(students["kind"] == "integer");
    CHECK(students["min"] == 0);
    CHECK(students["max"] == 100000);
    const json& kind = field_of(school["fields"], "kind");
    CHECK(kind["options"] == json::array({{{"code", "urban"}, {"label", "Городская"}},
                                          {{"code", "rural"}, {"label", "Сельская"}}}));
}

TEST_CASE("editor forms: vocabularies come from config.toml with their labels") {
    json forms = editor::form_descriptions(
        site_config("[vocabularies.forms]\nvisit = \"Выездное совещание\"\n"
                    "[vocabularies.pair_directions]\nmastery = \"Мастерство\"\n"));
    const json& practice = type_of(forms, "practice");
    CHECK(field_of(practice["fields"], "forms")["options"] ==
          json::array({{{"code", "visit"}, {"label", "Выездное совещание"}}}));
    CHECK(field_of(practice["fields"], "forms")["kind"] == "vocab_list");
    CHECK(field_of(practice["fields"], "schools")["kind"] == "school_refs");
    CHECK(field_of(practice["fields"], "date")["kind"] == "date");
    CHECK(field_of(practice["fields"], "body")["kind"] == "markdown_body");
    const json& mentorship = type_of(forms, "mentorship");
    const json& directions = field_of(mentorship["fields"], "directions");
    CHECK(directions["options"][0]["label"] == "Управление развитием ОО");
    CHECK(directions["pair_options"] ==
          json::array({{{"code", "mastery"}, {"label", "Мастерство"}}}));
    const json& event = type_of(forms, "event");
    CHECK(field_of(event["fields"], "kind")["options"].size() > 3);
    CHECK(field_of(event["fields"], "organizer")["kind"] == "school_ref");
    CHECK(field_of(event["fields"], "association")["kind"] == "record_ref");
    CHECK(field_of(event["fields"], "association")["ref_type"] == "association");
    CHECK(field_of(event["fields"], "date")["kind"] == "datetime");
}

TEST_CASE("editor forms: repeatable groups carry their rows; older names are left out") {
    json forms = editor::form_descriptions(site_config(""));
    const json& school = type_of(forms, "school");
    const json& years = field_of(school["fields"], "years");
    CHECK(years["kind"] == "group");
    CHECK(field_of(years["fields"], "ior")["max"] == 1.0);
    const json& deficits = field_of(years["fields"], "deficits");
    CHECK(field_of(deficits["fields"], "area")["required"] == true);
    const json& goals = field_of(type_of(forms, "mentorship")["fields"], "goals");
    CHECK(field_of(goals["fields"], "visibility")["options"].size() == 2);
    const json& competition = type_of(forms, "competition");
    for (const json& f : competition["fields"]) CHECK(f["key"] != "winners_count");
    const json& scores =
        field_of(field_of(competition["fields"], "applications")["fields"], "scores");
    const json& points = field_of(scores["fields"], "points");
    CHECK(points["kind"] == "integers");
    CHECK(points["min_items"] == 5);
    CHECK(points["max_items"] == 5);
}
