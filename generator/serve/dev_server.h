#pragma once
// `nastavnik serve`: builds the site into <source>/.nastavnik-cache/serve/site with base URL
// http://127.0.0.1:PORT/, serves it on the loopback interface only, rebuilds incrementally when a
// source file changes and reloads open pages through server-sent events. While the content has
// errors the last good site stays served, with the errors shown over every page.

#include <ostream>
#include <string>

namespace nk::serve {

struct ServeOptions {
    std::string source = ".";
    int port = 8000;
    unsigned jobs = 0;  ///< 0: all cores
    bool verbose = false;
    bool drafts = true;  ///< show `draft = true` records, marked as drafts (`--no-drafts`: not)
};

/// Runs the dev server until SIGINT or SIGTERM. Returns 0 after a clean stop, 1 when the port
/// cannot be used or the site folder does not exist.
int run_dev_server(const ServeOptions& options, std::ostream& log, std::ostream& err);

}  // namespace nk::serve
