#include "output/site_writer.h"

#include <boost/filesystem.hpp>
#include <map>

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
    std::string rel = url.rfind(base_path, 0) == 0 ? url.substr(base_path.size()) : url;
    while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    return rel;
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
    for (const auto& p : ctx_.site.practices) {
        all += p.path;
        all += '\0';
        all.append(reinterpret_cast<const char*>(&p.front_matter_hash), sizeof p.front_matter_hash);
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
    std::vector<OutputTask> tasks;
    plan_pages(tasks);
    plan_records(tasks);
    plan_terms(tasks);
    plan_data(tasks);
    return tasks;
}

void SiteWriter::plan_pages(std::vector<OutputTask>& tasks) const {
    const auto& s = ctx_.site;
    const auto& c = ctx_;
    std::string today = site_lastmod();
    tasks.push_back(page(s.url(""), "index", today, [&c] { return render::home_view(c); }));
    int per_page = s.config.practices_per_page;
    int pages = std::max<int>(1, (static_cast<int>(s.practices.size()) + per_page - 1) / per_page);
    for (bool by_title : {false, true})
        for (int n = 1; n <= pages; ++n)
            tasks.push_back(page(render::practice_list_url(s, n, by_title), "practices", today,
                                 [&c, n, per_page, by_title] {
                                     return render::practice_list_view(c, n, per_page, by_title);
                                 }));
    tasks.push_back(
        page(s.url("schools"), "schools", today, [&c] { return render::school_list_view(c); }));
    for (int year : c.analytics.years())  // the overview of each earlier year (year switcher)
        if (year != c.latest_year())
            tasks.push_back(page(render::overview_url(c, year), "schools", today,
                                 [&c, year] { return render::school_list_view(c, year); }));
    tasks.push_back(
        page(s.url("compare"), "compare", today, [&c] { return render::compare_view(c); }));
    tasks.push_back(
        page(s.url("mentors"), "mentors", today, [&c] { return render::mentors_view(c); }));
    tasks.push_back(page(s.url("mentorships"), "mentorships", today,
                         [&c] { return render::mentorship_list_view(c); }));
    tasks.push_back(
        page(s.url("events"), "events", today, [&c] { return render::event_list_view(c); }));
    tasks.push_back(
        page(s.url("plans"), "plans", today, [&c] { return render::plan_list_view(c); }));
    tasks.push_back(page(s.url("associations"), "associations", today,
                         [&c] { return render::association_list_view(c); }));
    tasks.push_back(page(s.url("competitions"), "competitions", today,
                         [&c] { return render::competition_list_view(c); }));
    tasks.push_back(
        page(s.url("reports"), "reports", today, [&c] { return render::reports_view(c); }));
    for (int year : render::report_years(s)) {
        tasks.push_back(page(s.url("reports", std::to_string(year)), "report", today,
                             [&c, year] { return render::report_view(c, year); }));
        for (OutputTask& t : report_export_tasks(c, year)) {
            t.deps = dependency_hash(t);  // schools and indicators, no Markdown text
            tasks.push_back(std::move(t));
        }
    }
    tasks.push_back(
        page(s.url("") + "404.html", "404", "", [&c] { return render::not_found_view(c); }));
    if (s.audience == model::Audience::internal_site) {
        tasks.push_back(
            page(s.url("reserve"), "reserve", "", [&c] { return render::reserve_view(c); }));
        tasks.push_back(reserve_export_task(c));
        tasks.back().deps = dependency_hash(tasks.back());
    }
}

void SiteWriter::plan_records(std::vector<OutputTask>& tasks) const {
    const auto& s = ctx_.site;
    const auto& c = ctx_;
    // lastmod: the last commit of the record's file; outside Git the record's own date.
    auto dated = [this](const records::RecordBase& r, std::string fallback) {
        return lastmod_of(r.path, std::move(fallback));
    };
    for (size_t i = 0; i < s.practices.size(); ++i) {
        tasks.push_back(page(s.url("practices", s.practices[i].id), "practice",
                             dated(s.practices[i], s.practices[i].date.iso()),
                             [&c, i] { return render::practice_view(c, i); }));
        tasks.back().deps = dependency_hash(tasks.back(), s.practices[i].content_hash);
    }
    for (size_t i = 0; i < s.schools.size(); ++i)
        tasks.push_back(page(s.url("schools", s.schools[i].id), "school",
                             dated(s.schools[i], s.as_of.iso()),
                             [&c, i] { return render::school_view(c, i); }));
    for (size_t i = 0; i < s.mentorships.size(); ++i)
        tasks.push_back(page(s.url("mentorships", s.mentorships[i].id), "mentorship",
                             dated(s.mentorships[i], s.as_of.iso()),
                             [&c, i] { return render::mentorship_view(c, i); }));
    for (size_t i = 0; i < s.events.size(); ++i)
        tasks.push_back(page(s.url("events", s.events[i].id), "event",
                             dated(s.events[i], s.events[i].date.date.iso()),
                             [&c, i] { return render::event_view(c, i); }));
    for (size_t i = 0; i < s.plans.size(); ++i)
        tasks.push_back(page(s.url("plans", s.plans[i].id), "plan",
                             dated(s.plans[i], s.as_of.iso()),
                             [&c, i] { return render::plan_view(c, i); }));
    for (size_t i = 0; i < s.associations.size(); ++i)
        tasks.push_back(page(s.url("associations", s.associations[i].id), "association",
                             dated(s.associations[i], s.as_of.iso()),
                             [&c, i] { return render::association_view(c, i); }));
    for (size_t i = 0; i < s.competitions.size(); ++i)
        tasks.push_back(page(s.url("competitions", s.competitions[i].id), "competition",
                             dated(s.competitions[i], s.as_of.iso()),
                             [&c, i] { return render::competition_view(c, i); }));
    for (size_t i = 0; i < s.pages.size(); ++i)
        tasks.push_back(page(s.url(s.pages[i].id), "page", dated(s.pages[i], s.as_of.iso()),
                             [&c, i] { return render::free_page_view(c, i); }));
}

