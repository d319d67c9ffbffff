#pragma once
// Loading a site from disk into the model: config, records, pages, Markdown, references.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "markdown/render_cache.h"
#include "model/site.h"

namespace nk::model {

struct LoadOptions {
    std::string root = ".";
    unsigned jobs = 2;
    std::optional<std::string> base_url;  ///< --base-url, overrides config
    std::optional<Date> default_as_of;    ///< the Git HEAD date, used when config has no as_of
    /// Rendered Markdown of earlier builds (.nastavnik-cache/); nullptr renders everything.
    markdown::RenderCache* markdown_cache = nullptr;
    /// The content hash of an input file (its path relative to the root) as the build scanned
    /// it, or 0. With it and the cache, an unchanged practice is taken parsed from the cache
    /// instead of being read again.
    std::function<uint64_t(const std::string&)> file_hash;
    /// Keep the records marked `draft = true` (`--drafts`, `serve`); else they are left out of
    /// the site, and a reference or link to one is an error (Site::drafts).
    bool drafts = false;
    /// Texts that stand in for files, by path relative to the root (the browser editor checks
    /// an edit before it is saved); a path not on disk is loaded as a new file of its folder.
    const std::map<std::string, std::string>* overlay = nullptr;
};

/// Loads everything (both audiences), renders Markdown and reports every problem found on the
/// way, including dangling references and unknown vocabulary codes.
Site load_site(const LoadOptions& options, diag::Diagnostics& diags);

/// Checks every reference between records and every vocabulary code.
void check_references(const Site& site, diag::Diagnostics& diags);

/// Removes everything the audience may not see (SPEC §3) and re-indexes. For the public
/// audience: reserve entries, feedback, internal records and rows, `[internal]` values, and the
/// references public records make to internal ones.
void apply_audience(Site& site, Audience audience);

}  // namespace nk::model
