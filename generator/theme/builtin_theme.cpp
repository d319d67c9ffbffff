#include "theme/builtin_theme.h"

#include <boost/filesystem.hpp>
#include <fstream>

#include "diag/messages.h"
#include "fs/hash_stream.h"

namespace nk::theme {

namespace bfs = boost::filesystem;

std::vector<EmbeddedFile> builtin_files_under(std::string_view folder) {
    std::vector<EmbeddedFile> found;
    for (const EmbeddedFile& f : builtin_theme_files())
        if (f.path.starts_with(folder)) found.push_back(f);
    return found;
}

uint64_t builtin_theme_hash() {
    static const uint64_t hash = [] {
        fs::HashStream h;
        for (const EmbeddedFile& f : builtin_theme_files()) h.add_sized(f.path).add_sized(f.bytes);
        return h.digest();
    }();
    return hash;
}

namespace {

// "" when `dir` may receive new files: it does not exist, or is an empty folder.
std::string refuse_target(const bfs::path& dir) {
    boost::system::error_code ec;
    auto status = bfs::symlink_status(dir, ec);
    if (!bfs::exists(status)) return "";
    if (!bfs::is_directory(status))
        return diag::tr("'{}' exists and is not a folder", dir.string());
    if (!bfs::is_empty(dir, ec) || ec)
        return diag::tr("the folder '{}' is not empty; choose a new or an empty folder",
                        dir.string());
    return "";
}

}  // namespace

std::string write_embedded(const std::string& dir, std::span<const EmbeddedFile> files) {
    bfs::path root(dir);
    if (std::string refused = refuse_target(root); !refused.empty()) return refused;
    for (const EmbeddedFile& f : files) {
        bfs::path path = root / std::string(f.path);
        boost::system::error_code ec;
        bfs::create_directories(path.parent_path(), ec);
        if (ec) return path.parent_path().string() + ": " + ec.message();
        std::ofstream out(path.string(), std::ios::binary);
        out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
        if (!out.flush()) return path.string() + ": " + diag::tr("cannot write the file");
    }
    return "";
}

}  // namespace nk::theme
