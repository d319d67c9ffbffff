#include "build/pipeline.h"

#include <boost/filesystem.hpp>
#include <chrono>
#include <thread>

#include "analytics/school_analytics.h"
#include "build/git_dates.h"
#include "fs/output_dir.h"
#include "model/site_loader.h"
#include "output/site_writer.h"
#include "render/template_engine.h"
#include "validate/links.h"
#include "validate/rules.h"

namespace nk::build {

namespace {

/// Prints "stage … 12 ms" lines when verbose.
class StageTimer {
public:
    StageTimer(std::ostream& log, bool verbose) : log_(log), verbose_(verbose) {}
    template <typename Fn>
    auto run(const char* name, Fn fn) {
        auto start = std::chrono::steady_clock::now();
        auto finish = [&](const std::string& detail) {
            auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
            if (verbose_) log_ << "  " << name << (detail.empty() ? "" : " (" + detail + ")") << " — " << ms.count() << " ms\n";
        };
        if constexpr (std::is_void_v<decltype(fn())>) {
            fn();
            finish("");
        } else {
            auto result = fn();
            finish(describe(result));
            return result;
        }
    }

private:
    template <typename T>
    static std::string describe(const T& v) {
        if constexpr (requires { v.size(); }) return std::to_string(v.size()) + " items";
        return "";
    }
    std::ostream& log_;
    bool verbose_;
};

unsigned job_count(unsigned requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

std::string default_out(const BuildOptions& o) {
    if (o.out) return *o.out;
    const char* name = o.audience == model::Audience::internal_site ? "site-internal" : "site";
    return (boost::filesystem::path(o.source) / name).string();
}

int finish_with(const diag::Diagnostics& diags, std::ostream& err) {
    diags.print(err);
    if (diags.error_count() || diags.warning_count())
        err << diags.error_count() << " error(s), " << diags.warning_count() << " warning(s)\n";
    return diags.has_errors() ? 1 : 0;
}

}  // namespace

model::Site load_and_validate(const BuildOptions& o, diag::Diagnostics& diags) {
    model::LoadOptions load;
    load.root = o.source;
    load.jobs = job_count(o.jobs);
    load.base_url = o.base_url;
    load.default_as_of = head_commit_date(o.source);
    model::Site site = model::load_site(load, diags);
    validate::check_rules(site, diags);
    validate::check_links(site, diags);
    return site;
}

BuildReport run_build(const BuildOptions& o, std::ostream& log, std::ostream& err) {
    BuildReport report;
    diag::Diagnostics diags;
    StageTimer stage(log, o.verbose);
    if (!boost::filesystem::is_directory(o.source)) {
        err << o.source << ": error: the site directory does not exist\n";
        report.exit_code = 1;
        return report;
    }
    model::Site site = stage.run("load and validate", [&] { return load_and_validate(o, diags); });
    std::string theme_rel = "themes/" + site.config.theme;
    auto templates = stage.run("templates", [&] {
        return render::TemplateEngine::load((boost::filesystem::path(o.source) / theme_rel).string(), theme_rel, diags);
    });
    if (diags.has_errors() || !o.write) {
        report.exit_code = finish_with(diags, err);
        return report;
    }
    stage.run("audience", [&] { model::apply_audience(site, o.audience); });
    auto analytics = stage.run("analytics", [&] {
        return analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    });
    render::ViewContext ctx{site, analytics};
    output::SiteWriter writer(ctx, templates, job_count(o.jobs), diags);
    writer.set_search_index(stage.run("search index", [&] {
        return std::make_shared<const output::SearchIndex>(output::SearchIndex::build(site, job_count(o.jobs)));
    }));
    report.out_dir = default_out(o);
    try {
        fs::StagedOutput out(report.out_dir);
        auto tasks = stage.run("plan", [&] { return writer.plan(); });
        stage.run("render and write", [&] { writer.write(tasks, out); });
        stage.run("static files", [&] { writer.copy_static(out); });
        if (diags.has_errors()) {
            report.exit_code = finish_with(diags, err);
            return report;  // the staging directory is removed; the previous output stays
        }
        stage.run("swap output", [&] { out.commit(); });
        report.files = out.files_written();
    } catch (const std::exception& e) {
        diags.error({report.out_dir, 0, 0}, e.what());
    }
    report.exit_code = finish_with(diags, err);
    if (report.exit_code == 0)
        log << "built " << report.files << " files into " << report.out_dir << "\n";
    return report;
}

}  // namespace nk::build
