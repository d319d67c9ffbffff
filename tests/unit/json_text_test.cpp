// output/json_text and the files written with it: byte for byte what nlohmann::json writes.

#include "output/json_text.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "analytics/school_analytics.h"
#include "output/json_api.h"

using namespace nk;
using nlohmann::json;

namespace {

std::string nlohmann_layout(const json& j) {
    return j.dump(1, '\t', false, json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("json text: strings escaped as nlohmann escapes them") {
    const std::vector<std::string> texts = {"",
                                            "plain",
                                            "«Кавычки» \"и\" \\ черта",
                                            "строка\nвторая\tтаб\r\b\f",
                                            "\x01 \x1f \x7f",
                                            std::string("nul\0inside", 10)};
    for (const std::string& s : texts) {
        std::string out;
        output::append_json_string(out, s);
        CHECK(out == json(s).dump());
    }
}

TEST_CASE("json text: the pretty writer lays out values as nlohmann's dump(1, '\\t')") {
    std::string text;
    output::PrettyJsonWriter out(text);
    out.begin_array();
    out.begin_object();  // members in sorted order, as nlohmann keeps them
    out.key("a");
    out.begin_array();
    out.end_array();
    out.key("b");
    out.begin_object();
    out.end_object();
    out.key("c");
    out.strings({"x", "«у»"});
    out.key("d");
    out.null();
    out.key("e");
    out.begin_array();
    for (double v : {16.0, 16.5, 0.1, -3.0, 1e20, 2.5e-7}) out.number(v);
    out.end_array();
    out.key("f");
    out.begin_array();
    out.begin_object();
    out.key("g");
    out.string("h\n");
    out.end_object();
    out.begin_array();
    out.end_array();
    out.end_array();
    out.end_object();
    out.begin_object();
    out.end_object();
    out.end_array();
    CHECK(text == nlohmann_layout(json::parse(text)));
    json top = json::parse(text);
    CHECK(top[0]["e"][1] == 16.5);
    CHECK(top[0]["f"][0]["g"] == "h\n");
    CHECK(top[1] == json::object());

    std::string empty;
    output::PrettyJsonWriter none(empty);
    none.begin_array();
    none.end_array();
    CHECK(empty == "[]");
}

TEST_CASE("json text: /api/practices.json reads back into itself") {
    model::Site site;
    site.base_url = "https://example.org/";
    site.base_path = "/";
    records::Practice full;
    full.id = "otchet";
    full.title = "Итоговый «отчёт» \"о\" наставничестве\\";
    full.date = {2022, 3, 1};
    full.summary = "Краткое\nописание.";
    full.schools = {{"sosh-5", {}}, {"sosh-7", {}}};
    full.directions = {{"quality", {}}};
    full.forms = {{"mentoring", {}}, {"seminar", {}}};
    full.tags = {"ВСОКО", "родители"};
    full.video = "https://example.org/v.mp4";
    full.results = {{"Доля «4» и «5»", "%", 16.0, 34.5, false},
                    {"Без значений", "", std::nullopt, 2.0, false}};
    records::Practice bare;
    bare.id = "bare";
    bare.title = "Пустая";
    bare.date = {2020, 1, 1};
    site.practices = {full, bare};
    site.index();
    auto analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    render::ViewContext ctx{site, analytics};
    std::string text = output::practices_json(ctx);
    REQUIRE(!text.empty());
    CHECK(text.back() == '\n');
    json parsed = json::parse(text);
    CHECK(text == nlohmann_layout(parsed) + "\n");
    REQUIRE(parsed.size() == 2);
    CHECK(parsed[0]["title"] == full.title);
    CHECK(parsed[0]["url"] == "https://example.org/practices/otchet/");
    CHECK(parsed[0]["results"][0]["after"] == 34.5);
    CHECK(parsed[0]["results"][1]["before"].is_null());
    CHECK(parsed[1]["tags"] == json::array());
    CHECK(parsed[1]["results"] == json::array());
}
