#include "output/search_index.h"

// Inline: every word of every practice is hashed, and a call into the library per word showed.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "fs/byte_codec.h"
#include "fs/collation.h"
#include "fs/hash_stream.h"
#include "fs/huge_pages.h"
#include "fs/parallel.h"
#include "fs/text.h"
#include "markdown/render_cache.h"
#include "output/json_text.h"
#include "output/search_text.h"
#include "output/site_search.h"

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
// Longer "words" are not indexed.
constexpr size_t kMaxWordBytes = 1024;

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
    const uint32_t* find(std::string_view word) const { return find(word, hash(word)); }
    /// The same, with the word's hash(): a caller that needs it too computes it once.
    const uint32_t* find(std::string_view word, uint64_t h) const {
        const Slot& slot = slots_[probe(word, h)];
        return slot.length ? &slot.value : nullptr;
    }
    static uint64_t hash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }
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

/// Stems and word endings by number, kept in the build cache between builds (see
/// SearchIndex::build): the cached analysis of a practice names its stems by these numbers, so
/// a number never changes meaning. New strings are added at the end; a vocabulary grown to
/// mostly strings no practice uses any more is started afresh (a new lineage).
class Vocabulary {
  public:
    /// The number of `text`, added when new.
    uint32_t id_of(std::string_view text) {
        if (const uint32_t* id = table_.find(text)) return *id;
        auto id = static_cast<uint32_t>(texts_.size());
        texts_.push_back(owned_.emplace_back(text));
        table_.insert(text, id);
        return id;
    }
    std::string_view text(uint32_t id) const { return texts_[id]; }
    size_t size() const { return texts_.size(); }
    uint64_t lineage() const { return lineage_; }
    /// Strings added since it was read from the cache (all of them for a new vocabulary).
    bool grown() const { return texts_.size() > loaded_; }

    /// A new vocabulary: no cached analysis refers to it.
    static Vocabulary fresh() {
        Vocabulary v;
        std::random_device random;
        v.lineage_ = (uint64_t{random()} << 32) ^ random() ^ 1;  // never 0
        return v;
    }
    /// The vocabulary stored in `payload` (views into it, which must outlive the vocabulary),
    /// or a fresh one when the payload is damaged or mostly unused.
    static Vocabulary decode(std::string_view payload) {
        fs::ByteReader in(payload);
        Vocabulary v;
        v.lineage_ = in.u64();
        uint64_t live = in.u64(), count = in.count();
        if (in.failed() || v.lineage_ == 0 || count > 2 * live + 65536) return fresh();
        v.texts_.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
            std::string_view text = in.short_view();
            if (in.failed() || text.empty() || v.table_.find(text)) return fresh();
            v.table_.insert(text, static_cast<uint32_t>(v.texts_.size()));
            v.texts_.push_back(text);
        }
        if (!in.ok()) return fresh();
        v.loaded_ = v.texts_.size();
        return v;
    }
    /// `live`: how many of its strings the site uses now (decode starts afresh when few do).
    std::string encode(size_t live) const {
        std::string out;
        fs::put_u64(out, lineage_);
        fs::put_u64(out, live);
        fs::put_u64(out, texts_.size());
        for (std::string_view text : texts_) fs::put_short_str(out, text);
        return out;
    }

  private:
    uint64_t lineage_ = 0;
    size_t loaded_ = 0;
    WordTable table_;
    std::vector<std::string_view> texts_;
    std::deque<std::string> owned_;  ///< the strings added in this build (stable addresses)
};

/// One worker's words: every word it meets maps to a local stem id (or kStopWord) and the
/// ending the stemmer removed from it, so each word is looked up once. libstemmer is not
/// thread-safe: each worker has its own stemmer.
class WorkerVocabulary {
  public:
    static constexpr uint32_t kStopWord = UINT32_MAX, kNoEnding = UINT32_MAX;
    struct Word {
        uint32_t stem = kStopWord, ending = kNoEnding;
        uint32_t hash = 0;               ///< tells words apart when endings are counted
        uint32_t last_doc = UINT32_MAX;  ///< the last document it was seen in
    };

