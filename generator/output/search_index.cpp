#include "output/search_index.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

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

struct TermFreq {
    bool title = false;
    int weighted = 0;
};

/// What one practice contributes to the index.
struct DocTerms {
    std::map<std::string, TermFreq> terms;          ///< by stem
    long length = 0;                                 ///< weighted number of indexed words
    std::map<std::string, std::string> word_stems;  ///< surface word → stem
    std::string excerpt;
};

struct Posting {
    uint32_t doc = 0;
    unsigned impact = 0;
};

DocTerms analyse(const records::Practice& p, const std::string& html, RussianStemmer& stemmer,
                 size_t excerpt_chars) {
    DocTerms d;
    auto add = [&](std::string_view text, int weight, bool title) {
        for (const auto& w : words(text)) {
            if (is_stop_word(w)) continue;
            const std::string& stem = stemmer.stem(w);
            TermFreq& tf = d.terms[stem];
            tf.weighted += weight;
            tf.title = tf.title || title;
            d.length += weight;
            d.word_stems.emplace(w, stem);
        }
    };
    add(p.title, kTitleWeight, true);
    for (const auto& tag : p.tags) add(tag, kTagWeight, false);
    add(p.summary, kSummaryWeight, false);
    std::string body = html_to_text(html);
    add(body, kBodyWeight, false);
    d.excerpt = text::truncate_chars(body, excerpt_chars);
    return d;
}

// One stemmer per worker: libstemmer is not thread-safe.
std::vector<DocTerms> analyse_all(const model::Site& site, unsigned jobs, size_t excerpt_chars) {
    size_t n = site.practices.size();
    std::vector<DocTerms> docs(n);
    size_t workers = std::max<size_t>(1, std::min<size_t>(jobs, n));
    fs::parallel_for(workers, static_cast<unsigned>(workers), [&](size_t w) {
        RussianStemmer stemmer;
        for (size_t i = w * n / workers; i < (w + 1) * n / workers; ++i)
            docs[i] = analyse(site.practices[i], site.practice_html[i].html, stemmer, excerpt_chars);
    });
    return docs;
}

// BM25 of one term in one document, quantised to 1..31, plus 32 for a title match.
unsigned impact(const TermFreq& tf, long length, double avg_length) {
    double w = tf.weighted;
    double norm = w * (kK1 + 1) / (w + kK1 * (1 - kB + kB * static_cast<double>(length) / avg_length));
    long q = std::lround(norm / (kK1 + 1) * 31);
    return static_cast<unsigned>(std::clamp(q, 1L, 31L)) + (tf.title ? 32u : 0u);
}

std::map<std::string, std::vector<Posting>> invert(const std::vector<DocTerms>& docs) {
    double total = 0;
    for (const auto& d : docs) total += static_cast<double>(d.length);
    double avg = docs.empty() || total == 0 ? 1.0 : total / static_cast<double>(docs.size());
    std::unordered_map<std::string, std::vector<Posting>> by_stem;
    for (size_t i = 0; i < docs.size(); ++i)
        for (const auto& [stem, tf] : docs[i].terms)
            by_stem[stem].push_back({static_cast<uint32_t>(i), impact(tf, docs[i].length, avg)});
    return {std::make_move_iterator(by_stem.begin()), std::make_move_iterator(by_stem.end())};
}

// The endings the stemmer removed from the site's own words, plus the regular noun and
// adjective endings, so that a word form absent from the site still finds its stem.
std::vector<std::string> endings(const std::vector<DocTerms>& docs) {
    std::set<std::string> out = {
        "а",   "ам",  "ами", "ах",  "е",   "ев",  "ей",  "ем",  "ею",  "и",   "ие", "ием",
        "иею", "ий",  "ии",  "ию",  "ия",  "иям", "иями", "иях", "й",  "о",  "ов",
        "ой",  "ом",  "ою",  "у",   "ы",   "ые",  "ый",  "ым",  "ыми", "ых",  "ь",  "ью",
        "ю",   "я",   "ям",  "ями", "ях",  "ая",  "ое",  "ого", "ому", "ую",  "его", "ему",
        "ими", "им",  "их",  "яя",  "юю"};
    std::map<std::string, int> counts;
    std::set<std::string> seen;
    for (const auto& d : docs)
        for (const auto& [word, stem] : d.word_stems)
            if (seen.insert(word).second && word.size() > stem.size() && word.rfind(stem, 0) == 0)
                ++counts[word.substr(stem.size())];
    // An ending seen once is more likely noise (a stem quirk) than grammar.
    for (const auto& [ending, count] : counts)
        if (count >= 2 && text::char_count(ending) <= 8) out.insert(ending);
    return {out.begin(), out.end()};
}

