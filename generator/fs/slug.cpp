#include "fs/slug.h"

#include <utf8proc.h>

#include <array>

#include "fs/text.h"

namespace nk::fs {

namespace {

// Lower-case Russian letters а..я in code-point order, then ё.
constexpr std::array<const char*, 32> kRussian = {
    "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};

const char* transliterate(utf8proc_int32_t cp) {
    if (cp >= 0x430 && cp <= 0x44F) return kRussian[static_cast<size_t>(cp - 0x430)];
    if (cp == 0x451) return "e";
    if (cp == 0x456) return "i";  // Ukrainian/Belarusian і
    return nullptr;
}

}  // namespace

std::string slugify(std::string_view title) {
    std::string folded = text::fold_case(title);
    std::string out;
    bool pending_dash = false;
    size_t i = 0;
    while (i < folded.size()) {
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(folded.data() + i),
                                  static_cast<utf8proc_ssize_t>(folded.size() - i), &cp);
        i += n > 0 ? static_cast<size_t>(n) : 1;
        std::string piece;
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            piece = static_cast<char>(cp);
        } else if (const char* t = transliterate(cp)) {
            piece = t;
            if (piece.empty()) continue;  // ъ, ь vanish without splitting the word
        } else {
            pending_dash = true;
            continue;
        }
        if (pending_dash && !out.empty()) out += '-';
        pending_dash = false;
        out += piece;
    }
    return out;
}

bool is_valid_id(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

}  // namespace nk::fs

namespace nk::fs {

bool is_valid_code(std::string_view code) {
    if (code.empty()) return false;
    for (char c : code) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return true;
}

}  // namespace nk::fs
