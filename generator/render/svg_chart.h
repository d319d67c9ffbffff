#pragma once
// Inline SVG charts written by C++: a line chart over quartile bands, a quadrant (scatter) chart,
// a horizontal bar chart and a criteria chart. Every chart is an accessible image (role="img",
// <title> and <desc> referenced by aria-labelledby), tells series apart by shape and pattern as
// well as by colour (greyscale print, colour blindness), and is deterministic: the same input
// gives byte-identical output, coordinates with one decimal, values with fixed precision.

#include <optional>
#include <string>
#include <vector>

namespace nk::render {

/// What every chart says about itself. `id` must be unique within the page: it prefixes the
/// ids of the chart's <title>, <desc> and patterns.
struct ChartText {
    std::string id;
    std::string title;
    std::string desc;
};

/// One year's group figures drawn behind the line: P25, median, P75.
struct QuartileBand {
    double p25 = 0, p50 = 0, p75 = 0;
};

/// A value per x label, drawn as a line with labelled markers over the group's quartile bands.
struct LineChart {
    ChartText text;
    std::vector<std::string> x_labels;               ///< e.g. "2018/19"
    std::vector<std::optional<double>> values;       ///< one per label; gaps break the line
    std::vector<std::optional<QuartileBand>> bands;  ///< one per label (or empty: no bands)
    std::string series_label = "ИОР школы";
    double y_min = 0, y_max = 1;
    int decimals = 2;
};
std::string line_chart_svg(const LineChart& chart);

/// One point of a quadrant chart. `category` picks the marker (effective ●, resilient ◆,
/// inefficient ▲, not_coping ■; anything else a hollow circle). Points are not links: an
/// image's children are presentational, so links belong in the data table beside the chart.
struct ScatterPoint {
    double x = 0, y = 0;
    std::string label;  ///< the school's name: the point's tooltip; shown when highlighted
    std::string category;
    bool highlight = false;
};

/// A scatter plot split into four quadrants at (x_split, y_split), each quadrant named.
struct QuadrantChart {
    ChartText text;
    std::string x_label = "ИСБШ", y_label = "ИОР";
    double x_split = 0.5, y_split = 0.5;  ///< the group medians
    std::string x_split_label = "медиана ИСБШ", y_split_label = "медиана ИОР";
    /// Quadrant names: top-left, top-right, bottom-left, bottom-right.
    std::string top_left = "Резильентные", top_right = "Эффективные";
    std::string bottom_left = "Несправляющиеся", bottom_right = "Неэффективные";
    std::vector<ScatterPoint> points;
    int decimals = 2;
};
std::string quadrant_chart_svg(const QuadrantChart& chart);

/// A bar's look: `baseline` light solid, `target` hatched outline, `actual` dark solid,
/// `over` cross-hatched warning (above a limit), `plain` dark solid.
struct Bar {
    std::string label;
    std::optional<double> value;  ///< absent: "нет данных"
    std::string style = "plain";
};

/// Bars under one heading; `reference` draws a dashed line (a limit, a target) across them.
struct BarGroup {
    std::string label;
    std::string unit;
    std::vector<Bar> bars;
    std::optional<double> reference;
    std::string reference_label;
    int decimals = -1;  ///< decimals of this group's values; -1: the chart's
};

/// Horizontal bars in groups. With `shared_scale` every group uses one axis (counts of one
/// kind); without it each group is scaled to its own largest value (goals in different units).
struct BarChart {
    ChartText text;
    std::vector<BarGroup> groups;
    bool shared_scale = true;
    int decimals = 2;
};
std::string bar_chart_svg(const BarChart& chart);

/// Scores on named criteria (0..max), each with an optional reference value (e.g. the mean of
/// every application) drawn as a marked tick.
struct CriteriaChart {
    ChartText text;
    std::vector<std::string> criteria;
    std::vector<double> values;
    std::vector<std::optional<double>> reference;  ///< empty, or one per criterion
    double max = 5;
    std::string value_label = "Оценка";
    std::string reference_label = "Среднее";
    int decimals = 2;
};
std::string criteria_chart_svg(const CriteriaChart& chart);

/// Splits `text` at spaces into lines of at most `max_chars` code points (a longer word stays
/// whole on its own line). SVG text does not wrap by itself.
std::vector<std::string> wrap_words(const std::string& text, size_t max_chars);

}  // namespace nk::render
