// The chart module: accessible SVG (role, title, desc), points where the arithmetic puts them,
// values with fixed precision, patterns and shapes, and byte-identical output for equal input.

#include "render/svg_chart.h"

#include <doctest/doctest.h>

using namespace nk::render;

namespace {

bool has(const std::string& svg, const std::string& part) {
    return svg.find(part) != std::string::npos;
}

size_t count(const std::string& svg, const std::string& part) {
    size_t n = 0;
    for (size_t p = svg.find(part); p != std::string::npos; p = svg.find(part, p + 1)) ++n;
    return n;
}

LineChart three_years() {
    LineChart c;
    c.text = {"ior", "ИОР школы", "ИОР по годам"};
    c.x_labels = {"2019/20", "2020/21", "2021/22"};
    c.values = {0.5, std::nullopt, 0.7};
    c.bands = {QuartileBand{0.3, 0.45, 0.6}, QuartileBand{0.32, 0.47, 0.62}, std::nullopt};
    return c;
}

}  // namespace

TEST_CASE("every chart is an accessible image with its title and description") {
    std::string svg = line_chart_svg(three_years());
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(has(svg, "role=\"img\""));
    CHECK(has(svg, "aria-labelledby=\"ior-title ior-desc\""));
    CHECK(has(svg, "<title id=\"ior-title\">ИОР школы</title>"));
    CHECK(has(svg, "<desc id=\"ior-desc\">ИОР по годам</desc>"));
    CHECK(svg.substr(svg.size() - 6) == "</svg>");

    QuadrantChart q;
    q.text = {"q", "Школы <группы> & годы", "d"};
    q.points = {{0.4, 0.6, "Школа «А»", "resilient", false}};
    std::string qs = quadrant_chart_svg(q);
    CHECK(has(qs, "<title id=\"q-title\">Школы &lt;группы&gt; &amp; годы</title>"));
}

TEST_CASE("line chart: points, labels, gaps and quartile bands") {
    std::string svg = line_chart_svg(three_years());
    // x: 64, 178, 292 (plot 40..316, padded by 24); y: 266 − v × 226.
    CHECK(has(svg, "<circle cx=\"64.0\" cy=\"153.0\" r=\"4.5\""));
    CHECK(has(svg, "<circle cx=\"292.0\" cy=\"107.8\" r=\"4.5\""));
    CHECK(count(svg, "r=\"4.5\"") == 2);  // the missing year has no marker
    // The missing year breaks the line: a new subpath starts at the third point.
    CHECK(has(svg, "d=\"M64.0,153.0 M292.0,107.8\""));
    CHECK(has(svg, ">0,50</text>"));
    CHECK(has(svg, ">0,70</text>"));
    CHECK(has(svg, ">2020/21</text>"));
    // Bands over the two consecutive years that have them: the hatched first quartile is a
    // polygon from P25 down to the axis; the median is dashed.
    CHECK(has(svg, "<pattern id=\"ior-q1\""));
    CHECK(
        has(svg, "points=\"64.0,198.2 178.0,193.7 178.0,266.0 64.0,266.0\" fill=\"url(#ior-q1)\""));
    CHECK(has(svg,
              "d=\"M64.0,164.3 L178.0,159.8\" fill=\"none\" stroke=\"#3d3d3d\" "
              "stroke-width=\"1.5\" stroke-dasharray=\"6 4\""));
    CHECK(has(svg, ">1-й квартиль</text>"));
    CHECK(has(svg, ">4-й квартиль</text>"));
}

TEST_CASE("line chart without bands has no band legend or pattern") {
    LineChart c = three_years();
    c.bands.clear();
    std::string svg = line_chart_svg(c);
    CHECK_FALSE(has(svg, "<pattern"));
    CHECK_FALSE(has(svg, "квартиль"));
    CHECK(has(svg, ">ИОР школы</text>"));
}

TEST_CASE("a single year with a band draws a short band around its point") {
    LineChart c;
    c.text = {"one", "t", "d"};
    c.x_labels = {"2021/22"};
    c.values = {0.4};
    c.bands = {QuartileBand{0.3, 0.5, 0.7}};
    std::string svg = line_chart_svg(c);
    // Centred at x = 178, the band spans 162..194.
    CHECK(has(svg, "<circle cx=\"178.0\" cy=\"175.6\""));
    CHECK(has(svg, "points=\"162.0,198.2 194.0,198.2 194.0,266.0 162.0,266.0\""));
}

TEST_CASE("quadrant chart: medians, named quadrants, shapes per category, highlight") {
    QuadrantChart c;
    c.text = {"q", "ИСБШ и ИОР", "d"};
    c.x_split = 0.5;
    c.y_split = 0.5;
    c.points = {{0.3, 0.2, "Школа 1", "not_coping", false},
                {0.7, 0.8, "Школа 2", "effective", false},
                {0.5, 0.5, "Школа 3", "effective", true}};
    std::string svg = quadrant_chart_svg(c);
    // Axes 0.2..0.8 (ИСБШ) and 0.1..0.9 (ИОР) around the data; plot 52..406 × 30..418.
    CHECK(has(svg, "<circle cx=\"229.0\" cy=\"224.0\" r=\"7.0\""));  // highlighted, larger
    CHECK(has(svg, "<circle cx=\"229.0\" cy=\"224.0\" r=\"13\" fill=\"none\""));  // its ring
    CHECK(has(svg, "<rect x=\"106.5\" y=\"365.0\" width=\"9.0\" height=\"9.0\" fill=\"#D55E00\""));
    CHECK(has(svg, "<circle cx=\"347.0\" cy=\"78.5\" r=\"5.0\" fill=\"#009E73\""));
    CHECK(has(svg, "<g><title>Школа 2: ИСБШ 0,70, ИОР 0,80</title>"));
    CHECK(has(svg, ">Школа 3</text>"));  // only the highlighted point is named on the chart
    CHECK_FALSE(has(svg, "<a "));        // an image holds no links (they are in the table)
    CHECK_FALSE(has(svg, ">Школа 1</text>"));
    for (const char* name : {"Резильентные", "Эффективные", "Несправляющиеся", "Неэффективные"})
        CHECK(has(svg, std::string(">") + name + "</text>"));
    CHECK(has(svg, ">медиана ИСБШ 0,50</text>"));
    CHECK(has(svg, ">медиана ИОР 0,50</text>"));
    CHECK(has(svg, "<line x1=\"229.0\" y1=\"30.0\" x2=\"229.0\" y2=\"418.0\""));
    // The highlighted school is drawn last, above the others.
    CHECK(svg.find("class=\"highlight\"") > svg.find("Школа 2: ИСБШ"));
}

