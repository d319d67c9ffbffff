#pragma once
// Files compiled into the generator at build time (cmake/embed_files.cmake): the built-in theme
// and the starter site of `nastavnik init`.

#include <span>
#include <string_view>

namespace nk::theme {

/// One embedded file. Both views point into static storage and live as long as the program.
struct EmbeddedFile {
    std::string_view path;   ///< relative, with '/' ("templates/index.mustache")
    std::string_view bytes;  ///< the file's content, byte for byte
};

/// The built-in theme, `themes/default/` of the generator's source tree: "templates/…" and
/// "static/…", sorted by path.
std::span<const EmbeddedFile> builtin_theme_files();

/// The starter site `nastavnik init` writes: config.toml, example records, .gitignore and the CI
/// recipes, sorted by path.
std::span<const EmbeddedFile> starter_site_files();

}  // namespace nk::theme
