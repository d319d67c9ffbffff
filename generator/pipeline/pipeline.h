#pragma once
// load → validate → analyse → render → write, as named and timed stages.

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "model/site.h"

namespace nk::pipeline {

struct BuildOptions {
    std::string source = ".";
    std::optional<std::string> out;  ///< default: site/ or site-internal/ in the source
    model::Audience audience = model::Audience::public_site;
    std::optional<std::string> base_url;
    unsigned jobs = 0;  ///< 0: all cores
    bool verbose = false;
    bool write = true;  ///< false for `check`: validate only, write nothing
    /// Incremental: keep a cache in <source>/.nastavnik-cache/ and rewrite only the output
    /// files whose inputs changed (`--no-cache` turns it off: everything is rebuilt).
    bool use_cache = true;
    /// Replace a non-empty output folder that carries no nastavnik marker (`--force`).
    bool force = false;
    /// Keep `draft = true` records (`--drafts`; `serve` always does).
    bool drafts = false;
    /// The process exits after this build: what it made is not freed (the command line sets
    /// it in builds without sanitizers, which would report it as a leak).
    bool exiting = false;
    /// Texts standing in for files, by site-relative path (model::LoadOptions::overlay); only
    /// for load_and_validate, which then writes nothing, not even its caches.
    const std::map<std::string, std::string>* overlay = nullptr;
};

struct BuildReport {
    int exit_code = 0;        ///< 0 ok, 1 content errors, 2 a refused output folder
    size_t files = 0;         ///< files in the output
    size_t written = 0;       ///< files this build wrote (the others were unchanged)
    bool up_to_date = false;  ///< nothing changed since the last build: nothing was done
    std::string out_dir;
    std::vector<diag::Diagnostic> diagnostics;  ///< every problem found, sorted
    std::string printed;  ///< the diagnostics as printed (with source lines and carets)
};

/// Runs the whole pipeline; prints diagnostics to `err` and progress to `log` (with verbose).
/// The previous output is replaced only when everything succeeded.
BuildReport run_build(const BuildOptions& options, std::ostream& log, std::ostream& err);

/// Loads and validates a site, returning the model (both audiences) — for check and tests.
model::Site load_and_validate(const BuildOptions& options, diag::Diagnostics& diags);

}  // namespace nk::pipeline
