// The JSON Schemas for editors: the school schema has the expected properties, vocabularies come
// from config.toml, every field is described in Russian, and every field a schema offers is one
// the loaders accept (a document with all of them loads without a single diagnostic).

#include "pipeline/schema.h"

#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "records/loaders.h"

using namespace nk;
using nlohmann::json;

namespace {

const json& find_schema(const std::vector<pipeline::Schema>& all, const std::string& name) {
    for (const auto& s : all)
        if (s.name == name) return s.json;
    FAIL("no schema " << name);
    static json none;
    return none;
}

bool has_cyrillic(const std::string& s) {
    return s.find("\xD0") != std::string::npos || s.find("\xD1") != std::string::npos;
}

/// Every property, at any depth, with a description in Russian.
void check_descriptions(const json& schema, const std::string& where) {
    if (!schema.is_object()) return;
    if (schema.contains("properties"))
        for (auto& [key, value] : schema["properties"].items()) {
            INFO(where << "." << key);
            CHECK(has_cyrillic(value.value("description", "")));
            check_descriptions(value, where + "." + key);
        }
    if (schema.contains("items")) check_descriptions(schema["items"], where + "[]");
}

/// A sample TOML value that the schema allows.
std::string sample(const json& s) {
    if (s.contains("enum")) return s["enum"][0].dump();
    std::string type = s.value("type", "");
    if (type == "string") {
        if (s.value("format", "") == "date" || s.contains("anyOf")) return "2021-02-01";
        std::string pattern = s.value("pattern", "");
        if (pattern == "^[a-z0-9-]+$") return "\"sosh-1\"";
        if (pattern.find("[Hh][Tt]") != std::string::npos) return "\"https://example.org/\"";
        return "\"Текст\"";
    }
    if (type == "integer") return std::to_string(s["minimum"].get<long>());
    if (type == "number")
        return std::to_string((s["minimum"].get<double>() + s["maximum"].get<double>()) / 2);
    if (type == "boolean") return "true";
    if (type == "array") {
        std::string out = "[";
        for (int i = 0; i < s.value("minItems", 1); ++i)
            out += (i ? ", " : "") + sample(s["items"]);
        return out + "]";
    }
    return "";
}

bool is_table_array(const json& s) {
    return s.value("type", "") == "array" && s["items"].value("type", "") == "object";
}

/// A TOML document holding every property of `schema` (tables of rows as `[[path]]`).
std::string document(const json& schema, const std::string& path = "") {
    std::string scalars, tables;
    for (auto& [key, value] : schema["properties"].items()) {
        std::string full = path.empty() ? key : path + "." + key;
        if (value.value("deprecated", false)) continue;  // an older name beside the new one
        if (key == "internal" && path.empty()) {
            tables += "\n[internal]\n\"Примечание\" = \"Текст\"\n";
        } else if (is_table_array(value)) {
            tables += "\n[[" + full + "]]\n" + document(value["items"], full);
        } else if (value.value("type", "") == "object") {
            tables += "\n[" + full + "]\n" + document(value, full);
        } else {
            scalars += key + " = " + sample(value) + "\n";
        }
    }
    return scalars + tables;
}

/// The built-in vocabularies, as a site without them in config.toml has.
config::SiteConfig default_config() {
    diag::Diagnostics d;
    return config::parse_config("", "config.toml", d);
}

using Loader = std::function<bool(const std::string&, diag::Diagnostics&)>;

template <typename Fn>
Loader loader(Fn fn, bool front_matter = false) {
    return [fn, front_matter](const std::string& toml, diag::Diagnostics& d) {
        std::string text = front_matter ? "+++\n" + toml + "+++\nТекст.\n" : toml;
        return fn(text, records::Origin{"sosh-1", "x"}, d).has_value();
    };
}

}  // namespace

