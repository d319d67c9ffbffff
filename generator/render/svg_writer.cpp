#include "render/svg_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "fs/text.h"
#include "render/russian.h"

namespace nk::render::svg {

// Integer arithmetic: a country-sized build writes millions of coordinates, and printf would
// dominate the time of the charts.
void put_coord(std::string& out, double v) {
    long tenths = std::lround(v * 10);
    if (tenths < 0) out += '-';
    unsigned long t = static_cast<unsigned long>(tenths < 0 ? -tenths : tenths);
    char buf[24];
    auto end = std::to_chars(buf, buf + sizeof buf, t / 10).ptr;
    *end++ = '.';
    *end++ = static_cast<char>('0' + t % 10);
    out.append(buf, end);
}

std::string n(double v) {
    std::string out;
    put_coord(out, v);
    return out;
}

std::string esc(const std::string& s) {
    return text::escape_xml(bind_numero(s));
}

Writer::Writer(const ChartText& text, double width, double height) : id_(text.id) {
    out_.reserve(4096);
    put("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 ", C{width},
        " ", C{height}, "\" width=\"", C{width}, "\" height=\"", C{height},
        "\" role=\"img\" aria-labelledby=\"", id_, "-title ", id_,
        "-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, "
        "sans-serif\" font-size=\"13\">");
    put("<title id=\"", id_, "-title\">", esc(text.title), "</title>");
    put("<desc id=\"", id_, "-desc\">", esc(text.desc), "</desc>");
}

void Writer::text(double x, double y, const std::string& s, std::string_view attrs,
                  std::string_view anchor, bool halo) {
    put("<text x=\"", C{x}, "\" y=\"", C{y}, "\"");
    if (anchor != "start") put(" text-anchor=\"", anchor, "\"");
    if (halo) put(" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\"");
    if (!attrs.empty()) put(" ", attrs);
    put(">", esc(s), "</text>");
}

void Writer::line(double x1, double y1, double x2, double y2, std::string_view attrs) {
    put("<line x1=\"", C{x1}, "\" y1=\"", C{y1}, "\" x2=\"", C{x2}, "\" y2=\"", C{y2}, "\" ", attrs,
        "/>");
}

void Writer::rect(double x, double y, double w, double h, std::string_view attrs) {
    put("<rect x=\"", C{x}, "\" y=\"", C{y}, "\" width=\"", C{std::max(0.0, w)}, "\" height=\"",
        C{std::max(0.0, h)}, "\" ", attrs, "/>");
}

void Writer::pattern(const std::string& name, const std::string& colour, int angle, bool cross,
                     const std::string& ground) {
    put("<pattern id=\"", id_, "-", name,
        "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(",
        std::to_string(angle), ")\">");
    put("<rect width=\"6\" height=\"6\" fill=\"", ground, "\"/>");
    put("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"", colour, "\" stroke-width=\"1.6\"/>");
    if (cross)
        put("<line x1=\"0\" y1=\"3\" x2=\"6\" y2=\"3\" stroke=\"", colour,
            "\" stroke-width=\"1.6\"/>");
    put("</pattern>");
}

std::string Writer::finish() {
    put("</svg>");
    return std::move(out_);
}

double text_width(const std::string& s, double char_width) {
    return static_cast<double>(text::char_count(s)) * char_width;
}

void diamond(Writer& svg, double cx, double cy, double r, std::string_view attrs) {
    svg.put("<path d=\"M", C{cx}, ",", C{cy - r}, " L", C{cx + r}, ",", C{cy}, " L", C{cx}, ",",
            C{cy + r}, " L", C{cx - r}, ",", C{cy}, " Z\" ", attrs, "/>");
}

void marker(Writer& svg, std::string_view category, double cx, double cy, double r,
            std::string_view extra) {
    if (category == "resilient") {
        svg.put("<path d=\"M", C{cx}, ",", C{cy - r * 1.3}, " L", C{cx + r * 1.3}, ",", C{cy}, " L",
                C{cx}, ",", C{cy + r * 1.3}, " L", C{cx - r * 1.3}, ",", C{cy}, " Z\" fill=\"",
                kBlue, "\" ", extra, "/>");
    } else if (category == "inefficient") {
        svg.put("<path d=\"M", C{cx}, ",", C{cy - r * 1.3}, " L", C{cx + r * 1.2}, ",",
                C{cy + r * 0.9}, " L", C{cx - r * 1.2}, ",", C{cy + r * 0.9}, " Z\" fill=\"",
                kOrange, "\" ", extra, "/>");
    } else if (category == "not_coping") {
        svg.put("<rect x=\"", C{cx - r * 0.9}, "\" y=\"", C{cy - r * 0.9}, "\" width=\"",
                C{r * 1.8}, "\" height=\"", C{r * 1.8}, "\" fill=\"", kVermillion, "\" ", extra,
                "/>");
    } else {
        svg.put("<circle cx=\"", C{cx}, "\" cy=\"", C{cy}, "\" r=\"", C{r}, "\" fill=\"",
                category == "effective" ? kGreen : "#fff", "\" ", extra, "/>");
    }
}

std::vector<double> ticks(double lo, double hi) {
    double span = hi - lo;
    double step = span <= 0.35 ? 0.05 : span <= 0.7 ? 0.1 : span <= 1.5 ? 0.2 : 1;
    if (span > 7) step = std::ceil(span / 5);
    std::vector<double> out;
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step)
        out.push_back(std::round(v * 1000) / 1000);
    return out;
}

void spread(std::vector<double>& ys, double gap, double lo, double hi) {
    for (size_t i = 1; i < ys.size(); ++i) ys[i] = std::max(ys[i], ys[i - 1] + gap);
    if (!ys.empty() && ys.back() > hi) {
        ys.back() = hi;
        for (size_t i = ys.size() - 1; i-- > 0;) ys[i] = std::min(ys[i], ys[i + 1] - gap);
    }
    for (double& y : ys) y = std::max(y, lo);
}

}  // namespace nk::render::svg
