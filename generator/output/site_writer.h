#pragma once
// Plans the whole site as independent output tasks: every page of SPEC §6, the JSON API, feeds,
// calendars, sitemap and static files (pipeline/incremental_writer.h runs and writes them).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/date.h"
#include "diag/diagnostics.h"
#include "output/search_index.h"
#include "render/template_engine.h"
#include "render/view_models.h"

namespace nk::output {

/// One file of the output: where it goes and how to produce its bytes.
struct OutputTask {
    std::string url;      ///< site-relative URL ("/practices/x/" or "/feed.xml")
    std::string lastmod;  ///< ISO date for the sitemap ("" = not listed in the sitemap)
    /// The bytes of a file that is not a template page. A template page leaves it empty: its
    /// bytes are `view` rendered with `tmpl` (IncrementalWriter does it).
    std::function<std::string()> produce;
    /// For template pages: the template and the view, so an incremental build can compare the
    /// view with the previous build's before rendering.
    std::string tmpl = {};
    std::function<render::json()> view = {};
    /// Nonzero: a hash of everything the view is made from, so an incremental build can tell
    /// that the page is unchanged without building its view (see SiteWriter::set_dependencies).
    uint64_t deps = 0;
    /// Bytes made beforehand and kept by their owner (the search index's files): hashed and
    /// written from there, not copied by `produce`.
    const std::string* content = nullptr;
};

/// A static file of the theme or the site, copied as it is.
struct StaticFile {
    std::string source;  ///< path to read
    std::string output;  ///< path inside the output
    std::string input;   ///< path relative to the site root ("static/x.pdf")
    /// A file of the built-in theme: its bytes (static storage), read instead of `source`.
    std::optional<std::string_view> bytes = std::nullopt;
};

/// The file path inside the output for a URL: "/sub/a/" → "a/index.html".
std::string output_path(const std::string& url, const std::string& base_path);

class SiteWriter {
  public:
    SiteWriter(const render::ViewContext& ctx, const render::TemplateEngine& templates,
               unsigned jobs, diag::Diagnostics& diags);

    /// Every output file of the site's route table (Site::routes), in its order, with the
    /// files only later stages name: the exports of each yearly report (after its page) and the
    /// search index (last). Those are checked against the table: a path it gives another source
    /// is reported at both.
    std::vector<OutputTask> plan() const;
    /// The sitemap of `tasks`, which must outlive it (listed last: it lists the others).
    OutputTask sitemap_task(const std::vector<OutputTask>& tasks) const;
    /// The static files of the route table: the theme's and the site's (a site file overrides a
    /// theme file of the same name; symbolic links were reported and left out).
    std::vector<StaticFile> static_files() const;
    /// The search index to write under /search/ (built beforehand as its own timed stage).
    void set_search_index(std::shared_ptr<const SearchIndex> index) { search_ = std::move(index); }
    /// Last commit dates of the site's files (paths relative to the site root), for lastmod:
    /// a record's page takes its file's date, other pages the newest content or data date, and
    /// every page shows it. Without them (not a Git repository) lastmod is the record's own date
    /// or as_of, and pages show none.
    void set_git_dates(std::map<std::string, Date> dates);
    /// Gives every page and the JSON API dependency hashes. `inputs` must cover every input
    /// except the practices' files (config, data, other content, theme, Git HEAD, audience and
    /// base URL); the practices are covered here by their front matter (all that lists, cards,
    /// related practices and dashboards show) and, for a practice's own page, its whole file.
    /// Call before plan().
    void set_dependencies(uint64_t inputs);

  private:
    /// The practices of each term page: kind → code → (label, practices).
    using TermLists = std::map<
        std::string,
        std::map<std::string, std::pair<std::string, std::shared_ptr<const std::vector<size_t>>>>>;
    TermLists term_lists() const;
    /// A feed's label and practices: every practice for the site's feed, a term's own else.
    std::pair<std::string, std::shared_ptr<const std::vector<size_t>>> feed_source(
        const model::Route& route, const TermLists& terms) const;
    void plan_page(const model::Route& route, std::vector<OutputTask>& tasks) const;
    void plan_record(const model::Route& route, std::vector<OutputTask>& tasks) const;
    void plan_term(const model::Route& route, const TermLists& terms,
                   std::vector<OutputTask>& tasks) const;
    void plan_file(const model::Route& route, const TermLists& terms,
                   std::vector<OutputTask>& tasks) const;
    void plan_search(std::vector<OutputTask>& tasks) const;
    /// Reports a file the route table does not know (a report's export, a search file) whose
    /// path the table gives another source.
    void claim(const std::string& url, const std::string& what) const;
    OutputTask page(const std::string& url, const std::string& tmpl, std::string lastmod,
                    std::function<render::json()> view) const;
    /// The dependency hash of a page made of the practices' front matter (and `own_file`, the
    /// hash of the one practice whose text it shows); 0 without set_dependencies.
    uint64_t dependency_hash(const OutputTask& task, uint64_t own_file = 0) const;
    /// The Git date of `path` (ISO), else `fallback`.
    std::string lastmod_of(const std::string& path, std::string fallback) const;
    /// The newest Git date of content, data and config, else as_of (ISO).
    std::string site_lastmod() const;

    const render::ViewContext& ctx_;
    const render::TemplateEngine& templates_;
    unsigned jobs_;
    diag::Diagnostics& diags_;
    std::shared_ptr<const SearchIndex> search_;
    std::map<std::string, Date> git_dates_;
    std::string site_lastmod_;
    uint64_t inputs_hash_ = 0, front_matter_hash_ = 0;  ///< 0: no dependency hashes
};

}  // namespace nk::output
