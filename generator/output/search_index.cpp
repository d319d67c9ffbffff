#include "output/search_index.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "fs/huge_pages.h"
#include "fs/parallel.h"
#include "fs/slug.h"
#include "fs/text.h"
#include "output/search_text.h"

namespace nk::output {

using json = nlohmann::json;

namespace {

constexpr std::string_view kAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
// BM25 parameters; field weights make a word in the title count most, then tags and summary.
constexpr double kK1 = 1.2, kB = 0.75;
constexpr int kTitleWeight = 4, kTagWeight = 3, kSummaryWeight = 2, kBodyWeight = 1;
// Prefix search starts at this many characters (shorter prefixes match too much to be useful).
constexpr int kMinPrefix = 3;

// Packed: every practice keeps one of these per distinct stem until the index is inverted.
struct TermFreq {
    uint32_t weighted : 31 = 0;
    uint32_t title : 1 = 0;
};

/// Words to ids by open addressing. Every word of every practice is looked up here, so a lookup
/// should touch one cache line: a slot is 32 bytes and holds a word of up to 24 bytes (12
/// Cyrillic letters, most words) itself; longer words live in a character arena.
class WordTable {
  public:
    WordTable() : slots_(1024) {}

    /// The id of `word`, or nullptr when absent.
    const uint32_t* find(std::string_view word) const {
        const Slot& slot = slots_[probe(word, hash(word))];
        return slot.length ? &slot.value : nullptr;
    }
    void insert(std::string_view word, uint32_t value) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        Slot& slot = slots_[probe(word, hash(word))];
        if (slot.length) return;
        place(slot, word, hash(word), value);
        ++count_;
    }
    /// Calls fn(word, value) for every word.
    template <typename Fn>
    void for_each(Fn fn) const {
        for (const Slot& slot : slots_)
            if (slot.length) fn(word_of(slot), slot.value);
    }

  private:
    static constexpr size_t kInline = 24;
    struct Slot {
        uint32_t value = 0;
        uint16_t length = 0;  ///< 0: empty (words have at least two characters)
        uint16_t tag = 0;     ///< high bits of the hash: most mismatches stop here
        union {
            char bytes[kInline];  ///< the word, when it fits
            uint32_t offset;      ///< else: where it starts in arena_
        };
    };
    static_assert(sizeof(Slot) == 32);

    static uint64_t hash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }
    static uint16_t tag_of(uint64_t h) { return static_cast<uint16_t>(h >> 48); }
    std::string_view word_of(const Slot& slot) const {
        return slot.length <= kInline ? std::string_view(slot.bytes, slot.length)
                                      : std::string_view(arena_).substr(slot.offset, slot.length);
    }
    // Inline: words are short, and a call to memcmp for each of millions of lookups shows up.
    bool holds(const Slot& slot, std::string_view word) const {
        const char* a = slot.length <= kInline ? slot.bytes : arena_.data() + slot.offset;
        for (size_t k = 0; k < word.size(); ++k)
            if (a[k] != word[k]) return false;
        return true;
    }
    size_t probe(std::string_view word, uint64_t h) const {
        size_t mask = slots_.size() - 1;
        uint16_t tag = tag_of(h);
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& slot = slots_[i];
            if (!slot.length ||
                (slot.tag == tag && slot.length == word.size() && holds(slot, word)))
                return i;
        }
    }
    void place(Slot& slot, std::string_view word, uint64_t h, uint32_t value) {
        if (word.size() > UINT16_MAX) word = word.substr(0, UINT16_MAX);
        slot.value = value;
        slot.length = static_cast<uint16_t>(word.size());
        slot.tag = tag_of(h);
        if (word.size() <= kInline) {
            std::copy(word.begin(), word.end(), slot.bytes);
        } else {
            slot.offset = static_cast<uint32_t>(arena_.size());
            arena_.append(word);
        }
    }
    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (!slot.length) continue;
            size_t i = hash(word_of(slot)) & mask;
            while (slots_[i].length) i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }
    std::vector<Slot> slots_;  // a power of two, at most half full
    std::string arena_;
    size_t count_ = 0;
};

