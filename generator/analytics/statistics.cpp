#include "analytics/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace nk::analytics {

double percentile_inc(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    p = std::clamp(p, 0.0, 1.0);
    // Rank h = (n − 1)·p between the closest ranks; equal neighbours give their exact value.
    double h = static_cast<double>(values.size() - 1) * p;
    auto lo = static_cast<size_t>(std::floor(h));
    if (lo + 1 >= values.size()) return values.back();
    double frac = h - static_cast<double>(lo);
    return values[lo] + frac * (values[lo + 1] - values[lo]);
}

double arithmetic_mean(const std::vector<double>& values) {
    if (values.empty()) return 0;
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double geometric_mean(const std::vector<double>& values) {
    if (values.empty()) return 0;
    double log_sum = 0;
    for (double v : values) {
        if (v <= 0) return 0;
        log_sum += std::log(v);
    }
    return std::exp(log_sum / static_cast<double>(values.size()));
}

}  // namespace nk::analytics
