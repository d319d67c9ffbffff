#pragma once
// Rendered Markdown kept between builds (.nastavnik-cache/markdown.bin): a page whose text,
// position and options are unchanged is not parsed again. Most of loading a large site is
// rendering Markdown, and an edit changes one page.
//
// The file is a cache::Store (checksummed entries, mapped into memory, a side index): a
// rendering is two entries, its headings, links and diagnostics, and its HTML (bulk, kept apart
// from the small entries). Renderings taken from it are views into the mapping, which they keep
// alive. Other entries (parsed practices, see model/site_loader.cpp; search analyses, see
// output/search_index.cpp) share the file and its bookkeeping. A damaged entry is a miss, and
// rendered again.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/store.h"
#include "markdown/markdown.h"

namespace nk::markdown {

class RenderCache {
  public:
    /// Opens the cache file at `path` (a missing, foreign or damaged file is an empty cache;
    /// damaged entries are misses; see warnings()).
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
    /// valid while the cache is open, or nullopt (also when damaged). Keys must not collide with
    /// rendering keys: make them from a distinct prefix and salt().
    std::optional<std::string_view> find_entry(uint64_t key);
    /// Stores `payload` under `key` (kept from the next save; ignored when read-only).
    void add_entry(uint64_t key, std::string payload);
    const std::string& salt() const { return salt_; }

    /// Writes the new entries (throws on I/O errors). Entries not used since opening are
    /// dropped when the file is rewritten.
    void save();

    size_t hits() const { return hits_; }
    size_t misses() const { return misses_; }

    /// The damage found in the file so far, one warning per file (see cache::Store::warnings).
    std::vector<std::string> warnings() const { return store_.warnings(); }

  private:
    uint64_t key_of(const std::string& source, const std::string& path, int first_line,
                    const Options& options) const;

    std::string salt_;
    bool read_only_ = false;
    cache::Store store_;
    std::atomic<size_t> hits_{0}, misses_{0};
};

}  // namespace nk::markdown