void SiteWriter::plan_terms(std::vector<OutputTask>& tasks) const {
    const auto& s = ctx_.site;
    const auto& c = ctx_;
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
    // Term pages are paginated like the catalogue, so a popular direction stays a light page.
    int per_page = std::max(1, s.config.practices_per_page);
    for (auto& [kind, codes] : terms)
        for (auto& [code, entry] : codes) {
            auto list = std::make_shared<const std::vector<size_t>>(std::move(entry.second));
            int pages =
                std::max<int>(1, (static_cast<int>(list->size()) + per_page - 1) / per_page);
            for (int n = 1; n <= pages; ++n)
                tasks.push_back(
                    page(render::term_page_url(s, kind, code, n), "term", site_lastmod(),
                         [&c, kind = kind, code = code, label = entry.first, list, n, per_page] {
                             return render::term_view(c, kind, code, label, *list, n, per_page);
                         }));
        }
}

void SiteWriter::plan_data(std::vector<OutputTask>& tasks) const {
    const auto& s = ctx_.site;
    const auto& c = ctx_;
    std::string api = s.url("api");
    tasks.push_back({api + "schools.json", "", [&c] { return schools_json(c); }});
    tasks.push_back({api + "practices.json", "", [&c] { return practices_json(c); }});
    tasks.push_back({api + "mentorships.json", "", [&c] { return mentorships_json(c); }});
    tasks.push_back({api + "events.json", "", [&c] { return events_json(c); }});
    for (size_t t = tasks.size() - 4; t < tasks.size(); ++t)  // no Markdown text in the API
        tasks[t].deps = dependency_hash(tasks[t]);
    // A feed shows the text of its newest practices: those files are its own inputs.
    auto feed = [&](const std::string& url, const std::string& direction) {
        tasks.push_back({url, "", [&c, direction] { return atom_feed(c, direction); }});
        std::string texts;
        for (size_t i : feed_practices(s, direction))
            texts.append(reinterpret_cast<const char*>(&s.practices[i].content_hash),
                         sizeof s.practices[i].content_hash);
        tasks.back().deps = dependency_hash(tasks.back(), text::hash64(texts));
    };
    feed(s.url("") + "feed.xml", "");
    for (const auto& [code, label] : s.config.directions.entries())
        feed(s.url("directions", code) + "feed.xml", code);
    tasks.push_back(
        {s.url("") + "events.ics", "", [&c] { return calendar(c.site, std::nullopt); }});
    for (size_t i = 0; i < s.events.size(); ++i)
        tasks.push_back({s.url("events", s.events[i].id) + "event.ics", "",
                         [&c, i] { return calendar(c.site, i); }});
    for (size_t t = tasks.size() - s.events.size() - 1; t < tasks.size(); ++t)
        tasks[t].deps = dependency_hash(tasks[t]);  // events only
    if (search_)
        for (const auto& file : search_->files()) {
            if (file.produce) {  // a document shard: its own inputs are all it depends on
                tasks.push_back({s.url("search") + file.name, "", file.produce});
                if (inputs_hash_) tasks.back().deps = file.inputs;
                continue;
            }
            tasks.push_back({s.url("search") + file.name, "", [&file] { return file.content; }});
            tasks.back().content = &file.content;
        }
}

OutputTask SiteWriter::sitemap_task(const std::vector<OutputTask>& tasks) const {
    const model::Site& site = ctx_.site;
    OutputTask task{site.url("") + "sitemap.xml", "",
                    [&site, &tasks] { return sitemap(site, tasks); }};
    if (inputs_hash_) task.deps = dependency_hash(task, sitemap_hash(site, tasks));
    return task;
}

std::vector<StaticFile> SiteWriter::static_files() const {
    namespace bfs = boost::filesystem;
    const auto& s = ctx_.site;
    std::vector<StaticFile> files;
    std::string theme = (bfs::path(s.root) / "themes" / s.config.theme).string();
    for (const auto& [root, rel] :
         {std::pair{theme, std::string("static")}, std::pair{s.root, std::string("static")}}) {
        bfs::path dir = bfs::path(root) / rel;
        boost::system::error_code ec;
        if (!bfs::is_directory(dir, ec)) continue;
        for (bfs::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
             it.increment(ec)) {
            if (bfs::is_symlink(it->symlink_status())) {  // never follow links out of the site
                diags_.warning({bfs::relative(it->path(), root).generic_string(), 0, 0},
                               "symbolic link in static files is not copied");
                it.disable_recursion_pending();
                continue;
            }
            if (!bfs::is_regular_file(it->path(), ec)) continue;
            files.push_back({it->path().string(),
                             it->path().lexically_relative(dir).generic_string(),
                             it->path().lexically_relative(s.root).generic_string()});
        }
    }
    return files;
}

}  // namespace nk::output
