#include "markdown/render_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "fs/byte_codec.h"
#include "fs/file_system.h"

namespace nk::markdown {

namespace {

constexpr std::string_view kMagic = "nastavnik markdown cache 3\n";
// The side index (markdown.bin.idx): the file size it describes, then [key][offset][size] of
// every entry. Opening a large cache reads it instead of walking every entry of the file
// (55 ms at 10,000 practices: 31,000 entries spread over 100 MB).
constexpr std::string_view kIndexMagic = "nastavnik markdown index 1\n";

// Entries are [key u64][payload size u64][payload]. The size's top bit marks a bulk entry (a
// page's HTML): those are written after the others, so that the small entries a rebuild reads
// for every page (parsed records, headings and links, search terms) lie together. Touching a
// page of the mapping for the first time is dear on a virtual machine: with the HTML between
// the headings, a one-edit rebuild at 10,000 practices took 541 ms of CPU, without it 499.
constexpr uint64_t kBulk = uint64_t{1} << 63;

// A rendering is two entries: its headings, links and diagnostics under its key, its HTML
// (bulk) under this one.
uint64_t html_key(uint64_t key) {
    return key ^ 0x6a09e667f3bcc909;
}
using fs::put_loc;
using fs::put_str;
using fs::put_u64;

// All but the HTML, which is an entry of its own (html_key).
std::string serialize(const Rendered& r, const std::vector<diag::Diagnostic>& found) {
    std::string out;
    put_u64(out, r.headings.size());
    for (const Heading& h : r.headings) {
        put_u64(out, static_cast<uint64_t>(h.level));
        put_str(out, h.text);
        put_str(out, h.anchor);
    }
    put_u64(out, r.internal_links.size());
    for (const LinkRef& l : r.internal_links) {
        put_str(out, l.url);
        put_loc(out, l.loc);
    }
    put_u64(out, found.size());
    for (const diag::Diagnostic& d : found) {
        put_u64(out, d.severity == diag::Severity::warning ? 0 : 1);
        put_loc(out, d.loc);
        put_str(out, d.message);
    }
    return out;
}

bool deserialize(const char* data, size_t size, Rendered& r, std::vector<diag::Diagnostic>& found) {
    fs::ByteReader in(data, size);
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        Heading h;
        h.level = in.integer();
        h.text = in.str();
        h.anchor = in.str();
        r.headings.push_back(std::move(h));
    }
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        LinkRef l;
        l.url = in.str();
        l.loc = in.loc();
        r.internal_links.push_back(std::move(l));
    }
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        diag::Diagnostic d;
        d.severity = in.u64() == 0 ? diag::Severity::warning : diag::Severity::error;
        d.loc = in.loc();
        d.message = in.str();
        found.push_back(std::move(d));
    }
    return in.ok();
}

void write_all(std::FILE* f, std::string_view bytes, const std::string& path) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size())
        throw std::runtime_error("cannot write the Markdown cache " + path);
}

}  // namespace

RenderCache::RenderCache(std::string path, std::string salt, bool read_only)
    : path_(std::move(path)), salt_(std::move(salt)), read_only_(read_only) {
    map_file();
}

RenderCache::~RenderCache() = default;

void RenderCache::map_file() {
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && static_cast<size_t>(st.st_size) > kMagic.size()) {
        // Populated: a rebuild reads a few fields of most entries, and a page fault costs
        // more than mapping the whole file at once (load 218 → 200 ms at 10,000 practices).
        void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ,
                         MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p != MAP_FAILED) {
            data_ = static_cast<const char*>(p);
            size_ = static_cast<size_t>(st.st_size);
            // Unmapped when the cache and every rendering taken from it are gone.
            mapping_ = std::shared_ptr<const char>(
                data_, [size = size_](const char* d) { ::munmap(const_cast<char*>(d), size); });
        }
    }
    ::close(fd);
    if (!data_ || std::string_view(data_, kMagic.size()) != kMagic) return;
    if (read_side_index()) return;
    // The index of the entries; a torn last entry (a build killed while saving) ends it.
    size_t at = kMagic.size();
    while (size_ - at >= 16) {
        uint64_t key = 0, size = 0;
        std::memcpy(&key, data_ + at, 8);
        std::memcpy(&size, data_ + at + 8, 8);
        bool bulk = size & kBulk;
        size &= ~kBulk;
        if (size > size_ - at - 16) break;
        index_[key] = slots_.size();  // a later entry of the same key wins
        slots_.push_back({at + 16, size, bulk});
        at += 16 + size;
    }
    valid_end_ = at;
    used_ = std::make_unique<std::atomic<bool>[]>(slots_.size());
}