/// One worker's stems: every word it meets maps to a local stem id (or kStopWord), so each word
/// is looked up once. libstemmer is not thread-safe: each worker has its own stemmer.
class WorkerVocabulary {
  public:
    static constexpr uint32_t kStopWord = UINT32_MAX;

    uint32_t stem_id(std::string_view word) {
        if (const uint32_t* id = words_.find(word)) return *id;
        uint32_t id = kStopWord;
        if (!is_stop_word(word)) {
            auto [stem, fresh] =
                stem_ids_.try_emplace(stemmer_.stem(word), static_cast<uint32_t>(stems_.size()));
            if (fresh) stems_.push_back(&stem->first);
            id = stem->second;
        }
        words_.insert(word, id);
        return id;
    }
    size_t size() const { return stems_.size(); }
    const std::string& stem(uint32_t id) const { return *stems_[id]; }
    /// Every word met, with its stem id or kStopWord.
    const WordTable& words() const { return words_; }

  private:
    RussianStemmer stemmer_;
    WordTable words_;
    std::unordered_map<std::string, uint32_t> stem_ids_;
    std::vector<const std::string*> stems_;  // node-based map: pointers stay valid
};

/// A stem in one document: the worker's stem id and its frequencies.
struct DocTerm {
    uint32_t id;
    TermFreq tf;
};

/// What one practice contributes to the index besides its terms.
struct DocInfo {
    size_t begin = 0, end = 0;  ///< its terms: [begin, end) of its worker's `terms`
    long length = 0;            ///< weighted number of indexed words
    std::string excerpt;
};

/// One worker's share of the analysis: a contiguous range of documents, whose terms lie one
/// after another in one array (no allocation per document).
struct Worker {
    size_t first_doc = 0, end_doc = 0;
    WorkerVocabulary vocabulary;
    std::vector<DocTerm, fs::HugePageAllocator<DocTerm>> terms;
};

struct Analysis {
    std::vector<DocInfo> docs;
    std::vector<std::unique_ptr<Worker>> workers;
};

// No default values: the postings array is allocated unfilled and written once, in parallel.
// Packed into 4 bytes (an impact is 0..63): there are millions of them.
struct Posting {
    uint32_t doc : 26;
    uint32_t impact : 6;
};
constexpr size_t kMaxDocuments = size_t{1} << 26;

/// Sorted stems with their postings (by document) in one array: stem k's postings are
/// postings[offsets[k], offsets[k + 1]).
struct Inverted {
    std::vector<std::string> stems;
    std::vector<size_t> offsets;
    fs::HugeArray<Posting> postings;

    std::span<const Posting> of(size_t k) const {
        return {postings.data() + offsets[k], offsets[k + 1] - offsets[k]};
    }
};

// `slot` maps a stem id to its position among the document's terms (-1: not seen yet).
void analyse(const records::Practice& p, std::string_view html, Worker& worker, DocInfo& d,
             std::vector<int32_t>& slot, size_t excerpt_chars) {
    auto& terms = worker.terms;
    d.begin = terms.size();
    auto count = [&](int weight, bool title) {
        return [&, weight, title](std::string_view w) {
            uint32_t id = worker.vocabulary.stem_id(w);
            if (id == WorkerVocabulary::kStopWord) return;
            if (id >= slot.size()) slot.resize(id + 1, -1);
            if (slot[id] < 0) {
                slot[id] = static_cast<int32_t>(terms.size() - d.begin);
                terms.push_back({id, {}});
            }
            TermFreq& tf = terms[d.begin + static_cast<size_t>(slot[id])].tf;
            tf.weighted += static_cast<uint32_t>(weight);
            if (title) tf.title = 1;
            d.length += weight;
        };
    };
    auto add = [&](std::string_view text, int weight, bool title) {
        for_each_word(text, count(weight, title));
    };
    add(p.title, kTitleWeight, true);
    for (const auto& tag : p.tags) add(tag, kTagWeight, false);
    add(p.summary, kSummaryWeight, false);
    for_each_html_word(html, count(kBodyWeight, false));
    d.end = terms.size();
    for (size_t k = d.begin; k < d.end; ++k) slot[terms[k].id] = -1;
    d.excerpt = html_excerpt(html, excerpt_chars);
}

