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
    sources_[path] = std::move(text);
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
        it = sources_.emplace(path, std::move(text)).first;
    }
    const std::string& text = it->second;
    size_t pos = 0;
    for (int i = 1; i < line; ++i) {
        pos = text.find('\n', pos);
        if (pos == std::string::npos) return {};
        ++pos;
    }
    size_t end = text.find('\n', pos);
    std::string out = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return out;
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
