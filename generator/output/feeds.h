#pragma once
// Atom feeds of practices, the sitemap and robots.txt.

#include <cstdint>
#include <string>
#include <vector>

#include "render/view_models.h"

namespace nk::output {

struct OutputTask;

/// Atom feed of the newest of `practices` (indices into site.practices, newest first): the
/// site's (`section` ""), or one term's, a direction or form code or a tag's slug (`section`
/// "directions", "forms" or "tags") with its label.
std::string atom_feed(const render::ViewContext& ctx, const std::string& section,
                      const std::string& code, const std::string& label,
                      const std::vector<size_t>& practices);
/// The practices a feed of `practices` shows, in the feed's order.
std::vector<size_t> feed_practices(const std::vector<size_t>& practices);

/// sitemap.xml listing every task with a lastmod (HTML pages).
std::string sitemap(const model::Site& site, const std::vector<OutputTask>& tasks);
/// A hash of everything the sitemap shows (every listed URL and its lastmod), to tell that it
/// is unchanged without writing it out.
uint64_t sitemap_hash(const model::Site& site, const std::vector<OutputTask>& tasks);

/// robots.txt: every crawler may read the public site (the internal one: none), with the
/// sitemap's absolute address when base_url has a host.
std::string robots_txt(const model::Site& site);

}  // namespace nk::output