TEST_CASE("bar chart: bars from zero, patterns by style, a reference line, missing values") {
    BarChart c;
    c.text = {"b", "Нагрузка", "d"};
    c.decimals = 0;
    BarGroup g;
    g.bars = {{"A", 1.0, "plain"}, {"B", 3.0, "over"}, {"C", std::nullopt, "plain"}};
    g.reference = 2;
    g.reference_label = "Предел";
    c.groups = {g};
    std::string svg = bar_chart_svg(c);
    // Labels take 40 px, so bars run from 56 to 320 over 0..3.
    CHECK(has(svg, "<rect x=\"56.0\" y=\"6.0\" width=\"88.0\" height=\"14.0\" fill=\"#0b3d73\""));
    CHECK(has(svg,
              "<rect x=\"56.0\" y=\"28.0\" width=\"264.0\" height=\"14.0\" fill=\"url(#b-over)\""));
    CHECK(has(svg, "<line x1=\"232.0\""));
    CHECK(has(svg, ">Предел 2</text>"));
    CHECK(has(svg, ">нет данных</text>"));
    CHECK(has(svg, ">3</text>"));
}

TEST_CASE("bar chart: goals each on their own scale, decimals per group, long labels above") {
    BarChart c;
    c.text = {"g", "Цели", "d"};
    c.shared_scale = false;
    BarGroup ior{
        "ИОР",
        "индекс",
        {{"Исходное", 0.31, "baseline"}, {"Цель", 0.4, "target"}, {"Факт", 0.45, "actual"}},
        std::nullopt,
        "",
        2};
    BarGroup share{
        "Доля",
        "%",
        {{"Исходное", 21.0, "baseline"}, {"Цель", 12.0, "target"}, {"Факт", 15.0, "actual"}},
        std::nullopt,
        "",
        0};
    c.groups = {ior, share};
    std::string svg = bar_chart_svg(c);
    CHECK(has(svg, ">ИОР, индекс</text>"));
    CHECK(has(svg, ">0,45</text>"));
    CHECK(has(svg, ">21</text>"));
    CHECK(has(svg, "fill=\"url(#g-target)\""));
    // Labels take 59.2 px, bars run from 75.2 to 320: the ИОР "Факт" and the share's
    // "Исходное" reach the right end of their own scales.
    CHECK(count(svg, "width=\"244.8\"") == 2);

    BarChart wide;
    wide.text = {"w", "t", "d"};
    wide.groups = {BarGroup{
        "", "", {{"МОАНУ СОШ № 17 им. К.В. Навальневой", 2.0, "plain"}}, 2.0, "Предел", -1}};
    std::string ws = bar_chart_svg(wide);
    CHECK(has(ws, "<text x=\"8.0\" y=\"17.0\" font-size=\"12\""));  // the name above its bar
}

TEST_CASE("criteria chart: wrapped labels, values, reference marks, axis 0..max") {
    CriteriaChart c;
    c.text = {"k", "Критерии", "d"};
    c.criteria = {"Результативность работы педагогического коллектива", "Второй"};
    c.values = {4.0, 2.5};
    c.reference = {3.0, std::nullopt};
    std::string svg = criteria_chart_svg(c);
    CHECK(has(svg, ">1. Результативность работы</text>"));
    CHECK(has(svg, ">педагогического коллектива</text>"));
    CHECK(has(svg, "width=\"281.6\""));  // 4 of 5 on 8..360
    CHECK(has(svg, ">4,00</text>"));
    CHECK(has(svg, ">2,50</text>"));
    CHECK(count(svg, "stroke=\"#E69F00\" stroke-width=\"3\"") == 2);  // legend + one reference
    CHECK(has(svg, ">5</text>"));
}

TEST_CASE("charts are deterministic") {
    CHECK(line_chart_svg(three_years()) == line_chart_svg(three_years()));
    QuadrantChart q;
    q.text = {"q", "t", "d"};
    q.points = {{0.41, 0.52, "a", "effective", false}, {0.33, 0.61, "b", "resilient", true}};
    CHECK(quadrant_chart_svg(q) == quadrant_chart_svg(q));
}

TEST_CASE("wrap_words") {
    CHECK(wrap_words("один два три", 8) == std::vector<std::string>{"один два", "три"});
    CHECK(wrap_words("очень-длинное-слово коротко", 5) ==
          std::vector<std::string>{"очень-длинное-слово", "коротко"});
    CHECK(wrap_words("", 10) == std::vector<std::string>{""});
}
