// Benchmark: what the analytics and the dashboards' charts cost in a build of many schools.
//
//     analytics_bench SITE_DIR [JOBS] [charts]
//
// Loads the site (bench/gen_schools.py writes one), then times, on one thread each:
//   analytics  SchoolAnalytics::compute for every school and year;
//   charts     every chart of every school dashboard (ИОР line, group quadrant) and of every
//              overview year page (a quadrant per group, mentor load);
// and finally the whole `build` of the site (with JOBS threads, default 1), which includes both.
// It prints the times and the share the analytics and charts add to the rest of the build.
// With `charts` it stops after the chart timing (for quick runs while tuning the charts).

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "analytics/school_analytics.h"
#include "pipeline/pipeline.h"
#include "model/site_loader.h"
#include "render/dashboard_charts.h"
#include "render/page_views.h"
#include "render/template_engine.h"

using namespace nk;
using Clock = std::chrono::steady_clock;
using render::json;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// The fastest of `runs` runs of `fn`, in milliseconds (the others absorb cache warm-up).
template <typename Fn>
double best_of(int runs, Fn fn) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        auto start = Clock::now();
        fn();
        best = std::min(best, ms_since(start));
    }
    return best;
}

/// Every chart the build draws: per school, and per overview year page.
size_t draw_all_charts(const render::ViewContext& ctx) {
    size_t bytes = 0;
    for (size_t i = 0; i < ctx.site.schools.size(); ++i) {
        json f = render::school_figures(ctx, i);
        for (const char* key : {"ior", "quadrant"})
            if (f[key].is_object()) bytes += f[key]["svg"].get_ref<const std::string&>().size();
    }
    for (int year : ctx.analytics.years()) {
        size_t k = 0;
        for (const auto& g : ctx.analytics.groups())
            if (g.year == year)
                bytes +=
                    render::quadrant_figure(ctx, g, std::nullopt, "q" + std::to_string(++k))["svg"]
                        .get_ref<const std::string&>()
                        .size();
        if (json load = render::mentor_load_figure(ctx); load.is_object())
            bytes += load["svg"].get_ref<const std::string&>().size();
    }
    return bytes;
}

/// Renders every school page and every overview page through the theme (not written).
std::pair<double, double> render_pages(const render::ViewContext& ctx, const std::string& root) {
    diag::Diagnostics diags;
    auto templates =
        render::TemplateEngine::load(root + "/themes/default", "themes/default", diags);
    auto start = Clock::now();
    size_t bytes = 0;
    for (size_t i = 0; i < ctx.site.schools.size(); ++i)
        bytes += templates.render("school", render::school_view(ctx, i)).size();
    double schools_ms = ms_since(start);
    start = Clock::now();
    for (int year : ctx.analytics.years())
        bytes += templates.render("schools", render::school_list_view(ctx, year)).size();
    std::cout << "rendered pages: " << bytes / (1024 * 1024) << " MiB\n";
    return {schools_ms, ms_since(start)};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: analytics_bench SITE_DIR [JOBS]\n";
        return 2;
    }
    std::string root = argv[1];
    unsigned jobs = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 1;

    diag::Diagnostics diags;
    auto start = Clock::now();
    model::Site site = model::load_site({root, 2, std::nullopt, std::nullopt}, diags);
    model::apply_audience(site, model::Audience::public_site);
    double load_ms = ms_since(start);
    if (diags.has_errors()) {
        diags.print(std::cerr);
        return 1;
    }
    size_t entries = 0;
    for (const auto& s : site.schools) entries += s.years.size();

    analytics::SchoolAnalytics analytics;
    double analytics_ms = best_of(3, [&] {
        analytics = analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    });
    render::ViewContext ctx{site, analytics};
    size_t chart_bytes = 0;
    double charts_ms = best_of(3, [&] { chart_bytes = draw_all_charts(ctx); });

    if (argc > 3 && std::string(argv[3]) == "charts") {  // quick runs while tuning the charts
        std::cout << "analytics: " << analytics_ms << " ms\ncharts: " << charts_ms << " ms ("
                  << chart_bytes / 1024 << " KiB of SVG)\n";
        return 0;
    }
    auto [school_pages_ms, overview_ms] = render_pages(ctx, root);

    pipeline::BuildOptions options;
    options.source = root;
    options.out = root + "/site";
    options.jobs = jobs;
    options.verbose = true;
    std::ostringstream log, err;
    // Without a previous output the swap is a rename, as in a first build or on CI.
    std::filesystem::remove_all(*options.out);
    start = Clock::now();
    pipeline::BuildReport report = pipeline::run_build(options, log, err);
    double build_ms = ms_since(start);
    if (report.exit_code != 0) {
        std::cerr << err.str();
        return 1;
    }

    // The build computes the analytics on one thread and draws the charts on `jobs` threads.
    double added = analytics_ms + charts_ms / static_cast<double>(jobs);
    double rest = build_ms - added;
    std::cout << "schools: " << site.schools.size() << ", indicator entries: " << entries
              << ", groups × years: " << analytics.groups().size() << "\n"
              << "load (not timed in the ratio): " << load_ms << " ms\n"
              << "analytics: " << analytics_ms << " ms\n"
              << "charts: " << charts_ms << " ms (" << chart_bytes / 1024 << " KiB of SVG)\n"
              << "school pages rendered (with their charts, one thread): " << school_pages_ms
              << " ms; overview pages: " << overview_ms << " ms\n"
              << "build with " << jobs << " job(s): " << build_ms << " ms, " << report.files
              << " files\n"
              << "analytics + charts: " << 100 * added / build_ms << " % of the build, "
              << 100 * added / rest << " % added to the rest of it\n"
              << "build stages:\n"
              << log.str();
    return 0;
}
