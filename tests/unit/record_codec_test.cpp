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
    p.internal_fields = {{"контакт", "Иванов И. И."}, {"заметка", ""}};
    p.content_hash = 0x1234567890abcdefull;
    p.front_matter_hash = 0xfedcba0987654321ull;
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
    CHECK(back->internal_fields == p.internal_fields);
    CHECK(back->content_hash == p.content_hash);
    CHECK(back->front_matter_hash == p.front_matter_hash);
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
