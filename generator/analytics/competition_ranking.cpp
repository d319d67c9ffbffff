#include "analytics/competition_ranking.h"

#include <algorithm>
#include <cmath>

#include "fs/collation.h"

namespace nk::analytics {

namespace {

constexpr size_t kCriteria = 5;

// Totals are sums of means such as 13/3; two equal totals reached through different experts
// may differ in the last bits, so they count as equal within this.
constexpr double kTotalTolerance = 1e-9;

/// The mean of the experts' points on each criterion; 0 where no expert gave a point.
std::vector<double> criterion_means(const records::Application& application) {
    std::vector<double> sums(kCriteria, 0.0), counts(kCriteria, 0.0);
    for (const records::Score& score : application.scores)
        for (size_t k = 0; k < kCriteria && k < score.points.size(); ++k) {
            sums[k] += static_cast<double>(score.points[k]);
            counts[k] += 1;
        }
    for (size_t k = 0; k < kCriteria; ++k)
        if (counts[k] > 0) sums[k] /= counts[k];
    return sums;
}

RankedApplication score(const records::Application& application, size_t index) {
    RankedApplication r;
    r.application = index;
    r.criterion_means = criterion_means(application);
    for (double mean : r.criterion_means) r.total += mean;
    r.vote_balance = application.votes_for - application.votes_against;
    return r;
}

/// Rank within `winners` and total at least `winners_min_total`, as far as each is set; with
/// neither set, the first 3.
bool is_winner(const records::Competition& c, const RankedApplication& r) {
    bool by_rank = !c.winners_set && c.winners_min_total ? true : r.rank <= c.winners_count;
    bool by_total = !c.winners_min_total || r.total >= *c.winners_min_total - kTotalTolerance;
    return by_rank && by_total;
}

}  // namespace

std::vector<RankedApplication> rank_competition(const records::Competition& competition,
                                                const model::Site& site) {
    std::vector<RankedApplication> ranked;
    std::vector<std::string> names;
    for (size_t i = 0; i < competition.applications.size(); ++i) {
        ranked.push_back(score(competition.applications[i], i));
        names.push_back(site.school_name(competition.applications[i].school.value));
    }
    // Ties on total and votes go by name in Russian order (SPEC §4), as lists show names.
    auto before = [&](const RankedApplication& a, const RankedApplication& b) {
        if (std::abs(a.total - b.total) > kTotalTolerance) return a.total > b.total;
        if (a.vote_balance != b.vote_balance) return a.vote_balance > b.vote_balance;
        return text::russian_less(names[a.application], names[b.application]);
    };
    std::stable_sort(ranked.begin(), ranked.end(), before);
    for (size_t i = 0; i < ranked.size(); ++i) {
        ranked[i].rank = static_cast<int>(i + 1);
        ranked[i].winner = is_winner(competition, ranked[i]);
    }
    return ranked;
}

}  // namespace nk::analytics
