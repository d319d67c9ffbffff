#include "fs/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "diag/messages.h"
#include "fs/text.h"

namespace bfs = boost::filesystem;

namespace nk::fs {

namespace {

bool is_inside(const bfs::path& root, const bfs::path& p) {
    auto r = root.begin();
    auto q = p.begin();
    for (; r != root.end(); ++r, ++q) {
        if (q == p.end() || *r != *q) return false;
    }
    return true;
}

// Symlinks are allowed only when their target exists and stays within the site.
bool check_link(const bfs::path& root_canonical, const bfs::path& entry, const std::string& rel,
                diag::Diagnostics& diags) {
    boost::system::error_code ec;
    if (!bfs::is_symlink(bfs::symlink_status(entry, ec))) return true;
    bfs::path target = bfs::canonical(entry, ec);
    if (!ec && is_inside(root_canonical, target)) return true;
    // A dangling link is judged by where it points, read from the link itself.
    boost::system::error_code weak_ec;
    bfs::path link = bfs::read_symlink(entry, weak_ec);
    if (link.is_relative()) link = entry.parent_path() / link;
    bfs::path weak = bfs::weakly_canonical(link, weak_ec);
    if (!ec || (!weak_ec && !is_inside(root_canonical, weak)))
        diags.error({rel, 0, 0},
                    diag::tr("symbolic link points outside the site; it is not followed"));
    else if (ec == boost::system::errc::too_many_symbolic_link_levels)
        diags.error({rel, 0, 0},
                    diag::tr("symbolic link loops back on itself; it is not followed"));
    else
        diags.error({rel, 0, 0}, diag::tr("symbolic link points to a file that does not exist: {}",
                                          bfs::read_symlink(entry, ec).generic_string()));
    return false;
}

}  // namespace

bool leaves_site(const std::string& root, const std::string& relative) {
    boost::system::error_code ec;
    bfs::path root_canonical = bfs::canonical(root, ec);
    if (ec) return false;
    bfs::path target = bfs::canonical(bfs::path(root) / relative, ec);
    if (ec) return false;  // absent: nothing to look into
    return !is_inside(root_canonical, target);
}

bool has_extension(std::string_view name, std::string_view ext) {
    if (name.size() <= ext.size() || !name.ends_with(ext)) return false;
    // The extension starts at the last dot: "a.b.md" has ".md", "a.md.bak" has none of ".md".
    return name.find_last_of('.') == name.size() - ext.size();
}

std::optional<std::vector<DirEntry>> read_directory(const std::string& path) {
    DIR* d = ::opendir(path.c_str());
    if (!d) return std::nullopt;
    std::vector<DirEntry> out;
    while (const dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        DirEntry::Type type = e->d_type == DT_REG   ? DirEntry::regular
                              : e->d_type == DT_DIR ? DirEntry::directory
                                                    : DirEntry::other;
        out.push_back({std::move(name), type});
    }
    ::closedir(d);
    return out;
}

std::vector<SiteFile> list_files(const std::string& root, const std::string& dir,
                                 const std::string& ext, diag::Diagnostics& diags, bool recursive) {
    std::vector<SiteFile> files;
    boost::system::error_code ec;
    bfs::path base = bfs::path(root) / dir;
    if (!bfs::is_directory(base, ec)) return files;
    // The folder itself (or a parent such as content/) may be a link that leaves the site.
    if (leaves_site(root, dir)) {
        diags.error({dir, 0, 0}, diag::tr("folder is a symbolic link that points outside the site; "
                                          "it is not followed"));
        return files;
    }
    bfs::path root_canonical = bfs::canonical(root, ec);
    auto visit = [&](const bfs::directory_entry& entry) {
        // Lexical: bfs::relative would resolve a symlink and name its target, not the link.
        std::string rel = (bfs::path(dir) / entry.path().lexically_relative(base)).generic_string();
        if (!check_link(root_canonical, entry.path(), rel, diags)) return;
        if (entry.path().extension() != ext) return;
        if (entry.path().filename().string().front() == '.') return;  // editor swap files
        // Its own error code: the one of the directory walk must only say the walk failed.
        boost::system::error_code status_ec;
        bfs::file_status status = bfs::status(entry.path(), status_ec);
        if (bfs::is_regular_file(status))
            files.push_back({entry.path().string(), rel});
        else if (!bfs::is_directory(status))  // reading a pipe or a device would hang or never end
            diags.error({rel, 0, 0},
                        diag::tr("not a regular file (a pipe, socket or device); it is skipped"));
    };
    if (recursive) {
        for (bfs::recursive_directory_iterator it(base, ec), end; !ec && it != end;
             it.increment(ec))
            visit(*it);
    } else if (auto entries = read_directory(base.string())) {
        const std::string base_string = base.string();
        // The directory's own entry types spare a stat and an lstat of every record file; links
        // and unknown types take the careful path.
        for (const DirEntry& e : *entries) {
            if (e.type != DirEntry::regular) {
                visit(bfs::directory_entry(base / e.name));
                continue;
            }
            // Strings, not paths: a folder of 10,000 practices is listed on every build.
            if (has_extension(e.name, ext) && e.name.front() != '.')
                files.push_back({base_string + "/" + e.name, dir + "/" + e.name});
        }
    } else {
        ec = boost::system::error_code(errno, boost::system::generic_category());
    }
    if (ec) diags.error({dir, 0, 0}, diag::tr("cannot list directory: {}", ec.message()));
    std::sort(files.begin(), files.end(),
              [](const SiteFile& a, const SiteFile& b) { return a.relative < b.relative; });
    return files;
}

std::optional<std::string> read_bytes(const std::string& path, uint64_t max_bytes,
                                      uint64_t* oversize) {
    // open, fstat, read, close: every input of the site is read this way, and a system call
    // costs more than a file's worth of copying on a virtual machine.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        int saved = errno;
        ::close(fd);
        errno = saved;
        return std::nullopt;
    }
    if (static_cast<uint64_t>(st.st_size) > max_bytes) {
        ::close(fd);
        if (oversize) *oversize = static_cast<uint64_t>(st.st_size);
        return std::nullopt;
    }
    // The size fstat gave is read (no read() just to meet the end); a file that reports no size
    // (as /proc files do) is read until it ends.
    bool sized = st.st_size > 0;
    std::string out(static_cast<size_t>(st.st_size), '\0');
    size_t got = 0;
    for (;;) {
        if (got == out.size()) {
            if (sized) break;
            if (out.size() >= max_bytes) {
                ::close(fd);
                if (oversize) *oversize = out.size();
                return std::nullopt;
            }
            out.resize(out.size() + 4096);
        }
        ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int saved = errno;
            ::close(fd);
            errno = saved;
            if (n < 0) return std::nullopt;
            out.resize(got);
            return out;
        }
        got += static_cast<size_t>(n);
    }
    ::close(fd);
    return out;
}

