#pragma once
// The read-only model of a site: every record, its rendered Markdown and the cross references
// between records (a school knows its practices, mentorships, events, plans and applications).

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/site_config.h"
#include "markdown/markdown.h"
#include "model/routes.h"
#include "records/records.h"

namespace nk::model {

enum class Audience { public_site, internal_site };

/// Cross references of one school, as indices into the Site's vectors.
struct SchoolLinks {
    std::vector<size_t> practices, mentor_of, mentee_of, events, plans, associations, reserve;
    std::vector<size_t> transitions;  ///< as the ШНОР or as one of its mentors
    std::vector<std::pair<size_t, size_t>> applications;  ///< (competition, application)
};

/// What `draft = true` left out of a site that does not show drafts: the ids a reference may
/// not name, and the site-relative URLs ("/practices/x/") a link may not lead to.
struct Drafts {
    std::set<std::string> schools, mentorships, associations, urls;
    size_t count = 0;  ///< records left out
};

struct Site {
    std::string root;  ///< the site's source directory
    config::SiteConfig config;
    Audience audience = Audience::public_site;
    Date as_of;             ///< "today" for statuses
    std::string base_path;  ///< path part of base_url: "/" or "/sub/"
    std::string base_url;   ///< absolute, ends with '/'

    std::vector<records::School> schools;
    std::vector<records::Mentorship> mentorships;
    std::vector<records::Association> associations;
    std::vector<records::Plan> plans;
    std::vector<records::Competition> competitions;
    std::vector<records::ReserveEntry> reserve;
    std::vector<records::Transition> transitions;  ///< by defence date, then Russian title
    std::vector<records::Practice> practices;      ///< newest first
    std::vector<records::Event> events;            ///< by date
    std::vector<records::Page> pages;

    std::vector<markdown::Rendered> practice_html, event_html, page_html;
    /// Where each practice came from (hashes, cache keys), in the order of `practices`.
    std::vector<records::Provenance> practice_sources;
    /// The provenance of practice `i`; an empty one for a site made without loading.
    const records::Provenance& source_of(size_t i) const {
        static const records::Provenance none;
        return i < practice_sources.size() ? practice_sources[i] : none;
    }
    std::vector<std::string> school_offer_html;

    std::vector<SchoolLinks> school_links;
    std::vector<std::vector<size_t>> mentorship_events;   ///< content events per mentorship
    std::vector<std::vector<size_t>> association_events;  ///< content events per association

    /// The drafts left out (LoadOptions::drafts false); empty when drafts are shown.
    Drafts drafts;

    /// Every output file with its URL and source (load_site makes it, apply_audience narrows it).
    Routes routes;

    const records::School* school(const std::string& id) const;
    std::optional<size_t> school_index(const std::string& id) const;
    std::optional<size_t> mentorship_index(const std::string& id) const;
    std::optional<size_t> association_index(const std::string& id) const;
    std::optional<size_t> practice_index(const std::string& id) const;
    /// The school's display name, or the id when unknown.
    std::string school_name(const std::string& id) const;
    /// fs::slugify(tag), made once per distinct tag of the practices (the same tags recur on
    /// thousands of them, and every list, check and index needs their slugs).
    std::string tag_slug(const std::string& tag) const;

    /// Site-relative URL ("/sub/practices/x/") of a section and optional id.
    std::string url(const std::string& section, const std::string& id = "") const;
    /// Absolute URL for feeds and the sitemap.
    std::string absolute(const std::string& site_relative_url) const;

    /// Rebuilds the id indices and the cross references; call after changing record vectors.
    void index();

    using Ids = std::unordered_map<std::string, size_t>;  ///< id → position

  private:
    Ids school_ids_, mentorship_ids_, association_ids_, practice_ids_;
    std::unordered_map<std::string, std::string> tag_slugs_;
};

}  // namespace nk::model
