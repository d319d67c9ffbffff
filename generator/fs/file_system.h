#pragma once
// Disk access for loading: listing a site's files and reading them as checked UTF-8 text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"

namespace nk::fs {

/// Largest input file we read; larger ones are reported, not loaded (a 100 MB file is a mistake).
constexpr std::uintmax_t kMaxInputBytes = 8 * 1024 * 1024;

/// A file found under the site root: `relative` is what diagnostics show ("data/schools/x.toml").
struct SiteFile {
    std::string absolute;
    std::string relative;
    /// Bytes that stand in for the file's (the browser editor validates an edit unsaved).
    const std::string* overlay = nullptr;
};

/// Regular files with extension `ext` directly or deeply under `root/dir`, sorted by relative path.
/// Symlinks that resolve outside `root` are reported as errors and skipped, never followed.
std::vector<SiteFile> list_files(const std::string& root, const std::string& dir,
                                 const std::string& ext, diag::Diagnostics& diags,
                                 bool recursive = false);

/// True when `root/relative` exists and resolves (through symbolic links) to a place outside
/// `root`: such a folder is reported by list_files and must not be looked into.
bool leaves_site(const std::string& root, const std::string& relative);

/// An entry of a directory as readdir gives it (no stat): regular files and directories are
/// known from the entry; links and anything else are `other` (the caller must look closer).
struct DirEntry {
    enum Type { regular, directory, other };
    std::string name;
    Type type = other;
};
/// True when file name `name` ends with extension `ext` (".md") after a non-empty stem, as
/// boost::filesystem::path::extension() tells, without building a path.
bool has_extension(std::string_view name, std::string_view ext);

/// The entries of `path` but "." and "..", in no particular order; nullopt (errno set) when it
/// cannot be read.
std::optional<std::vector<DirEntry>> read_directory(const std::string& path);

/// Reads a file as text: reports (and returns nullopt for) files that are too large, binary
/// (contain NUL), or not valid UTF-8. Strips a BOM and CRLF. Registers the text with `diags`.
std::optional<std::string> read_text(const SiteFile& file, diag::Diagnostics& diags);

/// Reads a whole file as bytes; nullopt when it cannot be read, or (setting `*oversize` to its
/// size) when it is larger than `max_bytes`.
std::optional<std::string> read_bytes(const std::string& path, uint64_t max_bytes = UINT64_MAX,
                                      uint64_t* oversize = nullptr);

/// Joins a relative path from content onto `root`; nullopt when the path would leave `root`
/// (absolute, or with ".." components).
std::optional<std::string> join_inside(const std::string& root, const std::string& relative);

}  // namespace nk::fs
