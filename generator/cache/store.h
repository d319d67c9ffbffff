#pragma once
// A cache file of checksummed entries, kept between builds in .nastavnik-cache/ (the Markdown
// cache, markdown.bin, is one). A damaged cache must never change the output (SPEC §4a): every
// entry carries a checksum of its bytes, checked before the bytes are first handed out, and a
// damaged entry is a miss, dropped when the file is next saved.
//
// The file is its header (one line naming the format and its version), then entries:
//
//     [key u64][size u64, top bit: bulk][XXH3 of the payload u64][XXH3 of the three before u64]
//     [payload]
//
// It is mapped into memory when opened. Its entries are found through a side index
// (<path>.idx: the file size it describes, [key][offset][size] of each entry, an XXH3 of all
// that), rewritten at every save; without one that matches the file is walked entry by entry,
// and a damaged head ends the walk. New entries are appended when saved; the file is rewritten
// with only the entries in use once those are less than half of it, and whenever damage was
// found. Numbers are in machine byte order (see fs/byte_codec.h).

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nk::cache {

class Store {
  public:
    /// Opens the file at `path`, whose first line must be `magic` ("<format> <version>\n"). A
    /// missing file or one of another version is an empty store; so is one whose header is
    /// damaged, which warnings() then reports. A read-only store (for `check`, which writes
    /// nothing) keeps no new entries.
    Store(std::string path, std::string magic, bool read_only = false);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// True when an entry under `key` is in the file and its head is intact (its payload is
    /// checked by find()). Thread-safe.
    bool contains(uint64_t key) const;
    /// The payload under `key`, checked against its checksum when first asked for; nullopt when
    /// absent or damaged (a damaged entry is counted, see warnings(), and not saved again). The
    /// view is valid while a copy of mapping() lives; the entry is kept by the next save.
    /// Thread-safe.
    std::optional<std::string_view> find(uint64_t key);
    /// Stores `payload` under `key` from the next save on (ignored when read-only). Bulk entries
    /// are written after the others, so that the small entries a rebuild reads for every page lie
    /// together in the file. Thread-safe.
    void add(uint64_t key, std::shared_ptr<const std::string> payload, bool bulk = false);

    /// Writes the new entries and the side index (throws on I/O errors; not while find() or
    /// add() run). Entries not found since opening are dropped when the file is rewritten, and
    /// the payloads of the new ones are released.
    void save();

    /// Owns the mapped file: views from find() stay valid while a copy of it lives.
    const std::shared_ptr<const char>& mapping() const { return mapping_; }
    /// The damage found so far, one warning per file ("<path>: warning: ..."); empty when none.
    std::vector<std::string> warnings() const;
    /// Damaged entries found so far (a damaged end of the file counts as one).
    size_t damaged_entries() const { return damaged_; }

  private:
    struct Slot {
        size_t offset = 0, size = 0;  ///< of the entry's payload in the mapped file
        bool bulk = false;
    };
    struct Fresh {
        uint64_t key;
        std::shared_ptr<const std::string> payload;
        bool bulk;
    };
    void map_file();
    void check_header();
    void walk_entries();
    /// Reads <path>.idx when it describes the mapped file; false: walk the file.
    bool read_side_index();
    void write_side_index(const std::vector<std::pair<uint64_t, Slot>>& entries,
                          size_t file_size) const;
    /// The slot of `key`, when its head in the file is intact and names `key`.
    std::optional<size_t> slot_of(uint64_t key) const;
    /// Marks slot `i` damaged, counting it once.
    void mark_damaged(size_t i) const;

    std::string path_, magic_;
    bool read_only_ = false;
    const char* data_ = nullptr;           ///< the mapped file
    std::shared_ptr<const char> mapping_;  ///< owns it
    size_t size_ = 0;
    bool exists_ = false, header_ok_ = false, header_damaged_ = false, index_damaged_ = false;
    /// The file ends inside an entry, a damaged head ended the walk, or it is shorter than its
    /// index says.
    bool torn_ = false;
    std::unordered_map<uint64_t, size_t> index_;  ///< key → slot
    std::vector<Slot> slots_;
    /// Per slot: what is known of it (head checked, payload checked, damaged, used).
    std::unique_ptr<std::atomic<uint8_t>[]> state_;
    mutable std::atomic<size_t> damaged_{0};
    std::mutex mutex_;          ///< guards fresh_
    std::vector<Fresh> fresh_;  ///< new entries
};

}  // namespace nk::cache
