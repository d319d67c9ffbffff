// libFuzzer target: any bytes as a Markdown page. Splits the `+++` front matter the way the
// loader does (raw and after the UTF-8/newline checks of file reading), renders the body with
// the link checks, and prints the diagnostics with their source excerpts. Invariants of the
// split are checked: a violation aborts, which libFuzzer reports like a crash.

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "content/front_matter.h"
#include "diag/diagnostics.h"
#include "fs/text.h"
#include "markdown/markdown.h"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

/// A split page is made of pieces of the input, and its lines add up.
void check_split(std::string_view text, const nk::content::SplitPage& page) {
    require(text.find(page.front_matter) != std::string_view::npos);
    require(page.body.empty() || text.substr(text.size() - page.body.size()) == page.body);
    require(page.front_matter_line == 2);
    require(page.body_line >= 3);
    // The body starts right after the closing `+++` line, so the lines before it are the file's.
    size_t before = text.size() - page.body.size();
    size_t newlines = 0;
    for (size_t i = 0; i < before; ++i) newlines += text[i] == '\n';
    require(page.body.empty() || static_cast<int>(newlines) + 1 == page.body_line);
}

void split_and_render(std::string_view text) {
    nk::diag::Diagnostics diags;
    diags.add_source("fuzz.md", std::string(text));
    auto page = nk::content::split_front_matter(text, "fuzz.md", diags);
    require(page.has_value() != diags.has_errors());
    if (page) {
        check_split(text, *page);
        auto html = nk::markdown::render(page->body, "fuzz.md", page->body_line, diags);
        for (const auto& heading : html.headings) require(!heading.anchor.empty());
    }
    std::ostringstream sink;
    diags.print(sink);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    split_and_render(raw);
    // What fs::read_text hands to the loader: BOM and CR removed, valid UTF-8 only.
    std::string text = nk::text::normalize_newlines(std::string(raw));
    size_t bad = nk::text::find_invalid_utf8(text);
    if (bad != std::string::npos) {
        auto at = nk::text::line_col_at(text, bad);
        require(at.line >= 1 && at.column >= 1);
        return 0;
    }
    split_and_render(text);
    return 0;
}
