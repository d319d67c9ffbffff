#pragma once
// Text helpers shared by every stage: UTF-8 checks, line/column arithmetic, escaping per context.

#include <cstdint>
#include <string>
#include <string_view>

namespace nk::text {

/// A 64-bit hash of `bytes` (XXH3): content fingerprints for incremental builds.
uint64_t hash64(std::string_view bytes);

/// Byte offset of the first invalid UTF-8 sequence, or npos when `s` is valid UTF-8.
size_t find_invalid_utf8(std::string_view s);

/// Strips a UTF-8 BOM and turns CRLF and a lone CR into LF, so positions are the same on every
/// platform and in every stage (cmark ends a line at a lone CR, as most editors do).
std::string normalize_newlines(std::string s);

/// 1-based line and column (in code points) of a byte offset; lines end at LF, CRLF or a lone CR.
struct LineCol {
    int line = 1;
    int column = 1;
};
LineCol line_col_at(std::string_view s, size_t offset);

std::string escape_html(std::string_view s);  ///< for element text and attribute values
std::string escape_xml(std::string_view s);   ///< XML 1.0: also drops forbidden control characters
/// JSON text made safe to embed in HTML (a <script> element or an attribute): '<', '>', '&',
/// U+2028 and U+2029 become \u003c, \u003e, \u0026, \u2028, \u2029. JSON has these only inside
/// strings, where the escapes mean the same characters, so the JSON value is unchanged, and no
/// "</script>" or "<!--" can end or bend the element.
std::string escape_json_for_html(std::string_view json);

/// Lower-cases Cyrillic and Latin letters (UTF-8) and folds ё to е.
std::string fold_case(std::string_view s);

/// Truncates to at most `max_chars` code points, adding "…" when it cut.
std::string truncate_chars(std::string_view s, size_t max_chars);

/// Number of UTF-8 code points.
size_t char_count(std::string_view s);

}  // namespace nk::text
