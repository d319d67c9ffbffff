#include "output/search_text.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace nk::output {

namespace {

bool is_block_tag(std::string_view name) {
    static constexpr std::array<std::string_view, 22> kBlock = {
        "p",   "br", "li", "ul", "ol",    "h1",    "h2",    "h3",         "h4",  "h5", "h6",
        "div", "td", "th", "tr", "table", "thead", "tbody", "blockquote", "pre", "hr", "section"};
    return std::find(kBlock.begin(), kBlock.end(), name) != kBlock.end();
}

// The lower-case name of the tag starting at `lt` ("<p>", "</li>", "<h2 id=...>").
std::string_view tag_name(std::string_view html, size_t lt) {
    size_t start = lt + 1;
    if (start < html.size() && html[start] == '/') ++start;
    size_t end = start;
    while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
    return html.substr(start, end - start);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void append_code_point(std::string& out, long cp) {
    utf8proc_uint8_t buf[4];
    auto len = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<char*>(buf), static_cast<size_t>(len));
}

// Decodes the character reference at `amp`; returns its length, or 0 when it is not one.
size_t decode_reference(std::string_view html, size_t amp, std::string& out) {
    size_t semi = html.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 10) return 0;
    std::string_view name = html.substr(amp + 1, semi - amp - 1);
    static const std::array<std::pair<std::string_view, std::string_view>, 6> kNamed = {
        {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}}};
    for (const auto& [n, text] : kNamed)
        if (name == n) {
            out += text;
            return semi - amp + 1;
        }
    if (name.size() < 2 || name[0] != '#') return 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string digits(name.substr(hex ? 2 : 1));
    char* end = nullptr;
    long cp = std::strtol(digits.c_str(), &end, hex ? 16 : 10);
    if (digits.empty() || *end != '\0' ||
        !utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(cp)))
        return 0;
    append_code_point(out, cp);
    return semi - amp + 1;
}

std::string collapse_spaces(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        size_t space = s.find_first_of(" \n\t\r", i);
        out.append(s, i, space == std::string::npos ? std::string::npos : space - i);
        if (space == std::string::npos) break;
        i = s.find_first_not_of(" \n\t\r", space);
        if (i == std::string::npos) break;
        if (!out.empty()) out += ' ';
    }
    return out;
}

bool is_word_char(utf8proc_int32_t cp) {
    switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
    }
}

}  // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    size_t i = 0;
    while (i < html.size()) {
        // Copy the run of text up to the next tag or character reference in one go.
        size_t special = html.find_first_of("<&", i);
        out.append(html.substr(i, special - i));
        if (special == std::string_view::npos) break;
        i = special;
        if (html[i] == '<') {
            size_t gt = html.find('>', i);
            if (gt == std::string_view::npos) break;
            if (is_block_tag(ascii_lower(tag_name(html, i)))) out += ' ';
            i = gt + 1;
        } else {
            size_t used = decode_reference(html, i, out);
            if (used == 0) out += '&';
            i += used ? used : 1;
        }
    }
    return collapse_spaces(out);
}

void for_each_word(std::string_view text, const std::function<void(std::string_view)>& fn) {
    std::string word;
    size_t chars = 0;
    auto flush = [&] {
        if (chars >= 2) fn(word);
        word.clear();
        chars = 0;
    };
    size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        // Fast paths for ASCII and the basic Cyrillic block, which is nearly all of the text;
        // they fold exactly as fold_case (and the browser's toLowerCase) do.
        if (c < 0x80) {
            if (std::isalnum(c)) {
                word += static_cast<char>(std::tolower(c));
                ++chars;
            } else {
                flush();
            }
            ++i;
            continue;
        }
        if ((c == 0xD0 || c == 0xD1) && i + 1 < text.size() &&
            (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
            // U+0400..U+047F: Cyrillic letters, every one a word character.
            int cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
            if (cp >= 0x410 && cp <= 0x42F)
                cp += 0x20;  // А..Я → а..я
            else if (cp == 0x401 || cp == 0x451)
                cp = 0x435;  // Ё, ё → е
            else if (cp < 0x430 || cp > 0x44F)
                cp = utf8proc_tolower(cp);
            word += static_cast<char>(0xC0 | (cp >> 6));
            word += static_cast<char>(0x80 | (cp & 0x3F));
            ++chars;
            i += 2;
            continue;
        }
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                  static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
        i += n > 0 ? static_cast<size_t>(n) : 1;
        if (n <= 0 || !is_word_char(cp)) {
            flush();
            continue;
        }
        cp = utf8proc_tolower(cp);
        if (cp == 0x451) cp = 0x435;  // ё → е
        append_code_point(word, cp);
        ++chars;
    }
    flush();
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    for_each_word(text, [&](std::string_view w) { out.emplace_back(w); });
    return out;
}

const std::vector<std::string>& stop_words() {
    // Function words from the Snowball Russian stop list, folded (ё → е); words that carry
    // meaning in school reports ("лучше", "больше", "два") are kept searchable.
    static const std::vector<std::string> kWords = [] {
        std::vector<std::string> w = {
            "а",     "без",   "бы",    "был",   "была", "были", "было", "быть", "в",     "вам",
            "вас",   "ведь",  "во",    "вот",   "все",  "всех", "вы",   "где",  "да",    "даже",
            "для",   "до",    "его",   "ее",    "ей",   "ему",  "если", "есть", "еще",   "же",
            "за",    "здесь", "и",     "из",    "или",  "им",   "их",   "к",    "как",   "ко",
            "когда", "кто",   "ли",    "либо",  "мне",  "мы",   "на",   "над",  "нам",   "нас",
            "не",    "него",  "нее",   "нет",   "ни",   "них",  "но",   "ну",   "о",     "об",
            "он",    "она",   "они",   "оно",   "от",   "по",   "под",  "при",  "про",   "с",
            "со",    "так",   "также", "там",   "те",   "тем",  "то",   "того", "тоже",  "той",
            "том",   "тот",   "ту",    "ты",    "у",    "уже",  "чем",  "что",  "чтобы", "эта",
            "эти",   "этим",  "это",   "этого", "этой", "этом", "этот", "эту",  "я"};
        std::sort(w.begin(), w.end());
        return w;
    }();
    return kWords;
}

bool is_stop_word(std::string_view folded_word) {
    const auto& w = stop_words();
    return std::binary_search(w.begin(), w.end(), folded_word);
}

RussianStemmer::RussianStemmer() : stemmer_(sb_stemmer_new("russian", "UTF_8")) {
    if (!stemmer_) throw std::runtime_error("libstemmer has no Russian stemmer");
}

RussianStemmer::~RussianStemmer() {
    sb_stemmer_delete(stemmer_);
}

std::string RussianStemmer::stem(std::string_view folded_word) {
    const sb_symbol* s =
        sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded_word.data()),
                        static_cast<int>(folded_word.size()));
    if (!s || sb_stemmer_length(stemmer_) == 0) return std::string(folded_word);
    return std::string(reinterpret_cast<const char*>(s),
                       static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace nk::output
