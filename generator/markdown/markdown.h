#pragma once
// Markdown (GFM) → safe HTML with heading anchors, via cmark-gfm.

#include <memory>
#include <string>
#include <string_view>
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

/// Rendered HTML: owned, or (from the build cache) a view into the mapped cache file, which it
/// keeps alive, so that cached pages are not copied out of it.
class Html {
  public:
    Html() = default;
    Html(std::string text) : owned_(std::move(text)) {}  // NOLINT(google-explicit-constructor)
    Html(const char* text) : owned_(text) {}             // NOLINT(google-explicit-constructor)
    Html(std::string_view view, std::shared_ptr<const void> keep_alive)
        : view_(view), keep_alive_(std::move(keep_alive)) {}

    std::string_view view() const { return keep_alive_ ? view_ : std::string_view(owned_); }
    std::string str() const { return std::string(view()); }
    /// The text, moved out when owned (this is left empty).
    std::string release() && { return keep_alive_ ? str() : std::move(owned_); }
    size_t size() const { return view().size(); }
    friend bool operator==(const Html& a, const Html& b) { return a.view() == b.view(); }

  private:
    std::string owned_;
    std::string_view view_;
    std::shared_ptr<const void> keep_alive_;
};

struct Rendered {
    Html html;
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
