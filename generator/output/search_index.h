#pragma once
// The full-text index of the practice catalogue, built at build time and split into small JSON
// files that the browser client (themes/default/static/js/search.js) loads on demand:
//
//   manifest.json    counts, the first stem of every terms shard, the word endings the stemmer
//                    removed (so the browser maps a typed word form to a stem without a stemmer)
//                    and the stop words;
//   t<N>.json        a contiguous range of sorted stems: {"s": stems, "d": document frequencies,
//                    "p": postings}; a postings string is a list of (doc gap, impact) in base-32
//                    varints (see encode_varint), impact = quantised BM25 (0..31) + 32 when the
//                    stem occurs in the title;
//   f<N>.json,       the lexicon for typo tolerance: the sorted stems alone (f) and the sorted
//   r<N>.json        reversed stems (r), {"f": frequency classes, "s": keys}; the manifest lists
//                    the first key of each shard ("lexicon", "reversed");
//   m<N>.json,       the middle lexicon, for two typos at both ends of a long word: the stems of
//   middle.json      five letters or more under each of their trigrams but the first,
//                    {"t": trigrams, "n": stems per trigram, "f": frequency classes, "s": stems};
//                    middle.json lists the first trigram of each shard ({"k": [...]}), loaded
//                    only by such a correction;
//   d<N>.json        `docs_per_shard` documents: [url, title, ISO date, schools, summary, excerpt];
//   facets.json      facet values with labels, URLs and the documents that carry them;
//   order-title.json the documents in title order;
//   records.json     the site-wide search's other records (output/site_search.h).
//
// Document numbers are positions in Site::practices (newest first). Everything comes from the
// audience-filtered model, so nothing internal reaches the public index. The output is
// deterministic: the same site gives byte-identical files.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/site.h"

namespace nk::markdown {
class RenderCache;
}

namespace nk::output {

/// One file of the index: its name under /search/ and its bytes, or (a document shard) what
/// makes them and a hash of everything they are made of.
struct SearchFile {
    std::string name;
    std::string content;
    std::function<std::string()> produce;
    uint64_t inputs = 0;  ///< with `produce`: equal inputs make equal bytes

    std::string bytes() const { return produce ? produce() : content; }
};

struct SearchIndexOptions {
    // Small shards keep the first query light: the client shows 10 results (up to 10 document
    // shards) and a word needs one or two terms shards.
    size_t docs_per_shard = 8;              ///< documents per d<N>.json
    size_t terms_shard_bytes = 24 * 1024;   ///< a terms shard is cut once its JSON exceeds this
    size_t excerpt_chars = 240;             ///< body text kept for snippets
    size_t lexicon_shard_bytes = 8 * 1024;  ///< a lexicon shard (f<N>, r<N>) holds about this much
    size_t middle_shard_bytes = 8 * 1024;   ///< a middle-lexicon shard (m<N>) holds about this much
};

class SearchIndex {
  public:
    /// Analyses every practice of `site` on up to `jobs` threads and lays out the files (the
    /// document shards are written when asked for: keep `site` and `cache` while they may be,
    /// as for the practices' HTML). With a
    /// build cache, a practice analysed by an earlier build (same title, tags, summary and body)
    /// is taken from it, and the analyses of the others are added to it: an edit re-analyses
    /// one practice. The files are the same either way.
    static SearchIndex build(const model::Site& site, unsigned jobs,
                             const SearchIndexOptions& options = {},
                             markdown::RenderCache* cache = nullptr);

    /// Every file: manifest.json, the terms shards, the document shards, facets.json and
    /// order-title.json.
    const std::vector<SearchFile>& files() const { return files_; }
    /// The file with `name`, or nullptr.
    const SearchFile* file(const std::string& name) const;
    /// How many practices' analyses came from the build cache.
    size_t reused() const { return reused_; }

  private:
    std::vector<SearchFile> files_;
    size_t reused_ = 0;
};

/// Appends `value` as a base-32 varint over a 64-character URL-safe alphabet: most significant
/// digit first, every digit but the last offset by 32.
void encode_varint(std::string& out, unsigned long value);
/// The alphabet character for 0..63.
char alphabet_char(unsigned value);

}  // namespace nk::output
