#include "model/routes.h"

#include <algorithm>
#include <boost/filesystem.hpp>
#include <map>
#include <set>

#include "diag/messages.h"
#include "model/site.h"
#include "theme/builtin_theme.h"

namespace nk::model {

std::string route_path(const std::string& url, const std::string& base_path) {
    std::string rel = url.rfind(base_path, 0) == 0 ? url.substr(base_path.size()) : url;
    while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    return rel;
}

std::vector<int> report_years(const Site& site) {
    std::set<int> years;
    for (const auto& m : site.mentorships)
        for (int y = m.start.school_year(); y <= m.running_until().school_year(); ++y)
            if (Date{y, 9, 1} <= site.as_of) years.insert(y);
    for (const auto& a : site.associations)
        if (a.school_year && Date{*a.school_year, 9, 1} <= site.as_of) years.insert(*a.school_year);
    for (const auto& e : site.events)
        if (e.date.date <= site.as_of) years.insert(e.date.date.school_year());
    return {years.begin(), years.end()};
}

namespace {

constexpr size_t kRecordKinds =
    static_cast<size_t>(RouteKind::page) - static_cast<size_t>(RouteKind::practice) + 1;

bool is_record(RouteKind kind) {
    return kind >= RouteKind::practice && kind <= RouteKind::page;
}

size_t record_slot(RouteKind kind) {
    return static_cast<size_t>(kind) - static_cast<size_t>(RouteKind::practice);
}

// Field by field: GCC 12 warns (maybe-uninitialized) about the nested aggregate braces.
RouteOrigin origin_at(diag::SourceLoc loc, std::string what) {
    RouteOrigin o;
    o.loc = std::move(loc);
    o.what = std::move(what);
    return o;
}

// "the practice 'a' (content/practices/a.md:1:1)"; a static file's description names its path.
std::string located(const RouteOrigin& o) {
    if (o.loc.path.empty() || o.loc.line <= 0) return o.what;
    return o.what + " (" + o.loc.path + ":" + std::to_string(o.loc.line) + ":" +
           std::to_string(std::max(o.loc.column, 1)) + ")";
}

/// The indicator years of the schools, as analytics::SchoolAnalytics::years() has them.
std::set<int> indicator_years(const Site& s) {
    std::set<int> years;
    for (const auto& school : s.schools)
        for (const auto& y : school.years) years.insert(y.year);
    return years;
}

/// Practices and whether all of them are internal, per term page: section → code → counts.
using TermCounts = std::map<std::string, std::map<std::string, std::pair<size_t, bool>>>;

TermCounts term_counts(const Site& s) {
    TermCounts terms;
    auto count = [&](const char* section, const std::string& code, bool internal) {
        auto& [n, all_internal] = terms[section].try_emplace(code, 0, true).first->second;
        ++n;
        all_internal = all_internal && internal;
    };
    for (const auto& p : s.practices) {
        for (const auto& d : p.directions) count("directions", d.value, p.internal);
        for (const auto& f : p.forms) count("forms", f.value, p.internal);
        for (const auto& tag : p.tags)
            if (std::string slug = s.tag_slug(tag); !slug.empty()) count("tags", slug, p.internal);
    }
    return terms;
}

template <typename Records>
const records::RecordBase* record_at(const Records& records, size_t i) {
    return i < records.size() ? &records[i] : nullptr;
}

const records::RecordBase* record_of(const Site& s, RouteKind kind, size_t i) {
    switch (kind) {
        case RouteKind::practice:
            return record_at(s.practices, i);
        case RouteKind::school:
            return record_at(s.schools, i);
        case RouteKind::mentorship:
            return record_at(s.mentorships, i);
        case RouteKind::event:
        case RouteKind::event_calendar:
            return record_at(s.events, i);
        case RouteKind::plan:
            return record_at(s.plans, i);
        case RouteKind::association:
            return record_at(s.associations, i);
        case RouteKind::competition:
            return record_at(s.competitions, i);
        case RouteKind::transition:
            return record_at(s.transitions, i);
        case RouteKind::page:
            return record_at(s.pages, i);
        default:
            return nullptr;
    }
}

std::string record_name(RouteKind kind) {
    switch (kind) {
        case RouteKind::practice:
            return diag::tr("the practice");
        case RouteKind::school:
            return diag::tr("the school");
        case RouteKind::mentorship:
            return diag::tr("the mentorship");
        case RouteKind::event:
            return diag::tr("the event");
        case RouteKind::event_calendar:
            return diag::tr("the calendar of the event");
        case RouteKind::plan:
            return diag::tr("the plan");
        case RouteKind::association:
            return diag::tr("the association");
        case RouteKind::competition:
            return diag::tr("the competition");
        case RouteKind::transition:
            return diag::tr("the transition programme");
        default:
            return diag::tr("the page");
    }
}

/// What a generated route is, for diagnostics.
std::string generated_what(const Route& r) {
    std::string n = std::to_string(r.number);
    switch (r.kind) {
        case RouteKind::home:
            return diag::tr("the home page");
        case RouteKind::catalogue:
            return (r.by_title ? diag::tr("the practice catalogue by title")
                               : diag::tr("the practice catalogue")) +
                   (r.number > 1 ? diag::tr(", page {}", n) : "");
        case RouteKind::school_list:
            return diag::tr("the school list");
        case RouteKind::overview:
            return diag::tr("the schools overview of {}", n);
        case RouteKind::compare:
            return diag::tr("the school comparison page");
        case RouteKind::site_search:
            return diag::tr("the site search page");
        case RouteKind::figures:
            return diag::tr("the page of figure definitions");
        case RouteKind::mentors:
            return diag::tr("the mentor schools page");
        case RouteKind::mentorship_list:
            return diag::tr("the mentorship list");
        case RouteKind::event_list:
            return diag::tr("the event list");
        case RouteKind::plan_list:
            return diag::tr("the plan list");
        case RouteKind::association_list:
            return diag::tr("the association list");
        case RouteKind::competition_list:
            return diag::tr("the competition list");
        case RouteKind::transition_list:
            return diag::tr("the list of transition programmes");
        case RouteKind::reports:
            return diag::tr("the reports page");
        case RouteKind::report:
            return diag::tr("the yearly report {}", n);
        case RouteKind::not_found:
            return diag::tr("the 404 page");
        case RouteKind::reserve:
        case RouteKind::reserve_export:
            return diag::tr("the reserve register");
        case RouteKind::term:
            return diag::tr("the term page '{}/{}'", r.section, r.code) +
                   (r.number > 1 ? diag::tr(", page {}", n) : "");
        case RouteKind::group_term:
            return diag::tr("the term page '{}/{}'", r.section, r.code);
        case RouteKind::api:
            return diag::tr("the JSON API file '{}'", r.code);
        case RouteKind::feed:
            return r.code.empty() ? diag::tr("the feed")
                                  : diag::tr("the feed of '{}/{}'", r.section, r.code);
        case RouteKind::calendar:
            return diag::tr("the events calendar");
        case RouteKind::sitemap:
            return diag::tr("the sitemap");
        case RouteKind::robots:
            return "robots.txt";
        default:
            return diag::tr("the list page '{}'", r.url);
    }
}

}  // namespace

const Route* Routes::find(const std::string& path) const {
    auto it = by_path_.find(path);
    return it == by_path_.end() ? nullptr : &routes_[it->second];
}

const Route* Routes::record(RouteKind kind, size_t index) const {
    if (!is_record(kind) || records_.empty()) return nullptr;
    const auto& slots = records_[record_slot(kind)];
    return index < slots.size() ? &routes_[slots[index]] : nullptr;
}

RouteOrigin Routes::origin(const Site& site, const Route& route) const {
    if (route.kind == RouteKind::static_file && route.number < static_files_.size()) {
        const std::string& input = static_files_[route.number].input;
        return origin_at({input, 0, 0}, diag::tr("the static file '{}'", input));
    }
    if (const records::RecordBase* r = record_of(site, route.kind, route.number))
        return origin_at(r->loc, record_name(route.kind) + " '" + r->id + "'");
    return origin_at({}, diag::tr("{} (generated)", generated_what(route)));
}

bool Routes::add(Route route) {
    auto [it, fresh] = by_path_.try_emplace(route.path, routes_.size());
    if (!fresh) return false;
    if (is_record(route.kind) && route.kind != RouteKind::event_calendar) {
        if (records_.empty()) records_.resize(kRecordKinds);
        auto& slots = records_[record_slot(route.kind)];
        if (slots.size() <= route.number) slots.resize(route.number + 1, routes_.size());
        slots[route.number] = routes_.size();
    }
    routes_.push_back(std::move(route));
    return true;
}

void Routes::collide(const Site& site, const RouteOrigin& mine, const Route& other,
                     const std::string& message, diag::Diagnostics& diags) const {
    RouteOrigin theirs = origin(site, other);
    std::string text = diag::tr("{}: {} and {}", message, mine.what, located(theirs));
    if (!mine.loc.path.empty()) diags.error(mine.loc, text);
    if (!theirs.loc.path.empty())
        diags.error(theirs.loc, diag::tr("{}: {} and {}", message, theirs.what, located(mine)));
    if (mine.loc.path.empty() && theirs.loc.path.empty())
        diags.error({"config.toml", 0, 0}, text);  // two generated files: a bug, still stopped
}

bool Routes::claim(const Site& site, const std::string& path, const std::string& what,
                   diag::Diagnostics& diags) const {
    const Route* taken = find(path);
    if (!taken) return true;
    collide(site, origin_at({}, what), *taken,
            diag::tr("two sources for the output file '{}'", path), diags);
    return false;
}

void Routes::put(const Site& s, Route r, diag::Diagnostics& diags) {
    r.path = route_path(r.url, s.base_path);
    if (const Route* taken = find(r.path))
        return collide(s, origin(s, r), *taken,
                       diag::tr("two sources for the output file '{}'", r.path), diags);
    add(std::move(r));
}

void Routes::add_generated(const Site& s, diag::Diagnostics& diags) {
    auto put = [&](RouteKind kind, std::string url, size_t number = 0, bool internal = false,
                   std::string section = {}, std::string code = {}, bool by_title = false) {
        Routes::put(s,
                    {kind,
                     by_title,
                     internal,
                     number,
                     std::move(url),
                     {},
                     std::move(section),
                     std::move(code)},
                    diags);
    };
    // The order is the writer's: the sitemap lists pages in it.
    put(RouteKind::home, s.url(""));
    size_t per_page = static_cast<size_t>(std::max(1, s.config.practices_per_page));
    size_t pages = std::max<size_t>(1, (s.practices.size() + per_page - 1) / per_page);
    for (bool by_title : {false, true})
        for (size_t n = 1; n <= pages; ++n) {
            std::string base = s.url("practices") + (by_title ? "by-title/" : "");
            put(RouteKind::catalogue, n == 1 ? base : base + "page/" + std::to_string(n) + "/", n,
                false, {}, {}, by_title);
        }
    put(RouteKind::school_list, s.url("schools"));
    std::set<int> years = indicator_years(s);
    for (int year : years)  // the overview of each earlier year (year switcher)
        if (year != *years.rbegin())
            put(RouteKind::overview, s.url("schools") + "year/" + std::to_string(year) + "/",
                static_cast<size_t>(year));
    put(RouteKind::compare, s.url("compare"));
    put(RouteKind::site_search, s.url("search"));
    put(RouteKind::figures, s.url("figures"));
    put(RouteKind::mentors, s.url("mentors"));
    put(RouteKind::mentorship_list, s.url("mentorships"));
    put(RouteKind::event_list, s.url("events"));
    put(RouteKind::plan_list, s.url("plans"));
    put(RouteKind::association_list, s.url("associations"));
    put(RouteKind::competition_list, s.url("competitions"));
    put(RouteKind::transition_list, s.url("transitions"));
    put(RouteKind::reports, s.url("reports"));
    for (int year : report_years(s))
        put(RouteKind::report, s.url("reports", std::to_string(year)), static_cast<size_t>(year));
    put(RouteKind::not_found, s.url("") + "404.html");
    auto records = [&](RouteKind kind, const auto& list, const std::string& section) {
        for (size_t i = 0; i < list.size(); ++i)
            put(kind, s.url(section, list[i].id), i, list[i].internal);
    };
    records(RouteKind::practice, s.practices, "practices");
    records(RouteKind::school, s.schools, "schools");
    records(RouteKind::mentorship, s.mentorships, "mentorships");
    records(RouteKind::event, s.events, "events");
    records(RouteKind::plan, s.plans, "plans");
    records(RouteKind::association, s.associations, "associations");
    records(RouteKind::competition, s.competitions, "competitions");
    records(RouteKind::transition, s.transitions, "transitions");
    for (size_t i = 0; i < s.pages.size(); ++i)  // free pages live at the root: /SLUG/
        put(RouteKind::page, s.url(s.pages[i].id), i, s.pages[i].internal);
    // Term pages exist for the codes and tags that practices use, paginated like the catalogue.
    TermCounts terms = term_counts(s);
    for (const auto& [section, codes] : terms)
        for (const auto& [code, count] : codes) {
            size_t term_pages = std::max<size_t>(1, (count.first + per_page - 1) / per_page);
            for (size_t n = 1; n <= term_pages; ++n)
                put(RouteKind::term,
                    s.url(section, code) + (n == 1 ? "" : "page/" + std::to_string(n) + "/"), n,
                    count.second, section, code);
        }
    // Network pairs and associations work in directions of their own (seeds 000 and 001): a
    // page for each direction one of them uses, internal when only internal records use it.
    std::map<std::string, bool> pair_codes, association_codes;  // code → every user internal
    auto used = [](std::map<std::string, bool>& codes, const auto& refs, bool internal) {
        for (const auto& r : refs) {
            auto [it, fresh] = codes.emplace(r.value, internal);
            if (!fresh) it->second = it->second && internal;
        }
    };
    for (const auto& m : s.mentorships)
        if (m.format == "pair") used(pair_codes, m.directions, m.internal);
    for (const auto& a : s.associations) used(association_codes, a.directions, a.internal);
    for (auto [section, codes, vocab] :
         {std::tuple{"pair-directions", &pair_codes, &s.config.pair_directions},
          std::tuple{"association-directions", &association_codes,
                     &s.config.association_directions}})
        for (const auto& [code, internal] : *codes)
            if (vocab->contains(code))
                put(RouteKind::group_term, s.url(section, code), 0, internal, section, code);
    for (const char* name : {"schools.json", "practices.json", "mentorships.json", "events.json"})
        put(RouteKind::api, s.url("api") + name, 0, false, {}, name);
    put(RouteKind::feed, s.url("") + "feed.xml");
    // A feed per direction and per form of the vocabularies, and per tag the practices use
    // (internal when only internal practices have it, as its page is).
    for (const auto& [code, label] : s.config.directions.entries())
        put(RouteKind::feed, s.url("directions", code) + "feed.xml", 0, false, "directions", code);
    for (const auto& [code, label] : s.config.forms.entries())
        put(RouteKind::feed, s.url("forms", code) + "feed.xml", 0, false, "forms", code);
    for (const auto& [slug, count] : terms["tags"])
        put(RouteKind::feed, s.url("tags", slug) + "feed.xml", 0, count.second, "tags", slug);
    put(RouteKind::calendar, s.url("") + "events.ics");
    for (size_t i = 0; i < s.events.size(); ++i)
        put(RouteKind::event_calendar, s.url("events", s.events[i].id) + "event.ics", i,
            s.events[i].internal);
    put(RouteKind::sitemap, s.url("") + "sitemap.xml");
    // A robots.txt of the site's static files or its theme is the site's choice: it wins.
    namespace bfs = boost::filesystem;
    boost::system::error_code ec;
    bfs::path root(s.root);
    if (s.root.empty() ||
        (!bfs::exists(root / "static" / "robots.txt", ec) &&
         !bfs::exists(root / "themes" / s.config.theme / "static" / "robots.txt", ec)))
        put(RouteKind::robots, s.url("") + "robots.txt");
}

namespace {

/// The static files of one layer (the built-in theme, the site's theme, the site's static/),
/// as output path → source, sorted by output path so that diagnostics come in a stable order.
using StaticLayer = std::vector<std::pair<std::string, StaticSource>>;

StaticLayer builtin_statics() {
    StaticLayer found;
    for (const theme::EmbeddedFile& f : theme::builtin_files_under("static/"))
        found.push_back({std::string(f.path.substr(7)),
                         {"", std::string(theme::kBuiltinPrefix) + std::string(f.path), f.bytes}});
    return found;
}

StaticLayer disk_statics(const boost::filesystem::path& root, const boost::filesystem::path& dir,
                         diag::Diagnostics& diags) {
    namespace bfs = boost::filesystem;
    StaticLayer found;
    boost::system::error_code ec;
    if (!bfs::is_directory(dir, ec)) return found;
    for (bfs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string input = it->path().lexically_relative(root).generic_string();
        if (bfs::is_symlink(it->symlink_status())) {  // never follow links out of the site
            diags.warning({input, 0, 0}, diag::tr("symbolic link in static files is not copied"));
            it.disable_recursion_pending();
            continue;
        }
        if (!bfs::is_regular_file(it->path(), ec)) continue;
        found.push_back({it->path().lexically_relative(dir).generic_string(),
                         {it->path().string(), std::move(input), std::nullopt}});
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return found;
}

}  // namespace

void Routes::add_statics(const Site& s, diag::Diagnostics& diags) {
    namespace bfs = boost::filesystem;
    if (s.root.empty()) return;  // a site made in memory has no files
    bfs::path root(s.root);
    std::vector<StaticLayer> layers;
    layers.push_back(builtin_statics());
    layers.push_back(disk_statics(root, root / "themes" / s.config.theme / "static", diags));
    layers.push_back(disk_statics(root, root / "static", diags));
    std::vector<size_t> layer_of;  // static file number → its layer
    for (size_t layer = 0; layer < layers.size(); ++layer)
        for (auto& [path, source] : layers[layer]) {
            const Route* taken = find(path);
            // A file of a later layer overrides an earlier layer's file of the same name (the
            // site's theme the built-in one, the site's static/ either): that is what it is for.
            if (taken && taken->kind == RouteKind::static_file && layer_of[taken->number] < layer) {
                static_files_[taken->number] = std::move(source);
                layer_of[taken->number] = layer;
                continue;
            }
            if (taken) {
                RouteOrigin mine =
                    origin_at({source.input, 0, 0}, diag::tr("the static file '{}'", source.input));
                collide(s, mine, *taken, diag::tr("two sources for the output file '{}'", path),
                        diags);
                continue;
            }
            add({RouteKind::static_file,
                 false,
                 false,
                 static_files_.size(),
                 s.base_path + path,
                 path,
                 {},
                 {}});
            static_files_.push_back(std::move(source));
            layer_of.push_back(layer);
        }
}

void Routes::check_folders(const Site& site, diag::Diagnostics& diags) const {
    // A file where another route needs a folder ("practices" and "practices/x/index.html")
    // cannot be written either.
    std::string prefix;
    for (const Route& r : routes_)
        for (size_t slash = r.path.find('/'); slash != std::string::npos;
             slash = r.path.find('/', slash + 1)) {
            prefix.assign(r.path, 0, slash);
            auto it = by_path_.find(prefix);
            if (it == by_path_.end()) continue;
            collide(site, origin(site, r), routes_[it->second],
                    diag::tr("the output path '{}' is a folder of '{}' and a file", prefix, r.path),
                    diags);
        }
}

Routes Routes::build(const Site& site, diag::Diagnostics& diags) {
    Routes routes;
    routes.add_generated(site, diags);
    routes.add_statics(site, diags);
    // Last: the only routes the public table drops when no record is internal. Neither is in
    // the sitemap, so their place in the writer's order does not show.
    routes.put(site, {RouteKind::reserve, false, true, 0, site.url("reserve"), {}, {}, {}}, diags);
    routes.put(site,
               {RouteKind::reserve_export,
                false,
                true,
                0,
                site.url("reserve") + "reserve.xlsx",
                {},
                {},
                {}},
               diags);
    routes.check_folders(site, diags);
    return routes;
}

void Routes::narrow_to_public(const Site& site) {
    auto count = [this](RouteKind kind) {
        return records_.empty() ? 0 : records_[record_slot(kind)].size();
    };
    bool same = count(RouteKind::practice) == site.practices.size() &&
                count(RouteKind::school) == site.schools.size() &&
                count(RouteKind::mentorship) == site.mentorships.size() &&
                count(RouteKind::event) == site.events.size() &&
                count(RouteKind::plan) == site.plans.size() &&
                count(RouteKind::association) == site.associations.size() &&
                count(RouteKind::competition) == site.competitions.size() &&
                count(RouteKind::transition) == site.transitions.size() &&
                count(RouteKind::page) == site.pages.size();
    if (same) {  // no record was internal: every generated page stays; the reserve goes
        while (!routes_.empty() && routes_.back().internal) {
            by_path_.erase(routes_.back().path);
            routes_.pop_back();
        }
        return;
    }
    // Every public route is one of the full table's, whose collisions were reported already.
    diag::Diagnostics ignored;
    Routes routes;
    routes.add_generated(site, ignored);
    routes.static_files_ = std::move(static_files_);
    for (Route& r : routes_)
        if (r.kind == RouteKind::static_file) routes.add(std::move(r));
    *this = std::move(routes);
}

}  // namespace nk::model
