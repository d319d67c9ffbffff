#include "cache/store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "diag/messages.h"
#include "fs/byte_codec.h"
#include "fs/file_system.h"

namespace nk::cache {

namespace {

constexpr std::string_view kIndexMagic = "nastavnik cache index 1\n";
constexpr uint64_t kBulk = uint64_t{1} << 63;
constexpr size_t kHead = 32;  // key, size, payload checksum, head checksum

// What is known of a slot (Store::state_).
constexpr uint8_t kHeadOk = 1, kBytesOk = 2, kDamaged = 4, kUsed = 8;

struct Head {
    uint64_t key = 0, size_field = 0, sum = 0, check = 0;
    size_t size() const { return static_cast<size_t>(size_field & ~kBulk); }
    bool bulk() const { return size_field & kBulk; }
    uint64_t expected_check() const {
        uint64_t fields[3] = {key, size_field, sum};
        return XXH3_64bits(fields, sizeof fields);
    }
    bool intact() const { return check == expected_check(); }
};

Head head_at(const char* at) {
    Head h;
    std::memcpy(&h.key, at, 8);
    std::memcpy(&h.size_field, at + 8, 8);
    std::memcpy(&h.sum, at + 16, 8);
    std::memcpy(&h.check, at + 24, 8);
    return h;
}

std::string make_head(uint64_t key, std::string_view payload, bool bulk) {
    Head h{key, payload.size() | (bulk ? kBulk : 0), XXH3_64bits(payload.data(), payload.size())};
    std::string out;
    fs::put_u64(out, h.key);
    fs::put_u64(out, h.size_field);
    fs::put_u64(out, h.sum);
    fs::put_u64(out, h.expected_check());
    return out;
}

// A first line of the same format and another version ("<format> <digits>\n"): a cache left by
// an older generator, which is no damage.
bool other_version(std::string_view file, std::string_view magic) {
    std::string_view format = magic.substr(0, magic.rfind(' ') + 1);
    if (file.substr(0, format.size()) != format) return false;
    std::string_view rest = file.substr(format.size(), 16);
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    return digits > 0 && digits < rest.size() && rest[digits] == '\n';
}

void write_all(std::FILE* f, std::string_view bytes, const std::string& path) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size())
        throw std::runtime_error(diag::tr("cannot write the cache file {}", path));
}

}  // namespace

Store::Store(std::string path, std::string magic, bool read_only)
    : path_(std::move(path)), magic_(std::move(magic)), read_only_(read_only) {
    map_file();
    check_header();
    if (header_ok_ && !read_side_index()) walk_entries();
    // A build killed while appending leaves a torn entry; damage may look the same. What follows
    // a damaged head cannot be found: it is lost, and counted as one damaged entry.
    if (torn_) ++damaged_;
    state_ = std::make_unique<std::atomic<uint8_t>[]>(slots_.size());
}

Store::~Store() = default;

void Store::map_file() {
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    exists_ = true;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        // Populated: a rebuild reads a few fields of most entries, and a page fault costs
        // more than mapping the whole file at once (load 218 → 200 ms at 10,000 practices).
        void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ,
                         MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p != MAP_FAILED) {
            data_ = static_cast<const char*>(p);
            size_ = static_cast<size_t>(st.st_size);
            // Unmapped when the store and every view handed out (see mapping()) are gone.
            mapping_ = std::shared_ptr<const char>(
                data_, [size = size_](const char* d) { ::munmap(const_cast<char*>(d), size); });
        }
    }
    ::close(fd);
}

void Store::check_header() {
    if (!exists_) return;
    std::string_view file(data_ ? data_ : "", size_);
    header_ok_ = file.substr(0, magic_.size()) == magic_;
    header_damaged_ = !header_ok_ && !other_version(file, magic_);
}

void Store::walk_entries() {
    size_t at = magic_.size();
    while (size_ - at >= kHead) {
        Head h = head_at(data_ + at);
        if (!h.intact() || h.size() > size_ - at - kHead) break;
        index_[h.key] = slots_.size();  // a later entry of the same key wins
        slots_.push_back({at + kHead, h.size(), h.bulk()});
        at += kHead + h.size();
    }
    if (at != size_) torn_ = true;
}

