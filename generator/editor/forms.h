#pragma once
// The editor's forms: every record type with the descriptions of its fields (records/fields.h),
// as JSON for the browser (generator/editor/ui/edit.js): vocabulary codes with their Russian
// labels from config.toml, references to schools and other records as pickers.

#include <nlohmann/json.hpp>

#include "config/site_config.h"

namespace nk::editor {

/// {"types": [{"type", "label", "dir", "ext", "title_key", "fields": [...]}]}, each field
/// {"key", "label", "kind", "required", "help", and as the kind needs "min", "max",
/// "min_items", "max_items", "options": [{"code", "label"}], "pair_options" (directions of a
/// network pair), "ref_type", "item_url", "markdown", "fields" (a group's rows, `visibility`
/// included where a row may be internal)} (see /work/editor-api.md). Older names of fields
/// (`winners_count`) are left out: the form writes the current one.
nlohmann::json form_descriptions(const config::SiteConfig& config);

}  // namespace nk::editor
