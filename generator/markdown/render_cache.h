#pragma once
// Rendered Markdown kept between builds (.nastavnik-cache/markdown.bin): a page whose text,
// position and options are unchanged is not parsed again. Most of loading a large site is
// rendering Markdown, and an edit changes one page.
//
// The file is a log of entries (a rendering is two: its headings, links and diagnostics, and
// its HTML, kept apart from the small entries), mapped into memory when opened, with a side
// index of where each entry is (markdown.bin.idx, rewritten at every save); new entries are
// appended when saved, and the file is rewritten with only the entries in use once those are
// less than half of it. Renderings taken from it are views
// into the mapping, which they keep alive. Other entries (parsed practices, see
// model/site_loader.cpp; search analyses, see output/search_index.cpp) share the file and its
// bookkeeping.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "markdown/markdown.h"

namespace nk::markdown {

class RenderCache {
  public:
    /// Opens the cache file at `path` (a missing, foreign or damaged file is an empty cache).
    /// `salt` must change whenever rendering may change (the generator's own identity). A
    /// read-only cache (for `check`, which writes nothing) keeps no new entries.
    RenderCache(std::string path, std::string salt, bool read_only = false);
    ~RenderCache();
    RenderCache(const RenderCache&) = delete;
    RenderCache& operator=(const RenderCache&) = delete;

    /// As markdown::render, from the cache when it can be. The diagnostics of the first
    /// rendering are reported again. Thread-safe.
    Rendered render(const std::string& source, const std::string& path, int first_line,
                    diag::Diagnostics& diags, const Options& options);
    /// As render(), for a caller that already has the source's key (see key_of_hash): the
    /// source is not hashed again.
    Rendered render_keyed(uint64_t key, const std::string& source, const std::string& path,
                          int first_line, diag::Diagnostics& diags, const Options& options);

    /// The key under which render() keeps `source`, from the source's hash (text::hash64): a
    /// caller that cached the hash need not read the source again.
    uint64_t key_of_hash(uint64_t source_hash, const std::string& path, int first_line,
                         const Options& options) const;
    /// True when the rendering under `key` is in the cache.
    bool contains(uint64_t key) const;
    /// The rendering under `key` (see contains), its diagnostics reported again; nullopt when
    /// absent or damaged.
    std::optional<Rendered> lookup(uint64_t key, diag::Diagnostics& diags);

    /// Other values kept in the same file (parsed records): the payload stored under `key`,
    /// valid while the cache is open, or nullopt. Keys must not collide with rendering keys:
    /// make them from a distinct prefix and salt().
    std::optional<std::string_view> find_entry(uint64_t key);
    /// Stores `payload` under `key` (kept from the next save; ignored when read-only).
    void add_entry(uint64_t key, std::string payload);
    const std::string& salt() const { return salt_; }

    /// Writes the new entries (throws on I/O errors). Entries not used since opening are
    /// dropped when the file is rewritten.
    void save();

    size_t hits() const { return hits_; }
    size_t misses() const { return misses_; }

  private:
    struct Slot {
        size_t offset = 0, size = 0;  ///< of the entry's payload in the mapped file
        bool bulk = false;            ///< a page's HTML (see kBulk)
    };
    struct Fresh {
        uint64_t key;
        std::shared_ptr<const std::string> payload;  ///< shared with the rendering, for HTML
        bool bulk;
    };
    uint64_t key_of(const std::string& source, const std::string& path, int first_line,
                    const Options& options) const;
    void map_file();
    /// Reads markdown.bin.idx when it describes the mapped file; false: walk the file.
    bool read_side_index();
    void write_side_index(const std::vector<std::pair<uint64_t, Slot>>& entries,
                          size_t file_size) const;
    /// Adds a new entry, to be written by the next save (thread-safe).
    void keep(Fresh entry);
    /// The slot of `key` whose entry in the file carries that key.
    std::optional<size_t> slot_of(uint64_t key) const;

    std::string path_, salt_;
    bool read_only_ = false;
    const char* data_ = nullptr;           ///< the mapped file
    std::shared_ptr<const char> mapping_;  ///< owns it: renderings taken from it share it
    size_t size_ = 0, valid_end_ = 0;
    std::unordered_map<uint64_t, size_t> index_;  ///< key → slot
    std::vector<Slot> slots_;
    std::unique_ptr<std::atomic<bool>[]> used_;
    std::mutex mutex_;          ///< guards fresh_
    std::vector<Fresh> fresh_;  ///< new entries, serialized
    std::atomic<size_t> hits_{0}, misses_{0};
};

}  // namespace nk::markdown
