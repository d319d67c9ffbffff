#pragma once
// Markdown (GFM) → safe HTML with heading anchors, via cmark-gfm.

#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace nk::markdown {

struct Heading {
    int level = 0;
    std::string text;
    std::string anchor;
};

/// A link or image target written in the page, with its position (for the link checker).
struct LinkRef {
    std::string url;
    diag::SourceLoc loc;
};

struct Rendered {
    std::string html;
    std::vector<Heading> headings;
    /// Targets starting with '/' (before base-path rewrite) or '#' (an anchor on the same page).
    std::vector<LinkRef> internal_links;
};

struct Options {
    std::string base_path = "/";  ///< prefix for site-relative links ("/", or "/sub/")
};

/// Renders `source` (whose first line is line `first_line` of `path`). Raw HTML is removed with a
/// warning; javascript:, data:, vbscript: and other non-web links are refused with an error.
/// Thread-safe.
Rendered render(const std::string& source, const std::string& path, int first_line,
                diag::Diagnostics& diags, const Options& options = {});

/// Renders a short inline fragment (a school's offer); same safety rules.
std::string render_fragment(const std::string& source, const std::string& path, int first_line,
                            diag::Diagnostics& diags, const Options& options = {});

}  // namespace nk::markdown
