#pragma once
// Small statistics used by the analytics: Excel's PERCENTILE.INC, means.

#include <vector>

namespace nk::analytics {

/// PERCENTILE.INC (numpy's default "linear"): p in [0, 1]; `values` need not be sorted.
/// Requires a non-empty vector.
double percentile_inc(std::vector<double> values, double p);

double arithmetic_mean(const std::vector<double>& values);
/// Geometric mean; 0 when any value is 0 or negative.
double geometric_mean(const std::vector<double>& values);

}  // namespace nk::analytics
