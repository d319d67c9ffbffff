#pragma once
// One description per field of every record type (SPEC §2): its key, Russian label and help,
// kind, whether it is required, range, vocabulary and nested rows. The JSON Schemas
// (pipeline/schema.cpp), the editor's forms (editor/forms.cpp), the field tables of
// docs/editing.md and the loaders' lists of known keys all come from here; the loaders stay the
// authority on what a value means, and a unit test checks both agree key for key.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/site_config.h"

namespace nk::records {

enum class FieldKind {
    text,            ///< one line of text
    textarea,        ///< text of several lines (`markdown` says whether it is Markdown)
    integer,         ///< TOML integer in [min, max]
    number,          ///< TOML integer or float in [min, max]
    boolean,         ///< true / false
    date,            ///< TOML local date
    datetime,        ///< TOML local date or local date-time
    url,             ///< http(s) address
    vocab,           ///< one code: of `vocabulary` in config.toml, or of the fixed `choices`
    vocab_list,      ///< several codes of `vocabulary`
    school_ref,      ///< the id of a school (data/schools/)
    school_refs,     ///< ids of schools
    record_ref,      ///< the id of a record of `ref_type` (mentorship, association)
    strings,         ///< list of strings (`item_url`: each an http(s) address)
    integers,        ///< list of integers in [min, max]
    group,           ///< array of tables (`[[key]]`), each row with `fields`
    internal_table,  ///< the free-form `[internal]` table
    markdown_body,   ///< the Markdown text after the front matter (.md records)
};

/// A code with its Russian label.
using Choice = std::pair<std::string, std::string>;

struct Field {
    std::string key;
    std::string label;  ///< short Russian name: the form's label, the first words of the help
    FieldKind kind = FieldKind::text;
    bool required = false;
    std::optional<double> min, max;              ///< value range (integer, number, integers)
    std::optional<size_t> min_items, max_items;  ///< list or row counts
    std::string vocabulary;                      ///< config vocabulary name for vocab / vocab_list
    std::string pair_vocabulary;  ///< used instead when the record's format is "pair"
    std::vector<Choice> choices;  ///< fixed codes of a vocab field without `vocabulary`
    std::string ref_type;         ///< record type of a record_ref ("mentorship")
    std::string help;             ///< Russian sentences, plain text (forms, schema, docs)
    std::string doc_values;  ///< docs only: Markdown added to «Допустимые значения»
    bool markdown = false;              ///< textarea: Markdown text
    bool item_url = false;              ///< strings: every item is an http(s) address
    bool rows_may_be_internal = false;  ///< group: each row accepts `visibility`
    std::string alias_of;       ///< an older name of another field, still read (not in forms, docs)
    std::vector<Field> fields;  ///< group: the fields of a row
};

/// A record type: where its files live and its fields (common ones included, body last).
struct RecordType {
    std::string type;       ///< "school"
    std::string label;      ///< Russian plural for lists: «Школы»
    std::string dir;        ///< "data/schools"
    std::string ext;        ///< ".toml" or ".md"
    std::string title_key;  ///< the field that names a record ("name", "title", "full_name")
    std::string schema_title, schema_description;
    std::vector<Field> fields;
};

/// Every record type, in the order the editor lists them.
const std::vector<RecordType>& record_types();

/// The type named `type`, or nullptr.
const RecordType* find_record_type(const std::string& type);

/// The field at a dotted path of keys ("years.deficits.area"; row indexes are skipped, so
/// "years.2.ior" works too), or nullptr.
const Field* find_field(const RecordType& type, const std::string& dotted_path);

/// The keys of `fields` (aliases included, the Markdown body left out).
std::vector<std::string> field_keys(const std::vector<Field>& fields);

/// The fields every record accepts (`visibility`, `draft`, `[internal]`).
const std::vector<Field>& common_fields();

/// The vocabulary of `config` a field names ("forms", "event_kinds", … as in config.toml).
const config::Vocabulary& vocabulary_of(const config::SiteConfig& config, const std::string& name);

/// The field `visibility` every row of a group with `rows_may_be_internal` accepts.
const Field& row_visibility_field();

}  // namespace nk::records
