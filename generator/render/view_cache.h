#pragma once
// Site-wide values that many pages share: computed once per build on first use, so a catalogue
// of N practices costs O(N) in total instead of O(N) per page (which is O(N²) for the site).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/site.h"

namespace nk::render {

/// Memoised values of one site. Thread-safe: pages render in parallel. A cache belongs to one
/// Site; it must not outlive it or see it change.
class ViewCache {
  public:
    /// How many of the newest practices of each shared direction, form and tag are scored as
    /// related candidates: all of them on a catalogue of ordinary size, bounded on a huge one.
    static constexpr size_t kRelatedCandidatesPerTerm = 64;

    /// Practice indices in title order (text::collation_key: Russian, case-insensitive, numbers
    /// as numbers; model order among equal titles).
    const std::vector<size_t>& practices_by_title(const model::Site& site) const;

    /// School indices in the Russian order of their display names (text::collation_key), as
    /// every list of schools shows them.
    const std::vector<size_t>& schools_by_name(const model::Site& site) const;

    /// Up to `limit` practices related to practice `index`: the most shared directions (2 points
    /// each), forms (1) and tags (2) first, then the newest. Candidates are the newest
    /// kRelatedCandidatesPerTerm practices of each of its terms.
    std::vector<size_t> related_practices(const model::Site& site, size_t index,
                                          size_t limit) const;

    /// The value stored under `key`, made by `make` on first use (once, even when pages ask
    /// for it from several threads at the same time).
    const nlohmann::json& memo(const std::string& key,
                               const std::function<nlohmann::json()>& make) const;

    /// The card HTML of practice `index` of `count`, made by `make` on first use: catalogue,
    /// term, school and home pages show the same cards, so each is rendered once per build.
    const std::string& practice_card_html(size_t index, size_t count,
                                          const std::function<std::string()>& make) const;

  private:
    struct Slot {
        std::once_flag once;
        nlohmann::json value;
    };
    /// A practice's term (directions, forms and tags numbered apart) and the points it scores.
    struct TermPoints {
        int id;
        int points;
    };
    void index_terms(const model::Site& site) const;

    mutable std::once_flag title_once_, terms_once_, schools_once_;
    mutable std::vector<size_t> by_title_, by_school_name_;
    /// Every practice's terms, sorted by id: practice i's are [begin[i], begin[i + 1]).
    mutable std::vector<TermPoints> term_points_;
    mutable std::vector<uint32_t> term_points_begin_;
    /// Per term id: the practices carrying it, newest first.
    mutable std::vector<std::vector<size_t>> term_practices_;
    struct CardSlot {
        std::once_flag once;
        std::string html;
    };
    mutable std::once_flag cards_once_;
    mutable std::unique_ptr<CardSlot[]> cards_;
    mutable size_t card_count_ = 0;
    mutable std::mutex memo_mutex_;
    mutable std::map<std::string, std::unique_ptr<Slot>> memo_;
};

}  // namespace nk::render
