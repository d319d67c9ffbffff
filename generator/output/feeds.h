#pragma once
// Atom feeds of practices and the sitemap.

#include <cstdint>
#include <string>
#include <vector>

#include "render/view_models.h"

namespace nk::output {

struct OutputTask;

/// Atom feed of the newest practices: the site's (`section` ""), or those of one term, a
/// direction or form code or a tag's slug (`section` "directions", "forms" or "tags").
std::string atom_feed(const render::ViewContext& ctx, const std::string& section,
                      const std::string& code);
/// The practices a feed shows (indices into site.practices, in the feed's order).
std::vector<size_t> feed_practices(const model::Site& site, const std::string& section,
                                   const std::string& code);

/// sitemap.xml listing every task with a lastmod (HTML pages).
std::string sitemap(const model::Site& site, const std::vector<OutputTask>& tasks);
/// A hash of everything the sitemap shows (every listed URL and its lastmod), to tell that it
/// is unchanged without writing it out.
uint64_t sitemap_hash(const model::Site& site, const std::vector<OutputTask>& tasks);

}  // namespace nk::output
