#include "output/feeds.h"

#include <algorithm>

#include "fs/hash_stream.h"
#include "fs/text.h"
#include "output/site_writer.h"

namespace nk::output {

namespace {

constexpr size_t kFeedEntries = 30;

std::string x(const std::string& s) {
    return text::escape_xml(s);
}

}  // namespace

std::vector<size_t> feed_practices(const std::vector<size_t>& practices) {
    return {practices.begin(),
            practices.begin() + static_cast<long>(std::min(practices.size(), kFeedEntries))};
}

std::string atom_feed(const render::ViewContext& ctx, const std::string& section,
                      const std::string& code, const std::string& label,
                      const std::vector<size_t>& practices) {
    const auto& s = ctx.site;
    // A term's feed sits beside its page, which is its "alternate" link.
    std::string page = section.empty() ? s.url("practices") : s.url(section, code);
    std::string self = (section.empty() ? s.url("") : page) + "feed.xml";
    std::string title = s.config.title + (section.empty() ? "" : " — " + label);
    std::string updated = "1970-01-01";
    for (size_t i : practices) updated = std::max(updated, s.practices[i].date.iso());
    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
        "xml:lang=\"" +
        x(s.config.language) + "\">\n";
    out += "  <title>" + x(title) + "</title>\n";
    out += "  <link href=\"" + x(s.absolute(self)) + "\" rel=\"self\"/>\n";
    out += "  <link href=\"" + x(s.absolute(page)) + "\"/>\n";
    out += "  <id>" + x(s.absolute(self)) + "</id>\n";
    out += "  <updated>" + updated + "T00:00:00Z</updated>\n";
    for (size_t i : feed_practices(practices)) {
        const auto& p = s.practices[i];
        std::string url = s.absolute(s.url("practices", p.id));
        out += "  <entry>\n    <title>" + x(p.title) + "</title>\n";
        out += "    <link href=\"" + x(url) + "\"/>\n    <id>" + x(url) + "</id>\n";
        out += "    <updated>" + p.date.iso() + "T00:00:00Z</updated>\n";
        out += "    <author><name>";
        out += x(p.schools.empty() ? s.config.title : s.school_name(p.schools.front().value));
        out += "</name></author>\n";
        for (const auto& d : p.directions)
            out += "    <category term=\"" + x(d.value) + "\" label=\"" +
                   x(s.config.directions.label(d.value)) + "\"/>\n";
        out += "    <summary>" + x(p.summary) + "</summary>\n";
        out += "    <content type=\"html\">" + x(s.practice_html[i].html.str()) +
               "</content>\n  </entry>\n";
    }
    return out + "</feed>\n";
}

std::string sitemap(const model::Site& site, const std::vector<OutputTask>& tasks) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
        "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& t : tasks) {
        if (t.lastmod.empty()) continue;
        out += "  <url><loc>" + x(site.absolute(t.url)) + "</loc><lastmod>" + t.lastmod +
               "</lastmod></url>\n";
    }
    return out + "</urlset>\n";
}

uint64_t sitemap_hash(const model::Site& site, const std::vector<OutputTask>& tasks) {
    fs::HashStream hash;
    hash.add_terminated(site.absolute(""));
    for (const auto& t : tasks)
        if (!t.lastmod.empty()) hash.add_terminated(t.url).add_terminated(t.lastmod);
    return hash.digest();
}

std::string robots_txt(const model::Site& site) {
    if (site.audience == model::Audience::internal_site)
        return "# Internal version: not for publication or indexing.\nUser-agent: *\nDisallow: /\n";
    std::string out = "User-agent: *\nAllow: /\n";
    std::string sitemap_url = site.absolute(site.url("") + "sitemap.xml");
    if (site.routes.find("sitemap.xml") && sitemap_url.rfind("http", 0) == 0)
        out += "\nSitemap: " + sitemap_url + "\n";
    return out;
}

}  // namespace nk::output