// Workers take contiguous ranges of documents.
Analysis analyse_all(const model::Site& site, unsigned jobs, size_t excerpt_chars) {
    size_t n = site.practices.size();
    size_t workers = std::max<size_t>(1, std::min<size_t>(jobs, n));
    Analysis a;
    a.docs.resize(n);
    for (size_t w = 0; w < workers; ++w) {
        auto& worker = *a.workers.emplace_back(std::make_unique<Worker>());
        worker.first_doc = w * n / workers;
        worker.end_doc = (w + 1) * n / workers;
    }
    fs::parallel_for(workers, static_cast<unsigned>(workers), [&](size_t w) {
        Worker& worker = *a.workers[w];
        std::vector<int32_t> slot;
        // Room for every term at once: growing would copy them all a few times over. Untouched
        // reserved memory costs nothing; a practice has about one distinct stem per 24 bytes.
        size_t html_bytes = 0;
        for (size_t i = worker.first_doc; i < worker.end_doc; ++i)
            html_bytes += site.practice_html[i].html.size();
        worker.terms.reserve(html_bytes / 24 + 1024);
        for (size_t i = worker.first_doc; i < worker.end_doc; ++i)
            analyse(site.practices[i], site.practice_html[i].html.view(), worker, a.docs[i], slot,
                    excerpt_chars);
    });
    return a;
}

// BM25 of one term in one document, quantised to 1..31, plus 32 for a title match.
unsigned impact(const TermFreq& tf, long length, double avg_length) {
    double w = static_cast<double>(tf.weighted);
    double norm =
        w * (kK1 + 1) / (w + kK1 * (1 - kB + kB * static_cast<double>(length) / avg_length));
    long q = std::lround(norm / (kK1 + 1) * 31);
    return static_cast<unsigned>(std::clamp(q, 1L, 31L)) + (tf.title ? 32u : 0u);
}

// A counting sort in parallel: each worker counts, then fills, the postings of its own range of
// documents, so every stem's postings come out in document order.
Inverted invert(const Analysis& a, unsigned jobs) {
    Inverted inv;
    for (const auto& w : a.workers)
        for (uint32_t id = 0; id < w->vocabulary.size(); ++id)
            inv.stems.push_back(w->vocabulary.stem(id));
    std::sort(inv.stems.begin(), inv.stems.end());
    inv.stems.erase(std::unique(inv.stems.begin(), inv.stems.end()), inv.stems.end());
    size_t workers = a.workers.size(), stems = inv.stems.size();
    // Per worker: its stem id → the stem's sorted position.
    std::vector<std::vector<uint32_t>> global(workers);
    std::vector<std::vector<size_t>> cursor(workers);
    fs::parallel_for(workers, jobs, [&](size_t w) {
        const Worker& worker = *a.workers[w];
        for (uint32_t id = 0; id < worker.vocabulary.size(); ++id)
            global[w].push_back(static_cast<uint32_t>(
                std::lower_bound(inv.stems.begin(), inv.stems.end(), worker.vocabulary.stem(id)) -
                inv.stems.begin()));
        cursor[w].assign(stems, 0);
        for (const DocTerm& t : worker.terms) ++cursor[w][global[w][t.id]];
    });
    double total = 0;
    for (const auto& d : a.docs) total += static_cast<double>(d.length);
    double avg = a.docs.empty() || total == 0 ? 1.0 : total / static_cast<double>(a.docs.size());

    inv.offsets.resize(stems + 1);
    size_t next = 0;
    for (size_t k = 0; k < stems; ++k) {
        inv.offsets[k] = next;
        for (size_t w = 0; w < workers; ++w) next += std::exchange(cursor[w][k], next);
    }
    inv.offsets[stems] = next;
    inv.postings = fs::HugeArray<Posting>(next);
    fs::parallel_for(workers, jobs, [&](size_t w) {
        const Worker& worker = *a.workers[w];
        for (size_t i = worker.first_doc; i < worker.end_doc; ++i) {
            const DocInfo& d = a.docs[i];
            for (size_t k = d.begin; k < d.end; ++k) {
                const DocTerm& t = worker.terms[k];
                Posting& posting = inv.postings[cursor[w][global[w][t.id]]++];
                posting.doc = static_cast<uint32_t>(i) & (kMaxDocuments - 1);
                posting.impact = impact(t.tf, d.length, avg) & 63;
            }
        }
    });
    return inv;
}

