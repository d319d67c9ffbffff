#include "output/search_text.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace nk::output {

namespace {

// `name` is compared without regard to ASCII case, with no allocation.
bool is_block_tag(std::string_view name) {
    static constexpr std::array<std::string_view, 22> kBlock = {
        "p",   "br", "li", "ul", "ol",    "h1",    "h2",    "h3",         "h4",  "h5", "h6",
        "div", "td", "th", "tr", "table", "thead", "tbody", "blockquote", "pre", "hr", "section"};
    return std::any_of(kBlock.begin(), kBlock.end(), [&](std::string_view block) {
        return block.size() == name.size() &&
               std::equal(block.begin(), block.end(), name.begin(), [](char a, char b) {
                   return a == std::tolower(static_cast<unsigned char>(b));
               });
    });
}

std::string_view tag_name(std::string_view html, size_t lt) {
    size_t start = lt + 1;
    if (start < html.size() && html[start] == '/') ++start;
    size_t end = start;
    while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
    return html.substr(start, end - start);
}

void append_code_point(std::string& out, long cp) {
    utf8proc_uint8_t buf[4];
    auto len = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out.append(reinterpret_cast<char*>(buf), static_cast<size_t>(len));
}

}  // namespace

size_t detail::decode_reference(std::string_view html, size_t amp, std::string& out) {
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

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

// Hand-written scans below: std::string::find_first_of calls memchr once per character.
std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0, n = s.size();
    while (i < n) {
        size_t run = i;
        while (run < n && !is_space(s[run])) ++run;
        out.append(s.substr(i, run - i));
        while (run < n && is_space(s[run])) ++run;
        if (run < n && !out.empty()) out += ' ';
        i = run;
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
    walk_html_text(
        html,
        [&](std::string_view text) {
            out.append(text);
            return true;
        },
        [&] { out += ' '; });
    return collapse_spaces(out);
}

std::string html_excerpt(std::string_view html, size_t max_chars) {
    // html_to_text and truncate_chars in one pass that stops at the limit: every practice's
    // snippet is made this way, and most of its text is never looked at.
    std::string out;
    out.reserve(max_chars * 2 + 8);
    size_t count = 0;
    bool pending_space = false, truncated = false;
    auto full = [&] {
        truncated = true;
        return false;
    };
    auto put = [&](std::string_view text) {
        for (char c : text) {
            if (is_space(c)) {
                pending_space = true;
                continue;
            }
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // a character starts
                if (pending_space && !out.empty()) {
                    if (count == max_chars) return full();
                    out += ' ';
                    ++count;
                }
                pending_space = false;
                if (count == max_chars) return full();
                ++count;
            }
            out += c;
        }
        return true;
    };
    walk_html_text(html, put, [&] { pending_space = true; });
    if (truncated) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "…";
    }
    return out;
}

namespace detail {

bool starts_block_tag(std::string_view html, size_t lt) {
    return is_block_tag(tag_name(html, lt));
}

int lower_code_point(int cp) {
    return utf8proc_tolower(cp);
}

size_t fold_other_char(std::string_view text, size_t i, std::string& word, bool& is_word) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    is_word = n > 0 && is_word_char(cp);
    if (is_word) {
        cp = utf8proc_tolower(cp);
        if (cp == 0x451) cp = 0x435;  // ё → е
        append_code_point(word, cp);
    }
    return n > 0 ? static_cast<size_t>(n) : 1;
}

}  // namespace detail

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
