#pragma once
// Typed, checked access to a TOML table: every accessor validates the type and range of one key
// and reports problems at the key's position; finish() reports keys nobody asked for.

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/date.h"
#include "diag/diagnostics.h"

namespace nk::config {

enum class Need { optional, required };

/// A string value with where it was written (ids, codes, URLs are checked later).
struct Located {
    std::string value;
    diag::SourceLoc loc;
};

/// Parses TOML text; on a syntax error reports it and returns nullopt. `leading_lines` blank
/// lines are prepended so positions count from the top of the enclosing file (front matter).
std::optional<toml::table> parse_toml(const std::string& text, const std::string& path,
                                      diag::Diagnostics& diags, int leading_lines = 0);

class TableReader {
  public:
    TableReader(const toml::table& table, std::string path, diag::Diagnostics& diags,
                diag::SourceLoc where = {});

    std::optional<std::string> text(std::string_view key, Need need = Need::optional);
    std::optional<Located> located_text(std::string_view key, Need need = Need::optional);
    std::optional<double> number(std::string_view key, Need need, double min, double max);
    std::optional<long> integer(std::string_view key, Need need, long min, long max);
    std::optional<bool> boolean(std::string_view key, Need need = Need::optional);
    std::optional<Date> date(std::string_view key, Need need = Need::optional);
    std::optional<DateTime> date_time(std::string_view key, Need need = Need::optional);
    std::vector<Located> strings(std::string_view key, Need need = Need::optional);
    std::vector<long> integers(std::string_view key, Need need, long min, long max);
    /// Number of elements of the array at `key` (0 when absent or not an array).
    size_t array_length(std::string_view key) const;
    /// Elements of an array of tables (`[[key]]`), each as a reader of its own.
    std::vector<TableReader> tables(std::string_view key, Need need = Need::optional);
    /// A sub-table (`[key]`), or nullopt when absent.
    std::optional<TableReader> table(std::string_view key);

    /// Every key with a string value, in file order (vocabularies); marks them all read.
    std::vector<std::pair<Located, Located>> string_entries();

    /// Reads `visibility` ("public" | "internal"); true when internal.
    bool internal_visibility();
    /// Reads the free-form `[internal]` table as display pairs.
    std::vector<std::pair<std::string, std::string>> internal_fields();

    /// Reports every key not read by an accessor, with "did you mean" over `known`; a key of
    /// `outer_keys` (one of the enclosing table's, written below a `[[table]]` header by
    /// mistake) gets `outer_hint` instead.
    void finish(const std::vector<std::string>& outer_keys = {},
                const std::string& outer_hint = {});
    /// True when some table of the array of tables `array_key` has `key` (not marking it read).
    bool nested_has(std::string_view array_key, std::string_view key) const;

    /// Where `key`'s value is written, or where the table starts when absent.
    diag::SourceLoc loc(std::string_view key) const;
    /// The line of the file where the text of string `key` begins (a multi-line string starts
    /// on the line after its opening quotes); 0 when absent.
    int text_line(std::string_view key) const;
    diag::SourceLoc where() const { return where_; }
    const std::string& path() const { return path_; }
    diag::Diagnostics& diags() { return *diags_; }
    /// Reports an error at `key`.
    void error(std::string_view key, const std::string& message);

  private:
    const toml::node* get(std::string_view key, Need need);
    void type_error(std::string_view key, const toml::node& node, const std::string& expected);

    const toml::table* table_;
    std::string path_;
    diag::Diagnostics* diags_;
    diag::SourceLoc where_;
    std::set<std::string, std::less<>> seen_;
};

/// While one is alive, every TableReader::finish() on this thread records the keys its loader
/// asked for, so that a test can compare them with the field descriptions (records/fields.h).
class AskedKeys {
  public:
    AskedKeys();
    ~AskedKeys();
    AskedKeys(const AskedKeys&) = delete;
    AskedKeys& operator=(const AskedKeys&) = delete;
    /// One entry per finished table, in the order they finished (the root table last).
    std::vector<std::vector<std::string>> tables;
};

/// The name of a TOML node's type, for messages ("a string", "an integer").
std::string toml_type_name(const toml::node& node);

/// Source position of a node.
diag::SourceLoc loc_of(const toml::node& node, const std::string& path);

}  // namespace nk::config