// The endings the stemmer removed from the site's own words, plus the regular noun and
// adjective endings, so that a word form absent from the site still finds its stem.
std::vector<std::string> endings(const Analysis& a) {
    std::set<std::string> out = {
        "а",  "ам", "ами", "ах",  "е",   "ев",   "ей",  "ем",  "ею",  "и",  "ие", "ием", "иею",
        "ий", "ии", "ию",  "ия",  "иям", "иями", "иях", "й",   "о",   "ов", "ой", "ом",  "ою",
        "у",  "ы",  "ые",  "ый",  "ым",  "ыми",  "ых",  "ь",   "ью",  "ю",  "я",  "ям",  "ями",
        "ях", "ая", "ое",  "ого", "ому", "ую",   "его", "ему", "ими", "им", "их", "яя",  "юю"};
    // Views into the workers' word tables, which outlive this function.
    std::unordered_map<std::string_view, int> counts;
    std::unordered_set<std::string_view> seen;
    for (const auto& w : a.workers)
        w->vocabulary.words().for_each([&](std::string_view word, uint32_t id) {
            if (id == WorkerVocabulary::kStopWord) return;
            const std::string& stem = w->vocabulary.stem(id);
            if (word.size() > stem.size() && word.starts_with(stem) && seen.insert(word).second)
                ++counts[word.substr(stem.size())];
        });
    // An ending seen once is more likely noise (a stem quirk) than grammar.
    for (const auto& [ending, count] : counts)
        if (count >= 2 && text::char_count(ending) <= 8) out.emplace(ending);
    return {out.begin(), out.end()};
}

std::string encode_postings(std::span<const Posting> postings) {
    std::string out;
    long prev = -1;
    for (const auto& p : postings) {
        encode_varint(out, static_cast<unsigned long>(static_cast<long>(p.doc) - prev - 1));
        out += alphabet_char(p.impact);
        prev = static_cast<long>(p.doc);
    }
    return out;
}

std::string encode_docs(const std::vector<uint32_t>& docs, bool gaps) {
    std::string out;
    long prev = -1;
    for (uint32_t d : docs) {
        encode_varint(out, static_cast<unsigned long>(gaps ? static_cast<long>(d) - prev - 1 : d));
        prev = d;
    }
    return out;
}

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// Appends `s` (valid UTF-8) as a JSON string, escaped exactly as nlohmann::json::dump escapes
/// it, so that files written by hand and by the library read the same.
void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static const char* kHex = "0123456789abcdef";
                    out += "\\u00";
                    out += kHex[(c >> 4) & 15];
                    out += kHex[c & 15];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

