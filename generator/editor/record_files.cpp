#include "editor/record_files.h"

#include <toml++/toml.h>

#include <algorithm>
#include <boost/filesystem.hpp>

#include "editor/atomic_file.h"
#include "editor/toml_patch.h"
#include "fs/collation.h"
#include "fs/file_system.h"

namespace nk::editor {

const std::vector<RecordFolder>& record_folders() {
    static const std::vector<RecordFolder> folders = {
        {"school", "data/schools", ".toml"},
        {"practice", "content/practices", ".md"},
        {"event", "content/events", ".md"},
        {"mentorship", "data/mentorships", ".toml"},
        {"association", "data/associations", ".toml"},
        {"plan", "data/plans", ".toml"},
        {"competition", "data/competitions", ".toml"},
        {"reserve", "data/reserve", ".toml"},
        {"transition", "data/transitions", ".toml"},  // programmes of ШНОР (seed 002 §4.3)
        {"page", "content/pages", ".md"},
    };
    return folders;
}

const RecordFolder* folder_of(const std::string& relative) {
    for (const RecordFolder& f : record_folders())
        if (relative.rfind(f.dir + "/", 0) == 0 &&
            relative.find('/', f.dir.size() + 1) == std::string::npos &&
            fs::has_extension(relative, f.ext))
            return &f;
    return nullptr;
}

const RecordFolder* folder_of_type(const std::string& type) {
    for (const RecordFolder& f : record_folders())
        if (f.type == type) return &f;
    return nullptr;
}

std::optional<TomlPart> toml_part(const std::string& bytes, const std::string& ext) {
    if (ext != ".md") {
        size_t bom = bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
        return TomlPart{bom, bytes.size(), 1};
    }
    auto parts = page_parts(bytes);
    if (!parts) return std::nullopt;
    return TomlPart{parts->toml_begin, parts->toml_end, parts->toml_line};
}

std::string title_of(const std::string& text, const std::string& ext) {
    auto part = toml_part(text, ext);
    if (!part) return "";
    auto parsed =
        parse_toml_text(std::string_view(text).substr(part->begin, part->end - part->begin));
    if (!parsed) return "";
    for (const char* key : {"title", "short_name", "name", "full_name"})
        if (auto v = (*parsed)[key].value<std::string>(); v && !v->empty()) return *v;
    return "";
}

std::vector<RecordEntry> list_records(const std::string& root,
                                      const std::set<std::string>& changed) {
    std::vector<RecordEntry> out;
    for (const RecordFolder& folder : record_folders()) {
        diag::Diagnostics ignored;  // `check` reports unreadable files; the list just skips them
        std::vector<RecordEntry> of_type;
        for (const fs::SiteFile& f : fs::list_files(root, folder.dir, folder.ext, ignored)) {
            auto bytes = fs::read_bytes(f.absolute, fs::kMaxInputBytes);
            std::string id = boost::filesystem::path(f.relative).stem().string();
            std::string title = bytes ? title_of(*bytes, folder.ext) : "";
            of_type.push_back({folder.type, id, f.relative, title.empty() ? id : title,
                               changed.count(f.relative) > 0});
        }
        std::stable_sort(of_type.begin(), of_type.end(),
                         [](const RecordEntry& a, const RecordEntry& b) {
                             return text::russian_less(a.title, b.title);
                         });
        out.insert(out.end(), of_type.begin(), of_type.end());
    }
    return out;
}

nlohmann::json record_document(const std::string& bytes, const std::string& ext) {
    nlohmann::json doc = {{"text", bytes}, {"hash", content_hash(bytes)}, {"values", nullptr}};
    auto part = toml_part(bytes, ext);
    if (part) {
        auto parsed =
            parse_toml_text(std::string_view(bytes).substr(part->begin, part->end - part->begin));
        if (parsed) doc["values"] = toml_to_json(*parsed);
    }
    if (ext == ".md") {
        auto parts = page_parts(bytes);
        doc["body"] = parts ? bytes.substr(parts->body_begin) : bytes;
    }
    return doc;
}

}  // namespace nk::editor
