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
#include <unordered_map>
#include <unordered_set>

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

/// Words to ids: open addressing over one character arena. Every word of every practice is
/// looked up here, so a lookup costs one probe into a flat array (std::unordered_map chases a node
/// and, for most Russian words, a heap-allocated string).
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
        uint64_t h = hash(word);
        Slot& slot = slots_[probe(word, h)];
        if (slot.length) return;
        slot = {h, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(word.size()), value};
        arena_.append(word);
        ++count_;
    }
    /// Calls fn(word, value) for every word.
    template <typename Fn>
    void for_each(Fn fn) const {
        for (const Slot& slot : slots_)
            if (slot.length)
                fn(std::string_view(arena_).substr(slot.offset, slot.length), slot.value);
    }

  private:
    struct Slot {
        uint64_t hash = 0;
        uint32_t offset = 0, length = 0;  // length 0: empty (words have at least two characters)
        uint32_t value = 0;
    };
    static uint64_t hash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }
    size_t probe(std::string_view word, uint64_t h) const {
        size_t mask = slots_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& slot = slots_[i];
            if (!slot.length || (slot.hash == h && slot.length == word.size() &&
                                 std::string_view(arena_).substr(slot.offset, slot.length) == word))
                return i;
        }
    }
    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (!slot.length) continue;
            size_t i = slot.hash & mask;
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

/// What one practice contributes to the index, in its worker's stem ids.
struct DocTerms {
    std::vector<std::pair<uint32_t, TermFreq>> terms;
    long length = 0;  ///< weighted number of indexed words
    std::string excerpt;
};

struct Analysis {
    std::vector<DocTerms> docs;
    std::vector<std::unique_ptr<WorkerVocabulary>> workers;
    std::vector<uint32_t> worker_of;  ///< per document
};

// No default values: the postings array is allocated unfilled and written once, in parallel.
struct Posting {
    uint32_t doc;
    uint32_t impact;
};

/// Sorted stems with their postings (by document) in one array: stem k's postings are
/// postings[offsets[k], offsets[k + 1]).
struct Inverted {
    std::vector<std::string> stems;
    std::vector<size_t> offsets;
    std::unique_ptr<Posting[]> postings;

    std::span<const Posting> of(size_t k) const {
        return {postings.get() + offsets[k], offsets[k + 1] - offsets[k]};
    }
};