/// The term shards: the sorted stems cut into contiguous runs of about `limit` bytes, each
/// written as {"d":[document frequencies],"p":[postings],"s":[stems]}. Postings are encoded in
/// parallel, the cuts are chosen in order, and the shards are written in parallel.
std::vector<SearchFile> term_shards(const Inverted& index, size_t limit, unsigned jobs,
                                    json& first_stems) {
    size_t stems = index.stems.size();
    std::vector<std::string> encoded(stems);
    size_t chunks = std::max<size_t>(1, std::min<size_t>(stems, 64));
    fs::parallel_for(chunks, jobs, [&](size_t c) {
        for (size_t k = c * stems / chunks; k < (c + 1) * stems / chunks; ++k)
            encoded[k] = encode_postings(index.of(k));
    });
    std::vector<size_t> starts;  // the first stem of each shard
    size_t bytes = 0;
    for (size_t k = 0; k < stems; ++k) {
        size_t entry = index.stems[k].size() + encoded[k].size() + 12;
        if (bytes > 0 && bytes + entry > limit) bytes = 0;
        if (bytes == 0) starts.push_back(k);
        bytes += entry;
    }
    if (starts.empty()) starts.push_back(0);  // no stems: one empty shard
    starts.push_back(stems);
    std::vector<SearchFile> out(starts.size() - 1);
    fs::parallel_for(out.size(), jobs, [&](size_t s) {
        size_t begin = starts[s], end = starts[s + 1];
        std::string text = "{\"d\":[";
        for (size_t k = begin; k < end; ++k)
            (k > begin ? text += ',' : text) += std::to_string(index.of(k).size());
        text += "],\"p\":[";
        for (size_t k = begin; k < end; ++k) {
            if (k > begin) text += ',';
            append_json_string(text, encoded[k]);
        }
        text += "],\"s\":[";
        for (size_t k = begin; k < end; ++k) {
            if (k > begin) text += ',';
            append_json_string(text, index.stems[k]);
        }
        text += "]}";
        out[s] = {"t" + std::to_string(s) + ".json", std::move(text)};
    });
    for (size_t s = 0; s + 1 < starts.size(); ++s)
        first_stems.push_back(starts[s] < stems ? index.stems[starts[s]] : std::string());
    return out;
}

std::string schools_of(const model::Site& site, const records::Practice& p) {
    std::string out;
    for (const auto& id : p.schools)
        if (const records::School* s = site.school(id.value))
            out += (out.empty() ? "" : ", ") + s->display_name();
    return out;
}

/// Documents [start, end) as one shard of titles, URLs and excerpts:
/// {"docs":[[url, title, date, schools, summary, excerpt], ...]}. Written by hand: there are
/// thousands of these shards, and building JSON values for them took longer than the text.
std::string doc_shard(const model::Site& site, const std::vector<DocInfo>& docs, size_t start,
                      size_t end) {
    std::string out = "{\"docs\":[";
    for (size_t i = start; i < end; ++i) {
        const auto& p = site.practices[i];
        std::string url = site.url("practices", p.id), date = p.date.iso(),
                    schools = schools_of(site, p);
        const std::string_view fields[] = {url, p.title, date, schools, p.summary, docs[i].excerpt};
        out += i > start ? ",[" : "[";
        for (std::string_view field : fields) {
            if (out.back() != '[') out += ',';
            append_json_string(out, field);
        }
        out += ']';
    }
    out += "]}";
    return out;
}

/// The values of one facet: code → (label, URL, documents in order).
struct FacetValue {
    std::string label, url;
    std::vector<uint32_t> docs;
};
using FacetValues = std::vector<std::pair<std::string, FacetValue>>;

json facet_json(const char* kind, const char* param, const char* label, const char* any,
                const FacetValues& values) {
    json list = json::array();
    for (const auto& [code, v] : values)
        list.push_back(
            {{"c", code}, {"l", v.label}, {"u", v.url}, {"p", encode_docs(v.docs, true)}});
    return {{"kind", kind}, {"param", param}, {"label", label}, {"any", any}, {"values", list}};
}

