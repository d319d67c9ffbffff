#pragma once
// JSON Schemas of config.toml and of every record type (SPEC §2), for editors with a TOML
// language server (Taplo, Even Better TOML): completion, descriptions in Russian, checks of
// types, ranges and codes while typing. The loaders stay the authority; the schemas mirror them.

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "config/site_config.h"

namespace nk::pipeline {

/// One schema: `name` is the file stem ("school" → school.schema.json).
struct Schema {
    std::string name;
    nlohmann::json json;
};

/// The schemas (JSON Schema draft 2020-12) of config.toml, the six data records and the front
/// matter of practices, events and pages. Vocabulary enums use the codes of `config`.
std::vector<Schema> record_schemas(const config::SiteConfig& config);

/// A field table of the editor's guide (docs/editing.md), in Markdown: `name` is "common" (the
/// fields of every record), a record type ("school") or a group within one ("school.years",
/// "competition.applications.scores").
struct FieldTable {
    std::string name;
    std::string markdown;
};

/// Every field table the descriptions of records/fields.h give, in the order of the guide.
std::vector<FieldTable> field_tables();

/// `nastavnik schema`: reads `source`/config.toml (for its vocabularies) and writes every schema
/// to `out_dir` (default `source`/schemas). Returns the exit status: 0, 1 on config errors or
/// when a file cannot be written (reported on `err`).
int run_schema(const std::string& source, const std::string& out_dir, std::ostream& log,
               std::ostream& err);

}  // namespace nk::pipeline
