#include "render/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "fs/text.h"
#include "render/svg_writer.h"
#include "render/view_models.h"

namespace nk::render {

namespace {

using namespace svg;

// Narrow enough that a phone (about 360 px of content) shows 12 px labels at 10 px or more.
constexpr double kWidth = 420;
// Bar charts sit inside cards; a narrower box keeps their labels as large.
constexpr double kBarWidth = 380;
// On a phone the theme draws chart text at 14.2 units instead of 12 (so it stays 11 px or more
// on a 330 px chart); legends are spaced for that width of a character.
constexpr double kPhoneCharWidth = 7.8;
// Wrapping widths (in code points) of criterion labels (13 px) and bar-group headings (bold),
// short enough for the larger text a phone draws (up to 15.5 units, see the theme).
constexpr size_t kCriterionChars = 40;
constexpr size_t kHeadingChars = 36;

// ---- line chart ----------------------------------------------------------------------------

struct LineFrame {
    double x0 = 40, x1 = kWidth - 104, y0 = 40, y1 = 266, lo = 0, hi = 1;
    std::vector<double> xs;
    double y(double v) const { return y1 - (std::clamp(v, lo, hi) - lo) / (hi - lo) * (y1 - y0); }
};

LineFrame line_frame(const LineChart& c) {
    LineFrame f;
    f.lo = c.y_min;
    f.hi = c.y_max > c.y_min ? c.y_max : c.y_min + 1;
    size_t count = c.x_labels.size();
    double pad = 24;
    for (size_t i = 0; i < count; ++i)
        f.xs.push_back(count == 1 ? (f.x0 + f.x1) / 2
                                  : f.x0 + pad +
                                        (f.x1 - f.x0 - 2 * pad) * static_cast<double>(i) /
                                            static_cast<double>(count - 1));
    return f;
}

/// Index runs [first, last] of consecutive labels that have a band.
std::vector<std::pair<size_t, size_t>> band_runs(const LineChart& c) {
    std::vector<std::pair<size_t, size_t>> runs;
    for (size_t i = 0; i < c.bands.size() && i < c.x_labels.size(); ++i) {
        if (!c.bands[i]) continue;
        if (!runs.empty() && runs.back().second + 1 == i)
            runs.back().second = i;
        else
            runs.emplace_back(i, i);
    }
    return runs;
}

/// The polygon between two band edges (`lower`, `upper` pick the edge value) over one run.
std::string band_polygon(const LineChart& c, const LineFrame& f, std::pair<size_t, size_t> run,
                         double (*lower)(const QuartileBand&, const LineFrame&),
                         double (*upper)(const QuartileBand&, const LineFrame&)) {
    std::vector<std::pair<double, size_t>> xs;  // x and the band it takes values from
    if (run.first == run.second) {
        xs = {{f.xs[run.first] - 16, run.first}, {f.xs[run.first] + 16, run.first}};
    } else {
        for (size_t i = run.first; i <= run.second; ++i) xs.emplace_back(f.xs[i], i);
    }
    std::string pts;
    for (const auto& [x, i] : xs) pts += n(x) + "," + n(f.y(upper(*c.bands[i], f))) + " ";
    for (auto it = xs.rbegin(); it != xs.rend(); ++it)
        pts += n(it->first) + "," + n(f.y(lower(*c.bands[it->second], f))) + " ";
    pts.pop_back();
    return pts;
}

double edge_lo(const QuartileBand&, const LineFrame& f) {
    return f.lo;
}
double edge_p25(const QuartileBand& b, const LineFrame&) {
    return b.p25;
}
double edge_p50(const QuartileBand& b, const LineFrame&) {
    return b.p50;
}
double edge_p75(const QuartileBand& b, const LineFrame&) {
    return b.p75;
}
double edge_hi(const QuartileBand&, const LineFrame& f) {
    return f.hi;
}

void draw_band_line(Writer& svg, const LineChart& c, const LineFrame& f,
                    std::pair<size_t, size_t> run,
                    double (*edge)(const QuartileBand&, const LineFrame&),
                    const std::string& attrs) {
    std::string d;
    auto point = [&](double x, size_t i) {
        d += (d.empty() ? "M" : " L") + n(x) + "," + n(f.y(edge(*c.bands[i], f)));
    };
    if (run.first == run.second) {
        point(f.xs[run.first] - 16, run.first);
        point(f.xs[run.first] + 16, run.first);
    } else {
        for (size_t i = run.first; i <= run.second; ++i) point(f.xs[i], i);
    }
    svg << "<path d=\"" + d + "\" fill=\"none\" " + attrs + "/>";
}

void draw_bands(Writer& svg, const LineChart& c, const LineFrame& f) {
    auto runs = band_runs(c);
    if (runs.empty()) return;
    svg << "<g class=\"bands\">";
    for (auto run : runs) {
        svg << "<polygon points=\"" + band_polygon(c, f, run, edge_lo, edge_p25) + "\" fill=\"" +
                   svg.url("q1") + "\"/>";
        svg << "<polygon points=\"" + band_polygon(c, f, run, edge_p25, edge_p50) +
                   "\" fill=\"#e6e6e6\"/>";
        svg << "<polygon points=\"" + band_polygon(c, f, run, edge_p50, edge_p75) +
                   "\" fill=\"#d4d4d4\"/>";
        svg << "<polygon points=\"" + band_polygon(c, f, run, edge_p75, edge_hi) +
                   "\" fill=\"#fafafa\"/>";
        draw_band_line(svg, c, f, run, edge_p25, "stroke=\"#8c8c8c\" stroke-width=\"1\"");
        draw_band_line(svg, c, f, run, edge_p75, "stroke=\"#8c8c8c\" stroke-width=\"1\"");
        draw_band_line(svg, c, f, run, edge_p50,
                       "stroke=\"#3d3d3d\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
    }
    // Name the zones at the right edge of the last band.
    const QuartileBand& b = *c.bands[runs.back().second];
    std::vector<double> ys = {f.y((b.p75 + f.hi) / 2), f.y((b.p50 + b.p75) / 2),
                              f.y((b.p25 + b.p50) / 2), f.y((f.lo + b.p25) / 2)};
    for (double& y : ys) y += 4;
    spread(ys, 13, f.y0 + 10, f.y1 - 2);
    const char* names[] = {"4-й квартиль", "3-й квартиль", "2-й квартиль", "1-й квартиль"};
    for (size_t i = 0; i < 4; ++i)
        svg.text(f.x1 + 6, ys[i], names[i],
                 "font-size=\"12\" fill=\"" + std::string(kMuted) + "\"");
    svg << "</g>";
}

void draw_line_axes(Writer& svg, const LineChart& c, const LineFrame& f) {
    svg << "<g class=\"axes\" fill=\"" + std::string(kMuted) + "\" font-size=\"12\">";
    for (double t : ticks(f.lo, f.hi)) {
        svg.line(f.x0 - 4, f.y(t), f.x0, f.y(t), "stroke=\"#8c8c8c\"");
        svg.text(f.x0 - 7, f.y(t) + 4, format_number(t, 1), "", "end");
    }
    svg.line(f.x0, f.y0, f.x0, f.y1, "stroke=\"#8c8c8c\"");
    svg.line(f.x0, f.y1, f.x1, f.y1, "stroke=\"#8c8c8c\"");
    for (size_t i = 0; i < f.xs.size(); ++i)
        svg.text(f.xs[i], f.y1 + 18, c.x_labels[i], "", "middle");
    svg << "</g>";
}

void draw_series(Writer& svg, const LineChart& c, const LineFrame& f) {
    std::string d;
    bool pen_down = false;
    for (size_t i = 0; i < f.xs.size(); ++i) {
        if (i >= c.values.size() || !c.values[i]) {
            pen_down = false;
            continue;
        }
        d += (pen_down ? " L" : (d.empty() ? "M" : " M")) + n(f.xs[i]) + "," + n(f.y(*c.values[i]));
        pen_down = true;
    }
    svg << "<g class=\"series\">";
    if (!d.empty())
        svg << "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + kSeries +
                   "\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>";
    for (size_t i = 0; i < f.xs.size() && i < c.values.size(); ++i) {
        if (!c.values[i]) continue;
        double y = f.y(*c.values[i]);
        svg << "<circle cx=\"" + n(f.xs[i]) + "\" cy=\"" + n(y) + "\" r=\"4.5\" fill=\"" + kSeries +
                   "\" stroke=\"#fff\" stroke-width=\"1.5\"/>";
        double ly = y - 10 < f.y0 + 8 ? y + 19 : y - 10;
        svg.text(f.xs[i], ly, format_number(*c.values[i], c.decimals),
                 "font-weight=\"700\" fill=\"" + std::string(kSeries) + "\"", "middle", true);
    }
    svg << "</g>";
}

void draw_line_legend(Writer& svg, const LineChart& c, bool bands) {
    double x = 44, y = 16;
    svg << "<g class=\"legend\" font-size=\"12\" fill=\"" + std::string(kInk) + "\">";
    svg.line(x, y - 4, x + 22, y - 4,
             "stroke=\"" + std::string(kSeries) + "\" stroke-width=\"2.5\"");
    svg << "<circle cx=\"" + n(x + 11) + "\" cy=\"" + n(y - 4) + "\" r=\"4\" fill=\"" + kSeries +
               "\"/>";
    svg.text(x + 28, y, c.series_label);
    x += 28 + text_width(c.series_label, kPhoneCharWidth) + 16;
    if (bands) {
        svg.rect(x, y - 10, 14, 12, "fill=\"" + svg.url("q1") + "\" stroke=\"#8c8c8c\"");
        svg.text(x + 19, y, "1-й квартиль");
        x += 19 + text_width("1-й квартиль", kPhoneCharWidth) + 14;
        svg.line(x, y - 4, x + 22, y - 4,
                 "stroke=\"#3d3d3d\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
        svg.text(x + 28, y, "медиана");
    }
    svg << "</g>";
}

// ---- quadrant chart ------------------------------------------------------------------------

struct QuadFrame {
    double x0 = 52, x1 = kWidth - 14, y0 = 30, y1 = 418;
    double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
    double x(double v) const {
        return x0 + (std::clamp(v, xlo, xhi) - xlo) / (xhi - xlo) * (x1 - x0);
    }
    double y(double v) const {
        return y1 - (std::clamp(v, ylo, yhi) - ylo) / (yhi - ylo) * (y1 - y0);
    }
};

/// An axis range around the values and the split, on tenths, within 0..1 when they are.
std::pair<double, double> axis_range(std::vector<double> values) {
    double lo = *std::min_element(values.begin(), values.end());
    double hi = *std::max_element(values.begin(), values.end());
    lo = std::floor((lo - 0.04) * 10) / 10;
    hi = std::ceil((hi + 0.04) * 10) / 10;
    if (lo < 0 && *std::min_element(values.begin(), values.end()) >= 0) lo = 0;
    if (hi > 1 && *std::max_element(values.begin(), values.end()) <= 1) hi = 1;
    if (hi - lo < 0.3) {
        double mid = (hi + lo) / 2;
        lo = std::floor((mid - 0.15) * 10) / 10;
        hi = lo + 0.3;
    }
    return {lo, hi};
}

QuadFrame quad_frame(const QuadrantChart& c) {
    QuadFrame f;
    std::vector<double> xs = {c.x_split}, ys = {c.y_split};
    for (const auto& p : c.points) {
        xs.push_back(p.x);
        ys.push_back(p.y);
    }
    std::tie(f.xlo, f.xhi) = axis_range(xs);
    std::tie(f.ylo, f.yhi) = axis_range(ys);
    return f;
}

void draw_quad_axes(Writer& svg, const QuadrantChart& c, const QuadFrame& f) {
    svg << "<g class=\"axes\" fill=\"" + std::string(kMuted) + "\" font-size=\"12\">";
    svg.rect(f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0, "fill=\"#fff\" stroke=\"#8c8c8c\"");
    for (double t : ticks(f.xlo, f.xhi)) {
        svg.line(f.x(t), f.y1, f.x(t), f.y1 + 4, "stroke=\"#8c8c8c\"");
        svg.text(f.x(t), f.y1 + 16, format_number(t, 1), "", "middle");
    }
    for (double t : ticks(f.ylo, f.yhi)) {
        svg.line(f.x0 - 4, f.y(t), f.x0, f.y(t), "stroke=\"#8c8c8c\"");
        svg.text(f.x0 - 7, f.y(t) + 4, format_number(t, 1), "", "end");
    }
    svg.text((f.x0 + f.x1) / 2, f.y1 + 34, c.x_label,
             "font-size=\"12\" fill=\"" + std::string(kInk) + "\"", "middle");
    double ymid = (f.y0 + f.y1) / 2;
    svg << "<text x=\"14\" y=\"" + n(ymid) + "\" text-anchor=\"middle\" font-size=\"12\" fill=\"" +
               kInk + "\" transform=\"rotate(-90 14 " + n(ymid) + ")\">" + esc(c.y_label) +
               "</text>";
    svg << "</g>";
}

void draw_quad_splits(Writer& svg, const QuadrantChart& c, const QuadFrame& f) {
    const std::string dash = "stroke=\"#3d3d3d\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"";
    double sx = f.x(c.x_split), sy = f.y(c.y_split);
    svg << "<g class=\"splits\" font-size=\"12\" fill=\"" + std::string(kMuted) + "\">";
    svg.line(sx, f.y0, sx, f.y1, dash);
    svg.line(f.x0, sy, f.x1, sy, dash);
    std::string xs = c.x_split_label + " " + format_number(c.x_split, c.decimals);
    std::string ys = c.y_split_label + " " + format_number(c.y_split, c.decimals);
    // The vertical split is named above the plot, clear of the quadrant names in its corners.
    double half = text_width(xs, 6.8) / 2;
    svg.text(std::clamp(sx, f.x0 + half, kWidth - 4 - half), f.y0 - 8, xs, "", "middle");
    svg.text(f.x1 - 4, sy - 5, ys, "", "end", true);
    svg << "</g>";
}

void draw_quadrant_names(Writer& svg, const QuadrantChart& c, const QuadFrame& f) {
    const std::string style =
        "font-size=\"13\" font-weight=\"700\" fill=\"" + std::string(kInk) + "\"";
    const std::string mark = "stroke=\"#fff\" stroke-width=\"1\"";
    double top = f.y0 + 20, bottom = f.y1 - 24;
    svg << "<g class=\"quadrants\">";
    marker(svg, "resilient", f.x0 + 14, top - 5, 5, mark);
    svg.text(f.x0 + 26, top, c.top_left, style, "start", true);
    marker(svg, "effective", f.x1 - 14, top - 5, 5, mark);
    svg.text(f.x1 - 26, top, c.top_right, style, "end", true);
    marker(svg, "not_coping", f.x0 + 14, bottom - 5, 5, mark);
    svg.text(f.x0 + 26, bottom, c.bottom_left, style, "start", true);
    marker(svg, "inefficient", f.x1 - 14, bottom - 5, 5, mark);
    svg.text(f.x1 - 26, bottom, c.bottom_right, style, "end", true);
    svg << "</g>";
}

/// A point: its tooltip (<title>) and marker. Ordinary points take their white outline from
/// the enclosing group; the highlighted one is ringed and named.
void draw_point(Writer& svg, const QuadrantChart& c, const QuadFrame& f, const ScatterPoint& p) {
    double cx = f.x(p.x), cy = f.y(p.y);
    svg.put(p.highlight ? "<g class=\"highlight\">" : "<g>");
    svg.put("<title>", esc(p.label), ": ", esc(c.x_label), " ", format_number(p.x, c.decimals),
            ", ", esc(c.y_label), " ", format_number(p.y, c.decimals), "</title>");
    if (p.highlight) {
        svg.put("<circle cx=\"", C{cx}, "\" cy=\"", C{cy}, "\" r=\"13\" fill=\"none\" stroke=\"",
                kInk, "\" stroke-width=\"2.5\"/>");
        marker(svg, p.category, cx, cy, 7, "stroke=\"#1d2430\" stroke-width=\"1.5\"");
        bool right = cx < (f.x0 + f.x1) / 2;
        // Near the top or bottom edge the label moves off the quadrant names in the corners.
        double ly = cy < f.y0 + 44 ? cy + 30 : cy > f.y1 - 44 ? cy - 20 : cy + 4;
        svg.text(right ? cx + 17 : cx - 17, ly, p.label, "font-weight=\"700\" fill=\"#1d2430\"",
                 right ? "start" : "end", true);
    } else {
        marker(svg, p.category, cx, cy, 5, "");
    }
    svg.put("</g>");
}

// ---- bar chart -----------------------------------------------------------------------------

// Labels wider than this go on their own line above the bar instead of to its left.
constexpr double kMaxSideLabel = 170;

struct BarFrame {
    double label_w = 90, x0 = 98, x1 = kBarWidth - 60, lo = 0, hi = 1;
    bool labels_above = false;
    double x(double v) const { return x0 + (v - lo) / (hi - lo) * (x1 - x0); }
};

std::pair<double, double> bar_scale(const std::vector<const BarGroup*>& groups) {
    double lo = 0, hi = 0;
    for (const BarGroup* g : groups) {
        for (const Bar& b : g->bars)
            if (b.value) lo = std::min(lo, *b.value), hi = std::max(hi, *b.value);
        // A limit gets some room to its right, so bars that reach it are seen to stop there.
        if (g->reference) lo = std::min(lo, *g->reference), hi = std::max(hi, *g->reference * 1.15);
    }
    if (hi - lo <= 0) hi = lo + 1;
    return {lo, hi};
}

std::string bar_fill(const Writer& svg, const std::string& style) {
    if (style == "baseline") return "fill=\"#bdbdbd\" stroke=\"#6e6e6e\"";
    if (style == "target")
        return "fill=\"" + svg.url("target") + "\" stroke=\"" + kBlue + "\" stroke-width=\"1.5\"";
    if (style == "over")
        return "fill=\"" + svg.url("over") + "\" stroke=\"" + kVermillion +
               "\" stroke-width=\"1.5\"";
    return "fill=\"" + std::string(kSeries) + "\"";
}

/// Draws one group from `y`; returns the y below it.
double draw_bar_group(Writer& svg, const BarChart& c, const BarFrame& f, const BarGroup& g,
                      double y) {
    std::string heading = g.label + (g.unit.empty() ? "" : ", " + g.unit);
    if (!g.label.empty()) {
        for (const auto& line : wrap_words(heading, kHeadingChars)) {
            y += 16;
            svg.text(8, y, line, "font-weight=\"700\" fill=\"" + std::string(kInk) + "\"");
        }
        y += 6;
    }
    double top = y;
    int decimals = g.decimals >= 0 ? g.decimals : c.decimals;
    for (const Bar& b : g.bars) {
        if (f.labels_above) {
            svg.text(f.x0, y + 13, b.label, "font-size=\"12\" fill=\"" + std::string(kInk) + "\"");
            y += 16;
        } else {
            svg.text(f.x0 - 6, y + 13, b.label,
                     "font-size=\"12\" fill=\"" + std::string(kMuted) + "\"", "end");
        }
        if (b.value) {
            // Bars grow from 0 (lo is never above 0), to the left for a negative value.
            double a = f.x(std::min(0.0, *b.value)), z = f.x(std::max(0.0, *b.value));
            svg.rect(a, y + 2, std::max(1.5, z - a), 14, bar_fill(svg, b.style));
            svg.text(z + 5, y + 14, format_number(*b.value, decimals),
                     "font-size=\"12\" font-weight=\"700\" fill=\"" + std::string(kInk) + "\"");
        } else {
            svg.text(f.x0 + 4, y + 14, "нет данных",
                     "font-size=\"12\" fill=\"" + std::string(kMuted) + "\"");
        }
        y += 22;
    }
    if (g.reference) {
        double rx = f.x(*g.reference);
        svg.line(rx, top - 2, rx, y + 2,
                 "stroke=\"" + std::string(kVermillion) +
                     "\" stroke-width=\"2\" stroke-dasharray=\"5 3\"");
        y += 14;
        svg.text(rx, y, g.reference_label + " " + format_number(*g.reference, decimals),
                 "font-size=\"12\" fill=\"" + std::string(kInk) + "\"", "middle", true);
    }
    return y + 8;
}

double bar_label_width(const BarChart& c) {
    double w = 40;
    for (const auto& g : c.groups)
        for (const auto& b : g.bars) w = std::max(w, text_width(b.label, 7.4));
    return w;
}

double bar_chart_height(const BarChart& c) {
    double h = 8;
    for (const auto& g : c.groups) {
        std::string heading = g.label + (g.unit.empty() ? "" : ", " + g.unit);
        if (!g.label.empty()) h += 16 * wrap_words(heading, kHeadingChars).size() + 6;
        double row = bar_label_width(c) > kMaxSideLabel ? 38 : 22;
        h += row * static_cast<double>(g.bars.size()) + 8 + (g.reference ? 14 : 0);
    }
    return h + 4;
}

// ---- criteria chart ------------------------------------------------------------------------

double criteria_height(const CriteriaChart& c) {
    double h = 30;
    for (size_t i = 0; i < c.criteria.size(); ++i)
        h += 16 * wrap_words(std::to_string(i + 1) + ". " + c.criteria[i], kCriterionChars).size() +
             30;
    return h + 24;
}

void draw_criteria_legend(Writer& svg, const CriteriaChart& c, bool reference) {
    svg << "<g class=\"legend\" font-size=\"12\" fill=\"" + std::string(kInk) + "\">";
    svg.rect(8, 6, 14, 12, "fill=\"" + std::string(kSeries) + "\"");
    svg.text(27, 16, c.value_label);
    if (reference) {
        double x = 27 + text_width(c.value_label, kPhoneCharWidth + 0.8) + 18;
        svg.line(x + 6, 4, x + 6, 20, "stroke=\"" + std::string(kOrange) + "\" stroke-width=\"3\"");
        diamond(svg, x + 6, 6, 4.5,
                "fill=\"#fff\" stroke=\"" + std::string(kInk) + "\" stroke-width=\"1.5\"");
        svg.text(x + 17, 16, c.reference_label);
    }
    svg << "</g>";
}

}  // namespace

std::vector<std::string> wrap_words(const std::string& s, size_t max_chars) {
    std::vector<std::string> lines;
    std::string line;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(' ', start);
        if (end == std::string::npos) end = s.size();
        std::string word = s.substr(start, end - start);
        if (!word.empty()) {
            if (!line.empty() && text::char_count(line) + 1 + text::char_count(word) > max_chars) {
                lines.push_back(line);
                line.clear();
            }
            line += (line.empty() ? "" : " ") + word;
        }
        start = end + 1;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

std::string line_chart_svg(const LineChart& c) {
    LineFrame f = line_frame(c);
    Writer svg(c.text, kWidth, 296);
    bool bands = !band_runs(c).empty();
    if (bands) {
        svg << "<defs>";
        svg.pattern("q1", "#a3a3a3", 45, false, "#f4f4f4");
        svg << "</defs>";
    }
    draw_line_legend(svg, c, bands);
    draw_bands(svg, c, f);
    draw_line_axes(svg, c, f);
    draw_series(svg, c, f);
    return svg.finish();
}

std::string quadrant_chart_svg(const QuadrantChart& c) {
    QuadFrame f = quad_frame(c);
    Writer svg(c.text, kWidth, 462);
    draw_quad_axes(svg, c, f);
    draw_quad_splits(svg, c, f);
    draw_quadrant_names(svg, c, f);
    svg << "<g class=\"points\" stroke=\"#fff\" stroke-width=\"1\">";
    for (const auto& p : c.points)
        if (!p.highlight) draw_point(svg, c, f, p);
    for (const auto& p : c.points)  // the highlighted school on top of the others
        if (p.highlight) draw_point(svg, c, f, p);
    svg << "</g>";
    return svg.finish();
}

std::string bar_chart_svg(const BarChart& c) {
    BarFrame f;
    f.label_w = bar_label_width(c);
    f.labels_above = f.label_w > kMaxSideLabel;
    f.x0 = f.labels_above ? 8 : 8 + f.label_w + 8;
    Writer svg(c.text, kBarWidth, bar_chart_height(c));
    svg << "<defs>";
    svg.pattern("target", kBlue, 45, false, "#eaf3fa");
    svg.pattern("over", kVermillion, 45, true, "#fdf0e8");
    svg << "</defs>";
    double y = 4;
    std::vector<const BarGroup*> all;
    for (const auto& g : c.groups) all.push_back(&g);
    auto shared = bar_scale(all);
    for (const auto& g : c.groups) {
        std::tie(f.lo, f.hi) = c.shared_scale ? shared : bar_scale({&g});
        y = draw_bar_group(svg, c, f, g, y);
    }
    return svg.finish();
}

std::string criteria_chart_svg(const CriteriaChart& c) {
    bool reference = !c.reference.empty();
    double x0 = 8, x1 = kWidth - 60, height = criteria_height(c);
    double max = c.max > 0 ? c.max : 1;
    auto x = [&](double v) { return x0 + std::clamp(v, 0.0, max) / max * (x1 - x0); };
    Writer svg(c.text, kWidth, height);
    draw_criteria_legend(svg, c, reference);
    svg << "<g class=\"grid\" stroke=\"#e0e0e0\">";
    for (int t = 0; t <= static_cast<int>(max); ++t) svg.line(x(t), 28, x(t), height - 22, "");
    svg << "</g><g class=\"axes\" font-size=\"12\" fill=\"" + std::string(kMuted) + "\">";
    for (int t = 0; t <= static_cast<int>(max); ++t)
        svg.text(x(t), height - 8, std::to_string(t), "", "middle");
    svg << "</g>";
    double y = 30;
    for (size_t i = 0; i < c.criteria.size(); ++i) {
        for (const auto& line :
             wrap_words(std::to_string(i + 1) + ". " + c.criteria[i], kCriterionChars)) {
            y += 16;
            svg.text(x0, y, line, "fill=\"" + std::string(kInk) + "\"");
        }
        double v = i < c.values.size() ? c.values[i] : 0;
        svg.rect(x0, y + 6, x(v) - x0, 16, "fill=\"" + std::string(kSeries) + "\"");
        svg.text(x(v) + 6, y + 19, format_number(v, c.decimals),
                 "font-size=\"12\" font-weight=\"700\" fill=\"" + std::string(kInk) + "\"", "start",
                 true);
        if (reference && i < c.reference.size() && c.reference[i]) {
            double rx = x(*c.reference[i]);
            svg.line(rx, y + 3, rx, y + 25,
                     "stroke=\"" + std::string(kOrange) + "\" stroke-width=\"3\"");
            diamond(svg, rx, y + 14, 4.5,
                    "fill=\"#fff\" stroke=\"" + std::string(kInk) + "\" stroke-width=\"1.5\"");
        }
        y += 30;
    }
    return svg.finish();
}

}  // namespace nk::render