std::string encode_postings(const std::vector<Posting>& postings) {
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

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

/// Splits the sorted stems into contiguous shards of about `limit` bytes each.
std::vector<SearchFile> term_shards(const std::map<std::string, std::vector<Posting>>& index,
                                    size_t limit, json& first_stems) {
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
    for (const auto& [stem, list] : index) {
        std::string encoded = encode_postings(list);
        size_t entry = stem.size() + encoded.size() + 12;
        if (bytes > 0 && bytes + entry > limit) flush();
        if (bytes == 0) first_stems.push_back(stem);
        stems.push_back(stem);
        dfs.push_back(list.size());
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

std::vector<SearchFile> doc_shards(const model::Site& site, const std::vector<DocTerms>& docs,
                                   size_t per_shard) {
    std::vector<SearchFile> out;
    for (size_t start = 0; start < docs.size(); start += per_shard) {
        json list = json::array();
        for (size_t i = start; i < std::min(docs.size(), start + per_shard); ++i) {
            const auto& p = site.practices[i];
            list.push_back({site.url("practices", p.id), p.title, p.date.iso(), schools_of(site, p),
                            p.summary, docs[i].excerpt});
        }
        out.push_back({"d" + std::to_string(out.size()) + ".json", dump(json{{"docs", list}})});
    }
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
        list.push_back({{"c", code}, {"l", v.label}, {"u", v.url}, {"p", encode_docs(v.docs, true)}});
    return {{"kind", kind}, {"param", param}, {"label", label}, {"any", any}, {"values", list}};
}

// The values of one facet in first-seen order, each with the documents that carry it.
class FacetBuilder {
public:
    void add(const std::string& code, const std::string& label, const std::string& url, uint32_t doc) {
        auto [it, fresh] = index_.emplace(code, values_.size());
        if (fresh) values_.push_back({code, {label, url, {}}});
        auto& docs = values_[it->second].second.docs;
        if (docs.empty() || docs.back() != doc) docs.push_back(doc);
    }
    /// Values sorted by label, as people look for them in a list.
    FacetValues by_label() const {
        FacetValues out = values_;
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return text::fold_case(a.second.label) < text::fold_case(b.second.label);
        });
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
            directions.add(d.value, site.config.directions.label(d.value), site.url("directions", d.value), doc);
        for (const auto& f : p.forms)
            forms.add(f.value, site.config.forms.label(f.value), site.url("forms", f.value), doc);
        for (const auto& id : p.schools) {
            const records::School* s = site.school(id.value);
            if (!s) continue;  // not on this site (or internal): never name it
            schools.add(s->id, s->display_name(), site.url("schools", s->id), doc);
            if (!s->municipality.empty()) municipalities.add(s->municipality, s->municipality, "", doc);
        }
        years.add(std::to_string(p.date.year), std::to_string(p.date.year), "", doc);
        year_set.insert(p.date.year);
        for (const auto& t : p.tags)
            if (std::string slug = fs::slugify(t); !slug.empty()) tags.add(slug, t, site.url("tags", slug), doc);
    }
    std::vector<std::string> year_codes;
    for (auto it = year_set.rbegin(); it != year_set.rend(); ++it) year_codes.push_back(std::to_string(*it));
    json kinds = json::array({
        facet_json("directions", "direction", "Направление", "Все направления",
                   directions.in_order(vocabulary_codes(site.config.directions))),
        facet_json("forms", "form", "Форма работы", "Все формы", forms.in_order(vocabulary_codes(site.config.forms))),
        facet_json("schools", "school", "Школа", "Все школы", schools.by_label()),
        facet_json("municipalities", "municipality", "Муниципалитет", "Все муниципалитеты",
                   municipalities.by_label()),
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

// FNV-1a over every file: a version the client appends to shard URLs to defeat stale caches.
std::string content_hash(const std::vector<SearchFile>& files) {
    uint64_t h = 14695981039346656037ull;
    for (const auto& f : files)
        for (char c : f.name + '\0' + f.content + '\0') h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(h >> shift) & 15];
    return out;
}

}  // namespace

char alphabet_char(unsigned value) { return kAlphabet[value & 63]; }

void encode_varint(std::string& out, unsigned long value) {
    char digits[16];
    int n = 0;
    do {
        digits[n++] = static_cast<char>(value & 31);
        value >>= 5;
    } while (value);
    while (n-- > 0) out += alphabet_char(static_cast<unsigned>(digits[n]) + (n > 0 ? 32 : 0));
}

SearchIndex SearchIndex::build(const model::Site& site, unsigned jobs, const SearchIndexOptions& options) {
    std::vector<DocTerms> docs = analyse_all(site, jobs, options.excerpt_chars);
    json first_stems = json::array();
    std::vector<SearchFile> files = term_shards(invert(docs), options.terms_shard_bytes, first_stems);
    auto doc_files = doc_shards(site, docs, options.docs_per_shard);
    size_t doc_shard_count = doc_files.size();
    std::move(doc_files.begin(), doc_files.end(), std::back_inserter(files));
    files.push_back({"facets.json", facets_file(site)});
    files.push_back({"order-title.json", title_order_file(site)});
    json manifest = {{"version", 1},
                     {"count", site.practices.size()},
                     {"doc_shard", options.docs_per_shard},
                     {"doc_shards", doc_shard_count},
                     {"terms", first_stems},
                     {"endings", endings(docs)},
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
