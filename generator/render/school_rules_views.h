#pragma once
// The dashboard's readings of the seeds' rules for one school: the green zone of seed 004 per
// year and how the `evening` risk zone was decided (themes' _school_rules.mustache).

#include "render/view_models.h"

namespace nk::render {

/// {"green": {"rule", "summary", "years": [{"year", "in", "text"}]}, "evening": sentence}.
json school_rules_view(const ViewContext& ctx, size_t index);

/// The school's titles: typed and won in competitions (analytics::school_titles), as
/// [{"title", "year", "competition", "url"}]; made once per build for every school.
json titles_of(const ViewContext& ctx, size_t index);

}  // namespace nk::render
