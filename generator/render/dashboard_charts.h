#pragma once
// The dashboards' figures: each is a chart (inline SVG from render/svg_chart.h), a sentence
// that explains it and the data table behind it, as one view-model object:
// {id, svg, caption, table: {caption, columns: [..], rows: [{head, cells: [..], current}]}}.

#include <optional>
#include <string>

#include "render/view_models.h"

namespace nk::render {

/// ИОР of school `index` over the years, over its group's quartile bands; null when the school
/// has no ИОР in any year.
json ior_figure(const ViewContext& ctx, size_t index);

/// ИСБШ × ИОР of the schools of one group-year, split at the group medians; `highlight` (a
/// school index) is ringed and named. `id` must be unique within the page. Null when no school
/// of the group has both indices that year.
json quadrant_figure(const ViewContext& ctx, const analytics::GroupYear& group,
                     std::optional<size_t> highlight, const std::string& id);

/// The goals of mentorship `index` as baseline → target → actual bars; null without goals.
json goals_figure(const ViewContext& ctx, size_t index, const std::string& id);

/// Application `application` of competition `competition`: its mean points on each criterion
/// against the mean of all applications.
json criteria_figure(const ViewContext& ctx, size_t competition, size_t application,
                     const std::string& id);

/// The peak number of mentee schools of every mentor school against `mentor_max_mentees`;
/// null when no school mentors.
json mentor_load_figure(const ViewContext& ctx);

/// The two index charts of the per-school dashboard: `ior` (ior_figure) and `quadrant`
/// (quadrant_figure of the school's group in its latest year with an ИОР), either null.
json school_figures(const ViewContext& ctx, size_t index);

}  // namespace nk::render
