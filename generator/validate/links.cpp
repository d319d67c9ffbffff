#include "validate/links.h"

#include <algorithm>
#include <boost/filesystem.hpp>
#include <map>

#include "diag/did_you_mean.h"

namespace nk::validate {

void LinkTargets::add(const std::string& url, bool internal) {
    auto [it, fresh] = targets_.try_emplace(url);
    it->second.internal = fresh ? internal : it->second.internal && internal;
}

void LinkTargets::add_page(const std::string& url, const std::vector<markdown::Heading>& headings,
                           bool internal) {
    add(url, internal);
    auto& anchors = targets_[url].anchors.emplace();
    for (const auto& h : headings) anchors.insert(h.anchor);
}

bool LinkTargets::is_internal(const std::string& url) const {
    auto it = targets_.find(url);
    return it != targets_.end() && it->second.internal;
}

const std::set<std::string>* LinkTargets::anchors(const std::string& url) const {
    auto it = targets_.find(url);
    return it != targets_.end() && it->second.anchors ? &*it->second.anchors : nullptr;
}

std::vector<std::string> LinkTargets::urls() const {
    std::vector<std::string> out;
    for (const auto& [url, target] : targets_) out.push_back(url);
    std::sort(out.begin(), out.end());  // suggestions do not depend on the table's order
    return out;
}

namespace {

// Links in content are written from the site root, whatever the base URL.
std::string page_url(const std::string& section, const std::string& id = "") {
    std::string out = "/";
    if (!section.empty()) out += section + "/";
    if (!id.empty()) out += id + "/";
    return out;
}

std::string percent_decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() &&
            std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The school years with reports; the rule of render::report_years, which this earlier stage
// cannot call.
std::set<int> report_years(const model::Site& s) {
    std::set<int> years;
    for (const auto& m : s.mentorships)
        for (int y = m.start.school_year(); y <= m.running_until().school_year(); ++y)
            if (Date{y, 9, 1} <= s.as_of) years.insert(y);
    for (const auto& a : s.associations)
        if (a.school_year && Date{*a.school_year, 9, 1} <= s.as_of) years.insert(*a.school_year);
    for (const auto& e : s.events)
        if (e.date.date <= s.as_of) years.insert(e.date.date.school_year());
    return years;
}

void add_lists(LinkTargets& t, const model::Site& s) {
    t.add("/");
    t.add("/404.html");
    for (const char* section : {"practices", "schools", "mentors", "mentorships", "events", "plans",
                                "associations", "competitions", "reports"})
        t.add(page_url(section));
    t.add("/reserve/", true);
    for (int y : report_years(s)) t.add(page_url("reports", std::to_string(y)));
    int per_page = std::max(1, s.config.practices_per_page);
    int pages = std::max<int>(1, (static_cast<int>(s.practices.size()) + per_page - 1) / per_page);
    for (const std::string base : {"/practices/", "/practices/by-title/"}) {
        t.add(base);
        for (int n = 2; n <= pages; ++n) t.add(base + "page/" + std::to_string(n) + "/");
    }
}

void add_records(LinkTargets& t, const model::Site& s) {
    for (size_t i = 0; i < s.practices.size(); ++i)
        t.add_page(page_url("practices", s.practices[i].id),
                   i < s.practice_html.size() ? s.practice_html[i].headings
                                              : std::vector<markdown::Heading>{},
                   s.practices[i].internal);
    for (size_t i = 0; i < s.events.size(); ++i) {
        std::string url = page_url("events", s.events[i].id);
        t.add_page(
            url,
            i < s.event_html.size() ? s.event_html[i].headings : std::vector<markdown::Heading>{},
            s.events[i].internal);
        t.add(url + "event.ics", s.events[i].internal);
    }
    for (size_t i = 0; i < s.pages.size(); ++i)
        t.add_page(
            page_url(s.pages[i].id),
            i < s.page_html.size() ? s.page_html[i].headings : std::vector<markdown::Heading>{},
            s.pages[i].internal);
    for (const auto& x : s.schools) t.add(page_url("schools", x.id), x.internal);
    for (const auto& x : s.mentorships) t.add(page_url("mentorships", x.id), x.internal);
    for (const auto& x : s.plans) t.add(page_url("plans", x.id), x.internal);
    for (const auto& x : s.associations) t.add(page_url("associations", x.id), x.internal);
    for (const auto& x : s.competitions) t.add(page_url("competitions", x.id), x.internal);
}

// Term pages exist for the codes and tags that practices use, paginated like the catalogue;
// direction feeds for every direction.
void add_terms(LinkTargets& t, const model::Site& s) {
    std::map<std::string, std::pair<int, bool>> terms;  // page URL → (practices, all internal)
    auto add = [&](const std::string& url, bool internal) {
        auto& [count, all_internal] = terms.try_emplace(url, 0, true).first->second;
        ++count;
        all_internal = all_internal && internal;
    };
    for (const auto& p : s.practices) {
        for (const auto& d : p.directions) add(page_url("directions", d.value), p.internal);
        for (const auto& f : p.forms) add(page_url("forms", f.value), p.internal);
        for (const auto& tag : p.tags)
            if (std::string slug = s.tag_slug(tag); !slug.empty())
                add(page_url("tags", slug), p.internal);
    }
    int per_page = std::max(1, s.config.practices_per_page);
    for (const auto& [url, entry] : terms) {
        t.add(url, entry.second);
        for (int n = 2; n <= (entry.first + per_page - 1) / per_page; ++n)
            t.add(url + "page/" + std::to_string(n) + "/", entry.second);
    }
    for (const auto& [code, label] : s.config.directions.entries())
        t.add(page_url("directions", code) + "feed.xml");
}

void add_files(LinkTargets& t, const model::Site& s) {
    for (const char* file : {"/feed.xml", "/sitemap.xml", "/events.ics", "/api/schools.json",
                             "/api/practices.json", "/api/mentorships.json", "/api/events.json"})
        t.add(file);
    namespace bfs = boost::filesystem;
    for (const bfs::path& dir :
         {bfs::path(s.root) / "themes" / s.config.theme / "static", bfs::path(s.root) / "static"}) {
        boost::system::error_code ec;
        if (s.root.empty() || !bfs::is_directory(dir, ec)) continue;
        for (bfs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (!bfs::is_symlink(it->symlink_status()) && bfs::is_regular_file(it->path(), ec))
                t.add("/" + bfs::relative(it->path(), dir).generic_string());
    }
}

/// Checks links from one page (its URL and audience) against the targets.
class PageLinks {
  public:
    PageLinks(const LinkTargets& targets, diag::Diagnostics& diags)
        : targets_(targets), diags_(diags) {}

    void check(const std::string& page, bool page_internal, const markdown::LinkRef& link) {
        const std::string& url = link.url;
        size_t cut = url.find_first_of("?#");
        std::string path = url[0] == '#' ? page : percent_decode(url.substr(0, cut));
        if (path.size() >= 10 && path.compare(path.size() - 10, 10, "index.html") == 0)
            path.resize(path.size() - 10);
        if (!targets_.contains(path))
            return diags_.error(
                link.loc, "broken link '" + url + "'" + diag::did_you_mean(path, candidates()));
        if (!page_internal && targets_.is_internal(path))
            return diags_.error(link.loc, "broken link '" + url +
                                              "': the page is internal-only and the "
                                              "public site does not have it");
        size_t hash = url.find('#');
        if (hash == std::string::npos || hash + 1 == url.size()) return;
        std::string anchor = percent_decode(url.substr(hash + 1));
        const std::set<std::string>* anchors = targets_.anchors(path);
        if (!anchors || anchors->count(anchor)) return;
        std::string closest = diag::closest_match(anchor, {anchors->begin(), anchors->end()});
        diags_.error(link.loc, "broken link '" + url + "': no heading with anchor '" + anchor +
                                   "' on " +
                                   (url[0] == '#' ? std::string("this page") : "'" + path + "'") +
                                   (closest.empty() ? "" : " (did you mean '#" + closest + "'?)"));
    }

  private:
    const std::vector<std::string>& candidates() {
        if (candidates_.empty()) candidates_ = targets_.urls();
        return candidates_;
    }
    const LinkTargets& targets_;
    diag::Diagnostics& diags_;
    std::vector<std::string> candidates_;
};

template <typename Records>
void check_pages(PageLinks& checker, const Records& records,
                 const std::vector<markdown::Rendered>& html, const std::string& section) {
    for (size_t i = 0; i < records.size() && i < html.size(); ++i)
        for (const auto& link : html[i].internal_links)
            checker.check(page_url(section, records[i].id), records[i].internal, link);
}

}  // namespace

LinkTargets link_targets(const model::Site& site) {
    LinkTargets t;
    add_lists(t, site);
    add_records(t, site);
    add_terms(t, site);
    add_files(t, site);
    return t;
}

void check_links(const model::Site& site, diag::Diagnostics& diags) {
    LinkTargets targets = link_targets(site);
    PageLinks checker(targets, diags);
    check_pages(checker, site.practices, site.practice_html, "practices");
    check_pages(checker, site.events, site.event_html, "events");
    // Free pages live at the root: /SLUG/.
    for (size_t i = 0; i < site.pages.size() && i < site.page_html.size(); ++i)
        for (const auto& link : site.page_html[i].internal_links)
            checker.check(page_url(site.pages[i].id), site.pages[i].internal, link);
}

}  // namespace nk::validate
