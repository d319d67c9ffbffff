#pragma once
// The route table: every file a build writes — pages, feeds, calendars, the JSON API, the sitemap
// and the static files of the theme and the site — with its URL, its path inside the output and
// what it is made from, computed once from the loaded site. The site writer plans its tasks from
// it and the link checker takes its targets from it, so the two never disagree. Every output path
// has one source (SPEC §4a): two sources for one path are an error at both.
//
// Files whose names only later stages know (the search index's shards, the CSV tables of a
// yearly report) are checked against the table when they are planned (Routes::claim).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diag/diagnostics.h"

namespace nk::model {

struct Site;

/// What an output file is; the writer makes each kind with its own template or writer.
enum class RouteKind : uint8_t {
    home,
    catalogue,  ///< number: page (1-based); by_title: the title order
    school_list,
    overview,  ///< number: an earlier indicator year
    compare,
    site_search,  ///< /search/: the site-wide search page
    figures,
    mentors,
    mentorship_list,
    event_list,
    plan_list,
    association_list,
    competition_list,
    transition_list,
    reports,
    report,  ///< number: the school year
    not_found,
    reserve,
    reserve_export,
    practice,  ///< number: index into Site::practices (and so for the other records)
    school,
    mentorship,
    event,
    plan,
    association,
    competition,
    transition,
    page,
    term,  ///< section ("directions", "forms", "tags"), code, number: page (1-based)
    /// The network pairs ("pair-directions") or associations ("association-directions") of one
    /// direction of their own vocabulary: section, code.
    group_term,
    api,   ///< code: the file name ("schools.json")
    feed,  ///< section and code: a direction's, form's or tag's feed (both "" for the site's)
    calendar,
    event_calendar,  ///< number: index into Site::events
    sitemap,
    robots,       ///< robots.txt, unless the site's static files bring their own
    static_file,  ///< number: index into Routes::static_files()
};

/// One output file.
struct Route {
    RouteKind kind = RouteKind::home;
    bool by_title = false;  ///< catalogue: the title order
    bool internal = false;  ///< only the internal audience gets it
    size_t number = 0;      ///< see RouteKind
    std::string url;        ///< site-relative, with the base path ("/sub/practices/x/")
    std::string path;       ///< inside the output ("practices/x/index.html")
    std::string section, code;
};

/// A static file of the theme or the site, copied as it is.
struct StaticSource {
    std::string source;  ///< absolute path to read ("" for a built-in file)
    std::string input;   ///< relative to the site root ("static/x.pdf"), as diagnostics show it
    /// A file of the built-in theme: its bytes (static storage), read instead of `source`.
    std::optional<std::string_view> bytes;
};

/// Where a route comes from, for diagnostics: a file position, or (generated) a description.
struct RouteOrigin {
    diag::SourceLoc loc;  ///< path "" for a generated file
    std::string what;     ///< "the practice 'x'", "the catalogue page (generated)"
};

class Routes {
  public:
    /// Every route of `site` (both audiences as loaded: internal records and the reserve are
    /// included, marked internal), with the static files of the built-in theme, the site's
    /// theme and the site's static/ (each overrides a file of the same name in the ones before
    /// it; symbolic links are reported and left out).
    /// Two routes for one output path, or a file where another route needs a folder, are
    /// reported as errors at both sources.
    static Routes build(const Site& site, diag::Diagnostics& diags);
    /// Narrows the table to `site` after the public audience was applied: its records and
    /// generated pages, the same static files, no reserve. Without internal records, only the
    /// reserve's routes go (a 10,000-practice table is not made twice).
    void narrow_to_public(const Site& site);

    /// Every route in the writer's order: pages, records, term pages, data files, the sitemap,
    /// the static files, the reserve.
    const std::vector<Route>& all() const { return routes_; }
    const std::vector<StaticSource>& static_files() const { return static_files_; }
    /// The route that writes `path` (inside the output), or nullptr.
    const Route* find(const std::string& path) const;
    /// The route of a record page (kind practice … page, number = index), or nullptr.
    const Route* record(RouteKind kind, size_t index) const;
    /// Where `route` comes from.
    RouteOrigin origin(const Site& site, const Route& route) const;

    /// Checks a file planned after the table was made (`path` inside the output, made from
    /// `what`, e.g. "the search index (generated)"): reports an error at both sources and
    /// returns false when a route of the table writes `path` too.
    bool claim(const Site& site, const std::string& path, const std::string& what,
               diag::Diagnostics& diags) const;

    /// Adds a route; false (and nothing added) when its path is taken.
    bool add(Route route);

  private:
    /// Adds `route` (its path made from its URL), or reports the route that has its path.
    void put(const Site& site, Route route, diag::Diagnostics& diags);
    void add_generated(const Site& site, diag::Diagnostics& diags);
    void add_statics(const Site& site, diag::Diagnostics& diags);
    void check_folders(const Site& site, diag::Diagnostics& diags) const;
    void collide(const Site& site, const RouteOrigin& mine, const Route& other,
                 const std::string& path, diag::Diagnostics& diags) const;

    std::vector<Route> routes_;
    std::vector<StaticSource> static_files_;
    std::unordered_map<std::string, size_t> by_path_;  ///< output path → route
    std::vector<std::vector<size_t>> records_;         ///< record kind → index → route
};

/// The file path inside the output for a site-relative URL: "/sub/a/" → "a/index.html".
std::string route_path(const std::string& url, const std::string& base_path);

/// The school years (start years) that yearly reports are produced for, in order.
std::vector<int> report_years(const Site& site);

}  // namespace nk::model
