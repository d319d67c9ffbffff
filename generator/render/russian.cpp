#include "render/russian.h"

#include <cmath>
#include <cstdlib>

#include "render/view_models.h"

namespace nk::render {

const char* plural_word(long n, const char* one, const char* few, const char* many) {
    long mod100 = std::labs(n) % 100, mod10 = std::labs(n) % 10;
    if (mod100 >= 11 && mod100 <= 14) return many;
    if (mod10 == 1) return one;
    if (mod10 >= 2 && mod10 <= 4) return few;
    return many;
}

std::string group_digits(long n) {
    std::string digits = std::to_string(std::labs(n));
    std::string out = n < 0 ? "−" : "";
    // Four-digit numbers stay whole ("2024", "1500"), as Russian style guides advise.
    if (digits.size() <= 4) return out + digits;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += kNbsp;
        out += digits[i];
    }
    return out;
}

std::string plural(long n, const char* one, const char* few, const char* many) {
    return group_digits(n) + std::string(kNbsp) + plural_word(n, one, few, many);
}

namespace {

// "50", "0,28", "4,5": at most two decimals, no trailing zeros.
std::string compact(double v) {
    std::string s = format_number(v, 2);
    if (s.find(',') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == ',') s.pop_back();
    }
    return s;
}

bool is_index(std::string_view unit) {
    return unit.empty() || unit == "индекс" || unit == "балл индекса";
}

}  // namespace

std::string with_unit(const std::optional<double>& v, std::string_view unit) {
    if (!v) return "—";
    if (is_index(unit)) return compact(*v);
    return compact(*v) + std::string(kNbsp) + std::string(unit);
}

std::string change_with_unit(double delta, std::string_view unit) {
    std::string sign = delta > 0 ? "+" : delta < 0 ? "−" : "";
    std::string value = sign + compact(std::fabs(delta));
    if (is_index(unit)) return value;
    if (unit == "%") return value + std::string(kNbsp) + "п.\u00A0п.";
    return value + std::string(kNbsp) + std::string(unit);
}

std::string bind_numero(std::string_view text) {
    static constexpr std::string_view numero = "№ ";
    std::string out;
    out.reserve(text.size() + 8);
    size_t pos = 0;
    for (size_t at; (at = text.find(numero, pos)) != std::string_view::npos;) {
        out.append(text, pos, at - pos);
        out += "№";
        out += kNbsp;
        pos = at + numero.size();
    }
    out.append(text, pos, std::string_view::npos);
    return out;
}

}  // namespace nk::render