bool Store::read_side_index() {
    auto bytes = fs::read_bytes(path_ + ".idx");
    if (!bytes) return false;
    std::string_view all(*bytes);
    size_t body = all.size() - std::min(all.size(), size_t{8});
    uint64_t sum = 0;
    if (body >= kIndexMagic.size()) std::memcpy(&sum, all.data() + body, 8);
    if (body < kIndexMagic.size() + 16 || all.substr(0, kIndexMagic.size()) != kIndexMagic ||
        sum != XXH3_64bits(all.data(), body)) {
        index_damaged_ = true;
        return false;
    }
    fs::ByteReader in(all.substr(kIndexMagic.size(), body - kIndexMagic.size()));
    // A file larger than its index: a save killed after appending; walk it. A smaller one was
    // cut short (saves only append, or replace the file after removing its index).
    if (uint64_t indexed = in.u64(); indexed != size_) {
        torn_ = indexed > size_;
        return false;
    }
    uint64_t n = in.count();
    index_.reserve(n);
    slots_.reserve(n);
    bool ok = !in.failed() && n <= size_ / kHead;
    for (uint64_t i = 0; ok && i < n; ++i) {
        uint64_t key = in.u64(), offset = in.u64(), size_field = in.u64(),
                 size = size_field & ~kBulk;
        // Checked here against the file, and each head again where it is used (slot_of).
        ok = !in.failed() && offset >= magic_.size() + kHead && offset <= size_ &&
             size <= size_ - offset;
        index_[key] = slots_.size();
        slots_.push_back({offset, size, bool(size_field & kBulk)});
    }
    if (ok && in.ok()) return true;
    index_damaged_ = true;  // checksummed, yet wrong
    index_.clear();
    slots_.clear();
    return false;
}

void Store::write_side_index(const std::vector<std::pair<uint64_t, Slot>>& entries,
                             size_t file_size) const {
    std::string out(kIndexMagic);
    fs::put_u64(out, file_size);
    fs::put_u64(out, entries.size());
    for (const auto& [key, slot] : entries) {
        fs::put_u64(out, key);
        fs::put_u64(out, slot.offset);
        fs::put_u64(out, slot.size | (slot.bulk ? kBulk : 0));
    }
    fs::put_u64(out, XXH3_64bits(out.data(), out.size()));
    // Written whole, then renamed: the checksum would catch a torn index, but need not.
    std::string temp = path_ + ".idx.tmp";
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) return;  // without an index the next build walks the file
    bool ok = std::fwrite(out.data(), 1, out.size(), f) == out.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok || std::rename(temp.c_str(), (path_ + ".idx").c_str()) != 0) std::remove(temp.c_str());
}

void Store::mark_damaged(size_t i) const {
    if (!(state_[i].fetch_or(kDamaged) & kDamaged)) ++damaged_;
}

std::optional<size_t> Store::slot_of(uint64_t key) const {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    size_t i = it->second;
    uint8_t state = state_[i].load(std::memory_order_acquire);
    if (state & kDamaged) return std::nullopt;
    if (state & kHeadOk) return i;
    const Slot& slot = slots_[i];
    Head h = head_at(data_ + slot.offset - kHead);
    if (!h.intact()) {
        mark_damaged(i);
        return std::nullopt;
    }
    // A side index whose offsets point at other entries: a miss, not damage.
    if (h.key != key || h.size() != slot.size) return std::nullopt;
    state_[i].fetch_or(kHeadOk);
    return i;
}

bool Store::contains(uint64_t key) const {
    return slot_of(key).has_value();
}

std::optional<std::string_view> Store::find(uint64_t key) {
    auto i = slot_of(key);
    if (!i) return std::nullopt;
    const Slot& slot = slots_[*i];
    std::string_view payload(data_ + slot.offset, slot.size);
    if (!(state_[*i].load(std::memory_order_acquire) & kBytesOk)) {
        // Checked once per build and entry, and only for the entries a build uses.
        if (head_at(data_ + slot.offset - kHead).sum !=
            XXH3_64bits(payload.data(), payload.size())) {
            mark_damaged(*i);
            return std::nullopt;
        }
        state_[*i].fetch_or(kBytesOk);
    }
    state_[*i].fetch_or(kUsed);
    return payload;
}

