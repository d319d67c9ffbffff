#include "editor/path_guard.h"

#include <sys/stat.h>

#include <boost/filesystem.hpp>
#include <vector>

#include "fs/file_system.h"

namespace nk::editor {

namespace {

namespace bfs = boost::filesystem;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

const char* kRefused =
    "этот файл редактор не меняет: только записи в content/ (.md) и data/ (.toml)";

bool inside(const bfs::path& path, const bfs::path& folder) {
    std::string p = path.generic_string(), f = folder.generic_string() + "/";
    return p.rfind(f, 0) == 0;
}

}  // namespace

std::optional<std::string> percent_decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        int hi = i + 2 < s.size() ? hex_digit(s[i + 1]) : -1;
        int lo = hi >= 0 ? hex_digit(s[i + 2]) : -1;
        if (lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

std::variant<EditablePath, std::string> editable_path(const std::string& site_root,
                                                      const std::string& requested) {
    auto decoded = percent_decode(requested);
    // A '%' left after decoding is an encoding of an encoding: no record is named so.
    if (!decoded || decoded->empty() || decoded->find('%') != std::string::npos) return kRefused;
    const std::string& path = *decoded;
    for (char c : path)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7F) return kRefused;
    if (path[0] == '/') return kRefused;
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
        size_t slash = path.find('/', start);
        std::string part = path.substr(start, slash == std::string::npos ? slash : slash - start);
        // "", ".", ".." and hidden names (.git, editors' temporary files) are not records.
        if (part.empty() || part[0] == '.') return kRefused;
        parts.push_back(part);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    const std::string& top = parts[0];
    std::string ext = top == "content" ? ".md" : top == "data" ? ".toml" : "";
    if (ext.empty() || parts.size() < 3 || !fs::has_extension(parts.back(), ext)) return kRefused;

    boost::system::error_code ec;
    bfs::path root = bfs::canonical(site_root, ec);
    if (ec) return kRefused;
    bfs::path base = root / top;
    // The record folders and every folder on the way must really be inside content/ or data/
    // (a symbolic link may point anywhere); the file itself must not be a link at all.
    if (bfs::exists(bfs::path(site_root) / top, ec) &&
        bfs::canonical(bfs::path(site_root) / top, ec) != base)
        return kRefused;
    bfs::path parent = bfs::path(site_root);
    for (size_t i = 0; i + 1 < parts.size(); ++i) parent /= parts[i];
    bfs::path real_parent = bfs::weakly_canonical(parent, ec);
    if (ec || !inside(real_parent, base)) return kRefused;
    bfs::path file = real_parent / parts.back();
    struct stat st {};
    if (::lstat(file.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return kRefused;
    return EditablePath{path, file.string()};
}

}  // namespace nk::editor
