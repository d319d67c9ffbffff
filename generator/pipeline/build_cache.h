#pragma once
// What an incremental build remembers about the last successful build of one output directory:
// the hash of every input file (with its size, mtime and inode, so an unchanged file is not read
// again) and, for every output file, the hash of its inputs and of its bytes. It lives in
// <source>/.nastavnik-cache/ and is written only after the new output is in place.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cache/key.h"
#include "config/date.h"
#include "fs/output_fs.h"
#include "pipeline/publisher.h"

namespace nk::pipeline {

// Keys and hashes come from the cache module's one key builder.
using cache::hash_bytes;
using Hasher = cache::KeyBuilder;

/// One input file as the last build saw it.
struct InputFile {
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    int64_t ctime_ns = 0;  ///< changes with every write, even one that puts the mtime back
    uint64_t inode = 0;
    uint64_t hash = 0;  ///< of the content
    bool operator==(const InputFile&) const = default;
};

/// One output file of the last build.
struct OutputFile {
    uint64_t key = 0;   ///< hash of what the file was made from (view and templates, or its bytes)
    uint64_t hash = 0;  ///< hash of its bytes
    /// The published file as it was written: a file whose stat differs was changed by hand.
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    uint64_t inode = 0;
    fs::FileStat stat() const { return {false, size, mtime_ns, inode}; }
};

using InputFiles = std::map<std::string, InputFile>;    ///< by path relative to the source
using OutputFiles = std::map<std::string, OutputFile>;  ///< by path relative to the output

struct BuildCache {
    std::string identity;      ///< options and generator binary (see cache_identity)
    uint64_t fingerprint = 0;  ///< of every input and the Git HEAD
    InputFiles inputs;
    OutputFiles outputs;
    uint64_t out_device = 0, out_inode = 0;  ///< the output directory these outputs are in
    SpareRecord spare;                       ///< the spare folder beside it (see Publisher)
    /// When the cache was written (its file's mtime): an input changed since is hashed.
    int64_t written_ns = 0;
    std::string
        diagnostics;  ///< what the build printed (warnings), printed again when nothing changed
    int warnings = 0;
    /// The Git HEAD the build saw and the last commit dates it took from the history (a walk
    /// of every commit): with the same HEAD the next build needs no walk.
    std::string git_head;
    std::map<std::string, Date> git_dates;

    /// Reads a cache file; nullopt when it is missing, unreadable, of another format version or
    /// damaged (its checksum disagrees: `*damaged` is then set).
    static std::optional<BuildCache> read(const std::string& path, bool* damaged = nullptr);
    /// Writes the cache file atomically (a temporary file renamed over it). Throws on I/O errors.
    void write(const std::string& path) const;
};

/// The cache directory of a site: <source>/.nastavnik-cache.
std::string cache_dir(const std::string& source);

/// A string that changes whenever a previous build's outputs cannot be reused as they are: the
/// output directory, audience, base URL, and the generator binary itself (size and mtime).
/// The running generator's size and modification time: a rebuilt one may render differently.
std::string generator_identity();

std::string cache_identity(const std::string& out_dir, const std::string& audience,
                           const std::string& base_url);

/// The cache file for one identity, inside cache_dir(source).
std::string cache_file(const std::string& source, const std::string& identity);

/// Every file a build reads: config.toml and the files under content/, data/, themes/ and
/// static/ (symbolic links are not followed), and those folders' subfolders as "path/" entries.
/// Files whose size, mtime, ctime and inode match `previous` keep their hash, unless they were
/// modified at or after `cache_written_ns` (Git's "racy" rule: within the timestamp's
/// granularity of the cache, an edit can keep all of them); others are read and hashed in
/// parallel.
InputFiles scan_inputs(const std::string& source, const InputFiles* previous, unsigned jobs,
                       int64_t cache_written_ns = 0);

/// One hash of every input path and content and of `extra` (the Git HEAD).
uint64_t fingerprint(const InputFiles& inputs, std::string_view extra);

/// One hash of the inputs under `prefix` (e.g. "themes/default/templates/").
uint64_t hash_under(const InputFiles& inputs, const std::string& prefix);

/// (device, inode) of a directory, or nullopt when it does not exist.
std::optional<std::pair<uint64_t, uint64_t>> directory_id(const std::string& path);

}  // namespace nk::pipeline
