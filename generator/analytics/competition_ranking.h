#pragma once
// SPEC §4 competition ranking: mean expert points per criterion, total, rank with tie-breaks.

#include <string>
#include <vector>

#include "model/site.h"

namespace nk::analytics {

struct RankedApplication {
    size_t application = 0;               ///< index into Competition::applications
    std::vector<double> criterion_means;  ///< five means over experts
    double total = 0;                     ///< sum of the means, 0..25
    long vote_balance = 0;                ///< votes_for − votes_against
    int rank = 0;                         ///< 1-based
    bool winner = false;  ///< rank <= `winners` and total >= `winners_min_total`, where set
};

/// Ranked by total, then vote balance, then school name in Russian order
/// (text::russian_less).
std::vector<RankedApplication> rank_competition(const records::Competition& competition,
                                                const model::Site& site);

}  // namespace nk::analytics
