#include "diag/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace nk::diag {

void Diagnostics::error(const SourceLoc& loc, std::string message) {
    report(loc, std::move(message), false);
}

void Diagnostics::warning(const SourceLoc& loc, std::string message) {
    report(loc, std::move(message), true);
}

void Diagnostics::report(const SourceLoc& loc, std::string message, bool as_warning) {
    std::lock_guard lock(mutex_);
    ++per_path_[loc.path];
    items_.push_back({as_warning ? Severity::warning : Severity::error, loc, std::move(message)});
}

void Diagnostics::add_source(const std::string& path, std::string text) {
    std::lock_guard lock(mutex_);
    sources_[path] = Source{std::move(text), {}};
}

void Diagnostics::add_source_file(const std::string& path, std::string file) {
    std::lock_guard lock(mutex_);
    files_[path] = std::move(file);
}

void Diagnostics::set_source_reader(SourceReader read) {
    std::lock_guard lock(mutex_);
    read_source_ = std::move(read);
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

int Diagnostics::error_count() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::error;
    }));
}

int Diagnostics::warning_count() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(items_.size()) -
           static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
               return d.severity == Severity::error;
           }));
}

size_t Diagnostics::count_for(const std::string& path) const {
    std::lock_guard lock(mutex_);
    auto it = per_path_.find(path);
    return it == per_path_.end() ? 0 : it->second;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::lock_guard lock(mutex_);
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.loc.path, a.loc.line, a.loc.column) <
               std::tie(b.loc.path, b.loc.line, b.loc.column);
    });
    // The same problem found twice at the same place is printed once.
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Diagnostic& a, const Diagnostic& b) {
                              return a.loc.path == b.loc.path && a.loc.line == b.loc.line &&
                                     a.loc.column == b.loc.column && a.message == b.message;
                          }),
              out.end());
    return out;
}

std::string Diagnostics::format(const Diagnostic& d) {
    const char* kind = d.severity == Severity::error ? "error" : "warning";
    if (d.loc.line <= 0) return fmt::format("{}: {}: {}", d.loc.path, kind, d.message);
    return fmt::format("{}:{}:{}: {}: {}", d.loc.path, d.loc.line, std::max(d.loc.column, 1), kind,
                       d.message);
}

namespace {

/// Offsets where each line of `text` starts; a line ends at LF, CRLF or a lone CR.
std::vector<size_t> line_starts(std::string_view text) {
    std::vector<size_t> starts{0};
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        if (text[i] == '\n' || text[i] == '\r') starts.push_back(i + 1);
    }
    return starts;
}

std::string_view line_at(std::string_view text, const std::vector<size_t>& starts, int line) {
    if (line <= 0 || static_cast<size_t>(line) > starts.size()) return {};
    size_t begin = starts[static_cast<size_t>(line) - 1];
    size_t end =
        static_cast<size_t>(line) < starts.size() ? starts[static_cast<size_t>(line)] : text.size();
    std::string_view out = text.substr(begin, end - begin);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.remove_suffix(1);
    return out;
}

}  // namespace

std::string_view Diagnostics::line_of(std::string_view text, int line) {
    return line_at(text, line_starts(text), line);
}

std::string Diagnostics::source_line(const std::string& path, int line) const {
    if (line <= 0) return {};
    auto it = sources_.find(path);
    if (it == sources_.end()) {
        auto file = files_.find(path);
        std::string text;
        if (file != files_.end()) {
            std::ifstream in(file->second, std::ios::binary);
            text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // as fs::read_text loads it
        } else if (auto read = read_source_ ? read_source_(path) : std::nullopt) {
            text = std::move(*read);
        } else {
            return {};
        }
        it = sources_.emplace(path, Source{std::move(text), {}}).first;
    }
    Source& source = it->second;
    if (source.line_starts.empty()) source.line_starts = line_starts(source.text);
    return std::string(line_at(source.text, source.line_starts, line));
}

// The caret sits under the column counted in UTF-8 code points, so it lines up on a terminal.
static std::string caret_padding(const std::string& line, int column) {
    std::string pad;
    int cp = 1;
    for (size_t i = 0; i < line.size() && cp < column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        pad += line[i] == '\t' ? '\t' : ' ';
        ++cp;
    }
    return pad;
}

void Diagnostics::print(std::ostream& out) const {
    for (const Diagnostic& d : sorted()) {
        out << format(d) << '\n';
        std::string line;
        {
            std::lock_guard lock(mutex_);
            line = source_line(d.loc.path, d.loc.line);
        }
        if (line.empty() || line.size() > 400) continue;
        out << "    " << line << '\n'
            << "    " << caret_padding(line, std::max(d.loc.column, 1)) << "^\n";
    }
}

}  // namespace nk::diag
