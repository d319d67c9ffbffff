#pragma once
// The editor's forms: every record type with the descriptions of its fields, as JSON for the
// browser (generator/editor/ui/edit.js). PLACEHOLDER by edsrv, replaced by edui.

#include <nlohmann/json.hpp>

#include "config/site_config.h"

namespace nk::editor {

/// {"types": [{"type", "label", "dir", "ext", "fields": [...]}]} (see /work/editor-api.md).
nlohmann::json form_descriptions(const config::SiteConfig& config);

}  // namespace nk::editor
