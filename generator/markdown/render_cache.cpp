#include "markdown/render_cache.h"

#include <stdexcept>

#include "cache/key.h"
#include "fs/byte_codec.h"

namespace nk::markdown {

namespace {

// Version 4: checksummed entries (cache::Store). Version 5: tables wrapped in a scroll box.
constexpr std::string_view kMagic = "nastavnik markdown cache 5\n";

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

}  // namespace

RenderCache::RenderCache(std::string path, std::string salt, bool read_only)
    : salt_(std::move(salt)),
      read_only_(read_only),
      store_(std::move(path), std::string(kMagic), read_only) {}

RenderCache::~RenderCache() = default;

uint64_t RenderCache::key_of_hash(uint64_t source_hash, const std::string& path, int first_line,
                                  const Options& options) const {
    return cache::KeyBuilder()
        .add(salt_)
        .add(path)
        .add(static_cast<uint64_t>(first_line))
        .add(options.base_path)
        .add(source_hash)
        .value();
}

uint64_t RenderCache::key_of(const std::string& source, const std::string& path, int first_line,
                             const Options& options) const {
    return key_of_hash(cache::hash_bytes(source), path, first_line, options);
}

bool RenderCache::contains(uint64_t key) const {
    return store_.contains(key) && store_.contains(html_key(key));
}

std::optional<Rendered> RenderCache::lookup(uint64_t key, diag::Diagnostics& diags) {
    auto head = store_.find(key);
    if (!head) return std::nullopt;
    auto html = store_.find(html_key(key));
    if (!html) return std::nullopt;
    Rendered r;
    std::vector<diag::Diagnostic> found;
    if (!deserialize(head->data(), head->size(), r, found)) return std::nullopt;
    // The HTML stays in the mapped file: the mapping lives as long as the rendering.
    r.html = Html(*html, store_.mapping());
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
    store_.add(key, std::move(head));
    store_.add(html_key(key), std::move(html), true);
    return r;
}

std::optional<std::string_view> RenderCache::find_entry(uint64_t key) {
    return store_.find(key);
}

void RenderCache::add_entry(uint64_t key, std::string payload) {
    if (read_only_) return;
    store_.add(key, std::make_shared<const std::string>(std::move(payload)));
}

void RenderCache::save() {
    if (read_only_) throw std::logic_error("the Markdown cache was opened read-only");
    store_.save();
}

}  // namespace nk::markdown
