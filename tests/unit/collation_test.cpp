// Russian collation of names (fs/collation.h): case, «ё», numbers, and a total order.

#include "fs/collation.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using nk::text::collation_key;
using nk::text::russian_compare;
using nk::text::russian_less;

namespace {

std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end(),
              [](const std::string& a, const std::string& b) { return russian_less(a, b); });
    return names;
}

std::vector<std::string> sorted_by_key(std::vector<std::string> names) {
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return collation_key(a) < collation_key(b);
    });
    return names;
}

}  // namespace

TEST_CASE("collation: «Ё» sorts beside «Е», not after «Я» as bytes would") {
    // In UTF-8 «Ё» (D0 81) comes before «А» (D0 90) and «ё» (D1 91) after «я» (D1 8F).
    CHECK(russian_less("Алексеевская", "Ёлкинская"));
    CHECK(russian_less("Ёлкинская", "Жуковская"));
    // «ё» and «е» are one letter at first: a later letter decides (и before о).
    CHECK(russian_less("ёжик", "ежовый"));
    CHECK(russian_less("Елкинская", "Ёлкинская"));  // otherwise equal: е then ё
    CHECK(russian_less("Ёлкинская", "Елкинская2"));
    // «ёло» before «ель»: о comes before ь whatever the first letter's dots.
    CHECK(sorted({"Яблоновская", "ёлочка", "Ель", "Енисейская"}) ==
          std::vector<std::string>{"ёлочка", "Ель", "Енисейская", "Яблоновская"});
}

TEST_CASE("collation: case does not decide the order of letters") {
    CHECK(russian_less("гимназия № 1", "Лицей № 1"));
    CHECK(russian_less("Гимназия № 1", "лицей № 1"));
    CHECK(sorted({"Лицей № 1", "гимназия № 1", "СОШ № 1", "авангард"}) ==
          std::vector<std::string>{"авангард", "гимназия № 1", "Лицей № 1", "СОШ № 1"});
    // Names that differ only in case are not equal: their bytes decide, so the order is total.
    CHECK(russian_compare("СОШ", "сош") != 0);
    CHECK(russian_compare("СОШ", "сош") == -russian_compare("сош", "СОШ"));
    CHECK(russian_compare("СОШ № 5", "СОШ № 5") == 0);
}

TEST_CASE("collation: numbers compare as numbers") {
    CHECK(russian_less("СОШ № 2", "СОШ № 10"));
    CHECK(russian_less("СОШ № 9", "СОШ № 10"));
    CHECK_FALSE(russian_less("СОШ № 10", "СОШ № 2"));
    CHECK(russian_less("СОШ № 10", "СОШ № 11"));
    CHECK(sorted({"СОШ № 11", "СОШ № 2", "СОШ № 1", "СОШ № 10", "СОШ № 20"}) ==
          std::vector<std::string>{"СОШ № 1", "СОШ № 2", "СОШ № 10", "СОШ № 11", "СОШ № 20"});
    // Letters still come first: «Гимназия № 3» before «СОШ № 1».
    CHECK(russian_less("Гимназия № 3", "СОШ № 1"));
}

TEST_CASE("collation: a key orders exactly as the comparison does") {
    std::vector<std::string> names = {"СОШ № 10",     "сош № 2",   "Ёлкинская",     "Алексеевская",
                                      "Елкинская",    "Лицей № 1", "гимназия № 1",  "СОШ № 2",
                                      "Latin School", "",          "МБОУ «СОШ № 1»"};
    CHECK(sorted_by_key(names) == sorted(names));
    CHECK(collation_key("СОШ № 2") < collation_key("СОШ № 10"));
    CHECK(collation_key("") < collation_key("а"));
}
