#pragma once
// load → validate → analyse → render → write, as named and timed stages.

#include <optional>
#include <ostream>
#include <string>

#include "diag/diagnostics.h"
#include "model/site.h"

namespace nk::build {

struct BuildOptions {
    std::string source = ".";
    std::optional<std::string> out;  ///< default: site/ or site-internal/ in the source
    model::Audience audience = model::Audience::public_site;
    std::optional<std::string> base_url;
    unsigned jobs = 0;  ///< 0: all cores
    bool verbose = false;
    bool write = true;  ///< false for `check`: validate only, write nothing
};

struct BuildReport {
    int exit_code = 0;  ///< 0 ok, 1 content errors
    size_t files = 0;
    std::string out_dir;
};

/// Runs the whole pipeline; prints diagnostics to `err` and progress to `log` (with verbose).
/// The previous output is replaced only when everything succeeded.
BuildReport run_build(const BuildOptions& options, std::ostream& log, std::ostream& err);

/// Loads and validates a site, returning the model (both audiences) — for check and tests.
model::Site load_and_validate(const BuildOptions& options, diag::Diagnostics& diags);

}  // namespace nk::build
