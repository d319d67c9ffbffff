#include "records/record_codec.h"

#include <doctest/doctest.h>

using namespace nk;

namespace {

records::Practice full_practice() {
    records::Practice p;
    p.id = "otchet";
    p.path = "content/practices/otchet.md";
    p.loc = {p.path, 1, 1};
    p.internal = true;
    p.draft = true;
    p.internal_fields = {{"контакт", "Иванов И. И."}, {"заметка", ""}};
    p.title = "Итоговый «отчёт»";
    p.summary = "Кратко\nв две строки";
    p.video = "https://example.org/v";
    p.body = "не кешируется";
    p.body_line = 12;
    p.date = Date{2023, 9, 1};
    p.schools = {{"s-1", {p.path, 4, 12}}, {"s-2", {p.path, 4, 19}}};
    p.directions = {{"staff", {p.path, 5, 15}}};
    p.forms = {};
    p.tags = {"ВПР", "родители"};
    records::Result with_both{"Доля «2» по ВПР", "%", 12.5, 7.25, false};
    records::Result only_after{"Участники", "", std::nullopt, 40, true};
    p.results = {with_both, only_after};
    return p;
}

void check_same_locs(const std::vector<records::Located>& a,
                     const std::vector<records::Located>& b) {
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].value == b[i].value);
        CHECK(a[i].loc.path == b[i].loc.path);
        CHECK(a[i].loc.line == b[i].loc.line);
        CHECK(a[i].loc.column == b[i].loc.column);
    }
}

}  // namespace

TEST_CASE("record codec: a practice comes back with every field but its body") {
    records::Practice p = full_practice();
    auto back = records::decode_practice(records::encode_practice(p));
    REQUIRE(back);
    CHECK(back->id == p.id);
    CHECK(back->path == p.path);
    CHECK(back->loc.line == 1);
    CHECK(back->internal);
    CHECK(back->draft);
    CHECK(back->internal_fields == p.internal_fields);
    CHECK(back->title == p.title);
    CHECK(back->summary == p.summary);
    CHECK(back->video == p.video);
    CHECK(back->body.empty());
    CHECK(back->body_line == 12);
    CHECK(back->date == p.date);
    check_same_locs(back->schools, p.schools);
    check_same_locs(back->directions, p.directions);
    check_same_locs(back->forms, p.forms);
    CHECK(back->tags == p.tags);
    REQUIRE(back->results.size() == 2);
    CHECK(back->results[0].indicator == "Доля «2» по ВПР");
    CHECK(back->results[0].unit == "%");
    CHECK(back->results[0].before == 12.5);
    CHECK(back->results[0].after == 7.25);
    CHECK_FALSE(back->results[0].internal);
    CHECK_FALSE(back->results[1].before);
    CHECK(back->results[1].after == 40);
    CHECK(back->results[1].internal);
}

TEST_CASE("record codec: damaged bytes are no practice") {
    std::string bytes = records::encode_practice(full_practice());
    CHECK_FALSE(records::decode_practice(""));
    CHECK_FALSE(records::decode_practice(bytes.substr(0, bytes.size() - 1)));  // torn
    CHECK_FALSE(records::decode_practice(bytes + "x"));                        // trailing bytes
    std::string other_format = bytes;
    other_format[0] = static_cast<char>(other_format[0] + 1);
    CHECK_FALSE(records::decode_practice(other_format));
    // A count larger than what is left must not run away.
    std::string huge = bytes;
    for (size_t i = 8; i < 16; ++i) huge[i] = '\xff';  // the length of the id
    CHECK_FALSE(records::decode_practice(huge));
}