bool RenderCache::read_side_index() {
    auto bytes = fs::read_bytes(path_ + ".idx");
    if (!bytes || bytes->size() < kIndexMagic.size() + 8 ||
        std::string_view(*bytes).substr(0, kIndexMagic.size()) != kIndexMagic)
        return false;
    fs::ByteReader in(bytes->data() + kIndexMagic.size(), bytes->size() - kIndexMagic.size());
    if (in.u64() != size_) return false;  // the file changed since: walk it
    uint64_t n = in.count();
    if (in.failed() || n > size_ / 16) return false;
    index_.reserve(n);
    slots_.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t key = in.u64(), offset = in.u64(), size = in.u64();
        bool bulk = size & kBulk;
        size &= ~kBulk;
        // Checked here against the file, and each key again where it is used (slot_of).
        if (in.failed() || offset < kMagic.size() + 16 || offset > size_ || size > size_ - offset)
            break;
        index_[key] = slots_.size();
        slots_.push_back({offset, size, bulk});
    }
    if (!in.ok()) {
        index_.clear();
        slots_.clear();
        return false;
    }
    valid_end_ = size_;
    used_ = std::make_unique<std::atomic<bool>[]>(slots_.size());
    return true;
}

std::optional<size_t> RenderCache::slot_of(uint64_t key) const {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    // The entry's own key, before its payload: a side index that does not match is a miss.
    uint64_t stored = 0;
    std::memcpy(&stored, data_ + slots_[it->second].offset - 16, 8);
    if (stored != key) return std::nullopt;
    return it->second;
}

void RenderCache::write_side_index(const std::vector<std::pair<uint64_t, Slot>>& entries,
                                   size_t file_size) const {
    std::string out(kIndexMagic);
    put_u64(out, file_size);
    put_u64(out, entries.size());
    for (const auto& [key, slot] : entries) {
        put_u64(out, key);
        put_u64(out, slot.offset);
        put_u64(out, slot.size | (slot.bulk ? kBulk : 0));
    }
    // Written whole, then renamed: a torn index would be read as a valid one.
    std::string temp = path_ + ".idx.tmp";
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) return;  // without an index the next build walks the file
    bool ok = std::fwrite(out.data(), 1, out.size(), f) == out.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok || std::rename(temp.c_str(), (path_ + ".idx").c_str()) != 0) std::remove(temp.c_str());
}

uint64_t RenderCache::key_of_hash(uint64_t source_hash, const std::string& path, int first_line,
                                  const Options& options) const {
    std::string head =
        salt_ + '\0' + path + '\0' + std::to_string(first_line) + '\0' + options.base_path + '\0';
    uint64_t parts[2] = {XXH3_64bits(head.data(), head.size()), source_hash};
    return XXH3_64bits(parts, sizeof parts);
}

uint64_t RenderCache::key_of(const std::string& source, const std::string& path, int first_line,
                             const Options& options) const {
    return key_of_hash(XXH3_64bits(source.data(), source.size()), path, first_line, options);
}

bool RenderCache::contains(uint64_t key) const {
    return slot_of(key) && slot_of(html_key(key));
}

std::optional<Rendered> RenderCache::lookup(uint64_t key, diag::Diagnostics& diags) {
    auto slot_index = slot_of(key), html_index = slot_of(html_key(key));
    if (!slot_index || !html_index) return std::nullopt;
    const Slot& slot = slots_[*slot_index];
    Rendered r;
    std::vector<diag::Diagnostic> found;
    if (!deserialize(data_ + slot.offset, slot.size, r, found)) return std::nullopt;
    // The HTML stays in the mapped file: the mapping lives as long as the rendering.
    const Slot& html = slots_[*html_index];
    r.html = Html(std::string_view(data_ + html.offset, html.size), mapping_);
    used_[*slot_index] = true;
    used_[*html_index] = true;
    for (auto& d : found)
        diags.report(d.loc, std::move(d.message), d.severity == diag::Severity::warning);
    ++hits_;
    return r;
}

Rendered RenderCache::render(const std::string& source, const std::string& path, int first_line,
                             diag::Diagnostics& diags, const Options& options) {
    return render_keyed(key_of(source, path, first_line, options), source, path, first_line, diags,
                        options);
}