    /// The entry of `word`; valid until the next call.
    Word& word(std::string_view word) {
        uint64_t h = WordTable::hash(word);
        // Most words of a text are a few thousand common ones: a small table of the words met
        // last, in the processor's cache, answers most lookups without waiting for memory (the
        // full table, megabytes large, cost a cache miss on nearly every word).
        HotWord& hot = hot_[(h >> 40) & (kHotWords - 1)];
        if (hot.length == word.size() && hot.hash == static_cast<uint32_t>(h) &&
            std::equal(word.begin(), word.end(), hot.bytes))
            return info_[hot.id];
        const uint32_t* found = words_.find(word, h);
        uint32_t id = found ? *found : add(word, h);
        if (word.size() <= sizeof hot.bytes) {
            hot.length = static_cast<uint8_t>(word.size());
            hot.hash = static_cast<uint32_t>(h);
            hot.id = id;
            std::copy(word.begin(), word.end(), hot.bytes);
        }
        return info_[id];
    }
    /// The worker's stems and endings, numbered by first sighting.
    const Vocabulary& stems() const { return stems_; }
    const Vocabulary& endings() const { return endings_; }

  private:
    static constexpr size_t kHotWords = 4096;  // 128 KB
    struct HotWord {
        uint32_t hash = 0, id = 0;
        uint8_t length = 0;  ///< 0: empty
        char bytes[23];
    };
    static_assert(sizeof(HotWord) == 32);

    /// Analyses a word not seen before; its id.
    uint32_t add(std::string_view word, uint64_t h) {
        Word info;
        info.hash = static_cast<uint32_t>(h);
        // Stop words are not indexed, nor is an empty stem (should the stemmer take a whole word).
        std::string stem = is_stop_word(word) ? std::string() : stemmer_.stem(word);
        if (!stem.empty()) {
            if (word.size() > stem.size() && word.starts_with(stem))
                info.ending = endings_.id_of(word.substr(stem.size()));
            info.stem = stems_.id_of(stem);
        }
        auto id = static_cast<uint32_t>(info_.size());
        words_.insert(word, id);
        info_.push_back(info);
        return id;
    }

    std::vector<HotWord> hot_ = std::vector<HotWord>(kHotWords);
    RussianStemmer stemmer_;
    WordTable words_;
    std::vector<Word> info_;
    Vocabulary stems_, endings_;
};

/// A stem in one document: its id and its frequencies.
struct DocTerm {
    uint32_t id;
    TermFreq tf;
};

/// A word whose ending the stemmer removed: (ending id, hash of the word). A document keeps at
/// most two words per ending, enough to tell whether the site has two (see endings()).
using WordEnding = std::pair<uint32_t, uint32_t>;

/// What one practice contributes to the index besides its terms.
struct DocInfo {
    size_t begin = 0, end = 0;                  ///< its terms: [begin, end) of its worker's `terms`
    size_t endings_begin = 0, endings_end = 0;  ///< its words' endings, in its worker's `endings`
    long length = 0;                            ///< weighted number of indexed words
    std::string_view excerpt;                   ///< in its worker's `excerpts`, or in the cache
    uint64_t key = 0;    ///< of its analysis in the build cache (0: no cache)
    bool fresh = false;  ///< analysed in this build: its ids are its worker's until renumbered
};

/// One worker's share of the analysis: a contiguous range of documents, whose terms lie one
/// after another in one array (no allocation per document).
struct Worker {
    size_t first_doc = 0, end_doc = 0;
    WorkerVocabulary vocabulary;
    std::vector<DocTerm, fs::HugePageAllocator<DocTerm>> terms;
    std::vector<WordEnding> endings;
    std::vector<uint8_t> ending_seen;       ///< words per (worker) ending in the current document
    std::vector<uint32_t> endings_touched;  ///< the endings counted in the current document
    std::deque<std::string> excerpts;       ///< of the documents it analysed
};

