#pragma once
// The internal link checker: every link written in Markdown to a site-relative URL ("/...") or to
// an anchor on the same page ("#...") must lead to a page or file the build produces and, for
// pages rendered from Markdown, to one of their headings.

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostics.h"
#include "model/site.h"

namespace nk::validate {

/// The URLs a site produces, relative to its root ("/practices/x/", "/feed.xml"), with the
/// heading anchors of the pages rendered from Markdown.
class LinkTargets {
  public:
    /// A page or file; `internal` when only the internal audience gets it.
    void add(const std::string& url, bool internal = false);
    /// A page whose anchors are known (its Markdown headings).
    void add_page(const std::string& url, const std::vector<markdown::Heading>& headings,
                  bool internal);

    bool contains(const std::string& url) const { return targets_.count(url) > 0; }
    bool is_internal(const std::string& url) const;
    /// The page's anchors, or nullopt when they are not known (the link is then not checked).
    const std::set<std::string>* anchors(const std::string& url) const;
    /// Every URL, sorted (candidates for "did you mean").
    std::vector<std::string> urls() const;

  private:
    struct Target {
        bool internal = false;
        std::optional<std::set<std::string>> anchors;
    };
    std::unordered_map<std::string, Target> targets_;
};

/// Everything `site` produces, as its route table (Site::routes) lists it: home, list pages,
/// catalogue pages, records, free pages, term pages, feeds, calendars, the JSON API, the sitemap
/// and the static files of the theme and the site.
LinkTargets link_targets(const model::Site& site);

/// Checks every internal link in the site's rendered Markdown (practices, events, free pages) and
/// reports each broken one at its position: `broken link '/practices/nope/' (did you mean
/// '/practices/nope2/'?)`. A link from a public page to an internal-only one is broken on the
/// public site and reported too.
void check_links(const model::Site& site, diag::Diagnostics& diags);

}  // namespace nk::validate
