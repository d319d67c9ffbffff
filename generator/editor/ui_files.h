#pragma once
// The browser editor's page, script and style (generator/editor/ui/), compiled into the
// generator by cmake/embed_files.cmake as the built-in theme is.

#include "theme/embedded_files.h"

namespace nk::theme {

/// "edit.html", "edit.js", "edit.css", … sorted by name.
std::span<const EmbeddedFile> editor_ui_files();

}  // namespace nk::theme
