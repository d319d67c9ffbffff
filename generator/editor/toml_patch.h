#pragma once
// Changing a TOML text the way a person would: a value is rewritten where it is written (toml++
// gives its source position), a new key goes after the last key of its table, a new `[[row]]`
// after the last row. Every other byte of the file (comments, order, spacing, line ends) stays.

#include <toml++/toml.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nk::editor {

/// JSON as the editor receives it: objects keep the order of their keys, so new keys and rows
/// are written in the order the form sends them.
using Json = nlohmann::ordered_json;

/// One step of a key path: a key of a table or the index of an array element.
using KeyStep = std::variant<std::string, size_t>;
using KeyPath = std::vector<KeyStep>;

/// "years.2.ior".
std::string dotted(const KeyPath& key);
/// A key path from JSON (["years", 2, "ior"]); nullopt when it is not an array of strings and
/// non-negative integers, or empty.
std::optional<KeyPath> key_path_from_json(const Json& key);

enum class EditOp { set, remove, append };

struct Edit {
    EditOp op = EditOp::set;
    KeyPath key;
    Json value;  ///< set, append
    /// The field's kind from the form descriptions ("date", "datetime", ...): a string value of
    /// a date field is written as a TOML date. An existing date value counts as a hint too.
    std::string kind;
    /// For a row or table value: the kinds of its members by dotted path within it, row
    /// indexes left out ("date", "deficits.source"), so an appended row's dates stay dates.
    std::map<std::string, std::string> member_kinds = {};
};

struct Patched {
    std::string text;
    std::string error;  ///< Russian, for the editor; "" when every edit applied
};

/// Applies `edits` in order to the TOML document `text` (a whole .toml file or the front
/// matter of a page). Nothing is applied when one of them cannot be (the error says which).
Patched patch_toml(std::string_view text, const std::vector<Edit>& edits);

/// The TOML text of a JSON value (a string as a basic string, or a date when `kind` asks and
/// it is one); nullopt for null and for numbers TOML cannot hold.
std::optional<std::string> toml_value_text(const Json& value, const std::string& kind);

/// The parsed TOML text, or nullopt (with why in `*error` when given).
std::optional<toml::table> parse_toml_text(std::string_view text, std::string* error = nullptr);

/// A TOML value as JSON: dates and times as the strings TOML writes (2021-02-01, 10:00:00).
nlohmann::json toml_to_json(const toml::node& node);

/// The key path of the value written at (line, column) of a TOML text (lines and columns from
/// 1, columns in code points as toml++ counts them): the innermost value or key there, else the
/// table whose lines hold that line; nullopt outside any key (or when the text does not parse).
std::optional<KeyPath> key_at(std::string_view text, int line, int column);

/// Where the parts of a page (a .md file with `+++` front matter) are, in bytes: the TOML is
/// [toml_begin, toml_end), the body starts at body_begin. nullopt when it has no front matter.
struct PageParts {
    size_t toml_begin = 0, toml_end = 0, body_begin = 0;
    int toml_line = 2;  ///< line of the file where the TOML starts
};
std::optional<PageParts> page_parts(std::string_view text);

}  // namespace nk::editor
