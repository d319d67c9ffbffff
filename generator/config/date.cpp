#include "config/date.h"

#include <array>
#include <cstdio>

namespace nk {

namespace {

bool is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

}  // namespace

bool Date::valid() const {
    return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

// Howard Hinnant's days_from_civil.
long Date::days() const {
    int y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = static_cast<unsigned>(y - era * 400);
    unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
    unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

Date Date::from_days(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = static_cast<long>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

Date Date::add_months(int months) const {
    int index = year * 12 + (month - 1) + months;
    Date out{index / 12, index % 12 + 1, day};
    out.day = std::min(day, days_in_month(out.year, out.month));
    return out;
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::russian() const {
    return std::to_string(day) + " " + russian_month(month, true) + " " + std::to_string(year) +
           " г.";
}

std::optional<Date> Date::parse_iso(const std::string& s) {
    Date d;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3)
        return std::nullopt;
    if (!d.valid()) return std::nullopt;
    return d;
}

std::string DateTime::iso() const {
    if (!has_time) return date.iso();
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:00", hour, minute);
    return date.iso() + buf;
}

std::string DateTime::russian() const {
    if (!has_time) return date.russian();
    char buf[16];
    std::snprintf(buf, sizeof buf, ", %02d:%02d", hour, minute);
    return date.russian() + buf;
}

std::string russian_month(int month, bool genitive) {
    static constexpr std::array<const char*, 12> kNominative = {
        "январь", "февраль", "март",     "апрель",  "май",    "июнь",
        "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
    static constexpr std::array<const char*, 12> kGenitive = {
        "января", "февраля", "марта",    "апреля",  "мая",    "июня",
        "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
    if (month < 1 || month > 12) return "";
    return (genitive ? kGenitive : kNominative)[static_cast<size_t>(month - 1)];
}

std::string school_year_label(int start_year) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d/%02d", start_year, (start_year + 1) % 100);
    return buf;
}

}  // namespace nk
