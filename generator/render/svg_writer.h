#pragma once
// The SVG writer behind render/svg_chart.h: one <svg> element built by appending strings and
// coordinates to a single buffer, the category markers, and tick and label-placement helpers.

#include <string>
#include <string_view>
#include <vector>

#include "render/svg_chart.h"

namespace nk::render::svg {

// Okabe–Ito colours: distinct for every common colour-vision deficiency and, with the marker
// shapes and fill patterns, still distinct when printed in grey.
inline constexpr const char* kInk = "#1d2430";
inline constexpr const char* kMuted = "#4a5260";
inline constexpr const char* kSeries = "#0b3d73";
inline constexpr const char* kBlue = "#0072B2";
inline constexpr const char* kGreen = "#009E73";
inline constexpr const char* kOrange = "#E69F00";
inline constexpr const char* kVermillion = "#D55E00";
/// Average glyph advance at 12–13 px, for layout estimates.
inline constexpr double kCharWidth = 6.9;

/// Appends a coordinate with one decimal and a point ("12.5"); never "-0.0".
void put_coord(std::string& out, double v);
/// The same as a string.
std::string n(double v);
/// XML-escaped text.
std::string esc(const std::string& s);

/// A coordinate argument of Writer::put.
struct C {
    double v;
};

/// Builds one <svg> element: the accessible head (role="img", <title>, <desc> referenced by
/// aria-labelledby), then whatever the chart appends; `finish` closes and returns it.
class Writer {
  public:
    Writer(const ChartText& text, double width, double height);
    const std::string& id() const { return id_; }
    /// Appends strings and coordinates (C) in order, without temporaries.
    template <typename... Parts>
    Writer& put(const Parts&... parts) {
        (append(parts), ...);
        return *this;
    }
    Writer& operator<<(std::string_view s) { return put(s); }
    /// Text at (x, y); `anchor` start | middle | end; `halo` keeps it readable over data.
    void text(double x, double y, const std::string& s, std::string_view attrs = "",
              std::string_view anchor = "start", bool halo = false);
    void line(double x1, double y1, double x2, double y2, std::string_view attrs);
    void rect(double x, double y, double w, double h, std::string_view attrs);
    /// Diagonal hatching rotated by `angle`, or a cross-hatch (`cross`), on a light ground;
    /// its id is the chart's id + "-" + name.
    void pattern(const std::string& name, const std::string& colour, int angle, bool cross,
                 const std::string& ground);
    /// "url(#ID-name)" for a pattern of this chart.
    std::string url(const std::string& name) const { return "url(#" + id_ + "-" + name + ")"; }
    std::string finish();

  private:
    void append(std::string_view s) { out_.append(s); }
    void append(C c) { put_coord(out_, c.v); }

    std::string id_;
    std::string out_;
};

/// Estimated width of `s` in px.
double text_width(const std::string& s, double char_width = kCharWidth);
/// A diamond outline: the reference mark of the criteria chart.
void diamond(Writer& svg, double cx, double cy, double r, std::string_view attrs);
/// The marker of a category: effective circle, resilient diamond, inefficient triangle,
/// not_coping square (each in its colour); a hollow circle otherwise.
void marker(Writer& svg, std::string_view category, double cx, double cy, double r,
            std::string_view extra);
/// Tick values from lo to hi inclusive with a step that gives about five ticks.
std::vector<double> ticks(double lo, double hi);
/// Moves label positions (sorted top to bottom) apart by at least `gap`, within [lo, hi].
void spread(std::vector<double>& ys, double gap, double lo, double hi);

}  // namespace nk::render::svg
