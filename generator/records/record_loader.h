#pragma once
// Shared pieces of the record loaders.

#include <optional>
#include <string>

#include "config/toml_reader.h"
#include "records/loaders.h"
#include "records/records.h"

namespace nk::records {

/// Fills id, path, position, `visibility`, `draft` and `[internal]`; reports an id that is not
/// [a-z0-9-]+.
void read_common(config::TableReader& r, const Origin& origin, RecordBase& base);

/// " (did you mean 'https://…'?)" for an address written without its scheme, else "".
std::string url_hint(const std::string& url);

/// Reads a URL field; refuses anything but http(s) (javascript:, data:, vbscript: …).
std::string read_url(config::TableReader& r, std::string_view key);

/// Reads a string that must be one of `allowed`, with "did you mean" when it is not.
std::string read_choice(config::TableReader& r, std::string_view key,
                        const std::vector<std::string>& allowed, const std::string& fallback,
                        config::Need need = config::Need::optional);

/// A single id reference, kept with its position for the model to resolve.
std::optional<Located> read_ref(config::TableReader& r, std::string_view key,
                                config::Need need = config::Need::optional);

/// True when `url` is an absolute http(s) URL (or a site-relative path when `allow_relative`).
bool is_safe_url(const std::string& url, bool allow_relative);

/// Parses TOML text (or front matter, with line offset) and runs `fill` on the root reader.
template <typename Record, typename Fill>
std::optional<Record> load_toml_record(const std::string& text, const Origin& origin,
                                       diag::Diagnostics& d, Fill fill, int leading_lines = 0) {
    auto table = config::parse_toml(text, origin.path, d, leading_lines);
    if (!table) return std::nullopt;
    config::TableReader r(*table, origin.path, d);
    Record record;
    read_common(r, origin, record);
    fill(r, record);
    r.finish();
    return record;
}

}  // namespace nk::records
