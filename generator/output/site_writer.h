#pragma once
// Writes the whole site into a staged output directory: every page of SPEC §6, the JSON API,
// feeds, calendars, sitemap and static files. Pages are independent tasks run in parallel.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "fs/output_dir.h"
#include "output/search_index.h"
#include "render/template_engine.h"
#include "render/view_models.h"

namespace nk::output {

/// One file of the output: where it goes and how to produce its bytes.
struct OutputTask {
    std::string url;       ///< site-relative URL ("/practices/x/" or "/feed.xml")
    std::string lastmod;   ///< ISO date for the sitemap ("" = not listed in the sitemap)
    std::function<std::string()> produce;
};

/// The file path inside the output for a URL: "/sub/a/" → "a/index.html".
std::string output_path(const std::string& url, const std::string& base_path);

class SiteWriter {
public:
    SiteWriter(const render::ViewContext& ctx, const render::TemplateEngine& templates,
               unsigned jobs, diag::Diagnostics& diags);

    /// Every output file of the site, in a stable order.
    std::vector<OutputTask> plan() const;
    /// Produces and writes every task into `out`; problems go to diagnostics.
    void write(const std::vector<OutputTask>& tasks, fs::StagedOutput& out) const;
    /// Copies the theme's static files and the site's static/ folder.
    void copy_static(fs::StagedOutput& out) const;
    /// The search index to write under /search/ (built beforehand as its own timed stage).
    void set_search_index(std::shared_ptr<const SearchIndex> index) { search_ = std::move(index); }

private:
    void plan_pages(std::vector<OutputTask>& tasks) const;
    void plan_records(std::vector<OutputTask>& tasks) const;
    void plan_terms(std::vector<OutputTask>& tasks) const;
    void plan_data(std::vector<OutputTask>& tasks) const;
    OutputTask page(const std::string& url, const std::string& tmpl, std::string lastmod,
                    std::function<render::json()> view) const;

    const render::ViewContext& ctx_;
    const render::TemplateEngine& templates_;
    unsigned jobs_;
    diag::Diagnostics& diags_;
    std::shared_ptr<const SearchIndex> search_;
};

}  // namespace nk::output