DocTerms analyse(const records::Practice& p, const std::string& html, WorkerVocabulary& vocab,
                 std::vector<int32_t>& slot, size_t excerpt_chars) {
    DocTerms d;
    auto count = [&](int weight, bool title) {
        return [&, weight, title](std::string_view w) {
            uint32_t id = vocab.stem_id(w);
            if (id == WorkerVocabulary::kStopWord) return;
            if (id >= slot.size()) slot.resize(id + 1, -1);
            if (slot[id] < 0) {
                slot[id] = static_cast<int32_t>(d.terms.size());
                d.terms.push_back({id, {}});
            }
            TermFreq& tf = d.terms[static_cast<size_t>(slot[id])].second;
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
    for (const auto& [id, tf] : d.terms) slot[id] = -1;
    d.excerpt = html_excerpt(html, excerpt_chars);
    return d;
}

// Workers take contiguous ranges of documents.
Analysis analyse_all(const model::Site& site, unsigned jobs, size_t excerpt_chars) {
    size_t n = site.practices.size();
    size_t workers = std::max<size_t>(1, std::min<size_t>(jobs, n));
    Analysis a;
    a.docs.resize(n);
    for (size_t w = 0; w < workers; ++w) a.workers.push_back(std::make_unique<WorkerVocabulary>());
    a.worker_of.resize(n);
    fs::parallel_for(workers, static_cast<unsigned>(workers), [&](size_t w) {
        std::vector<int32_t> slot;
        for (size_t i = w * n / workers; i < (w + 1) * n / workers; ++i) {
            a.docs[i] = analyse(site.practices[i], site.practice_html[i].html, *a.workers[w], slot,
                                excerpt_chars);
            a.worker_of[i] = static_cast<uint32_t>(w);
        }
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

// A counting sort in parallel: each worker counts, then fills, the postings of a contiguous range
// of documents, so every stem's postings come out in document order.
Inverted invert(const Analysis& a, unsigned jobs) {
    Inverted inv;
    for (const auto& w : a.workers)
        for (uint32_t id = 0; id < w->size(); ++id) inv.stems.push_back(w->stem(id));
    std::sort(inv.stems.begin(), inv.stems.end());
    inv.stems.erase(std::unique(inv.stems.begin(), inv.stems.end()), inv.stems.end());
    std::vector<std::vector<uint32_t>> global(a.workers.size());  // worker's id → sorted position
    fs::parallel_for(a.workers.size(), jobs, [&](size_t w) {
        for (uint32_t id = 0; id < a.workers[w]->size(); ++id)
            global[w].push_back(static_cast<uint32_t>(
                std::lower_bound(inv.stems.begin(), inv.stems.end(), a.workers[w]->stem(id)) -
                inv.stems.begin()));
    });
    double total = 0;
    for (const auto& d : a.docs) total += static_cast<double>(d.length);
    double avg = a.docs.empty() || total == 0 ? 1.0 : total / static_cast<double>(a.docs.size());

    size_t docs = a.docs.size(), stems = inv.stems.size();
    size_t ranges = std::max<size_t>(1, std::min<size_t>(jobs, docs));
    auto range_of = [&](size_t r) { return std::pair{r * docs / ranges, (r + 1) * docs / ranges}; };
    auto global_id = [&](size_t doc, uint32_t id) { return global[a.worker_of[doc]][id]; };
    std::vector<std::vector<size_t>> cursor(ranges, std::vector<size_t>(stems, 0));
    fs::parallel_for(ranges, jobs, [&](size_t r) {
        auto [begin, end] = range_of(r);
        for (size_t i = begin; i < end; ++i)
            for (const auto& [id, tf] : a.docs[i].terms) ++cursor[r][global_id(i, id)];
    });
    inv.offsets.resize(stems + 1);
    size_t next = 0;
    for (size_t k = 0; k < stems; ++k) {
        inv.offsets[k] = next;
        for (size_t r = 0; r < ranges; ++r) next += std::exchange(cursor[r][k], next);
    }
    inv.offsets[stems] = next;
    inv.postings = std::make_unique_for_overwrite<Posting[]>(next);
    fs::parallel_for(ranges, jobs, [&](size_t r) {
        auto [begin, end] = range_of(r);
        for (size_t i = begin; i < end; ++i)
            for (const auto& [id, tf] : a.docs[i].terms)
                inv.postings[cursor[r][global_id(i, id)]++] = {static_cast<uint32_t>(i),
                                                               impact(tf, a.docs[i].length, avg)};
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
    std::map<std::string, int> counts;
    std::unordered_set<std::string_view> seen;
    for (const auto& w : a.workers)
        w->words().for_each([&](std::string_view word, uint32_t id) {
            if (id == WorkerVocabulary::kStopWord) return;
            const std::string& stem = w->stem(id);
            if (seen.insert(word).second && word.size() > stem.size() && word.rfind(stem, 0) == 0)
                ++counts[std::string(word.substr(stem.size()))];
        });
    // An ending seen once is more likely noise (a stem quirk) than grammar.
    for (const auto& [ending, count] : counts)
        if (count >= 2 && text::char_count(ending) <= 8) out.insert(ending);
    return {out.begin(), out.end()};
}

std::string encode_postings(std::span<const Posting> postings) {
    std::string out;
    long prev = -1;
    for (const auto& p : postings) {
        encode_varint(out, static_cast<unsigned long>(static_cast<long>(p.doc) - prev - 1));
        out += alphabet_char(p.impact);
        prev = p.doc;
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

/// Splits the sorted stems into contiguous shards of about `limit` bytes each.
std::vector<SearchFile> term_shards(const Inverted& index, size_t limit, json& first_stems) {
    std::vector<SearchFile> out;
    json stems = json::array(), dfs = json::array(), postings = json::array();
    size_t bytes = 0;
    auto flush = [&] {
        json shard = {{"s", stems}, {"d", dfs}, {"p", postings}};
        out.push_back({"t" + std::to_string(out.size()) + ".json", dump(shard)});
        stems = json::array();
        dfs = json::array();
        postings = json::array();
        bytes = 0;
    };
    for (size_t k = 0; k < index.stems.size(); ++k) {
        const std::string& stem = index.stems[k];
        std::string encoded = encode_postings(index.of(k));
        size_t entry = stem.size() + encoded.size() + 12;
        if (bytes > 0 && bytes + entry > limit) flush();
        if (bytes == 0) first_stems.push_back(stem);
        stems.push_back(stem);
        dfs.push_back(index.of(k).size());
        postings.push_back(std::move(encoded));
        bytes += entry;
    }
    if (bytes > 0 || out.empty()) {
        if (bytes == 0) first_stems.push_back("");
        flush();
    }
    return out;
}

std::string schools_of(const model::Site& site, const records::Practice& p) {
    std::string out;
    for (const auto& id : p.schools)
        if (const records::School* s = site.school(id.value))
            out += (out.empty() ? "" : ", ") + s->display_name();
    return out;
}

/// Documents [start, end) as one shard of titles, URLs and excerpts.
std::string doc_shard(const model::Site& site, const std::vector<DocTerms>& docs, size_t start,
                      size_t end) {
    json list = json::array();
    for (size_t i = start; i < end; ++i) {
        const auto& p = site.practices[i];
        list.push_back({site.url("practices", p.id), p.title, p.date.iso(), schools_of(site, p),
                        p.summary, docs[i].excerpt});
    }
    return dump(json{{"docs", list}});
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
    void add(const std::string& code, const std::string& label, const std::string& url,
             uint32_t doc) {
        auto [it, fresh] = index_.emplace(code, values_.size());
        if (fresh) values_.push_back({code, {label, url, {}}});
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
    for (size_t i = 0; i < site.practices.size(); ++i) {
        const auto& p = site.practices[i];
        auto doc = static_cast<uint32_t>(i);
        for (const auto& d : p.directions)
            directions.add(d.value, site.config.directions.label(d.value),
                           site.url("directions", d.value), doc);
        for (const auto& f : p.forms)
            forms.add(f.value, site.config.forms.label(f.value), site.url("forms", f.value), doc);
        for (const auto& id : p.schools) {
            const records::School* s = site.school(id.value);
            if (!s) continue;  // not on this site (or internal): never name it
            schools.add(s->id, s->display_name(), site.url("schools", s->id), doc);
            if (!s->municipality.empty())
                municipalities.add(s->municipality, s->municipality, "", doc);
        }
        years.add(std::to_string(p.date.year), std::to_string(p.date.year), "", doc);
        year_set.insert(p.date.year);
        for (const auto& t : p.tags)
            if (std::string slug = fs::slugify(t); !slug.empty())
                tags.add(slug, t, site.url("tags", slug), doc);
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
    Analysis analysis = analyse_all(site, jobs, options.excerpt_chars);
    Inverted inverted = invert(analysis, jobs);
    // The term shards, the document shards, the facets and the title order are independent.
    size_t per_shard = std::max<size_t>(1, options.docs_per_shard);
    size_t doc_shard_count = (site.practices.size() + per_shard - 1) / per_shard;
    std::vector<SearchFile> term_files, doc_files(doc_shard_count);
    json first_stems = json::array(), ending_list;
    std::string facets, title_order;
    std::vector<std::function<void()>> parts = {
        [&] {
            term_files = term_shards(inverted, options.terms_shard_bytes, first_stems);
            ending_list = endings(analysis);
        },
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