TEST_CASE("schema: a school has its fields, ranges, codes and required keys") {
    auto all = pipeline::record_schemas(default_config());
    const json& school = find_schema(all, "school");
    CHECK(school["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(school["required"] == json({"name", "municipality"}));
    CHECK(school["additionalProperties"] == false);
    for (const char* key :
         {"name", "short_name", "municipality", "region", "kind", "advanced", "website", "address",
          "students", "titles", "offer", "video", "years", "visibility", "draft", "internal"})
        CHECK_MESSAGE(school["properties"].contains(key), key);
    CHECK(school["properties"].size() == 16);
    CHECK(school["properties"]["kind"]["enum"] == json({"urban", "rural"}));
    CHECK(school["properties"]["students"]["maximum"] == 100000);
    const json& year = school["properties"]["years"]["items"];
    CHECK(year["required"] == json({"year"}));
    for (const char* share : {"ior", "isbsh", "evening_share"}) {
        CHECK(year["properties"][share]["minimum"] == 0.0);
        CHECK(year["properties"][share]["maximum"] == 1.0);
    }
    CHECK(year["properties"]["risk_factors"]["items"]["enum"].size() == 10);
    CHECK(year["properties"]["risk_factors"]["items"]["enum"][1] == "staff_shortage");
    CHECK(has_cyrillic(year["properties"]["ior"]["description"].get<std::string>()));
}

TEST_CASE("schema: vocabularies and statuses are enums from the site's config") {
    config::SiteConfig c = default_config();
    c.directions = config::Vocabulary({{"math", "Математика"}, {"reading", "Чтение"}});
    // A network pair's directions come from pair_directions: the schema offers both.
    c.pair_directions = config::Vocabulary({{"mastery", "Мастерство"}, {"math", "Математика"}});
    c.association_directions = config::Vocabulary(
        std::vector<std::pair<std::string, std::string>>{{"educational", "Образовательное"}});
    auto all = pipeline::record_schemas(c);
    const json& m = find_schema(all, "mentorship");
    CHECK(m["properties"]["directions"]["items"]["enum"] == json({"math", "reading", "mastery"}));
    CHECK(find_schema(all, "association")["properties"]["directions"]["items"]["enum"] ==
          json({"educational"}));
    CHECK(m["properties"]["directions"]["items"]["x-taplo"]["docs"]["enumValues"][0] ==
          "Математика");
    CHECK(m["properties"]["status"]["enum"] ==
          json({"planned", "active", "completed", "ended_early"}));
    CHECK(m["properties"]["feedback"]["items"]["properties"]["score"]["minimum"] == 1);
    CHECK(m["properties"]["feedback"]["items"]["properties"]["score"]["maximum"] == 5);
    const json& comp = find_schema(all, "competition");
    const json& points = comp["properties"]["applications"]["items"]["properties"]["scores"]
                             ["items"]["properties"]["points"];
    CHECK(points["minItems"] == 5);
    CHECK(points["maxItems"] == 5);
    CHECK(points["items"]["maximum"] == 5);
}

TEST_CASE("schema: every field is described in Russian") {
    for (const auto& s : pipeline::record_schemas(default_config())) {
        INFO(s.name);
        CHECK(has_cyrillic(s.json.value("title", "")));
        check_descriptions(s.json, s.name);
    }
}

TEST_CASE("schema: every field a schema offers is one the loader accepts") {
    std::map<std::string, Loader> loaders = {{"school", loader(records::load_school)},
                                             {"mentorship", loader(records::load_mentorship)},
                                             {"association", loader(records::load_association)},
                                             {"plan", loader(records::load_plan)},
                                             {"competition", loader(records::load_competition)},
                                             {"reserve", loader(records::load_reserve_entry)},
                                             {"transition", loader(records::load_transition)},
                                             {"practice", loader(records::load_practice, true)},
                                             {"event", loader(records::load_event, true)},
                                             {"page", loader(records::load_page, true)}};
    auto all = pipeline::record_schemas(default_config());
    CHECK(all.size() == loaders.size() + 1);  // and config
    for (const auto& s : all) {
        if (s.name == "config") continue;
        std::string toml = document(s.json);
        INFO(s.name << ":\n" << toml);
        diag::Diagnostics d;
        CHECK(loaders.at(s.name)(toml, d));
        for (const auto& diagnostic : d.sorted())
            CHECK(diag::Diagnostics::format(diagnostic) == "");
    }
}
