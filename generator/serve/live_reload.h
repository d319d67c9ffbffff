#pragma once
// The browser side of the dev server: the script served pages get (reload on a new build, show
// the error overlay while the content has errors) and the overlay and error report themselves.

#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace nk::serve {

/// The state of the served site that pages follow.
struct SiteState {
    unsigned long generation = 0;               ///< goes up with every build that changed the site
    bool ok = true;                             ///< the last build had no errors
    std::vector<diag::Diagnostic> diagnostics;  ///< of the last build
    std::string printed;                        ///< the diagnostics as the terminal shows them
};

/// /__nastavnik/live.js: listens to /__nastavnik/events; reloads when the generation changes,
/// shows the overlay (fetched from /__nastavnik/errors) while the build has errors.
const std::string& live_script();

/// What served HTML pages get before </body>: the script tag (with the page's generation) and,
/// while there are errors, the overlay itself, so it shows even without JavaScript.
std::string page_snippet(const SiteState& state, const std::string& source_root);

/// /__nastavnik/errors: {"ok", "generation", "errors": [{path, line, column, severity,
/// message, source}], "text"}; `source` is the offending line of the file.
std::string errors_json(const SiteState& state, const std::string& source_root);

/// One server-sent event with the state: {"generation": N, "ok": bool}.
std::string state_event(const SiteState& state);

/// A page for when no build has succeeded yet: the overlay and the script.
std::string error_page(const SiteState& state, const std::string& source_root);

}  // namespace nk::serve
