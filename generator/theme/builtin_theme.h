#pragma once
// The built-in theme: the default theme compiled into the generator. A site's themes/NAME/
// overrides it file by file (templates/X.mustache, static/…); a site without themes/ uses it as
// it is.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "theme/embedded_files.h"

namespace nk::theme {

/// The name of the built-in theme: `theme = "default"` needs no themes/default/ folder.
inline constexpr std::string_view kBuiltinThemeName = "default";

/// How diagnostics and the route table name a built-in file: "<built-in>/templates/x.mustache"
/// (not a path inside the site, and no ':' for problem matchers to split at).
inline constexpr std::string_view kBuiltinPrefix = "<built-in>/";

/// The built-in files under `folder` ("templates/", "static/"), sorted by path.
std::vector<EmbeddedFile> builtin_files_under(std::string_view folder);

/// One hash of every built-in file's path and bytes: the built-in theme's identity for the
/// incremental build (a generator with other built-in files renders pages anew).
uint64_t builtin_theme_hash();

/// Writes `files` under `dir`, creating it and the folders inside it. `dir` must not exist or
/// be an empty folder; returns "" on success, else why nothing (or, after a write error, not
/// everything) was written.
std::string write_embedded(const std::string& dir, std::span<const EmbeddedFile> files);

}  // namespace nk::theme
