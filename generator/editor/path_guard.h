#pragma once
// Which files the editor may read and write: records under content/ (.md) and data/ (.toml) of
// the site, named by a path relative to the site. Everything else is refused, whatever the
// spelling: percent-encoding, "..", absolute paths, backslashes, NUL, and symbolic links (of
// the file or of a folder on the way) that lead out of content/ or data/.

#include <optional>
#include <string>
#include <variant>

namespace nk::editor {

struct EditablePath {
    std::string relative;  ///< "data/schools/x.toml", as diagnostics name it
    std::string absolute;  ///< the file on disk (need not exist yet)
};

/// The checked path, or why it is refused (Russian).
std::variant<EditablePath, std::string> editable_path(const std::string& site_root,
                                                      const std::string& requested);

/// "%2e%2e" → ".."; nullopt for a broken escape.
std::optional<std::string> percent_decode(const std::string& s);

}  // namespace nk::editor