// The values of one facet in first-seen order, each with the documents that carry it.
class FacetBuilder {
  public:
    /// Adds `doc` to value `code`; on the code's first use, describe() gives its label and URL
    /// (a function: most calls name a value already seen, and URLs are built strings).
    template <typename Describe>
    void add(const std::string& code, uint32_t doc, Describe describe) {
        auto [it, fresh] = index_.emplace(code, values_.size());
        if (fresh) {
            auto [label, url] = describe();
            values_.push_back({code, {std::move(label), std::move(url), {}}});
        }
        auto& docs = values_[it->second].second.docs;
        if (docs.empty() || docs.back() != doc) docs.push_back(doc);
    }
    /// Values sorted by label, as people look for them in a list.
    FacetValues by_label() const {
        std::vector<std::pair<std::string, size_t>> keyed;  // each label folded once
        for (size_t i = 0; i < values_.size(); ++i)
            keyed.emplace_back(text::fold_case(values_[i].second.label), i);
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        FacetValues out;
        for (const auto& [key, i] : keyed) out.push_back(values_[i]);
        return out;
    }
    /// Values in the given order (a vocabulary's), skipping codes no document carries.
    FacetValues in_order(const std::vector<std::string>& codes) const {
        FacetValues out;
        for (const auto& c : codes)
            if (auto it = index_.find(c); it != index_.end()) out.push_back(values_[it->second]);
        return out;
    }

  private:
    std::map<std::string, size_t> index_;
    FacetValues values_;
};

std::vector<std::string> vocabulary_codes(const config::Vocabulary& v) {
    std::vector<std::string> out;
    for (const auto& [code, label] : v.entries()) out.push_back(code);
    return out;
}

std::string facets_file(const model::Site& site) {
    FacetBuilder directions, forms, schools, municipalities, years, tags;
    std::set<int> year_set;
    std::unordered_map<std::string_view, std::string> slugs;  // tag → slug
    for (size_t i = 0; i < site.practices.size(); ++i) {
        const auto& p = site.practices[i];
        auto doc = static_cast<uint32_t>(i);
        using Described = std::pair<std::string, std::string>;  // label, URL
        for (const auto& d : p.directions)
            directions.add(d.value, doc, [&] {
                return Described{site.config.directions.label(d.value),
                                 site.url("directions", d.value)};
            });
        for (const auto& f : p.forms)
            forms.add(f.value, doc, [&] {
                return Described{site.config.forms.label(f.value), site.url("forms", f.value)};
            });
        for (const auto& id : p.schools) {
            const records::School* s = site.school(id.value);
            if (!s) continue;  // not on this site (or internal): never name it
            schools.add(s->id, doc, [&] {
                return Described{s->display_name(), site.url("schools", s->id)};
            });
            if (!s->municipality.empty())
                municipalities.add(s->municipality, doc, [&] {
                    return Described{s->municipality, ""};
                });
        }
        std::string year = std::to_string(p.date.year);
        years.add(year, doc, [&] { return Described{year, ""}; });
        year_set.insert(p.date.year);
        for (const auto& t : p.tags) {
            auto found = slugs.find(t);  // the same tags recur on many practices
            if (found == slugs.end()) found = slugs.emplace(t, fs::slugify(t)).first;
            const std::string& slug = found->second;
            if (!slug.empty())
                tags.add(slug, doc, [&] { return Described{t, site.url("tags", slug)}; });
        }
    }
    std::vector<std::string> year_codes;
    for (auto it = year_set.rbegin(); it != year_set.rend(); ++it)
        year_codes.push_back(std::to_string(*it));
    json kinds =
        json::array({facet_json("directions", "direction", "Направление", "Все направления",
                                directions.in_order(vocabulary_codes(site.config.directions))),
                     facet_json("forms", "form", "Форма работы", "Все формы",
                                forms.in_order(vocabulary_codes(site.config.forms))),
                     facet_json("schools", "school", "Школа", "Все школы", schools.by_label()),
                     facet_json("municipalities", "municipality", "Муниципалитет",
                                "Все муниципалитеты", municipalities.by_label()),
                     facet_json("years", "year", "Год", "Все годы", years.in_order(year_codes)),
                     facet_json("tags", "tag", "Тег", "Все теги", tags.by_label())});
    return dump(json{{"facets", kinds}});
}

