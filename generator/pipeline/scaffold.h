#pragma once
// `nastavnik new`: scaffolds a record file with every field an editor fills in.

#include <optional>
#include <string>

#include "config/date.h"

namespace nk::pipeline {

/// The longest slug a scaffolded file name gets, in bytes (a slug is ASCII): with the folder's
/// ".md" or ".toml" the name stays well under the 255 bytes a file system allows, and readable.
inline constexpr size_t kMaxScaffoldSlug = 80;

/// Why `title` cannot title a new record, or "" when it can: it must be valid UTF-8, not blank,
/// and on one line, without control characters (newline, tab, CR, DEL, U+0080–U+009F, U+2028,
/// U+2029).
std::string scaffold_title_problem(const std::string& title);

/// Text of a new record of `kind` (practice | school | event | mentorship) titled `title`.
std::optional<std::string> scaffold_text(const std::string& kind, const std::string& title,
                                         const Date& today);
/// Site-relative path of the new record: "content/practices/<slug>.md", "data/schools/<slug>.toml".
/// A slug longer than kMaxScaffoldSlug is cut at the last word ('-') that fits. nullopt when the
/// title has no letters or digits to make a slug of.
std::optional<std::string> scaffold_path(const std::string& kind, const std::string& title);

}  // namespace nk::pipeline