void Store::add(uint64_t key, std::shared_ptr<const std::string> payload, bool bulk) {
    if (read_only_) return;
    std::lock_guard lock(mutex_);
    fresh_.push_back({key, std::move(payload), bulk});
}

void Store::save() {
    if (read_only_) throw std::logic_error("the cache file " + path_ + " was opened read-only");
    size_t used = 0, used_bytes = 0;
    for (size_t i = 0; i < slots_.size(); ++i)
        if (state_[i] & kUsed) ++used, used_bytes += slots_[i].size;
    // Damage is dropped by rewriting (appended entries would follow a torn end unseen).
    bool rewrite =
        !header_ok_ || torn_ || damaged_ > 0 || used * 2 < slots_.size() || used_bytes * 2 < size_;
    if (!rewrite && fresh_.empty() && !index_damaged_) return;
    std::string dir = path_.substr(0, path_.find_last_of('/'));
    ::mkdir(dir.c_str(), 0755);
    std::string target = rewrite ? path_ + ".tmp" : path_;
    std::FILE* f = std::fopen(target.c_str(), rewrite ? "wb" : "ab");
    if (!f) throw std::runtime_error(diag::tr("cannot write the cache file {}", target));
    // Every entry of the file as saved, for the side index.
    std::vector<std::pair<uint64_t, Slot>> entries;
    size_t at = rewrite ? 0 : size_;
    try {
        auto put = [&](uint64_t key, std::string_view head, std::string_view payload, bool bulk) {
            write_all(f, head, target);
            write_all(f, payload, target);
            entries.push_back({key, {at + kHead, payload.size(), bulk}});
            at += kHead + payload.size();
        };
        auto key_at = [this](const Slot& slot) { return head_at(data_ + slot.offset - kHead).key; };
        if (rewrite) {
            write_all(f, magic_, target);
            at = magic_.size();
        } else {
            entries.reserve(slots_.size() + fresh_.size());
            for (const Slot& slot : slots_) entries.push_back({key_at(slot), slot});
        }
        // The small entries first, then the bulk ones: of those kept (when rewriting, each
        // checked when it was found), then of the new.
        for (bool bulk : {false, true}) {
            if (rewrite)
                for (size_t i = 0; i < slots_.size(); ++i)
                    if ((state_[i] & kUsed) && slots_[i].bulk == bulk) {
                        const Slot& s = slots_[i];
                        put(key_at(s), std::string_view(data_ + s.offset - kHead, kHead),
                            std::string_view(data_ + s.offset, s.size), bulk);
                    }
            for (Fresh& entry : fresh_)
                if (entry.bulk == bulk) {
                    put(entry.key, make_head(entry.key, *entry.payload, bulk), *entry.payload,
                        bulk);
                    entry.payload.reset();  // saving runs while pages render: give it back now
                }
        }
        if (std::fclose(f) != 0)
            throw std::runtime_error(diag::tr("cannot write the cache file {}", target));
        f = nullptr;
    } catch (...) {
        if (f) std::fclose(f);
        throw;
    }
    std::remove((path_ + ".idx").c_str());  // describes the file as it was
    if (rewrite && std::rename(target.c_str(), path_.c_str()) != 0)
        throw std::runtime_error(diag::tr("cannot write the cache file {}", path_));
    fresh_.clear();
    write_side_index(entries, at);
}

std::vector<std::string> Store::warnings() const {
    std::vector<std::string> out;
    if (header_damaged_)
        out.push_back(path_ + ": warning: " +
                      (read_only_ ? diag::tr("the cache file's header is damaged: the file is "
                                             "ignored")
                                  : diag::tr("the cache file's header is damaged: the file is "
                                             "ignored and rewritten")));
    if (size_t n = damaged_)
        out.push_back(path_ + ": warning: " +
                      (read_only_
                           ? diag::tr("{0} damaged cache {0:entry|entries} ignored", diag::count(n))
                           : diag::tr("{0} damaged cache {0:entry|entries} dropped and "
                                      "rebuilt",
                                      diag::count(n))));
    if (index_damaged_)
        out.push_back(path_ + ".idx: warning: " +
                      (read_only_ ? diag::tr("the cache index is damaged: it is ignored")
                                  : diag::tr("the cache index is damaged: it is ignored and "
                                             "rewritten")));
    return out;
}

}  // namespace nk::cache
