#pragma once
// JSON written as text, laid out byte for byte as nlohmann::json lays it out, for files too
// large to build as json values first (the search index's shards, /api/practices.json).

#include <string>
#include <string_view>
#include <vector>

namespace nk::output {

/// Appends `s` (valid UTF-8) as a JSON string, escaped exactly as nlohmann::json::dump escapes
/// it, so that files written by hand and by the library read the same.
void append_json_string(std::string& out, std::string_view s);

/// Writes values as nlohmann::json::dump(1, '\t') does: each member and item on its own line,
/// indented with tabs; an empty object or array as {} or []. Members must come in the order
/// nlohmann keeps them in, sorted by key.
class PrettyJsonWriter {
  public:
    explicit PrettyJsonWriter(std::string& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    /// The key of the next value, in an object.
    void key(std::string_view name);

    void string(std::string_view value);
    /// A key and its string value.
    void member(std::string_view name, std::string_view value) {
        key(name);
        string(value);
    }
    void number(double value);  ///< as nlohmann prints a double
    void null();
    void strings(const std::vector<std::string>& values);

  private:
    void before_value();
    void open(char bracket);
    void close(char bracket);
    void indent(size_t level);

    std::string& out_;
    std::vector<size_t> counts_;  ///< values so far in each open container
    bool after_key_ = false;
};

}  // namespace nk::output
