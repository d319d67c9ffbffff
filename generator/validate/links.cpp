#include "validate/links.h"

#include <algorithm>
#include <string_view>

#include "diag/did_you_mean.h"
#include "diag/messages.h"

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

// "/a/index.html" → "/a/": a folder's page is linked either way.
void strip_index(std::string& path) {
    constexpr std::string_view kIndex = "/index.html";
    if (path.size() >= kIndex.size() &&
        path.compare(path.size() - kIndex.size(), kIndex.size(), kIndex) == 0)
        path.resize(path.size() - kIndex.size() + 1);
}

// Links in content are written from the site root, whatever the base URL: the route's output
// path, without "index.html".
std::string link_url(const model::Route& route) {
    std::string out = "/" + route.path;
    strip_index(out);
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

const std::vector<markdown::Heading>& headings_of(const std::vector<markdown::Rendered>& html,
                                                  size_t i) {
    static const std::vector<markdown::Heading> kNone;
    return i < html.size() ? html[i].headings : kNone;
}

/// Checks links from one page (its URL and audience) against the targets.
class PageLinks {
  public:
    PageLinks(const LinkTargets& targets, const model::Drafts& drafts, diag::Diagnostics& diags)
        : targets_(targets), drafts_(drafts), diags_(diags) {}

    void check(const std::string& page, bool page_internal, const markdown::LinkRef& link) {
        const std::string& url = link.url;
        size_t cut = url.find_first_of("?#");
        std::string path = url[0] == '#' ? page : percent_decode(url.substr(0, cut));
        strip_index(path);
        if (!targets_.contains(path) && drafts_.urls.count(path))
            return diags_.error(link.loc,
                                diag::tr("broken link '{}': the page is a draft (draft = true) and "
                                         "is not published: publish it (remove 'draft') or make "
                                         "this page a draft too",
                                         url));
        if (!targets_.contains(path))
            return diags_.error(link.loc, diag::tr("broken link '{}'{}", url,
                                                   diag::did_you_mean(path, candidates())));
        if (!page_internal && targets_.is_internal(path))
            return diags_.error(link.loc,
                                diag::tr("broken link '{}': the page is internal-only and "
                                         "the public site does not have it",
                                         url));
        size_t hash = url.find('#');
        if (hash == std::string::npos || hash + 1 == url.size()) return;
        std::string anchor = percent_decode(url.substr(hash + 1));
        const std::set<std::string>* anchors = targets_.anchors(path);
        if (!anchors || anchors->count(anchor)) return;
        std::string closest = diag::closest_match(anchor, {anchors->begin(), anchors->end()});
        std::string hint = closest.empty() ? "" : diag::tr(" (did you mean '{}'?)", "#" + closest);
        diags_.error(link.loc,
                     url[0] == '#'
                         ? diag::tr("broken link '{}': no heading with anchor '{}' on this page{}",
                                    url, anchor, hint)
                         : diag::tr("broken link '{}': no heading with anchor '{}' on '{}'{}", url,
                                    anchor, path, hint));
    }

  private:
    const std::vector<std::string>& candidates() {
        if (candidates_.empty()) candidates_ = targets_.urls();
        return candidates_;
    }
    const LinkTargets& targets_;
    const model::Drafts& drafts_;
    diag::Diagnostics& diags_;
    std::vector<std::string> candidates_;
};

void check_pages(PageLinks& checker, const model::Site& site, model::RouteKind kind,
                 const std::vector<markdown::Rendered>& html, const auto& records) {
    for (size_t i = 0; i < records.size() && i < html.size(); ++i)
        if (const model::Route* route = site.routes.record(kind, i))
            for (const auto& link : html[i].internal_links)
                checker.check(link_url(*route), records[i].internal, link);
}

}  // namespace

LinkTargets link_targets(const model::Site& site) {
    LinkTargets t;
    for (const model::Route& r : site.routes.all()) {
        // Pages rendered from Markdown know their anchors: their headings.
        if (r.kind == model::RouteKind::practice)
            t.add_page(link_url(r), headings_of(site.practice_html, r.number), r.internal);
        else if (r.kind == model::RouteKind::event)
            t.add_page(link_url(r), headings_of(site.event_html, r.number), r.internal);
        else if (r.kind == model::RouteKind::page)
            t.add_page(link_url(r), headings_of(site.page_html, r.number), r.internal);
        else
            t.add(link_url(r), r.internal);
    }
    return t;
}

void check_links(const model::Site& site, diag::Diagnostics& diags) {
    LinkTargets targets = link_targets(site);
    PageLinks checker(targets, site.drafts, diags);
    check_pages(checker, site, model::RouteKind::practice, site.practice_html, site.practices);
    check_pages(checker, site, model::RouteKind::event, site.event_html, site.events);
    check_pages(checker, site, model::RouteKind::page, site.page_html, site.pages);
}

}  // namespace nk::validate
