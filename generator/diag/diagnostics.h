#pragma once
// Diagnostics: one channel for every problem the pipeline finds, printed GCC-style.

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nk::diag {

/// A position in a source file; lines and columns count from 1, lines from the top of the file.
struct SourceLoc {
    std::string path;
    int line = 0;
    int column = 0;
};

enum class Severity { warning, error };

struct Diagnostic {
    Severity severity = Severity::error;
    SourceLoc loc;
    std::string message;
};

/// Collects every diagnostic of a run and remembers source texts so it can print the offending
/// line with a caret. Thread-safe: stages may report from worker threads.
class Diagnostics {
  public:
    void error(const SourceLoc& loc, std::string message);
    void warning(const SourceLoc& loc, std::string message);
    /// Reports as an error, or as a warning when `as_warning` (config `[rules] warn`).
    void report(const SourceLoc& loc, std::string message, bool as_warning);

    /// Remembers the text of `path` so printed diagnostics can quote its lines.
    void add_source(const std::string& path, std::string text);
    /// Remembers that the text of `path` is the file `file`, read only if a diagnostic quotes
    /// it (keeping every input's text would copy the whole site).
    void add_source_file(const std::string& path, std::string file);
    /// Reads any other path if a diagnostic quotes it (nullopt: nothing to quote). The loader
    /// reads the site's files with it, whether or not this build read them: a record taken from
    /// the build cache is not.
    using SourceReader = std::function<std::optional<std::string>(const std::string& path)>;
    void set_source_reader(SourceReader read);

    bool has_errors() const;
    int error_count() const;
    int warning_count() const;
    /// How many diagnostics point into `path` so far.
    size_t count_for(const std::string& path) const;
    /// Diagnostics sorted by path, line, column (stable for equal positions).
    std::vector<Diagnostic> sorted() const;

    /// Prints `path:line:col: error: message`, the source line and a caret, for each one.
    void print(std::ostream& out) const;
    /// One diagnostic as text (without the source excerpt).
    static std::string format(const Diagnostic& d);

    /// Line `line` (from 1) of `text`, without its line end. Lines end at LF, CRLF or a lone CR,
    /// as cmark and fs::normalize_newlines count them.
    static std::string_view line_of(std::string_view text, int line);

  private:
    /// A source's text and where each of its lines starts, found once: quoting is then constant
    /// time per diagnostic, not a scan from the top of the file.
    struct Source {
        std::string text;
        std::vector<size_t> line_starts;
    };
    std::string source_line(const std::string& path, int line) const;

    mutable std::mutex mutex_;
    std::vector<Diagnostic> items_;
    std::unordered_map<std::string, size_t> per_path_;  ///< diagnostics per loc.path
    mutable std::map<std::string, Source> sources_;     // files_ are read into it when quoted
    std::map<std::string, std::string> files_;
    SourceReader read_source_;
};

}  // namespace nk::diag
