#include "fs/text.h"

#include <utf8proc.h>
#include <xxhash.h>

namespace nk::text {

uint64_t hash64(std::string_view bytes) {
    return XXH3_64bits(bytes.data(), bytes.size());
}

size_t find_invalid_utf8(std::string_view s) {
    // As utf8proc_iterate judges: no stray continuation bytes, no overlong forms, no surrogates,
    // nothing above U+10FFFF; with a fast path for ASCII, which is most of every file.
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        uint32_t cp = 0, min = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1Fu, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0Fu, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07u, min = 0x10000;
        } else {
            return i;
        }
        if (len > n - i) return i;
        for (size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string normalize_newlines(std::string s) {
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
    size_t cr = s.find('\r');
    if (cr == std::string::npos) return s;
    // A lone CR (old Mac files, a paste from elsewhere) ends a line too, as cmark and most
    // editors read it: every stage then counts lines and columns alike.
    size_t out = cr;
    for (size_t i = cr; i < s.size(); ++i) {
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
        s[out++] = s[i] == '\r' ? '\n' : s[i];
    }
    s.resize(out);
    return s;
}

LineCol line_col_at(std::string_view s, size_t offset) {
    LineCol lc;
    for (size_t i = 0; i < offset && i < s.size(); ++i) {
        // CRLF is one line end (its LF counts it), a lone CR one of its own.
        bool crlf = s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n';
        if (s[i] == '\n' || (s[i] == '\r' && !crlf)) {
            ++lc.line;
            lc.column = 1;
        } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            ++lc.column;
        }
    }
    return lc;
}

namespace {

// HTML and XML escape the same five characters; only the apostrophe's entity differs, and XML 1.0
// also forbids most control characters.
std::string escape_markup(std::string_view s, const char* apostrophe, bool drop_controls) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (drop_controls && u < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += apostrophe;
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

std::string escape_html(std::string_view s) {
    return escape_markup(s, "&#39;", false);
}

std::string escape_xml(std::string_view s) {
    return escape_markup(s, "&apos;", true);
}

std::string escape_json_for_html(std::string_view json) {
    std::string out;
    out.reserve(json.size() + json.size() / 16);
    for (size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (json.substr(i, 2) == "\xE2\x80" && i + 2 < json.size() &&
                   (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            // U+2028 and U+2029 end a line in older JavaScript, and a string with it.
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string fold_case(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
        if (n <= 0) {
            ++i;
            continue;
        }
        i += static_cast<size_t>(n);
        cp = utf8proc_tolower(cp);
        if (cp == 0x451) cp = 0x435;  // ё → е
        utf8proc_uint8_t buf[4];
        auto len = utf8proc_encode_char(cp, buf);
        out.append(reinterpret_cast<char*>(buf), static_cast<size_t>(len));
    }
    return out;
}

size_t char_count(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string truncate_chars(std::string_view s, size_t max_chars) {
    size_t count = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == max_chars) {
            std::string out(s.substr(0, i));
            while (!out.empty() && out.back() == ' ') out.pop_back();
            return out + "…";
        }
    }
    return std::string(s);
}

}  // namespace nk::text
