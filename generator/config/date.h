#pragma once

#include <compare>
#include <optional>
#include <string>

namespace nk {

/// A calendar date (proleptic Gregorian), as TOML local dates give it.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    auto operator<=>(const Date&) const = default;
    bool valid() const;
    /// Days since 1970-01-01.
    long days() const;
    static Date from_days(long days);
    /// The same day `months` calendar months later, clamped to the month's last day.
    Date add_months(int months) const;
    Date add_days(long n) const { return from_days(days() + n); }
    /// "2021-02-01"
    std::string iso() const;
    /// "1 февраля 2021 г."
    std::string russian() const;
    /// The school year (start year) a date falls in: 1 September to 31 August.
    int school_year() const { return month >= 9 ? year : year - 1; }
    static std::optional<Date> parse_iso(const std::string& s);
};

/// A date with an optional time of day (events may have a time).
struct DateTime {
    Date date;
    bool has_time = false;
    int hour = 0;
    int minute = 0;

    auto operator<=>(const DateTime&) const = default;
    /// "2021-02-01" or "2021-02-01T10:00:00"
    std::string iso() const;
    /// "1 февраля 2021 г., 10:00"
    std::string russian() const;
};

/// Russian month name in the nominative ("январь") or genitive ("января").
std::string russian_month(int month, bool genitive);

/// "2020/21" for a school year starting in 2020.
std::string school_year_label(int start_year);

}  // namespace nk
