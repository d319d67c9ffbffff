#pragma once
// Atom feeds of practices and the sitemap.

#include <string>
#include <vector>

#include "render/view_models.h"

namespace nk::output {

struct OutputTask;

/// Atom feed of the newest practices; `direction` = "" for all, else a direction code.
std::string atom_feed(const render::ViewContext& ctx, const std::string& direction);

/// sitemap.xml listing every task with a lastmod (HTML pages).
std::string sitemap(const model::Site& site, const std::vector<OutputTask>& tasks);

}  // namespace nk::output
