#pragma once
// Splits a Markdown page into its `+++` TOML front matter and body, keeping whole-file line
// numbers.

#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"

namespace nk::content {

struct SplitPage {
    std::string front_matter;   ///< the TOML between the `+++` lines
    int front_matter_line = 2;  ///< line of the file where the TOML starts
    std::string body;           ///< the Markdown after the closing `+++`
    int body_line = 0;          ///< line of the file where the body starts
};

/// Splits normalized text (LF newlines, no BOM). Reports a missing opening or closing `+++`.
std::optional<SplitPage> split_front_matter(std::string_view text, const std::string& path,
                                            diag::Diagnostics& diags);

}  // namespace nk::content