struct Analysis {
    std::vector<DocInfo> docs;
    std::vector<std::unique_ptr<Worker>> workers;
    Vocabulary vocabulary;  ///< the ids of every document's terms and endings
    size_t reused = 0;      ///< documents taken from the cache
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
             uint32_t doc, std::vector<int32_t>& slot, size_t excerpt_chars) {
    auto& terms = worker.terms;
    d.begin = terms.size();
    d.endings_begin = worker.endings.size();
    auto count = [&](int weight, bool title) {
        return [&, weight, title](std::string_view w) {
            // Longer runs of letters are not words anyone searches for (and the word tables
            // keep words of up to 64 KB).
            if (w.size() > kMaxWordBytes) return;
            auto& word = worker.vocabulary.word(w);
            if (word.stem == WorkerVocabulary::kStopWord) return;
            // Each word once per document, at most two words per ending (a count per ending,
            // cleared after the document: sorting the document's words took longer).
            if (word.ending != WorkerVocabulary::kNoEnding && word.last_doc != doc) {
                word.last_doc = doc;
                auto& seen = worker.ending_seen;
                if (word.ending >= seen.size()) seen.resize(word.ending + 1, 0);
                if (seen[word.ending] < 2) {
                    if (!seen[word.ending]++) worker.endings_touched.push_back(word.ending);
                    worker.endings.emplace_back(word.ending, word.hash);
                }
            }
            uint32_t id = word.stem;
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
    d.excerpt = worker.excerpts.emplace_back(html_excerpt(html, excerpt_chars));
    for (uint32_t ending : worker.endings_touched) worker.ending_seen[ending] = 0;
    worker.endings_touched.clear();
    d.endings_end = worker.endings.size();
    d.fresh = true;
}

// Where a practice's analysis is cached: everything analyse() reads. The body is named by its
// Markdown cache key when it has one, so that a rebuild need not read every body to hash it.
uint64_t analysis_key(const markdown::RenderCache& cache, const records::Practice& p,
                      uint64_t body_key, std::string_view html, size_t excerpt_chars) {
    fs::HashStream hash;
    auto add = [&](std::string_view s) { hash.add_sized(s); };
    add("search");
    add(cache.salt());
    add(std::to_string(excerpt_chars));
    add(p.title);
    add(std::to_string(p.tags.size()));
    for (const auto& tag : p.tags) add(tag);
    add(p.summary);
    if (body_key) {
        add("body key");
        hash.add(&body_key, sizeof body_key);
    } else {
        add(html);
    }
    return hash.digest();
}

// A cached analysis: [lineage][length][excerpt][terms: id, frequencies][endings: id, word hash].
std::string encode_analysis(const DocInfo& d, const Worker& worker, uint64_t lineage) {
    std::string out;
    fs::put_u64(out, lineage);
    fs::put_varint(out, static_cast<uint64_t>(d.length));
    fs::put_short_str(out, d.excerpt);
    fs::put_varint(out, d.end - d.begin);
    for (size_t k = d.begin; k < d.end; ++k) {
        const DocTerm& t = worker.terms[k];
        fs::put_varint(out, t.id);
        fs::put_varint(out, uint64_t{t.tf.weighted} << 1 | t.tf.title);
    }
    fs::put_varint(out, d.endings_end - d.endings_begin);
    for (size_t k = d.endings_begin; k < d.endings_end; ++k) {
        fs::put_varint(out, worker.endings[k].first);
        fs::put_u32(out, worker.endings[k].second);
    }
    return out;
}

// Appends a cached analysis to the worker's terms; false (and nothing appended) when it is of
// another vocabulary or damaged.
bool decode_analysis(std::string_view payload, const Vocabulary& vocabulary, Worker& worker,
                     DocInfo& d) {
    fs::ByteReader in(payload);
    if (in.u64() != vocabulary.lineage()) return false;
    d.length = static_cast<long>(in.varint());
    std::string_view excerpt = in.short_view();
    bool damaged = false;  // an id past the vocabulary
    d.begin = worker.terms.size();
    for (uint64_t k = 0, terms = in.short_count(); k < terms && !in.failed(); ++k) {
        uint64_t id = in.varint(), tf = in.varint();
        damaged |= id >= vocabulary.size();
        DocTerm term{static_cast<uint32_t>(id), {}};
        term.tf.weighted = static_cast<uint32_t>(tf >> 1) & 0x7fffffff;
        term.tf.title = tf & 1;
        worker.terms.push_back(term);
    }
    d.endings_begin = worker.endings.size();
    for (uint64_t k = 0, endings = in.short_count(); k < endings && !in.failed(); ++k) {
        uint64_t ending = in.varint();
        damaged |= ending >= vocabulary.size();
        worker.endings.emplace_back(static_cast<uint32_t>(ending), in.u32());
    }
    if (damaged || !in.ok()) {
        worker.terms.resize(d.begin);
        worker.endings.resize(d.endings_begin);
        return false;
    }
    d.end = worker.terms.size();
    d.endings_end = worker.endings.size();
    d.excerpt = excerpt;
    return true;
}

// The shared vocabulary of the cache (or a fresh one).
Vocabulary cached_vocabulary(markdown::RenderCache* cache, uint64_t key) {
    if (!cache) return Vocabulary::fresh();
    auto payload = cache->find_entry(key);
    return payload ? Vocabulary::decode(*payload) : Vocabulary::fresh();
}

// Workers take contiguous ranges of documents. A document whose analysis is cached is decoded;
// the others are analysed, and their worker's stem and ending ids renumbered into the shared
// vocabulary afterwards.
Analysis analyse_all(const model::Site& site, unsigned jobs, size_t excerpt_chars,
                     markdown::RenderCache* cache) {
    size_t n = site.practices.size();
    size_t workers = std::max<size_t>(1, std::min<size_t>(jobs, n));
    const uint64_t vocabulary_key =
        cache ? text::hash64(std::string("search vocabulary") + '\0' + cache->salt()) : 0;
    Analysis a;
    a.vocabulary = cached_vocabulary(cache, vocabulary_key);
    a.docs.resize(n);
    for (size_t w = 0; w < workers; ++w) {
        auto& worker = *a.workers.emplace_back(std::make_unique<Worker>());
        worker.first_doc = w * n / workers;
        worker.end_doc = (w + 1) * n / workers;
    }
    std::atomic<size_t> reused{0};
    fs::parallel_for(workers, static_cast<unsigned>(workers), [&](size_t w) {
        Worker& worker = *a.workers[w];
        std::vector<int32_t> slot;
        // Room for every term at once: growing would copy them all a few times over. Untouched
        // reserved memory costs nothing; a practice has about one distinct stem per 24 bytes.
        size_t html_bytes = 0;
        for (size_t i = worker.first_doc; i < worker.end_doc; ++i)
            html_bytes += site.practice_html[i].html.size();
        worker.terms.reserve(html_bytes / 24 + 1024);
        worker.endings.reserve(html_bytes / 80 + 1024);  // about one word ending per 100 bytes
        for (size_t i = worker.first_doc; i < worker.end_doc; ++i) {
            const auto& p = site.practices[i];
            std::string_view html = site.practice_html[i].html.view();
            DocInfo& d = a.docs[i];
            if (cache) {
                d.key = analysis_key(*cache, p, site.source_of(i).body_key, html, excerpt_chars);
                if (auto payload = cache->find_entry(d.key))
                    if (decode_analysis(*payload, a.vocabulary, worker, d)) {
                        ++reused;
                        continue;
                    }
            }
            analyse(p, html, worker, d, static_cast<uint32_t>(i), slot, excerpt_chars);
        }
    });
    a.reused = reused;
    // Renumbering: in worker order, so the same site numbers alike (ids never reach the output).
    std::vector<std::vector<uint32_t>> stem_ids(workers), ending_ids(workers);
    for (size_t w = 0; w < workers; ++w) {
        const WorkerVocabulary& v = a.workers[w]->vocabulary;
        for (uint32_t id = 0; id < v.stems().size(); ++id)
            stem_ids[w].push_back(a.vocabulary.id_of(v.stems().text(id)));
        for (uint32_t id = 0; id < v.endings().size(); ++id)
            ending_ids[w].push_back(a.vocabulary.id_of(v.endings().text(id)));
    }
    fs::parallel_for(workers, jobs, [&](size_t w) {
        Worker& worker = *a.workers[w];
        for (size_t i = worker.first_doc; i < worker.end_doc; ++i) {
            DocInfo& d = a.docs[i];
            if (!d.fresh) continue;
            for (size_t k = d.begin; k < d.end; ++k)
                worker.terms[k].id = stem_ids[w][worker.terms[k].id];
            for (size_t k = d.endings_begin; k < d.endings_end; ++k)
                worker.endings[k].first = ending_ids[w][worker.endings[k].first];
            if (cache) cache->add_entry(d.key, encode_analysis(d, worker, a.vocabulary.lineage()));
        }
    });
    if (cache && a.vocabulary.grown()) {
        // Counted generously (every id a document refers to): only a rough share is needed.
        std::vector<char> live(a.vocabulary.size(), 0);
        for (const auto& w : a.workers) {
            for (const DocTerm& t : w->terms) live[t.id] = 1;
            for (const WordEnding& ending : w->endings) live[ending.first] = 1;
        }
        cache->add_entry(vocabulary_key, a.vocabulary.encode(static_cast<size_t>(
                                             std::count(live.begin(), live.end(), char{1}))));
    }
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
// documents, so every stem's postings come out in document order. Only the stems some document
// has are indexed (the vocabulary keeps those of earlier builds too).
Inverted invert(const Analysis& a, unsigned jobs) {
    size_t workers = a.workers.size(), ids = a.vocabulary.size();
    std::vector<std::vector<size_t>> cursor(workers);
    fs::parallel_for(workers, jobs, [&](size_t w) {
        cursor[w].assign(ids, 0);
        for (const DocTerm& t : a.workers[w]->terms) ++cursor[w][t.id];
    });
    std::vector<uint32_t> used;  // stem ids in stem order
    for (uint32_t id = 0; id < ids; ++id)
        for (size_t w = 0; w < workers; ++w)
            if (cursor[w][id]) {
                used.push_back(id);
                break;
            }
    std::sort(used.begin(), used.end(),
              [&](uint32_t x, uint32_t y) { return a.vocabulary.text(x) < a.vocabulary.text(y); });
    double total = 0;
    for (const auto& d : a.docs) total += static_cast<double>(d.length);
    double avg = a.docs.empty() || total == 0 ? 1.0 : total / static_cast<double>(a.docs.size());

    Inverted inv;
    size_t stems = used.size();
    inv.stems.reserve(stems);
    inv.offsets.resize(stems + 1);
    size_t next = 0;
    for (size_t k = 0; k < stems; ++k) {
        inv.stems.emplace_back(a.vocabulary.text(used[k]));
        inv.offsets[k] = next;
        for (size_t w = 0; w < workers; ++w) next += std::exchange(cursor[w][used[k]], next);
    }
    inv.offsets[stems] = next;
    inv.postings = fs::HugeArray<Posting>(next);
    fs::parallel_for(workers, jobs, [&](size_t w) {
        const Worker& worker = *a.workers[w];
        for (size_t i = worker.first_doc; i < worker.end_doc; ++i) {
            const DocInfo& d = a.docs[i];
            for (size_t k = d.begin; k < d.end; ++k) {
                const DocTerm& t = worker.terms[k];
                Posting& posting = inv.postings[cursor[w][t.id]++];
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
    // Per ending (vocabulary ids are dense): the first word seen with it, and whether a second,
    // different one was (0: none seen, 1: one, 2: two).
    std::vector<std::pair<uint32_t, uint8_t>> words(a.vocabulary.size(), {0, 0});
    for (const auto& w : a.workers)
        for (const auto& [ending, hash] : w->endings) {
            auto& [first, seen] = words[ending];
            if (!seen)
                first = hash, seen = 1;
            else if (first != hash)
                seen = 2;
        }
    // An ending of one word only is more likely noise (a stem quirk) than grammar.
    for (uint32_t ending = 0; ending < words.size(); ++ending)
        if (words[ending].second == 2 && text::char_count(a.vocabulary.text(ending)) <= 8)
            out.emplace(a.vocabulary.text(ending));
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
        out[s] = {"t" + std::to_string(s) + ".json", std::move(text), {}, 0};
    });
    for (size_t s = 0; s + 1 < starts.size(); ++s)
        first_stems.push_back(starts[s] < stems ? index.stems[starts[s]] : std::string());
    return out;
}

/// `s` with its characters (code points) in reverse order: the key of the reversed lexicon.
std::string reversed_chars(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t end = s.size();
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        out.append(s.substr(start, end - start));
        end = start;
    }
    return out;
}

/// How common a stem is, as one alphabet character: the bit length of its document frequency
/// (the client prefers the commoner of two equally close corrections).
char frequency_class(size_t df) {
    unsigned bits = 0;
    for (; df; df >>= 1) ++bits;
    return alphabet_char(std::min(bits, 63u));
}

/// The lexicon for typo tolerance: the stems alone, without postings, sorted and cut into
/// shards of about `limit` bytes, each {"f": frequency classes, "s": keys}. `name` is "f"
/// (forward: the stems) or "r" (reversed: each stem's characters backwards). A query word with
/// one typo keeps its first half or its last half intact, so the client finds every stem within
/// reach in the one or two shards that hold the stems starting, or (reversed) ending, with
/// that half. `first_keys` gets the first key of each shard.
std::vector<SearchFile> lexicon_shards(const Inverted& index, bool reversed, size_t limit,
                                       json& first_keys) {
    std::vector<std::pair<std::string, char>> keys;
    keys.reserve(index.stems.size());
    for (size_t k = 0; k < index.stems.size(); ++k)
        keys.emplace_back(reversed ? reversed_chars(index.stems[k]) : index.stems[k],
                          frequency_class(index.of(k).size()));
    if (reversed) std::sort(keys.begin(), keys.end());
    std::vector<SearchFile> out;
    const char* name = reversed ? "r" : "f";
    for (size_t begin = 0; begin < keys.size() || out.empty();) {
        size_t end = begin, bytes = 0;
        while (end < keys.size() && (end == begin || bytes + keys[end].first.size() + 4 <= limit))
            bytes += keys[end++].first.size() + 4;
        std::string text = "{\"f\":\"", list;
        for (size_t k = begin; k < end; ++k) {
            text += keys[k].second;
            if (k > begin) list += ',';
            append_json_string(list, keys[k].first);
        }
        text += "\",\"s\":[" + list + "]}";
        first_keys.push_back(begin < keys.size() ? keys[begin].first : std::string());
        out.push_back({name + std::to_string(out.size()) + ".json", std::move(text), {}, 0});
        begin = end;
    }
    return out;
}

/// The code points of UTF-8 `s` (valid: stems come from folded text).
void code_points(std::string_view s, std::vector<uint32_t>& out) {
    out.clear();
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        uint32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (size_t k = 1; k < n && i + k < s.size(); ++k)
            cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
}

void append_code_point(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | cp >> 6);
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | cp >> 12);
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | cp >> 18);
        out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// The middle lexicon, for two typos of a long word that fall in its first and its last third
/// (the f and r shards find the others): then the middle third is intact, and any three letters
/// of it lie in the stem sought. Every stem of kMiddleMinChars letters or more is listed under
/// each of its trigrams but the first (which the f shards cover). The entries, sorted by
/// trigram and then stem, are cut into shards of about `limit` bytes, each
/// {"t": trigrams, "n": how many stems each has here, "f": frequency classes, "s": stems};
/// `first_keys` gets the first trigram of each shard (a trigram may run on into the next).
constexpr size_t kMiddleMinChars = 5;
std::vector<SearchFile> middle_shards(const Inverted& index, size_t limit, json& first_keys) {
    // A trigram as 3 x 21 bits: sorting the numbers sorts the trigrams by code point, as the
    // browser compares strings (all Cyrillic and Latin letters are in the BMP).
    struct Entry {
        uint64_t trigram;
        uint32_t stem;  ///< index in the sorted stems: its order is the stems' order
        bool operator<(const Entry& o) const {
            return trigram != o.trigram ? trigram < o.trigram : stem < o.stem;
        }
        bool operator==(const Entry& o) const = default;
    };
    std::vector<Entry> entries;
    entries.reserve(index.stems.size() * 6);
    std::vector<uint32_t> cps;
    for (size_t k = 0; k < index.stems.size(); ++k) {
        code_points(index.stems[k], cps);
        if (cps.size() < kMiddleMinChars) continue;
        for (size_t i = 1; i + 3 <= cps.size(); ++i)
            entries.push_back({uint64_t{cps[i]} << 42 | uint64_t{cps[i + 1]} << 21 | cps[i + 2],
                               static_cast<uint32_t>(k)});
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    auto trigram_text = [](uint64_t t) {
        std::string out;
        for (int shift : {42, 21, 0}) append_code_point(out, (t >> shift) & 0x1FFFFF);
        return out;
    };
    std::vector<char> classes(index.stems.size());
    for (size_t k = 0; k < index.stems.size(); ++k)
        classes[k] = frequency_class(index.of(k).size());
    std::vector<SearchFile> out;
    for (size_t begin = 0; begin < entries.size() || out.empty();) {
        size_t end = begin, bytes = 0;
        while (end < entries.size() &&
               (end == begin || bytes + index.stems[entries[end].stem].size() + 4 <= limit)) {
            if (end == begin || entries[end].trigram != entries[end - 1].trigram) bytes += 12;
            bytes += index.stems[entries[end++].stem].size() + 4;
        }
        std::string trigrams, counts, freq, stems;
        for (size_t k = begin; k < end;) {
            size_t run = k;
            while (run < end && entries[run].trigram == entries[k].trigram) ++run;
            if (k > begin) trigrams += ',', counts += ',';
            append_json_string(trigrams, trigram_text(entries[k].trigram));
            counts += std::to_string(run - k);
            for (; k < run; ++k) {
                if (!stems.empty()) stems += ',';
                append_json_string(stems, index.stems[entries[k].stem]);
                freq += classes[entries[k].stem];
            }
        }
        first_keys.push_back(begin < entries.size() ? trigram_text(entries[begin].trigram)
                                                    : std::string());
        out.push_back({"m" + std::to_string(out.size()) + ".json",
                       "{\"t\":[" + trigrams + "],\"n\":[" + counts + "],\"f\":\"" + freq +
                           "\",\"s\":[" + stems + "]}",
                       {},
                       0});
        begin = end;
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

/// What the document shards are made of. They are written only when the writer asks for them,
/// so this outlives SearchIndex::build: the site, and the excerpts, which lie in the analysis'
/// workers or in the build cache's mapping (like the practices' HTML).
struct DocSource {
    const model::Site* site = nullptr;
    std::vector<std::string_view> excerpts;
    std::vector<std::unique_ptr<Worker>> workers;  ///< holding the excerpts they made
};

/// Calls `use` with the fields of document `i` in shard order: url, title, date, schools,
/// summary, excerpt.
template <typename Use>
void doc_fields(const DocSource& source, size_t i, Use use) {
    const model::Site& site = *source.site;
    const auto& p = site.practices[i];
    std::string url = site.url("practices", p.id), date = p.date.iso(),
                schools = schools_of(site, p);
    const std::string_view fields[] = {url, p.title, date, schools, p.summary, source.excerpts[i]};
    use(fields);
}

/// Documents [start, end) as one shard of titles, URLs and excerpts:
/// {"docs":[[url, title, date, schools, summary, excerpt], ...]}. Written by hand: there are
/// thousands of these shards, and building JSON values for them took longer than the text.
std::string doc_shard(const DocSource& source, size_t start, size_t end) {
    std::string out = "{\"docs\":[";
    for (size_t i = start; i < end; ++i) {
        out += i > start ? ",[" : "[";
        doc_fields(source, i, [&out](const auto& fields) {
            for (std::string_view field : fields) {
                if (out.back() != '[') out += ',';
                append_json_string(out, field);
            }
        });
        out += ']';
    }
    out += "]}";
    return out;
}

/// A hash of everything doc_shard(source, start, end) writes, without writing it.
uint64_t doc_shard_inputs(const DocSource& source, size_t start, size_t end) {
    fs::HashStream hash;
    hash.add_sized(std::string_view("document shard"));
    for (size_t i = start; i < end; ++i)
        doc_fields(source, i, [&hash](const auto& fields) {
            for (std::string_view field : fields) hash.add_sized(field);
        });
    return hash.digest() | 1;  // never 0: 0 means "no inputs hash"
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
        auto it = index_.find(code);  // before emplace, which would copy the code every time
        if (it == index_.end()) {
            it = index_.emplace(code, values_.size()).first;
            auto [label, url] = describe();
            values_.push_back({code, {std::move(label), std::move(url), {}}});
        }
        auto& docs = values_[it->second].second.docs;
        if (docs.empty() || docs.back() != doc) docs.push_back(doc);
    }
    /// Values sorted by label, as people look for them in a list (taken out of the builder).
    FacetValues by_label() && {
        std::vector<std::pair<std::string, size_t>> keyed;  // each label folded once
        keyed.reserve(values_.size());
        for (size_t i = 0; i < values_.size(); ++i)
            keyed.emplace_back(text::collation_key(values_[i].second.label), i);
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        FacetValues out;
        out.reserve(keyed.size());
        for (const auto& [key, i] : keyed) out.push_back(std::move(values_[i]));
        return out;
    }
    /// Values in the given order (a vocabulary's), skipping codes no document carries (taken
    /// out of the builder).
    FacetValues in_order(const std::vector<std::string>& codes) && {
        FacetValues out;
        for (const auto& c : codes)
            if (auto it = index_.find(c); it != index_.end())
                out.push_back(std::move(values_[it->second]));
        return out;
    }

  private:
    std::unordered_map<std::string, size_t> index_;
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
            std::string slug = site.tag_slug(t);
            if (!slug.empty())
                tags.add(slug, doc, [&] { return Described{t, site.url("tags", slug)}; });
        }
    }
    std::vector<std::string> year_codes;
    for (auto it = year_set.rbegin(); it != year_set.rend(); ++it)
        year_codes.push_back(std::to_string(*it));
    json kinds = json::array(
        {facet_json("directions", "direction", "Направление", "Все направления",
                    std::move(directions).in_order(vocabulary_codes(site.config.directions))),
         facet_json("forms", "form", "Форма работы", "Все формы",
                    std::move(forms).in_order(vocabulary_codes(site.config.forms))),
         facet_json("schools", "school", "Школа", "Все школы", std::move(schools).by_label()),
         facet_json("municipalities", "municipality", "Муниципалитет", "Все муниципалитеты",
                    std::move(municipalities).by_label()),
         facet_json("years", "year", "Год", "Все годы", std::move(years).in_order(year_codes)),
         facet_json("tags", "tag", "Тег", "Все теги", std::move(tags).by_label())});
    return dump(json{{"facets", kinds}});
}

std::string title_order_file(const model::Site& site) {
    std::vector<std::pair<std::string, uint32_t>> keyed;
    for (size_t i = 0; i < site.practices.size(); ++i)
        keyed.emplace_back(text::collation_key(site.practices[i].title), static_cast<uint32_t>(i));
    std::sort(keyed.begin(), keyed.end());
    std::vector<uint32_t> order;
    for (const auto& k : keyed) order.push_back(k.second);
    return dump(json{{"order", encode_docs(order, false)}});
}

// A hash of every file (of a document shard, of what it is made of): a version the client
// appends to shard URLs to defeat stale caches.
std::string content_hash(const std::vector<SearchFile>& files) {
    fs::HashStream hash;
    for (const auto& f : files) {
        hash.add_terminated(f.name);
        if (f.produce)
            hash.add(&f.inputs, sizeof f.inputs);
        else
            hash.add_terminated(f.content);
    }
    uint64_t h = hash.digest();
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
                               const SearchIndexOptions& options, markdown::RenderCache* cache) {
    if (site.practices.size() >= kMaxDocuments)
        throw std::length_error("too many practices for the search index");
    Analysis analysis = analyse_all(site, jobs, options.excerpt_chars, cache);
    Inverted inverted = invert(analysis, jobs);
    json first_stems = json::array(), ending_list;
    std::vector<SearchFile> term_files =
        term_shards(inverted, options.terms_shard_bytes, jobs, first_stems);
    // The lexicons, records.json, the endings, the facets and the title order are independent.
    json forward_keys = json::array(), reversed_keys = json::array(), middle_keys = json::array();
    std::vector<SearchFile> forward, reversed, middle;
    std::string records, facets, title_order;
    std::vector<std::function<void()>> parts = {
        [&] { middle = middle_shards(inverted, options.middle_shard_bytes, middle_keys); },
        [&] {
            forward = lexicon_shards(inverted, false, options.lexicon_shard_bytes, forward_keys);
        },
        [&] {
            reversed = lexicon_shards(inverted, true, options.lexicon_shard_bytes, reversed_keys);
        },
        [&] { ending_list = endings(analysis); },
        [&] { facets = facets_file(site); },
        [&] { title_order = title_order_file(site); },
        [&] { records = records_index(site); },
    };
    fs::parallel_for(parts.size(), jobs, [&](size_t i) { parts[i](); });
    for (auto* lexicon : {&forward, &reversed, &middle})
        std::move(lexicon->begin(), lexicon->end(), std::back_inserter(term_files));
    term_files.push_back({"middle.json", dump(json{{"k", middle_keys}}), {}, 0});
    term_files.push_back({"records.json", std::move(records), {}, 0});
    // The document shards are written when asked for: a rebuild after one edit needs one of
    // them, and building them all was 13 MB of text at 10,000 practices.
    auto source = std::make_shared<DocSource>();
    source->site = &site;
    source->excerpts.reserve(analysis.docs.size());
    for (const DocInfo& d : analysis.docs) source->excerpts.push_back(d.excerpt);
    source->workers = std::move(analysis.workers);
    size_t per_shard = std::max<size_t>(1, options.docs_per_shard);
    size_t doc_shard_count = (site.practices.size() + per_shard - 1) / per_shard;
    std::vector<SearchFile> doc_files(doc_shard_count);
    fs::parallel_for(doc_shard_count, jobs, [&](size_t k) {
        size_t start = k * per_shard, end = std::min(site.practices.size(), start + per_shard);
        SearchFile& f = doc_files[k];
        f.name = "d" + std::to_string(k) + ".json";
        f.inputs = doc_shard_inputs(*source, start, end);
        f.produce = [source, start, end] { return doc_shard(*source, start, end); };
    });

    std::vector<SearchFile> files = std::move(term_files);
    std::move(doc_files.begin(), doc_files.end(), std::back_inserter(files));
    files.push_back({"facets.json", std::move(facets), {}, 0});
    files.push_back({"order-title.json", std::move(title_order), {}, 0});
    json manifest = {{"version", 1},
                     {"count", site.practices.size()},
                     {"doc_shard", options.docs_per_shard},
                     {"doc_shards", doc_shard_count},
                     {"terms", first_stems},
                     {"lexicon", forward_keys},
                     {"reversed", reversed_keys},
                     {"endings", ending_list},
                     {"stop", stop_words()},
                     {"min_prefix", kMinPrefix},
                     {"build", content_hash(files)}};
    SearchIndex index;
    index.reused_ = analysis.reused;
    index.files_.push_back({"manifest.json", dump(manifest), {}, 0});
    std::move(files.begin(), files.end(), std::back_inserter(index.files_));
    return index;
}

const SearchFile* SearchIndex::file(const std::string& name) const {
    for (const auto& f : files_)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace nk::output
