#include "pipeline/pipeline.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <chrono>
#include <cstdio>
#include <future>
#include <optional>
#include <sstream>
#include <thread>

#include "analytics/school_analytics.h"
#include "diag/messages.h"
#include "model/site_loader.h"
#include "output/feeds.h"
#include "output/site_writer.h"
#include "pipeline/build_cache.h"
#include "pipeline/git_dates.h"
#include "pipeline/incremental_build.h"
#include "pipeline/output_guard.h"
#include "render/template_engine.h"
#include "validate/links.h"
#include "validate/rules.h"

namespace nk::pipeline {

namespace {

/// Prints "stage — 12 ms (cpu 20 ms), heap 40 MB" lines when verbose.
class StageTimer {
  public:
    StageTimer(std::ostream& log, bool verbose) : log_(log), verbose_(verbose) {}
    template <typename Fn>
    auto run(const char* name, Fn fn) {
        auto start = std::chrono::steady_clock::now();
        double cpu0 = verbose_ ? cpu_ms() : 0;  // a system call: only when shown
        auto finish = [&](const std::string& detail) {
            auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start);
            if (verbose_)
                log_ << "  " << name << (detail.empty() ? "" : " (" + detail + ")") << " — "
                     << ms.count() << " ms (cpu " << static_cast<long>(cpu_ms() - cpu0)
                     << " ms), heap " << anon_mb() << " MB\n";
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
    // CPU time of every thread: beside the wall time it shows how parallel a stage is.
    static double cpu_ms() {
        struct rusage u {};
        ::getrusage(RUSAGE_SELF, &u);
        return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
               static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
    }
    // Memory of the process not backed by files (the heap, mostly): on a virtual machine,
    // memory touched for the first time is much of a build's cost.
    static long anon_mb() {
        long pages = 0, resident = 0, shared = 0;
        if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
            if (std::fscanf(f, "%ld %ld %ld", &pages, &resident, &shared) != 3) resident = shared;
            std::fclose(f);
        }
        return (resident - shared) * ::sysconf(_SC_PAGESIZE) / (1024 * 1024);
    }
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

int finish_with(const diag::Diagnostics& diags, std::ostream& err, BuildReport& report) {
    std::ostringstream text;
    diags.print(text);
    if (diags.error_count() || diags.warning_count())
        text << diag::tr("{} error(s), {} warning(s)", diag::count(diags.error_count()),
                         diag::count(diags.warning_count()))
             << "\n";
    report.printed = text.str();
    report.diagnostics = diags.sorted();
    err << report.printed;
    return diags.has_errors() ? 1 : 0;
}

}  // namespace

namespace {

/// The Markdown of earlier builds, unless the cache is off; `check` writes nothing, so it only
/// reads it.
void open_markdown_cache(const BuildOptions& o, std::optional<markdown::RenderCache>& cache) {
    if (o.use_cache)
        cache.emplace(cache_dir(o.source) + "/markdown.bin", generator_identity(), !o.write);
}

model::Site load_with(const BuildOptions& o, markdown::RenderCache* markdown_cache,
                      diag::Diagnostics& diags, const InputFiles* scanned = nullptr) {
    model::LoadOptions load;
    if (scanned && markdown_cache)
        load.file_hash = [scanned](const std::string& path) -> uint64_t {
            auto it = scanned->find(path);
            return it == scanned->end() ? 0 : it->second.hash;
        };
    load.root = o.source;
    load.jobs = job_count(o.jobs);
    load.base_url = o.base_url;
    load.default_as_of = head_commit_date(o.source);
    load.markdown_cache = markdown_cache;
    load.drafts = o.drafts;
    load.overlay = o.overlay;
    model::Site site = model::load_site(load, diags);
    validate::check_rules(site, diags);
    validate::check_links(site, diags);
    return site;
}

}  // namespace

model::Site load_and_validate(const BuildOptions& o, diag::Diagnostics& diags) {
    std::optional<markdown::RenderCache> markdown_cache;
    open_markdown_cache(o, markdown_cache);
    model::Site site = load_with(o, markdown_cache ? &*markdown_cache : nullptr, diags);
    if (markdown_cache && o.write && !o.overlay) try {
            markdown_cache->save();
        } catch (const std::exception& e) {
            diags.warning({cache_dir(o.source), 0, 0},
                          diag::tr("{} (the next build renders all Markdown)", e.what()));
        }
    return site;
}

BuildReport run_build(const BuildOptions& o, std::ostream& log, std::ostream& err) {
    BuildReport report;
    diag::Diagnostics diags;
    StageTimer stage(log, o.verbose);
    if (!boost::filesystem::is_directory(o.source)) {
        err << o.source << ": error: " << diag::tr("the site directory does not exist") << "\n";
        report.exit_code = 1;
        return report;
    }
    report.out_dir = default_out(o);
    std::optional<IncrementalBuild> inc;
    std::optional<BuildLock> lock;
    if (o.write) {
        std::string out = resolved_path(report.out_dir);
        if (auto refused = refuse_output(resolved_path(o.source), out, o.force)) {
            err << "error: " << *refused << "\n";
            report.exit_code = 2;
            return report;
        }
        try {
            lock.emplace(out, err);
        } catch (const std::exception& e) {
            err << "error: " << e.what() << "\n";
            report.exit_code = 1;
            return report;
        }
        stage.run("scan inputs", [&] { inc.emplace(o, out, job_count(o.jobs), o.use_cache); });
        if (inc->cache_damaged())
            diags.warning({inc->cache_path(), 0, 0},
                          diag::tr("the build cache is damaged (its checksum disagrees); it was "
                                   "ignored and the whole site is rebuilt"));
    }
    if (inc && inc->up_to_date()) {
        report.printed = inc->previous()->diagnostics;  // the warnings of the build that made it
        err << report.printed;
        report.files = inc->previous()->outputs.size();
        report.up_to_date = true;
        log << diag::tr("up to date: {} files in {}", diag::count(report.files), report.out_dir)
            << "\n";
        return report;
    }
    std::optional<markdown::RenderCache> markdown_cache;
    stage.run("open caches", [&] { open_markdown_cache(o, markdown_cache); });
    // The site and the planned tasks are millions of small allocations: a `build` that exits
    // right after leaves them to the end of the process (freeing them took ~20 ms of a
    // one-edit rebuild at 10,000 practices).
    struct Made {
        model::Site site;
        std::vector<output::OutputTask> tasks;
    };
    auto made = std::make_unique<Made>();
    model::Site& site = made->site;
    site = stage.run("load and validate", [&] {
        return load_with(o, markdown_cache ? &*markdown_cache : nullptr, diags,
                         inc && inc->use_cache() ? &inc->inputs() : nullptr);
    });
    if (o.verbose && markdown_cache) {
        size_t parsed = static_cast<size_t>(
            std::count_if(site.practice_sources.begin(), site.practice_sources.end(),
                          [](const records::Provenance& p) { return p.from_cache; }));
        log << "  from the cache: " << parsed << " of " << site.practices.size()
            << " practices parsed, " << markdown_cache->hits() << " of "
            << markdown_cache->hits() + markdown_cache->misses() << " Markdown texts rendered\n";
    }
    // Saving the Markdown cache is mostly writing: it runs while the site is rendered (started
    // after the search index, which it would otherwise slow down and be counted in).
    std::future<std::string> markdown_saved;
    auto save_markdown_cache = [&] {
        if (markdown_cache && o.write)
            markdown_saved = std::async(std::launch::async, [&markdown_cache]() -> std::string {
                try {
                    markdown_cache->save();
                    return {};
                } catch (const std::exception& e) {
                    return e.what();
                }
            });
    };
    std::string theme_rel = "themes/" + site.config.theme;
    auto templates = stage.run("templates", [&] {
        return render::TemplateEngine::load(
            (boost::filesystem::path(o.source) / theme_rel).string(), theme_rel, diags);
    });
    if (diags.has_errors() || !o.write) {
        save_markdown_cache();  // the next build needs it all the same
        report.exit_code = finish_with(diags, err, report);
        return report;
    }
    stage.run("audience", [&] { model::apply_audience(site, o.audience); });
    auto analytics = stage.run("analytics", [&] {
        return analytics::SchoolAnalytics::compute(site.schools, site.config.group);
    });
    render::ViewContext ctx{site, analytics};
    ctx.templates = &templates;
    output::SiteWriter writer(ctx, templates, job_count(o.jobs), diags);
    auto search = stage.run("search index", [&] {
        return std::make_shared<const output::SearchIndex>(output::SearchIndex::build(
            site, job_count(o.jobs), {}, markdown_cache ? &*markdown_cache : nullptr));
    });
    if (o.verbose && markdown_cache)
        log << "  from the cache: " << search->reused() << " of " << site.practices.size()
            << " practices' search terms\n";
    writer.set_search_index(search);
    writer.set_git_dates(stage.run("git dates", [&] { return inc->git_dates(); }));
    if (uint64_t inputs = inc->inputs_except_practices()) writer.set_dependencies(inputs);
    save_markdown_cache();
    try {
        auto& tasks = made->tasks;
        tasks = stage.run("plan", [&] { return writer.plan(); });
        tasks.push_back(writer.sitemap_task(tasks));
        auto written = stage.run("render and write", [&] {
            return inc->write(tasks, writer.static_files(), templates, site.config.theme,
                              site.base_path, diags);
        });
        report.files = written.files;
        report.written = written.written;
    } catch (const std::exception& e) {
        diags.error({report.out_dir, 0, 0}, e.what());
    }
    report.exit_code = finish_with(diags, err, report);
    if (report.exit_code != 0) return report;  // the previous output stays as it was
    stage.run("save caches", [&] {
        try {
            inc->save(report.printed, diags.warning_count());
        } catch (const std::exception& e) {
            err << "warning: " << diag::tr("{} (the next build will be a full one)", e.what())
                << "\n";
        }
        if (markdown_saved.valid())
            if (std::string failed = markdown_saved.get(); !failed.empty())
                err << "warning: " << diag::tr("{} (the next build renders all Markdown)", failed)
                    << "\n";
        // Printed, not reported: a later build that finds nothing to do must not repeat it.
        if (markdown_cache)
            for (const std::string& warning : markdown_cache->warnings()) err << warning << "\n";
    });
    log << diag::tr("built {} files into {}", diag::count(report.files), report.out_dir);
    if (report.written != report.files)
        log << diag::tr(" ({} changed)", diag::count(report.written));
    log << "\n";
    if (o.exiting) static_cast<void>(made.release());
    return report;
}

}  // namespace nk::pipeline