std::string title_order_file(const model::Site& site) {
    std::vector<std::pair<std::string, uint32_t>> keyed;
    for (size_t i = 0; i < site.practices.size(); ++i)
        keyed.emplace_back(text::fold_case(site.practices[i].title), static_cast<uint32_t>(i));
    std::sort(keyed.begin(), keyed.end());
    std::vector<uint32_t> order;
    for (const auto& k : keyed) order.push_back(k.second);
    return dump(json{{"order", encode_docs(order, false)}});
}

// A hash of every file: a version the client appends to shard URLs to defeat stale caches.
std::string content_hash(const std::vector<SearchFile>& files) {
    XXH3_state_t* state = XXH3_createState();
    XXH3_64bits_reset(state);
    for (const auto& f : files) {
        XXH3_64bits_update(state, f.name.data(), f.name.size() + 1);  // with its NUL
        XXH3_64bits_update(state, f.content.data(), f.content.size() + 1);
    }
    uint64_t h = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 15];
    return out;
}

}  // namespace

char alphabet_char(unsigned value) {
    return kAlphabet[value & 63];
}

void encode_varint(std::string& out, unsigned long value) {
    char digits[16];
    int n = 0;
    do {
        digits[n++] = static_cast<char>(value & 31);
        value >>= 5;
    } while (value);
    while (n-- > 0) out += alphabet_char(static_cast<unsigned>(digits[n]) + (n > 0 ? 32 : 0));
}

SearchIndex SearchIndex::build(const model::Site& site, unsigned jobs,
                               const SearchIndexOptions& options) {
    if (site.practices.size() >= kMaxDocuments)
        throw std::length_error("too many practices for the search index");
    Analysis analysis = analyse_all(site, jobs, options.excerpt_chars);
    Inverted inverted = invert(analysis, jobs);
    json first_stems = json::array(), ending_list;
    std::vector<SearchFile> term_files =
        term_shards(inverted, options.terms_shard_bytes, jobs, first_stems);
    // The endings, the document shards, the facets and the title order are independent.
    size_t per_shard = std::max<size_t>(1, options.docs_per_shard);
    size_t doc_shard_count = (site.practices.size() + per_shard - 1) / per_shard;
    std::vector<SearchFile> doc_files(doc_shard_count);
    std::string facets, title_order;
    std::vector<std::function<void()>> parts = {
        [&] { ending_list = endings(analysis); },
        [&] { facets = facets_file(site); },
        [&] { title_order = title_order_file(site); },
    };
    for (size_t k = 0; k < doc_shard_count; ++k)
        parts.push_back([&, k] {
            size_t start = k * per_shard, end = std::min(site.practices.size(), start + per_shard);
            doc_files[k] = {"d" + std::to_string(k) + ".json",
                            doc_shard(site, analysis.docs, start, end)};
        });
    fs::parallel_for(parts.size(), jobs, [&](size_t i) { parts[i](); });

    std::vector<SearchFile> files = std::move(term_files);
    std::move(doc_files.begin(), doc_files.end(), std::back_inserter(files));
    files.push_back({"facets.json", std::move(facets)});
    files.push_back({"order-title.json", std::move(title_order)});
    json manifest = {{"version", 1},
                     {"count", site.practices.size()},
                     {"doc_shard", options.docs_per_shard},
                     {"doc_shards", doc_shard_count},
                     {"terms", first_stems},
                     {"endings", ending_list},
                     {"stop", stop_words()},
                     {"min_prefix", kMinPrefix},
                     {"build", content_hash(files)}};
    SearchIndex index;
    index.files_.push_back({"manifest.json", dump(manifest)});
    std::move(files.begin(), files.end(), std::back_inserter(index.files_));
    return index;
}

const SearchFile* SearchIndex::file(const std::string& name) const {
    for (const auto& f : files_)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace nk::output
