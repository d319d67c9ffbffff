#pragma once
// The record files of a site as the editor lists and opens them: every type's folder, each
// file's id and title, and a file's text split into its values and (for pages) its body.

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace nk::editor {

/// A record type: its code (as the form descriptions name it) and where its files are.
struct RecordFolder {
    std::string type;  ///< "school"
    std::string dir;   ///< "data/schools"
    std::string ext;   ///< ".toml" | ".md"
};

/// Every folder of records the loader reads, in the order the editor lists them.
const std::vector<RecordFolder>& record_folders();

/// The folder `relative` ("data/schools/x.toml") is a record of, or nullptr.
const RecordFolder* folder_of(const std::string& relative);
/// The folder of records of `type`, or nullptr.
const RecordFolder* folder_of_type(const std::string& type);

struct RecordEntry {
    std::string type, id, path, title;
    bool changed = false;
};

/// Every record file of the site, sorted by type, then by title in Russian order; `changed`
/// from the site-relative paths in `changed`.
std::vector<RecordEntry> list_records(const std::string& root,
                                      const std::set<std::string>& changed);

/// The title a record's text gives it (title, short_name, name or full_name), or "".
std::string title_of(const std::string& text, const std::string& ext);

/// A record's text as the editor opens it: {"text", "hash", "values", "body"} (values: the
/// TOML as JSON, null when it does not parse; body only for pages). `path` and `type` are the
/// caller's.
nlohmann::json record_document(const std::string& bytes, const std::string& ext);

/// The TOML part of a record's text: the whole .toml, or a page's front matter (nullopt when a
/// page has none), and the line of the file it starts on.
struct TomlPart {
    size_t begin = 0, end = 0;
    int line = 1;
};
std::optional<TomlPart> toml_part(const std::string& bytes, const std::string& ext);

}  // namespace nk::editor
