#pragma once
// Russian typography for everything the site shows: plurals, numbers with units, «№» bound to
// its number. Names are ordered by text::russian_less (fs/collation.h).

#include <optional>
#include <string>
#include <string_view>

namespace nk::render {

/// U+00A0: keeps a number with its word or unit on one line.
inline constexpr std::string_view kNbsp = "\u00A0";

/// The form of a noun that goes with `n`: one (1, 21, 101), few (2–4, 22–24), many (0, 5–20,
/// 11–14, 111).
const char* plural_word(long n, const char* one, const char* few, const char* many);
/// "21 мероприятие", "4 программы": the number (thousands grouped) and its form, joined by a
/// non-breaking space.
std::string plural(long n, const char* one, const char* few, const char* many);
/// "12 345": thousands grouped by non-breaking spaces, as Russian typesetting does.
std::string group_digits(long n);

/// A measured value with its unit: "50 %" for "%", "0,28" for an index, "12 чел." otherwise;
/// at most two decimals, trailing zeros dropped. "—" when absent.
std::string with_unit(const std::optional<double>& v, std::string_view unit);
/// A change between two measurements: "+36 п. п." for percentages (percentage points),
/// "−0,05" for an index, "+3 чел." otherwise.
std::string change_with_unit(double delta, std::string_view unit);

/// Text with "№ " bound to the number that follows it ("№\u00A018").
std::string bind_numero(std::string_view text);

}  // namespace nk::render
