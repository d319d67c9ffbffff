#include "editor/overlay_check.h"

#include <boost/filesystem.hpp>
#include <map>

#include "diag/messages.h"
#include "editor/record_files.h"
#include "editor/toml_patch.h"
#include "fs/file_system.h"
#include "fs/text.h"
#include "pipeline/pipeline.h"

namespace nk::editor {

std::optional<std::string> key_of_position(const std::string& text, const std::string& path,
                                           int line, int column) {
    if (line <= 0) return std::nullopt;
    // Diagnostics count lines and columns in the text as the loader reads it.
    std::string normal = text::normalize_newlines(text);
    std::string ext = boost::filesystem::path(path).extension().string();
    auto part = toml_part(normal, ext);
    if (!part) return std::nullopt;
    int last_line = part->line;
    for (size_t i = part->begin; i < part->end; ++i)
        if (normal[i] == '\n') ++last_line;
    if (ext == ".md" && line > last_line) return "body";
    if (line < part->line) return std::nullopt;
    auto key = key_at(std::string_view(normal).substr(part->begin, part->end - part->begin),
                      line - part->line + 1, std::max(column, 1));
    if (!key) return std::nullopt;
    return dotted(*key);
}

nlohmann::json check_with(const std::string& root, const std::string& path, const std::string& text,
                          bool drafts) {
    // One thread: the Russian of ThreadLanguage holds on it only (the build's output in the
    // terminal keeps its language).
    diag::ThreadLanguage russian(diag::Language::ru);
    std::map<std::string, std::string> overlay{{path, text}};
    pipeline::BuildOptions options;
    options.source = root;
    options.write = false;
    options.jobs = 1;
    options.drafts = drafts;
    options.overlay = &overlay;
    diag::Diagnostics diags;
    pipeline::load_and_validate(options, diags);
    nlohmann::json list = nlohmann::json::array();
    std::map<std::string, std::optional<std::string>> texts{{path, text}};
    for (const diag::Diagnostic& d : diags.sorted()) {
        auto [it, added] = texts.try_emplace(d.loc.path);
        if (added && folder_of(d.loc.path))
            it->second = fs::read_bytes((boost::filesystem::path(root) / d.loc.path).string(),
                                        fs::kMaxInputBytes);
        std::optional<std::string> key;
        if (it->second) key = key_of_position(*it->second, d.loc.path, d.loc.line, d.loc.column);
        list.push_back({{"path", d.loc.path},
                        {"line", d.loc.line},
                        {"col", d.loc.column},
                        {"severity", d.severity == diag::Severity::error ? "error" : "warning"},
                        {"message", d.message},
                        {"key", key ? nlohmann::json(*key) : nlohmann::json(nullptr)}});
    }
    return {{"diagnostics", list}};
}

}  // namespace nk::editor