std::optional<std::string> read_text(const SiteFile& file, diag::Diagnostics& diags) {
    uint64_t oversize = 0;
    auto bytes = file.overlay ? std::optional<std::string>(*file.overlay)
                              : read_bytes(file.absolute, kMaxInputBytes, &oversize);
    if (file.overlay && file.overlay->size() > kMaxInputBytes) oversize = file.overlay->size();
    if (oversize) {
        diags.error({file.relative, 0, 0},
                    diag::tr("file is too large ({} MB; the limit is 8 MB): is it a data file "
                             "placed here by mistake?",
                             oversize / (1024 * 1024)));
        return std::nullopt;
    }
    if (!bytes) {
        diags.error({file.relative, 0, 0}, diag::tr("cannot read file: {}", std::strerror(errno)));
        return std::nullopt;
    }
    if (bytes->empty()) {
        diags.error({file.relative, 1, 1}, diag::tr("file is empty"));
        return std::nullopt;
    }
    if (auto nul = bytes->find('\0'); nul != std::string::npos) {
        auto lc = text::line_col_at(*bytes, nul);
        diags.error({file.relative, lc.line, lc.column},
                    diag::tr("binary file (contains a NUL byte); expected UTF-8 text"));
        return std::nullopt;
    }
    std::string text = text::normalize_newlines(std::move(*bytes));
    if (auto bad = text::find_invalid_utf8(text); bad != std::string::npos) {
        auto lc = text::line_col_at(text, bad);
        diags.error({file.relative, lc.line, lc.column},
                    diag::tr("invalid UTF-8 byte sequence; save the file as UTF-8"));
        return std::nullopt;
    }
    if (file.overlay)
        diags.add_source(file.relative, text);
    else
        diags.add_source_file(file.relative, file.absolute);
    return text;
}

std::optional<std::string> join_inside(const std::string& root, const std::string& relative) {
    bfs::path rel(relative);
    if (relative.empty() || rel.is_absolute() || rel.has_root_name()) return std::nullopt;
    for (const auto& part : rel) {
        if (part == "..") return std::nullopt;
    }
    return (bfs::path(root) / rel).string();
}

}  // namespace nk::fs
