// iCalendar output (RFC 5545): escaping, folding at 75 octets, value types, stable UIDs and stamps.

#include "output/calendar.h"

#include <doctest/doctest.h>

using namespace nk;

namespace {

/// Splits on CRLF; the text must end with one.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t crlf; (crlf = text.find("\r\n", start)) != std::string::npos; start = crlf + 2)
        out.push_back(text.substr(start, crlf - start));
    CHECK(start == text.size());
    return out;
}

/// Joins folded lines back (RFC 5545 §3.1: CRLF followed by one space).
std::string unfold(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

bool valid_utf8_start(const std::string& line) {
    return line.empty() || (static_cast<unsigned char>(line[0]) & 0xC0) != 0x80;
}

records::Event event(const std::string& id, const std::string& title, DateTime date) {
    records::Event e;
    e.id = id;
    e.title = title;
    e.date = date;
    e.kind.value = "meeting";
    return e;
}

model::Site site_with(std::vector<records::Event> events) {
    model::Site s;
    s.base_path = "/";
    s.base_url = "https://mentors.example.net/";
    s.config.title = "Школа-наставник";
    s.config.event_kinds = config::default_vocabulary("event_kinds");
    s.events = std::move(events);
    s.event_html.resize(s.events.size());
    s.index();
    return s;
}

}  // namespace

TEST_CASE("ical_escape escapes backslash, semicolon, comma and newlines") {
    CHECK(output::ical_escape("a\\b;c,d") == "a\\\\b\\;c\\,d");
    CHECK(output::ical_escape("строка 1\r\nстрока 2") == "строка 1\\nстрока 2");
    CHECK(output::ical_escape("bell\a") == "bell");
    CHECK(output::ical_escape("tab\there") == "tab\there");
}

TEST_CASE("ical_fold keeps every line within 75 octets and never splits a character") {
    std::string ascii = "SUMMARY:" + std::string(200, 'x');
    auto folded = output::ical_fold(ascii);
    auto lines = lines_of(folded);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].size() == 75);
    CHECK(lines[1].size() == 75);
    CHECK(lines[1][0] == ' ');
    CHECK(unfold(folded) == ascii + "\r\n");

    std::string cyrillic = "SUMMARY:";
    for (int i = 0; i < 60; ++i) cyrillic += "Ш";  // two octets each
    folded = output::ical_fold(cyrillic);
    for (const auto& line : lines_of(folded)) {
        CHECK(line.size() <= 75);
        CHECK(valid_utf8_start(line.substr(line[0] == ' ' ? 1 : 0)));
    }
    CHECK(unfold(folded) == cyrillic + "\r\n");
    CHECK(output::ical_fold("SHORT:x") == "SHORT:x\r\n");
}

TEST_CASE("calendar: values, types and stable identifiers") {
    auto meeting = event("zasedanie-1", "Заседание № 1: план, сроки; итоги",
                         DateTime{{2021, 9, 30}, true, 15, 0});
    meeting.place = "МБОУ «Лицей № 2», г. Тула";
    meeting.agenda = {{"Вопрос", "Решение", "", false}, {"Вопрос 2", "", "", false}};
    meeting.end = DateTime{{2021, 9, 30}, true, 16, 30};
    auto vote = event("golosovanie", "Голосование", DateTime{{2021, 3, 9}});
    vote.kind.value = "competition";
    vote.end = DateTime{{2021, 3, 10}};
    auto mixed =
        event("mixed", "Начало со временем, конец — дата", DateTime{{2021, 4, 1}, true, 9, 0});
    mixed.end = DateTime{{2021, 4, 2}};
    model::Site s = site_with({meeting, vote, mixed});

    std::string all = output::calendar(s, std::nullopt);
    auto lines = lines_of(all);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    for (const auto& line : lines) CHECK(line.size() <= 75);
    std::string text = unfold(all);
    CHECK(text.find("UID:zasedanie-1@mentors.example.net\r\n") != std::string::npos);
    CHECK(text.find("DTSTAMP:20210930T000000Z\r\n") != std::string::npos);
    CHECK(text.find("DTSTART:20210930T150000\r\nDTEND:20210930T163000\r\n") != std::string::npos);
    CHECK(text.find("SUMMARY:Заседание № 1: план\\, сроки\\; итоги\r\n") != std::string::npos);
    CHECK(text.find("LOCATION:МБОУ «Лицей № 2»\\, г. Тула\r\n") != std::string::npos);
    CHECK(text.find("DESCRIPTION:Заседание\\nВопросов в повестке: 2\\nПодробнее: "
                    "https://mentors.example.net/events/zasedanie-1/\r\n") != std::string::npos);
    // An all-day event ends on the day after its last day; DTEND has DTSTART's value type.
    CHECK(text.find("DTSTART;VALUE=DATE:20210309\r\nDTEND;VALUE=DATE:20210311\r\n") !=
          std::string::npos);
    CHECK(text.find("DTSTART:20210401T090000\r\nDTEND:20210403T000000\r\n") != std::string::npos);

    std::string one = output::calendar(s, 1);
    CHECK(one.find("UID:golosovanie@mentors.example.net") != std::string::npos);
    CHECK(one.find("zasedanie-1") == std::string::npos);
    CHECK(output::calendar(s, std::nullopt) == all);  // no clock, no randomness
}
