#pragma once
// Checking an edit before it is saved: the whole site is loaded and validated as `check` does,
// with the edited text standing in for its file (nothing is written), and each diagnostic is
// tied to the key of the record it points at, so the form can show it beside its field.

#include <nlohmann/json.hpp>
#include <string>

namespace nk::editor {

/// {"diagnostics": [{"path", "line", "col", "severity", "message", "key"}]} for the site at
/// `root` with `text` in place of `path` (site-relative; a path not on disk is a new file).
/// Messages are in Russian whatever the process's language.
nlohmann::json check_with(const std::string& root, const std::string& path, const std::string& text,
                          bool drafts);

/// The dotted key of the record text `text` (the file `path`) at a diagnostic's line and
/// column; "body" in a page's Markdown; nullopt when none.
std::optional<std::string> key_of_position(const std::string& text, const std::string& path,
                                           int line, int column);

}  // namespace nk::editor
