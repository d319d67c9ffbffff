#pragma once
// One function per page of SPEC §6: each returns the complete view model of that page.

#include "render/view_models.h"

namespace nk::render {

json home_view(const ViewContext& ctx);
/// Page `page` (1-based) of the practice catalogue, newest first or (`by_title`) by title.
json practice_list_view(const ViewContext& ctx, int page, int per_page, bool by_title = false);
/// The URL of a catalogue page: /practices/, /practices/page/2/, /practices/by-title/...
std::string practice_list_url(const model::Site& site, int page, bool by_title);
json practice_view(const ViewContext& ctx, size_t index);
/// Practices of one vocabulary term or tag (`kind`: directions | forms | tags).
/// Page `page` (1-based) of `per_page` practices (0: all of them).
json term_view(const ViewContext& ctx, const std::string& kind, const std::string& code,
               const std::string& label, const std::vector<size_t>& practices, int page = 1,
               int per_page = 0);
/// The URL of a term page: /directions/quality/, /directions/quality/page/2/.
std::string term_page_url(const model::Site& site, const std::string& kind, const std::string& code,
                          int page);
/// The schools overview for `year` (0: the latest indicator year); see overview_url.
json school_list_view(const ViewContext& ctx, int year = 0);
/// /schools/ for the latest year (and 0), /schools/year/YYYY/ for an earlier one.
std::string overview_url(const ViewContext& ctx, int year);
/// The per-school dashboard.
json school_view(const ViewContext& ctx, size_t index);
/// /figures/: how each figure shown on several pages is counted, with its value today.
json figures_view(const ViewContext& ctx);
/// /compare/: two to four schools side by side (the page's script reads /api/schools.json).
json compare_view(const ViewContext& ctx);
/// /search/: the site-wide search (its script reads the index under /search/).
json site_search_view(const ViewContext& ctx);
json mentors_view(const ViewContext& ctx);
json mentorship_list_view(const ViewContext& ctx);
json mentorship_view(const ViewContext& ctx, size_t index);
json event_list_view(const ViewContext& ctx);
json event_view(const ViewContext& ctx, size_t index);
json plan_list_view(const ViewContext& ctx);
json plan_view(const ViewContext& ctx, size_t index);
json association_list_view(const ViewContext& ctx);
json association_view(const ViewContext& ctx, size_t index);
json competition_list_view(const ViewContext& ctx);
json competition_view(const ViewContext& ctx, size_t index);
/// /pair-directions/CODE/ (network pairs) or /association-directions/CODE/ (associations) of
/// one direction (`section` is the folder).
json group_term_view(const ViewContext& ctx, const std::string& section, const std::string& code);
/// /transitions/ and /transitions/ID/: ШНОР transition programmes (render/transition_views.cpp).
json transition_list_view(const ViewContext& ctx);
json transition_view(const ViewContext& ctx, size_t index);
json free_page_view(const ViewContext& ctx, size_t index);
json reports_view(const ViewContext& ctx);
/// The yearly report of school year `year` (render/report_views.cpp).
json report_view(const ViewContext& ctx, int year);
json reserve_view(const ViewContext& ctx);
json not_found_view(const ViewContext& ctx);

}  // namespace nk::render
