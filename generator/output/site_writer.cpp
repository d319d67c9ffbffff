#include "output/site_writer.h"

#include <map>

#include "diag/messages.h"
#include "fs/file_system.h"
#include "fs/text.h"
#include "output/calendar.h"
#include "output/exports.h"
#include "output/feeds.h"
#include "output/json_api.h"
#include "render/page_views.h"

namespace nk::output {

using render::json;

std::string output_path(const std::string& url, const std::string& base_path) {
    return model::route_path(url, base_path);
}

SiteWriter::SiteWriter(const render::ViewContext& ctx, const render::TemplateEngine& templates,
                       unsigned jobs, diag::Diagnostics& diags)
    : ctx_(ctx), templates_(templates), jobs_(jobs), diags_(diags) {}

OutputTask SiteWriter::page(const std::string& url, const std::string& tmpl, std::string lastmod,
                            std::function<json()> view) const {
    // In a Git repository every page shows when it last changed («Обновлено: …»).
    std::string shown;
    if (!git_dates_.empty())
        if (auto date = Date::parse_iso(lastmod)) shown = date->russian();
    if (!shown.empty())
        view = [view = std::move(view), shown] {
            json v = view();
            v["lastmod"] = shown;
            return v;
        };
    OutputTask task{url, std::move(lastmod), nullptr, tmpl, std::move(view)};
    // Only a practice's own page shows its text (plan_records adds it); every other view is
    // made of the other inputs and the practices' front matter.
    task.deps = dependency_hash(task);
    return task;
}

void SiteWriter::set_git_dates(std::map<std::string, Date> dates) {
    git_dates_ = std::move(dates);
    site_lastmod_.clear();
    for (const auto& [path, date] : git_dates_)
        if (path.rfind("content/", 0) == 0 || path.rfind("data/", 0) == 0 || path == "config.toml")
            if (site_lastmod_.empty() || date.iso() > site_lastmod_) site_lastmod_ = date.iso();
}

void SiteWriter::set_dependencies(uint64_t inputs) {
    inputs_hash_ = inputs;
    // Every practice's path and front matter, in the site's order: what lists, facets, cards and
    // related practices are made of.
    std::string all;
    const auto& site = ctx_.site;
    for (size_t i = 0; i < site.practices.size(); ++i) {
        all += site.practices[i].path;
        all += '\0';
        uint64_t hash = site.source_of(i).front_matter_hash;
        all.append(reinterpret_cast<const char*>(&hash), sizeof hash);
    }
    front_matter_hash_ = text::hash64(all);
}

uint64_t SiteWriter::dependency_hash(const OutputTask& task, uint64_t own_file) const {
    if (!inputs_hash_) return 0;
    std::string key = task.url + '\0' + task.lastmod + '\0' + task.tmpl + '\0';
    for (uint64_t h : {inputs_hash_, front_matter_hash_, own_file})
        key.append(reinterpret_cast<const char*>(&h), sizeof h);
    return text::hash64(key) | 1;  // never 0, which means "no dependency hash"
}

std::string SiteWriter::lastmod_of(const std::string& path, std::string fallback) const {
    auto it = git_dates_.find(path);
    return it != git_dates_.end() ? it->second.iso() : fallback;
}

std::string SiteWriter::site_lastmod() const {
    return site_lastmod_.empty() ? ctx_.site.as_of.iso() : site_lastmod_;
}

std::vector<OutputTask> SiteWriter::plan() const {
    const model::Routes& routes = ctx_.site.routes;
    std::vector<OutputTask> tasks;
    tasks.reserve(routes.all().size());
    TermLists terms = term_lists();
    using K = model::RouteKind;
    for (const model::Route& r : routes.all()) {
        if (r.kind == K::sitemap || r.kind == K::static_file) continue;  // see sitemap_task
        if (r.kind == K::term)
            plan_term(r, terms, tasks);
        else if (r.kind >= K::practice && r.kind <= K::page)
            plan_record(r, tasks);
        else if (r.kind >= K::api || r.kind == K::reserve_export)
            plan_file(r, terms, tasks);
        else
            plan_page(r, tasks);
    }
    plan_search(tasks);
    return tasks;
}

void SiteWriter::claim(const std::string& url, const std::string& what) const {
    const model::Site& s = ctx_.site;
    s.routes.claim(s, model::route_path(url, s.base_path), what, diags_);
}

void SiteWriter::plan_page(const model::Route& r, std::vector<OutputTask>& tasks) const {
    const auto& c = ctx_;
    std::string today = site_lastmod();
    auto add = [&](const char* tmpl, std::function<json()> view, std::string lastmod) {
        tasks.push_back(page(r.url, tmpl, std::move(lastmod), std::move(view)));
    };
    int n = static_cast<int>(r.number);  // a page number or a year
    int per_page = c.site.config.practices_per_page;
    switch (r.kind) {
        case model::RouteKind::home:
            return add(
                "index", [&c] { return render::home_view(c); }, today);
        case model::RouteKind::catalogue:
            return add(
                "practices",
                [&c, n, per_page, by_title = r.by_title] {
                    return render::practice_list_view(c, n, per_page, by_title);
                },
                today);
        case model::RouteKind::school_list:
            return add(
                "schools", [&c] { return render::school_list_view(c); }, today);
        case model::RouteKind::overview:
            return add(
                "schools", [&c, n] { return render::school_list_view(c, n); }, today);
        case model::RouteKind::compare:
            return add(
                "compare", [&c] { return render::compare_view(c); }, today);
        case model::RouteKind::site_search:
            // Not in the sitemap: a search page has nothing of its own to index.
            return add(
                "search", [&c] { return render::site_search_view(c); }, "");
        case model::RouteKind::figures:
            return add(
                "figures", [&c] { return render::figures_view(c); }, today);
        case model::RouteKind::mentors:
            return add(
                "mentors", [&c] { return render::mentors_view(c); }, today);
        case model::RouteKind::mentorship_list:
            return add(
                "mentorships", [&c] { return render::mentorship_list_view(c); }, today);
        case model::RouteKind::event_list:
            return add(
                "events", [&c] { return render::event_list_view(c); }, today);
        case model::RouteKind::plan_list:
            return add(
                "plans", [&c] { return render::plan_list_view(c); }, today);
        case model::RouteKind::association_list:
            return add(
                "associations", [&c] { return render::association_list_view(c); }, today);
        case model::RouteKind::competition_list:
            return add(
                "competitions", [&c] { return render::competition_list_view(c); }, today);
        case model::RouteKind::group_term:
            return add(
                "group_term",
                [&c, section = r.section, code = r.code] {
                    return render::group_term_view(c, section, code);
                },
                today);
        case model::RouteKind::transition_list:
            return add(
                "transitions", [&c] { return render::transition_list_view(c); }, today);
        case model::RouteKind::reports:
            return add(
                "reports", [&c] { return render::reports_view(c); }, today);
        case model::RouteKind::report:
            add(
                "report", [&c, n] { return render::report_view(c, n); }, today);
            for (OutputTask& t : report_export_tasks(c, n)) {
                t.deps = dependency_hash(t);  // schools and indicators, no Markdown text
                claim(t.url, diag::tr("the exports of the yearly report {} (generated)", n));
                tasks.push_back(std::move(t));
            }
            return;
        case model::RouteKind::not_found:
            return add(
                "404", [&c] { return render::not_found_view(c); }, "");
        case model::RouteKind::reserve:
            return add(
                "reserve", [&c] { return render::reserve_view(c); }, "");
        default:
            return;
    }
}

void SiteWriter::plan_record(const model::Route& r, std::vector<OutputTask>& tasks) const {
    const auto& s = ctx_.site;
    const auto& c = ctx_;
    size_t i = r.number;
    // lastmod: the last commit of the record's file; outside Git the record's own date.
    auto add = [&](const records::RecordBase& record, const char* tmpl, std::string fallback,
                   std::function<json()> view) {
        tasks.push_back(
            page(r.url, tmpl, lastmod_of(record.path, std::move(fallback)), std::move(view)));
    };
    std::string as_of = s.as_of.iso();
    switch (r.kind) {
        case model::RouteKind::practice:
            add(s.practices[i], "practice", s.practices[i].date.iso(),
                [&c, i] { return render::practice_view(c, i); });
            tasks.back().deps = dependency_hash(tasks.back(), s.source_of(i).content_hash);
            return;
        case model::RouteKind::school:
            add(s.schools[i], "school", as_of, [&c, i] { return render::school_view(c, i); });
            for (OutputTask& t : school_export_tasks(c, i)) {
                t.deps = dependency_hash(t);  // schools and indicators, no Markdown text
                claim(t.url,
                      diag::tr("the data downloads of school '{}' (generated)", s.schools[i].id));
                tasks.push_back(std::move(t));
            }
            return;
        case model::RouteKind::mentorship:
            return add(s.mentorships[i], "mentorship", as_of,
                       [&c, i] { return render::mentorship_view(c, i); });
        case model::RouteKind::event:
            return add(s.events[i], "event", s.events[i].date.date.iso(),
                       [&c, i] { return render::event_view(c, i); });
        case model::RouteKind::plan:
            return add(s.plans[i], "plan", as_of, [&c, i] { return render::plan_view(c, i); });
        case model::RouteKind::association:
            return add(s.associations[i], "association", as_of,
                       [&c, i] { return render::association_view(c, i); });
        case model::RouteKind::competition:
            return add(s.competitions[i], "competition", as_of,
                       [&c, i] { return render::competition_view(c, i); });
        case model::RouteKind::transition:
            return add(s.transitions[i], "transition", as_of,
                       [&c, i] { return render::transition_view(c, i); });
        case model::RouteKind::page:
            return add(s.pages[i], "page", as_of, [&c, i] { return render::free_page_view(c, i); });
        default:
            return;
    }
}

SiteWriter::TermLists SiteWriter::term_lists() const {
    const auto& s = ctx_.site;
    // kind → code → (label, practices)
    std::map<std::string, std::map<std::string, std::pair<std::string, std::vector<size_t>>>> terms;
    for (size_t i = 0; i < s.practices.size(); ++i) {
        const auto& p = s.practices[i];
        for (const auto& d : p.directions) {
            auto& t = terms["directions"][d.value];
            t.first = s.config.directions.label(d.value);
            t.second.push_back(i);
        }
        for (const auto& f : p.forms) {
            auto& t = terms["forms"][f.value];
            t.first = s.config.forms.label(f.value);
            t.second.push_back(i);
        }
        for (const auto& tag : p.tags) {
            std::string slug = s.tag_slug(tag);
            if (slug.empty()) continue;
            auto& t = terms["tags"][slug];
            t.first = tag;
            t.second.push_back(i);
        }
    }
    TermLists out;
    for (auto& [kind, codes] : terms)
        for (auto& [code, entry] : codes)
            out[kind][code] = {
                entry.first, std::make_shared<const std::vector<size_t>>(std::move(entry.second))};
    return out;
}

std::pair<std::string, std::shared_ptr<const std::vector<size_t>>> SiteWriter::feed_source(
    const model::Route& r, const TermLists& terms) const {
    const auto& s = ctx_.site;
    if (r.section.empty()) {  // the site's feed: every practice
        std::vector<size_t> all(s.practices.size());
        for (size_t i = 0; i < all.size(); ++i) all[i] = i;
        return {"", std::make_shared<const std::vector<size_t>>(std::move(all))};
    }
    if (auto kind = terms.find(r.section); kind != terms.end())
        if (auto term = kind->second.find(r.code); term != kind->second.end()) return term->second;
    // A vocabulary code no practice uses yet: an empty feed under its label.
    const config::Vocabulary& vocab = r.section == "forms" ? s.config.forms : s.config.directions;
    return {vocab.label(r.code), std::make_shared<const std::vector<size_t>>()};
}

void SiteWriter::plan_term(const model::Route& r, const TermLists& terms,
                           std::vector<OutputTask>& tasks) const {
    const auto& c = ctx_;
    const auto& [label, list] = terms.at(r.section).at(r.code);
    // Term pages are paginated like the catalogue, so a popular direction stays a light page.
    int per_page = std::max(1, c.site.config.practices_per_page);
    int n = static_cast<int>(r.number);
    tasks.push_back(
        page(r.url, "term", site_lastmod(),
             [&c, kind = r.section, code = r.code, label = label, list = list, n, per_page] {
                 return render::term_view(c, kind, code, label, *list, n, per_page);
             }));
}

void SiteWriter::plan_file(const model::Route& r, const TermLists& terms,
                           std::vector<OutputTask>& tasks) const {
    const auto& s = ctx_.site;
    const auto& c = ctx_;
    auto add = [&](std::function<std::string()> produce, uint64_t own = 0) {
        tasks.push_back({r.url, "", std::move(produce)});
        tasks.back().deps = dependency_hash(tasks.back(), own);
    };
    switch (r.kind) {
        case model::RouteKind::api:  // no Markdown text in the API
            if (r.code == "schools.json") return add([&c] { return schools_json(c); });
            if (r.code == "practices.json") return add([&c] { return practices_json(c); });
            if (r.code == "mentorships.json") return add([&c] { return mentorships_json(c); });
            return add([&c] { return events_json(c); });
        case model::RouteKind::feed: {
            auto [label, list] = feed_source(r, terms);
            // A feed shows the text of its newest practices: those files are its own inputs.
            std::string texts;
            for (size_t i : feed_practices(*list))
                texts.append(reinterpret_cast<const char*>(&s.source_of(i).content_hash),
                             sizeof(uint64_t));
            return add([&c, section = r.section, code = r.code, label = label,
                        list = list] { return atom_feed(c, section, code, label, *list); },
                       text::hash64(texts));
        }
        case model::RouteKind::calendar:  // events only
            return add([&c] { return calendar(c.site, std::nullopt); });
        case model::RouteKind::event_calendar:
            return add([&c, i = r.number] { return calendar(c.site, i); });
        case model::RouteKind::robots:  // base_url and the audience only
            return add([&s] { return robots_txt(s); });
        case model::RouteKind::reserve_export:
            tasks.push_back(reserve_export_task(c));
            tasks.back().url = r.url;
            tasks.back().deps = dependency_hash(tasks.back());
            return;
        default:
            return;
    }
}

void SiteWriter::plan_search(std::vector<OutputTask>& tasks) const {
    if (!search_) return;
    const auto& s = ctx_.site;
    for (const auto& file : search_->files()) {
        std::string url = s.url("search") + file.name;
        claim(url, diag::tr("the search index (generated)"));
        if (file.produce) {  // a document shard: its own inputs are all it depends on
            tasks.push_back({url, "", file.produce});
            if (inputs_hash_) tasks.back().deps = file.inputs;
            continue;
        }
        tasks.push_back({url, "", [&file] { return file.content; }});
        tasks.back().content = &file.content;
    }
}

OutputTask SiteWriter::sitemap_task(const std::vector<OutputTask>& tasks) const {
    const model::Site& site = ctx_.site;
    const model::Route* route = site.routes.find("sitemap.xml");
    OutputTask task{route ? route->url : site.url("") + "sitemap.xml", "",
                    [&site, &tasks] { return sitemap(site, tasks); }};
    if (inputs_hash_) task.deps = dependency_hash(task, sitemap_hash(site, tasks));
    return task;
}

std::vector<StaticFile> SiteWriter::static_files() const {
    const model::Routes& routes = ctx_.site.routes;
    std::vector<StaticFile> files;
    for (const model::Route& r : routes.all())
        if (r.kind == model::RouteKind::static_file) {
            const model::StaticSource& source = routes.static_files()[r.number];
            files.push_back({source.source, r.path, source.input, source.bytes});
        }
    return files;
}

}  // namespace nk::output