TEST_CASE("record codec: a school comes back with every field") {
    records::School s;
    s.id = "sosh-1";
    s.path = "data/schools/sosh-1.toml";
    s.loc = {s.path, 1, 1};
    s.internal_fields = {{"директор", "Петров П. П."}};
    s.name = "МАОУ СОШ № 1";
    s.short_name = "СОШ № 1";
    s.municipality = "Кореновский район";
    s.region = "Краснодарский край";
    s.kind = "school";
    s.website = "https://sosh1.example.org";
    s.address = "ул. Красная, 1";
    s.offer = "Предлагаем **стажировки**.";
    s.video = "https://example.org/video";
    s.offer_line = 14;
    s.advanced = true;
    s.students = 812;
    s.titles = {{"Школа-наставник", 2022, {"data/schools/x.toml", 3, 12}}};
    records::YearIndicators y;
    y.year = 2021;
    y.ior = 0.42;
    y.gia = 3.9;
    y.low_results = true;
    y.risk_factors = {{"low_motivation", {s.path, 20, 17}}};
    y.loc = {s.path, 18, 1};
    y.org_index = 0.7;
    y.deficits = {{"Управление качеством", "Нет разбора ВПР", "Мониторинг"}};
    y.recommendations = {{"Разбирать ВПР", "Центр", Date{2021, 11, 15}, "in_progress"},
                         {"План повышения квалификации", "", std::nullopt, "issued"}};
    s.years = {y, records::YearIndicators{}};
    auto back = records::decode_school(records::encode_school(s));
    REQUIRE(back);
    CHECK(back->id == s.id);
    CHECK(back->path == s.path);
    CHECK(back->internal_fields == s.internal_fields);
    CHECK(back->name == s.name);
    CHECK(back->short_name == s.short_name);
    CHECK(back->municipality == s.municipality);
    CHECK(back->region == s.region);
    CHECK(back->kind == s.kind);
    CHECK(back->website == s.website);
    CHECK(back->address == s.address);
    CHECK(back->offer == s.offer);
    CHECK(back->video == s.video);
    CHECK(back->offer_line == 14);
    CHECK(back->advanced);
    CHECK(back->students == 812);
    REQUIRE(back->titles.size() == 1);
    CHECK(back->titles[0].title == "Школа-наставник");
    CHECK(back->titles[0].year == 2022);
    CHECK(back->titles[0].loc.line == 3);
    CHECK(back->titles[0].loc.column == 12);
    REQUIRE(back->years.size() == 2);
    const auto& by = back->years[0];
    CHECK(by.year == 2021);
    CHECK(by.ior == 0.42);
    CHECK_FALSE(by.isbsh);
    CHECK(by.gia == 3.9);
    CHECK_FALSE(by.vpr);
    CHECK_FALSE(by.evening_share);
    CHECK(by.low_results);
    CHECK_FALSE(by.difficult_conditions);
    check_same_locs(by.risk_factors, y.risk_factors);
    CHECK(by.loc.line == 18);
    CHECK(by.org_index == 0.7);
    REQUIRE(by.deficits.size() == 1);
    CHECK(by.deficits[0].finding == "Нет разбора ВПР");
    CHECK(by.deficits[0].source == "Мониторинг");
    REQUIRE(by.recommendations.size() == 2);
    CHECK(by.recommendations[0].date == std::optional<Date>(Date{2021, 11, 15}));
    CHECK(by.recommendations[0].status == "in_progress");
    CHECK_FALSE(by.recommendations[1].date);
    CHECK(by.recommendations[1].text == "План повышения квалификации");
    CHECK_FALSE(back->years[1].ior);
    records::School plain;
    auto empty = records::decode_school(records::encode_school(plain));
    REQUIRE(empty);
    CHECK_FALSE(empty->students);
    CHECK_FALSE(records::decode_school(records::encode_practice(full_practice())));
}

TEST_CASE("record codec: an event comes back with every field, its body included") {
    records::Event e;
    e.id = "seminar";
    e.path = "content/events/seminar.md";
    e.loc = {e.path, 1, 1};
    e.title = "Семинар наставников";
    e.place = "СОШ № 1";
    e.body = "Повестка и **итоги**.";
    e.body_line = 16;
    e.date = DateTime{Date{2022, 3, 15}, true, 10, 30};
    e.end = DateTime{Date{2022, 3, 15}, true, 12, 0};
    e.kind = {"seminar", {e.path, 4, 8}};
    e.organizer = records::Located{"sosh-1", {e.path, 5, 13}};
    e.association = records::Located{"tula-mpo", {e.path, 6, 15}};
    e.participants = {{"sosh-2", {e.path, 7, 17}}, {"sosh-3", {e.path, 7, 27}}};
    e.agenda = {{"Вопрос", "Решение", "Рекомендация", true}};
    auto back = records::decode_event(records::encode_event(e));
    REQUIRE(back);
    CHECK(back->id == e.id);
    CHECK(back->title == e.title);
    CHECK(back->place == e.place);
    CHECK(back->body == e.body);
    CHECK(back->body_line == 16);
    CHECK(back->date == e.date);
    REQUIRE(back->end);
    CHECK(*back->end == *e.end);
    CHECK(back->kind.value == "seminar");
    CHECK(back->kind.loc.column == 8);
    REQUIRE(back->organizer);
    CHECK(back->organizer->value == "sosh-1");
    CHECK_FALSE(back->mentorship);
    REQUIRE(back->association);
    CHECK(back->association->loc.line == 6);
    check_same_locs(back->participants, e.participants);
    REQUIRE(back->agenda.size() == 1);
    CHECK(back->agenda[0].issue == "Вопрос");
    CHECK(back->agenda[0].decision == "Решение");
    CHECK(back->agenda[0].recommendation == "Рекомендация");
    CHECK(back->agenda[0].internal);
    std::string bytes = records::encode_event(e);
    CHECK_FALSE(records::decode_event(bytes.substr(0, bytes.size() - 1)));
}
