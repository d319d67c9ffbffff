#pragma once
// `nastavnik new`: scaffolds a record file with every field an editor fills in.

#include <optional>
#include <string>

#include "config/date.h"

namespace nk::pipeline {

/// Text of a new record of `kind` (practice | school | event | mentorship) titled `title`.
std::optional<std::string> scaffold_text(const std::string& kind, const std::string& title,
                                         const Date& today);
/// Site-relative path of the new record: "content/practices/<slug>.md", "data/schools/<slug>.toml".
std::optional<std::string> scaffold_path(const std::string& kind, const std::string& title);

}  // namespace nk::pipeline
