#include "content/front_matter.h"

#include <vector>

#include "diag/messages.h"

namespace nk::content {

namespace {

// A delimiter line is "+++" with optional trailing spaces.
bool is_delimiter(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "+++";
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

/// Lines (from 1) that are `+++` delimiters, and whether every line before the first is blank.
struct Delimiters {
    std::vector<int> lines;
    bool blank_above = true;
};

Delimiters find_delimiters(std::string_view text) {
    Delimiters found;
    int line = 1;
    for (size_t pos = 0; pos < text.size() && found.lines.size() < 2; ++line) {
        size_t end = text.find('\n', pos);
        std::string_view current =
            text.substr(pos, end == std::string_view::npos ? end : end - pos);
        if (is_delimiter(current))
            found.lines.push_back(line);
        else if (found.lines.empty())
            found.blank_above = found.blank_above && is_blank(current);
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return found;
}

// The first line is not `+++`: front matter further down is named as such, so the editor knows
// to move it rather than to add another `+++`.
void report_misplaced(std::string_view text, const std::string& path, diag::Diagnostics& diags) {
    Delimiters found = find_delimiters(text);
    if (found.lines.size() < 2) {
        diags.error({path, 1, 1},
                    diag::tr("expected '+++' on the first line: a page starts with TOML front "
                             "matter between two '+++' lines"));
    } else if (found.blank_above) {
        diags.error({path, found.lines[0], 1},
                    diag::tr("'+++' must be on the first line of the file: remove the blank lines "
                             "above it"));
    } else {
        diags.error({path, 1, 1},
                    diag::tr("front matter must be at the top of the file, but it starts on line "
                             "{}: move the text above it below the closing '+++'",
                             found.lines[0]));
    }
}

}  // namespace

std::optional<SplitPage> split_front_matter(std::string_view text, const std::string& path,
                                            diag::Diagnostics& diags) {
    size_t first_end = text.find('\n');
    std::string_view first = text.substr(0, first_end);
    if (!is_delimiter(first)) {
        report_misplaced(text, path, diags);
        return std::nullopt;
    }
    if (first_end == std::string_view::npos) {
        diags.error({path, 1, 1},
                    diag::tr("front matter is not closed: add a line '+++' after it"));
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
    diags.error({path, 1, 1}, diag::tr("front matter is not closed: add a line '+++' after it"));
    return std::nullopt;
}

}  // namespace nk::content
