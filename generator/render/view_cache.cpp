#include "render/view_cache.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "fs/collation.h"
#include "fs/text.h"

namespace nk::render {

const std::vector<size_t>& ViewCache::practices_by_title(const model::Site& site) const {
    std::call_once(title_once_, [&] {
        // Key each title once, not once per comparison.
        std::vector<std::pair<std::string, size_t>> keyed;
        keyed.reserve(site.practices.size());
        for (size_t i = 0; i < site.practices.size(); ++i)
            keyed.emplace_back(text::collation_key(site.practices[i].title), i);
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        by_title_.reserve(keyed.size());
        for (const auto& [key, i] : keyed) by_title_.push_back(i);
    });
    return by_title_;
}

const std::vector<size_t>& ViewCache::schools_by_name(const model::Site& site) const {
    std::call_once(schools_once_, [&] {
        std::vector<std::pair<std::string, size_t>> keyed;
        keyed.reserve(site.schools.size());
        for (size_t i = 0; i < site.schools.size(); ++i)
            keyed.emplace_back(text::collation_key(site.schools[i].display_name()), i);
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        by_school_name_.reserve(keyed.size());
        for (const auto& [key, i] : keyed) by_school_name_.push_back(i);
    });
    return by_school_name_;
}

void ViewCache::index_terms(const model::Site& site) const {
    std::call_once(terms_once_, [&] {
        // Built before the first practice page renders, so a rebuild after one edit waits for
        // it: no allocation per practice or term (a std::map per practice took 16 ms at
        // 10,000 practices).
        std::unordered_map<std::string, int> ids;  // "d:code", "f:code", "t:tag" → id
        std::string key;
        auto id_of = [&](char kind, const std::string& value) {
            key.assign({kind, ':'});
            key += value;
            auto it = ids.find(key);
            if (it != ids.end()) return it->second;
            int id = static_cast<int>(ids.size());
            ids.emplace(key, id);
            term_practices_.emplace_back();
            return id;
        };
        std::vector<TermPoints> points;  // of one practice, by term id: a term twice scores twice
        auto add = [&](int id, int n) {
            for (auto& p : points)
                if (p.id == id) {
                    p.points += n;
                    return;
                }
            points.push_back({id, n});
        };
        term_points_begin_.reserve(site.practices.size() + 1);
        term_points_begin_.push_back(0);
        for (size_t i = 0; i < site.practices.size(); ++i) {
            const auto& p = site.practices[i];
            points.clear();
            for (const auto& d : p.directions) add(id_of('d', d.value), 2);
            for (const auto& f : p.forms) add(id_of('f', f.value), 1);
            for (const auto& t : p.tags) add(id_of('t', t), 2);
            std::sort(points.begin(), points.end(),
                      [](const TermPoints& a, const TermPoints& b) { return a.id < b.id; });
            for (const TermPoints& term : points) {
                term_points_.push_back(term);
                term_practices_[static_cast<size_t>(term.id)].push_back(i);
            }
            term_points_begin_.push_back(static_cast<uint32_t>(term_points_.size()));
        }
    });
}

std::vector<size_t> ViewCache::related_practices(const model::Site& site, size_t index,
                                                 size_t limit) const {
    index_terms(site);
    const TermPoints* mine = term_points_.data() + term_points_begin_[index];
    const TermPoints* mine_end = term_points_.data() + term_points_begin_[index + 1];
    // Candidates are told apart with a stamp per practice, and this practice's terms are marked
    // with one per term (of this thread): nothing is sorted or merged.
    thread_local std::vector<uint32_t> seen, mine_marked;
    thread_local uint32_t stamp = 0;
    if (seen.size() != site.practices.size() || mine_marked.size() != term_practices_.size() ||
        ++stamp == 0) {
        seen.assign(site.practices.size(), 0);
        mine_marked.assign(term_practices_.size(), 0);
        stamp = 1;
    }
    seen[index] = stamp;
    for (const TermPoints* term = mine; term != mine_end; ++term)
        mine_marked[static_cast<size_t>(term->id)] = stamp;
    std::vector<std::pair<int, size_t>> scored;
    for (const TermPoints* term = mine; term != mine_end; ++term) {
        const auto& list = term_practices_[static_cast<size_t>(term->id)];
        size_t n = std::min(list.size(), kRelatedCandidatesPerTerm + 1);  // +1: `index` itself
        for (size_t k = 0; k < n; ++k) {
            size_t i = list[k];
            if (seen[i] == stamp) continue;
            seen[i] = stamp;
            int score = 0;  // the candidate's points for the terms the two share
            for (uint32_t b = term_points_begin_[i]; b != term_points_begin_[i + 1]; ++b)
                if (mine_marked[static_cast<size_t>(term_points_[b].id)] == stamp)
                    score += term_points_[b].points;
            if (score > 0) scored.emplace_back(-score, i);
        }
    }
    size_t keep = std::min(limit, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<long>(keep), scored.end());
    std::vector<size_t> out;
    for (size_t k = 0; k < keep; ++k) out.push_back(scored[k].second);
    return out;
}

const nlohmann::json& ViewCache::memo(const std::string& key,
                                      const std::function<nlohmann::json()>& make) const {
    Slot* slot;
    {
        std::lock_guard lock(memo_mutex_);
        auto& entry = memo_[key];
        if (!entry) entry = std::make_unique<Slot>();
        slot = entry.get();
    }
    std::call_once(slot->once, [&] { slot->value = make(); });
    return slot->value;
}

const std::string& ViewCache::practice_card_html(size_t index, size_t count,
                                                 const std::function<std::string()>& make) const {
    std::call_once(cards_once_, [&] {
        cards_ = std::make_unique<CardSlot[]>(count);
        card_count_ = count;
    });
    if (index >= card_count_) throw std::out_of_range("practice card index");
    CardSlot& slot = cards_[index];
    std::call_once(slot.once, [&] { slot.html = make(); });
    return slot.html;
}

}  // namespace nk::render
