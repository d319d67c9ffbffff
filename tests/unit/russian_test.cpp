#include "render/russian.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fs/collation.h"

using namespace nk::render;

namespace {
std::string nb(const std::string& s) {  // "21 мероприятие" with the space made non-breaking
    std::string out;
    for (char c : s)
        if (c == ' ')
            out += kNbsp;
        else
            out += c;
    return out;
}
std::string events(long n) {
    return plural(n, "мероприятие", "мероприятия", "мероприятий");
}
}  // namespace

TEST_CASE("plural: one, few and many forms at every boundary") {
    CHECK(events(0) == nb("0 мероприятий"));
    CHECK(events(1) == nb("1 мероприятие"));
    CHECK(events(2) == nb("2 мероприятия"));
    CHECK(events(5) == nb("5 мероприятий"));
    CHECK(events(11) == nb("11 мероприятий"));
    CHECK(events(12) == nb("12 мероприятий"));
    CHECK(events(21) == nb("21 мероприятие"));
    CHECK(events(22) == nb("22 мероприятия"));
    CHECK(events(25) == nb("25 мероприятий"));
    CHECK(events(101) == nb("101 мероприятие"));
    CHECK(events(111) == nb("111 мероприятий"));
    CHECK(events(1004) == nb("1004 мероприятия"));
    CHECK(std::string(plural_word(14, "школа", "школы", "школ")) == "школ");
    CHECK(std::string(plural_word(104, "школа", "школы", "школ")) == "школы");
}

TEST_CASE("numbers: thousands grouped from five digits on") {
    CHECK(group_digits(2024) == "2024");
    CHECK(group_digits(12345) == nb("12 345"));
    CHECK(group_digits(1234567) == nb("1 234 567"));
    CHECK(plural(10000, "практика", "практики", "практик") == nb("10 000 практик"));
}

TEST_CASE("values with units and their changes") {
    CHECK(with_unit(50.0, "%") == nb("50 %"));
    CHECK(with_unit(86.5, "%") == nb("86,5 %"));
    CHECK(with_unit(0.28, "индекс") == "0,28");
    CHECK(with_unit(12.0, "чел.") == nb("12 чел."));
    CHECK(with_unit(std::nullopt, "%") == "—");
    CHECK(change_with_unit(36.0, "%") == nb("+36 п. п."));
    CHECK(change_with_unit(-4.5, "%") == nb("−4,5 п. п."));
    CHECK(change_with_unit(0.05, "индекс") == "+0,05");
    CHECK(change_with_unit(0.0, "чел.") == nb("0 чел."));
}

TEST_CASE("№ keeps its number on the same line") {
    CHECK(bind_numero("МБОУ СОШ № 18 и № 7") == "МБОУ СОШ №\u00A018 и №\u00A07");
    CHECK(bind_numero("без номера") == "без номера");
    CHECK(bind_numero("МБОУ СОШ № 18").find("№ ") == std::string::npos);
}

TEST_CASE("school names in Russian order: numbers as numbers, case and ё ignored") {
    std::vector<std::string> names = {"СОШ № 10", "СОШ № 2",  "СОШ № 1",    "Гимназия № 3",
                                      "СОШ № 11", "ООШ № 21", "лицей № 19", "Ёлочка",
                                      "Елена",    "СОШ № 1а"};
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return nk::text::russian_less(a, b);
    });
    CHECK(names == std::vector<std::string>{"Гимназия № 3", "Елена", "Ёлочка", "лицей № 19",
                                            "ООШ № 21", "СОШ № 1", "СОШ № 1а", "СОШ № 2",
                                            "СОШ № 10", "СОШ № 11"});
    CHECK(nk::text::russian_less("СОШ № 9", "СОШ № 10"));
    CHECK_FALSE(nk::text::russian_less("СОШ № 10", "СОШ № 9"));
    CHECK(nk::text::russian_less("СОШ № 007", "СОШ № 8"));
    CHECK_FALSE(nk::text::russian_less("школа", "школа"));
}
