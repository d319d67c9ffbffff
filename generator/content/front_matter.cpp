#include "content/front_matter.h"

namespace nk::content {

namespace {

// A delimiter line is "+++" with optional trailing spaces.
bool is_delimiter(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "+++";
}

}  // namespace

std::optional<SplitPage> split_front_matter(std::string_view text, const std::string& path,
                                            diag::Diagnostics& diags) {
    size_t first_end = text.find('\n');
    std::string_view first = text.substr(0, first_end);
    if (!is_delimiter(first)) {
        diags.error({path, 1, 1},
                    "expected '+++' on the first line: a page starts with TOML front matter "
                    "between two '+++' lines");
        return std::nullopt;
    }
    if (first_end == std::string_view::npos) {
        diags.error({path, 1, 1}, "front matter is not closed: add a line '+++' after it");
        return std::nullopt;
    }
    SplitPage page;
    size_t pos = first_end + 1;
    int line = 2;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        std::string_view current =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (is_delimiter(current)) {
            page.front_matter = std::string(text.substr(first_end + 1, pos - first_end - 1));
            page.body_line = line + 1;
            page.body = end == std::string_view::npos ? "" : std::string(text.substr(end + 1));
            return page;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
        ++line;
    }
    diags.error({path, 1, 1}, "front matter is not closed: add a line '+++' after it");
    return std::nullopt;
}

}  // namespace nk::content