Rendered RenderCache::render_keyed(uint64_t key, const std::string& source, const std::string& path,
                                   int first_line, diag::Diagnostics& diags,
                                   const Options& options) {
    if (auto cached = lookup(key, diags)) return std::move(*cached);
    ++misses_;
    if (read_only_) return markdown::render(source, path, first_line, diags, options);
    diag::Diagnostics own;
    Rendered r = markdown::render(source, path, first_line, own, options);
    std::vector<diag::Diagnostic> found = own.sorted();
    auto head = std::make_shared<const std::string>(serialize(r, found));
    // The rendering and its cache entry share one copy of the HTML (at 100,000 practices it is
    // most of a gigabyte of fresh memory).
    auto html = std::make_shared<const std::string>(std::move(r.html).release());
    r.html = Html(std::string_view(*html), html);
    for (auto& d : found)
        diags.report(d.loc, std::move(d.message), d.severity == diag::Severity::warning);
    keep({key, std::move(head), false});
    keep({html_key(key), std::move(html), true});
    return r;
}

std::optional<std::string_view> RenderCache::find_entry(uint64_t key) {
    auto slot_index = slot_of(key);
    if (!slot_index) return std::nullopt;
    used_[*slot_index] = true;
    const Slot& slot = slots_[*slot_index];
    return std::string_view(data_ + slot.offset, slot.size);
}

void RenderCache::add_entry(uint64_t key, std::string payload) {
    if (read_only_) return;
    keep({key, std::make_shared<const std::string>(std::move(payload)), false});
}

void RenderCache::keep(Fresh entry) {
    std::lock_guard lock(mutex_);
    fresh_.push_back(std::move(entry));
}

void RenderCache::save() {
    if (read_only_) throw std::logic_error("the Markdown cache was opened read-only");
    size_t used = 0, used_bytes = 0;
    for (size_t i = 0; i < slots_.size(); ++i)
        if (used_[i]) ++used, used_bytes += slots_[i].size;
    bool foreign = data_ && std::string_view(data_, std::min(size_, kMagic.size())) != kMagic;
    // A torn tail (a build killed while saving) would hide whatever is appended after it.
    bool torn = data_ && !foreign && valid_end_ != size_;
    bool rewrite = !data_ || foreign || torn || used * 2 < slots_.size() || used_bytes * 2 < size_;
    if (!rewrite && fresh_.empty()) return;
    std::string dir = path_.substr(0, path_.find_last_of('/'));
    ::mkdir(dir.c_str(), 0755);
    std::string target = rewrite ? path_ + ".tmp" : path_;
    std::FILE* f = std::fopen(target.c_str(), rewrite ? "wb" : "ab");
    if (!f) throw std::runtime_error("cannot write the Markdown cache " + target);
    // Every entry of the file as saved, for the side index.
    std::vector<std::pair<uint64_t, Slot>> entries;
    size_t at = rewrite ? 0 : size_;
    try {
        auto put_entry = [&](uint64_t key, std::string_view payload, bool bulk) {
            std::string head;
            put_u64(head, key);
            put_u64(head, payload.size() | (bulk ? kBulk : 0));
            write_all(f, head, target);
            write_all(f, payload, target);
            entries.push_back({key, {at + 16, payload.size(), bulk}});
            at += 16 + payload.size();
        };
        auto key_at = [this](const Slot& slot) {
            uint64_t key = 0;
            std::memcpy(&key, data_ + slot.offset - 16, 8);
            return key;
        };
        if (rewrite) {
            write_all(f, kMagic, target);
            at = kMagic.size();
        } else {
            entries.reserve(slots_.size() + fresh_.size());
            for (const Slot& slot : slots_) entries.push_back({key_at(slot), slot});
        }
        // The small entries first, then the bulk ones: of those kept (when rewriting), then of
        // the new.
        for (bool bulk : {false, true}) {
            if (rewrite)
                for (size_t i = 0; i < slots_.size(); ++i)
                    if (used_[i] && slots_[i].bulk == bulk)
                        put_entry(key_at(slots_[i]),
                                  std::string_view(data_ + slots_[i].offset, slots_[i].size), bulk);
            for (Fresh& entry : fresh_)
                if (entry.bulk == bulk) {
                    put_entry(entry.key, *entry.payload, bulk);
                    entry.payload.reset();  // saving runs while pages render: give it back now
                }
        }
        if (std::fclose(f) != 0) throw std::runtime_error("cannot write the Markdown cache");
        f = nullptr;
    } catch (...) {
        if (f) std::fclose(f);
        throw;
    }
    std::remove((path_ + ".idx").c_str());  // describes the file as it was
    if (rewrite && std::rename(target.c_str(), path_.c_str()) != 0)
        throw std::runtime_error("cannot write the Markdown cache " + path_);
    fresh_.clear();
    write_side_index(entries, at);
}

}  // namespace nk::markdown
