#include "model/site_loader.h"

#include <algorithm>
#include <boost/filesystem.hpp>
#include <cctype>
#include <map>
#include <numeric>
#include <set>

#include "cache/key.h"
#include "content/front_matter.h"
#include "diag/did_you_mean.h"
#include "diag/messages.h"
#include "fs/byte_codec.h"
#include "fs/collation.h"
#include "fs/file_system.h"
#include "fs/parallel.h"
#include "fs/text.h"
#include "records/loaders.h"
#include "records/record_codec.h"
#include "theme/builtin_theme.h"

namespace nk::model {

namespace {

using records::Located;

std::string stem_of(const std::string& relative) {
    return boost::filesystem::path(relative).stem().string();
}

// Files of a record folder that do not have the expected extension are reported, not skipped
// silently: "school.tml" is a typo the editor wants to hear about.
void report_stray_files(const std::string& root, const std::string& dir, const std::string& ext,
                        diag::Diagnostics& diags) {
    namespace bfs = boost::filesystem;
    boost::system::error_code ec;
    bfs::path base = bfs::path(root) / dir;
    if (fs::leaves_site(root, dir)) return;  // list_files reports it; its contents are not ours
    auto entries = fs::read_directory(base.string());
    for (const fs::DirEntry& e : entries ? *entries : std::vector<fs::DirEntry>{}) {
        if (e.name.empty() || e.name[0] == '.') continue;
        std::string rel = dir + "/" + e.name;
        bool folder = e.type == fs::DirEntry::directory ||
                      (e.type == fs::DirEntry::other && bfs::is_directory(base / e.name, ec));
        if (folder)
            diags.warning({rel, 0, 0},
                          diag::tr("folder ignored: records must be directly in {}/", dir));
        else if (!fs::has_extension(e.name, ext))
            diags.warning({rel, 0, 0},
                          diag::tr("file ignored: records in {}/ end with {}", dir, ext));
    }
}

/// Points the files of `dir` that `overlay` has at its texts, and adds those not on disk.
void with_overlay(const std::map<std::string, std::string>& overlay, const std::string& root,
                  const std::string& dir, const std::string& ext,
                  std::vector<fs::SiteFile>& files) {
    for (fs::SiteFile& f : files)
        if (auto it = overlay.find(f.relative); it != overlay.end()) f.overlay = &it->second;
    for (const auto& [path, text] : overlay) {
        bool here = path.rfind(dir + "/", 0) == 0 &&
                    path.find('/', dir.size() + 1) == std::string::npos &&
                    fs::has_extension(path, ext);
        if (!here || std::any_of(files.begin(), files.end(),
                                 [&](const fs::SiteFile& f) { return f.relative == path; }))
            continue;
        files.push_back({root + "/" + path, path, &text});
    }
    std::sort(files.begin(), files.end(),
              [](const fs::SiteFile& a, const fs::SiteFile& b) { return a.relative < b.relative; });
}

/// Loads every file of `dir` in parallel with `load_file(file)`: a slot per file, empty where
/// the file gave no record.
template <typename Record, typename LoadFile>
std::vector<std::optional<Record>> load_file_slots(const LoadOptions& o, const std::string& dir,
                                                   const std::string& ext, LoadFile load_file,
                                                   diag::Diagnostics& diags) {
    report_stray_files(o.root, dir, ext, diags);
    auto files = fs::list_files(o.root, dir, ext, diags);
    if (o.overlay) with_overlay(*o.overlay, o.root, dir, ext, files);
    std::vector<std::optional<Record>> slots(files.size());
    fs::parallel_for(files.size(), o.jobs, [&](size_t i) { slots[i] = load_file(files[i]); });
    return slots;
}

/// Loads every file of `dir` in parallel with `load_file(file)` (an optional record).
template <typename Record, typename LoadFile>
std::vector<Record> load_files(const LoadOptions& o, const std::string& dir, const std::string& ext,
                               LoadFile load_file, diag::Diagnostics& diags) {
    auto slots = load_file_slots<Record>(o, dir, ext, load_file, diags);
    std::vector<Record> out;
    out.reserve(slots.size());
    for (auto& s : slots)
        if (s) out.push_back(std::move(*s));
    return out;
}

/// Sorts records stably, moving each once: records are large, and std::stable_sort would move
/// each about log N times, through a temporary buffer as well.
template <typename Record, typename Less>
void sort_records(std::vector<Record>& records, Less less) {
    std::vector<size_t> order(records.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return less(records[a], records[b]); });
    std::vector<Record> sorted;
    sorted.reserve(records.size());
    for (size_t i : order) sorted.push_back(std::move(records[i]));
    records = std::move(sorted);
}

/// Reads and loads every file of `dir` in parallel with `load`.
template <typename Record, typename Load>
std::vector<Record> load_all(const LoadOptions& o, const std::string& dir, const std::string& ext,
                             Load load, diag::Diagnostics& diags) {
    return load_files<Record>(
        o, dir, ext,
        [&](const fs::SiteFile& f) -> std::optional<Record> {
            auto text = fs::read_text(f, diags);
            if (!text) return std::nullopt;
            return load(*text, records::Origin{stem_of(f.relative), f.relative}, diags);
        },
        diags);
}

// Where a parsed record is in the build cache: a key made of its kind, the generator, its path
// and the scanned hash of its file. A practice ("practice") is [hash of its Markdown body]
// [records::encode_practice]; a school or an event ("record") is its encode_school/encode_event.
uint64_t parsed_key(const markdown::RenderCache& cache, const char* kind, const std::string& path,
                    uint64_t file_hash) {
    return nk::cache::KeyBuilder().add(kind).add(cache.salt()).add(path).add(file_hash).value();
}

/// As load_all, with the build cache: a record whose file is unchanged since a build that loaded
/// it without a diagnostic is decoded, not read and parsed. (Loading checks a file on its own:
/// what depends on other files, such as references and codes, is checked after loading.)
template <typename Record, typename Load, typename Encode, typename Decode>
std::vector<Record> load_all_cached(const LoadOptions& o, const std::string& dir,
                                    const std::string& ext, Load load, Encode encode, Decode decode,
                                    diag::Diagnostics& diags) {
    markdown::RenderCache* cache = o.file_hash ? o.markdown_cache : nullptr;
    auto load_file = [&](const fs::SiteFile& f) -> std::optional<Record> {
        uint64_t file_hash = cache ? o.file_hash(f.relative) : 0;
        uint64_t key = file_hash ? parsed_key(*cache, "record", f.relative, file_hash) : 0;
        if (key)
            if (auto entry = cache->find_entry(key))
                if (auto record = decode(*entry)) return record;
        auto text = fs::read_text(f, diags);
        if (!text) return std::nullopt;
        size_t reported = diags.count_for(f.relative);
        auto record = load(*text, records::Origin{stem_of(f.relative), f.relative}, diags);
        if (record && key && diags.count_for(f.relative) == reported)
            cache->add_entry(key, encode(*record));
        return record;
    };
    return load_files<Record>(o, dir, ext, load_file, diags);
}

// The cached practice, when its rendered body is cached too (else the file is read after all).
// Its entry is [body hash][file hash][front matter hash][the practice].
constexpr size_t kSourcesSize = 3 * sizeof(uint64_t);

std::optional<records::Practice> cached_practice(markdown::RenderCache& cache, uint64_t key,
                                                 const markdown::Options& md,
                                                 records::Provenance& source) {
    auto entry = cache.find_entry(key);
    if (!entry || entry->size() < kSourcesSize) return std::nullopt;
    fs::ByteReader in(entry->substr(0, kSourcesSize));
    uint64_t body_hash = in.u64();
    source.content_hash = in.u64();
    source.front_matter_hash = in.u64();
    auto p = records::decode_practice(entry->substr(kSourcesSize));
    if (!p) return std::nullopt;
    source.body_key = cache.key_of_hash(body_hash, p->path, p->body_line, md);
    if (!cache.contains(source.body_key)) return std::nullopt;
    source.from_cache = true;
    return p;
}

// The Markdown source is not needed once rendered: at 100,000 practices it is most of a gigabyte,
// and its memory, freed at once, takes the next page's HTML.
void release(std::string& text) {
    std::string().swap(text);
}

// The Markdown body of a page taken from the build cache whose rendering turned out unusable.
std::string reread_body(const std::string& root, const std::string& path,
                        diag::Diagnostics& diags) {
    fs::SiteFile file{(boost::filesystem::path(root) / path).string(), path};
    auto text = fs::read_text(file, diags);
    if (!text) return {};
    auto split = content::split_front_matter(*text, path, diags);
    return split ? std::move(split->body) : std::string();
}

/// Renders a text through the Markdown cache when there is one; under `key` when the caller has
/// already hashed the text into it (key_of_hash), so it is not hashed twice.
markdown::Rendered render_text(markdown::RenderCache* cache, uint64_t key, const std::string& text,
                               const std::string& path, int line, diag::Diagnostics& diags,
                               const markdown::Options& md) {
    if (cache && key) return cache->render_keyed(key, text, path, line, diags, md);
    if (cache) return cache->render(text, path, line, diags, md);
    return markdown::render(text, path, line, diags, md);
}

/// A practice and its rendered body. The body is rendered as soon as the practice is read, so
/// its Markdown is freed at once: at 100,000 practices the bodies are most of a gigabyte, and
/// memory touched for the first time is slow (on a virtual machine especially).
struct LoadedPractice {
    records::Practice practice;
    markdown::Rendered html;
    records::Provenance source;
};

/// Reads, parses and renders every practice in parallel (a slot per file). With the build cache,
/// a practice whose file is unchanged since a build that loaded it without a diagnostic is
/// decoded, not read and parsed, and its body's HTML is taken from the cache.
std::vector<std::optional<LoadedPractice>> load_practices(const LoadOptions& o,
                                                          const std::string& base_path,
                                                          diag::Diagnostics& diags) {
    markdown::RenderCache* markdown_cache = o.markdown_cache;
    markdown::RenderCache* cache = o.file_hash ? markdown_cache : nullptr;  // parsed practices
    markdown::Options md{base_path};
    auto render = [&](records::Practice& p, const records::Provenance& source) {
        markdown::Rendered html =
            render_text(markdown_cache, source.body_key, p.body, p.path, p.body_line, diags, md);
        release(p.body);
        return LoadedPractice{std::move(p), std::move(html), source};
    };
    auto load_file = [&](const fs::SiteFile& f) -> std::optional<LoadedPractice> {
        uint64_t file_hash = cache ? o.file_hash(f.relative) : 0;
        uint64_t key = file_hash ? parsed_key(*cache, "practice", f.relative, file_hash) : 0;
        records::Provenance source;
        if (key)
            if (auto p = cached_practice(*cache, key, md, source)) {
                if (auto html = cache->lookup(source.body_key, diags))
                    return LoadedPractice{std::move(*p), std::move(*html), source};
                p->body = reread_body(o.root, p->path, diags);  // a damaged entry
                return render(*p, source);
            }
        source = {};
        auto text = fs::read_text(f, diags);
        if (!text) return std::nullopt;
        size_t reported = diags.count_for(f.relative);
        auto p =
            records::load_practice(*text, records::Origin{stem_of(f.relative), f.relative}, diags);
        if (!p) return std::nullopt;
        // The body is the end of the file: what comes before it is the front matter.
        source.content_hash = text::hash64(*text);
        source.front_matter_hash =
            text::hash64(std::string_view(*text).substr(0, text->size() - p->body.size()));
        release(*text);
        if (cache) {
            uint64_t body_hash = text::hash64(p->body);
            source.body_key = cache->key_of_hash(body_hash, p->path, p->body_line, md);
            if (key && diags.count_for(f.relative) == reported) {
                std::string entry;
                fs::put_u64(entry, body_hash);
                fs::put_u64(entry, source.content_hash);
                fs::put_u64(entry, source.front_matter_hash);
                entry += records::encode_practice(*p);
                cache->add_entry(key, std::move(entry));
            }
        }
        return render(*p, source);
    };
    return load_file_slots<LoadedPractice>(o, "content/practices", ".md", load_file, diags);
}

// A theme that is neither built in nor in themes/ is a typo in config.toml more often than a
// missing folder.
void check_theme(const std::string& root, const config::SiteConfig& config,
                 diag::Diagnostics& diags) {
    namespace bfs = boost::filesystem;
    if (config.theme == theme::kBuiltinThemeName) return;  // themes/default/ only overrides it
    boost::system::error_code ec;
    bfs::path themes = bfs::path(root) / "themes";
    if (bfs::is_directory(themes / config.theme, ec)) return;
    std::vector<std::string> names{std::string(theme::kBuiltinThemeName)};
    for (bfs::directory_iterator it(themes, ec), end; !ec && it != end; it.increment(ec))
        if (bfs::is_directory(it->path(), ec)) names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    diag::SourceLoc loc =
        config.theme_loc.path.empty() ? diag::SourceLoc{"config.toml", 0, 0} : config.theme_loc;
    diags.error(loc, diag::tr("theme '{}' not found in themes/{}; themes: {}", config.theme,
                              diag::did_you_mean(config.theme, names), list));
}

// Folders under content/ and data/ that nastavnik does not know would be silently skipped.
void report_unknown_folders(const std::string& root, diag::Diagnostics& diags) {
    namespace bfs = boost::filesystem;
    const std::map<std::string, std::vector<std::string>> known = {
        {"content", {"practices", "events", "pages"}},
        {"data",
         {"schools", "mentorships", "associations", "plans", "competitions", "reserve",
          "transitions"}}};
    for (const auto& [top, names] : known) {
        boost::system::error_code ec;
        if (fs::leaves_site(root, top)) continue;
        for (bfs::directory_iterator it(bfs::path(root) / top, ec), end; !ec && it != end;
             it.increment(ec)) {
            std::string name = it->path().filename().string();
            if (name.empty() || name[0] == '.') continue;
            if (std::find(names.begin(), names.end(), name) != names.end()) continue;
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n + "/";
            std::string hint = diag::did_you_mean(name, names);
            diags.warning({top + "/" + name, 0, 0},
                          bfs::is_directory(it->path(), ec)
                              ? diag::tr("folder ignored: {}/ holds {}{}", top, list, hint)
                              : diag::tr("file ignored: {}/ holds {}{}", top, list, hint));
        }
    }
}

config::SiteConfig load_config(const std::string& root, diag::Diagnostics& diags) {
    fs::SiteFile file{(boost::filesystem::path(root) / "config.toml").string(), "config.toml"};
    config::SiteConfig config;
    if (!boost::filesystem::exists(file.absolute)) {
        config = config::parse_config("", "config.toml", diags);
    } else if (fs::leaves_site(root, file.relative)) {
        diags.error({file.relative, 0, 0},
                    diag::tr("symbolic link points outside the site; it is not followed"));
        config = config::parse_config("", "config.toml", diags);
    } else {
        auto text = fs::read_text(file, diags);
        config = config::parse_config(text.value_or(""), file.relative, diags);
    }
    check_theme(root, config, diags);
    return config;
}

std::string path_of_url(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return url.empty() || url[0] != '/' ? "/" + url : url;
    auto slash = url.find('/', scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
}

Date latest_record_date(const Site& s) {
    Date latest{2000, 1, 1};
    for (const auto& p : s.practices) latest = std::max(latest, p.date);
    for (const auto& e : s.events) latest = std::max(latest, e.date.date);
    for (const auto& m : s.mentorships) latest = std::max(latest, m.start);
    return latest;
}

void render_markdown(Site& s, unsigned jobs, markdown::RenderCache* cache,
                     diag::Diagnostics& diags) {
    markdown::Options opts{s.base_path};
    auto render = [&](const std::string& text, const std::string& path, int line) {
        return render_text(cache, 0, text, path, line, diags, opts);
    };
    s.event_html.resize(s.events.size());
    s.page_html.resize(s.pages.size());
    s.school_offer_html.resize(s.schools.size());
    size_t total = s.events.size() + s.pages.size() + s.schools.size();
    fs::parallel_for(total, jobs, [&](size_t i) {
        if (i < s.events.size()) {
            auto& e = s.events[i];
            s.event_html[i] = render(e.body, e.path, e.body_line);
            release(e.body);
            return;
        }
        i -= s.events.size();
        if (i < s.pages.size()) {
            auto& p = s.pages[i];
            s.page_html[i] = render(p.body, p.path, p.body_line);
            release(p.body);
            return;
        }
        i -= s.pages.size();
        const auto& school = s.schools[i];
        if (!school.offer.empty())
            s.school_offer_html[i] = markdown::render_fragment(school.offer, school.path,
                                                               school.offer_line, diags, opts);
    });
}

// Moves the drafts of one kind out of `records`, keeping the vectors aligned with it (rendered
// Markdown, provenance) in step; records each one's id and URL in `drafts`.
template <typename Record, typename... Aligned>
void take_out_drafts(std::vector<Record>& records, Drafts& drafts, std::set<std::string>* ids,
                     const std::string& section, std::vector<Aligned>&... aligned) {
    size_t kept = 0;
    for (size_t i = 0; i < records.size(); ++i) {
        if (records[i].draft) {
            if (ids) ids->insert(records[i].id);
            drafts.urls.insert("/" + section + (section.empty() ? "" : "/") + records[i].id + "/");
            ++drafts.count;
            continue;
        }
        if (kept != i) {
            records[kept] = std::move(records[i]);
            ((aligned[kept] = std::move(aligned[i])), ...);
        }
        ++kept;
    }
    records.erase(records.begin() + static_cast<long>(kept), records.end());
    (aligned.erase(aligned.begin() + static_cast<long>(kept), aligned.end()), ...);
}

// `draft = true` records are not part of a site that does not show drafts: every list, count,
// feed, index and export is made without them. Their own files were still checked.
void leave_out_drafts(Site& s) {
    Drafts& d = s.drafts;
    take_out_drafts(s.schools, d, &d.schools, "schools", s.school_offer_html);
    take_out_drafts(s.mentorships, d, &d.mentorships, "mentorships");
    take_out_drafts(s.associations, d, &d.associations, "associations");
    take_out_drafts(s.plans, d, nullptr, "plans");
    take_out_drafts(s.competitions, d, nullptr, "competitions");
    take_out_drafts(s.reserve, d, nullptr, "reserve");
    take_out_drafts(s.transitions, d, nullptr, "transitions");
    take_out_drafts(s.practices, d, nullptr, "practices", s.practice_html, s.practice_sources);
    take_out_drafts(s.events, d, nullptr, "events", s.event_html);
    take_out_drafts(s.pages, d, nullptr, "", s.page_html);
}

}  // namespace

Site load_site(const LoadOptions& o, diag::Diagnostics& diags) {
    Site s;
    s.root = o.root;
    diags.set_source_reader([root = o.root, overlay = o.overlay](const std::string& path) {
        diag::Diagnostics unused;  // a file that cannot be quoted is simply not quoted
        const std::string* text = nullptr;
        if (overlay)
            if (auto it = overlay->find(path); it != overlay->end()) text = &it->second;
        return fs::read_text({root + "/" + path, path, text}, unused);
    });
    s.config = load_config(o.root, diags);
    report_unknown_folders(o.root, diags);
    // The command line refuses a bad --base-url (exit 2); a caller that did not check it gets
    // an error rather than a site that loads its scripts from another host.
    if (o.base_url && !config::base_url_problem(*o.base_url).empty())
        diags.error({"--base-url", 0, 0},
                    diag::tr("the base URL {}", config::base_url_problem(*o.base_url)));
    else
        s.base_url = config::normalize_base_url(o.base_url.value_or(s.config.base_url));
    s.base_path = config::normalize_base_url(path_of_url(s.base_url));

    s.schools =
        load_all_cached<records::School>(o, "data/schools", ".toml", records::load_school,
                                         records::encode_school, records::decode_school, diags);
    s.mentorships = load_all<records::Mentorship>(o, "data/mentorships", ".toml",
                                                  records::load_mentorship, diags);
    s.associations = load_all<records::Association>(o, "data/associations", ".toml",
                                                    records::load_association, diags);
    s.plans = load_all<records::Plan>(o, "data/plans", ".toml", records::load_plan, diags);
    s.competitions = load_all<records::Competition>(o, "data/competitions", ".toml",
                                                    records::load_competition, diags);
    s.reserve = load_all<records::ReserveEntry>(o, "data/reserve", ".toml",
                                                records::load_reserve_entry, diags);
    s.transitions = load_all<records::Transition>(o, "data/transitions", ".toml",
                                                  records::load_transition, diags);
    auto practices = load_practices(o, s.base_path, diags);
    s.events = load_all_cached<records::Event>(o, "content/events", ".md", records::load_event,
                                               records::encode_event, records::decode_event, diags);
    s.pages = load_all<records::Page>(o, "content/pages", ".md", records::load_page, diags);

    // Newest first, moved from their slots straight into the site: at 100,000 practices each
    // vector of them in between was 55 MB of fresh memory.
    std::vector<size_t> order;
    order.reserve(practices.size());
    for (size_t i = 0; i < practices.size(); ++i)
        if (practices[i]) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const records::Practice &x = practices[a]->practice, &y = practices[b]->practice;
        return std::tie(y.date, x.id) < std::tie(x.date, y.id);
    });
    s.practices.reserve(order.size());
    s.practice_html.reserve(order.size());
    s.practice_sources.reserve(order.size());
    for (size_t i : order) {
        s.practices.push_back(std::move(practices[i]->practice));
        s.practice_html.push_back(std::move(practices[i]->html));
        s.practice_sources.push_back(practices[i]->source);
    }
    practices = {};
    // Schools in the order readers look for them: by municipality, then by name, numbers
    // compared as numbers (text::russian_less). Every list of schools follows it.
    sort_records(s.schools, [](const records::School& a, const records::School& b) {
        if (a.municipality != b.municipality)
            return text::russian_less(a.municipality, b.municipality);
        if (a.display_name() != b.display_name())
            return text::russian_less(a.display_name(), b.display_name());
        return a.id < b.id;
    });
    sort_records(s.events, [](const auto& a, const auto& b) {
        return std::tie(a.date, a.id) < std::tie(b.date, b.id);
    });
    // Transitions in the order they were defended (not yet defended last), then by title.
    sort_records(s.transitions, [](const records::Transition& a, const records::Transition& b) {
        Date never{9999, 12, 31};
        if (a.defended.value_or(never) != b.defended.value_or(never))
            return a.defended.value_or(never) < b.defended.value_or(never);
        if (a.title != b.title) return text::russian_less(a.title, b.title);
        return a.id < b.id;
    });
    render_markdown(s, o.jobs, o.markdown_cache, diags);
    if (!o.drafts) leave_out_drafts(s);
    s.as_of = s.config.as_of    ? *s.config.as_of
              : o.default_as_of ? *o.default_as_of
                                : latest_record_date(s);
    s.index();
    check_references(s, diags);
    s.routes = Routes::build(s, diags);
    return s;
}

namespace {

/// What a reference names: each kind has messages of its own (Russian nouns have genders).
enum class Ref {
    school,
    mentorship,
    association,
    risk_factor,
    direction,
    pair_direction,
    association_direction,
    form,
    event_kind,
    application
};

std::string unknown_message(Ref what, const std::string& value, const std::string& hint) {
    switch (what) {
        case Ref::school:
        case Ref::application:
            return diag::tr("unknown school '{}'{}", value, hint);
        case Ref::mentorship:
            return diag::tr("unknown mentorship '{}'{}", value, hint);
        case Ref::association:
            return diag::tr("unknown association '{}'{}", value, hint);
        case Ref::risk_factor:
            return diag::tr("unknown risk factor '{}'{}", value, hint);
        case Ref::direction:
            return diag::tr("unknown direction '{}'{}", value, hint);
        case Ref::pair_direction:
            return diag::tr("unknown pair direction '{}'{}", value, hint);
        case Ref::association_direction:
            return diag::tr("unknown association direction '{}'{}", value, hint);
        case Ref::form:
            return diag::tr("unknown form '{}'{}", value, hint);
        case Ref::event_kind:
            return diag::tr("unknown event kind '{}'{}", value, hint);
    }
    return {};
}

std::string twice_message(Ref what, const std::string& value, int first_line) {
    switch (what) {
        case Ref::application:
            return diag::tr("application of school '{}' is listed twice (first at line {})", value,
                            first_line);
        case Ref::school:
            return diag::tr("school '{}' is listed twice (first at line {})", value, first_line);
        case Ref::direction:
        case Ref::pair_direction:
        case Ref::association_direction:
            return diag::tr("direction '{}' is listed twice (first at line {})", value, first_line);
        case Ref::form:
            return diag::tr("form '{}' is listed twice (first at line {})", value, first_line);
        case Ref::risk_factor:
            return diag::tr("risk factor '{}' is listed twice (first at line {})", value,
                            first_line);
        default:
            return diag::tr("'{}' is listed twice (first at line {})", value, first_line);
    }
}

/// A name as editors vary it: case, spaces and «№» do not count ("СОШ № 18" = "сош №18").
std::string name_key(const std::string& name) {
    std::string folded = text::fold_case(name), out;
    for (size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 3, "№") == 0) {  // «№»
            i += 2;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(folded[i])) || folded[i] == '"') continue;
        out += folded[i];
    }
    return out;
}

class RefChecker {
  public:
    RefChecker(const Site& s, diag::Diagnostics& d) : drafts_(s.drafts), diags_(d) {
        for (const auto& x : s.schools) {
            schools_.push_back(x.id);
            for (const std::string* name : {&x.name, &x.short_name})
                if (!name_key(*name).empty()) school_names_.emplace(name_key(*name), x.id);
        }
        for (const auto& x : s.mentorships) mentorships_.push_back(x.id);
        for (const auto& x : s.associations) associations_.push_back(x.id);
        for (auto* ids : {&schools_, &mentorships_, &associations_})
            std::sort(ids->begin(), ids->end());
    }

    void school(const Located& ref, Ref what = Ref::school) {
        if (ref.value.empty() || std::binary_search(schools_.begin(), schools_.end(), ref.value) ||
            broken(ref.value, "data/schools/") || draft(ref, drafts_.schools, what))
            return;
        // The school's name written for its id is the common slip: name the id it means.
        auto named = school_names_.find(name_key(ref.value));
        diags_.error(ref.loc, unknown_message(what, ref.value,
                                              named != school_names_.end()
                                                  ? diag::tr(" (is this the name of school '{}'? "
                                                             "write its id)",
                                                             named->second)
                                                  : diag::did_you_mean(ref.value, schools_)));
    }
    void schools(const std::vector<Located>& refs) {
        for (const auto& r : refs) school(r);
        duplicates(refs, Ref::school);
    }
    void mentorship(const Located& ref) {
        if (!broken(ref.value, "data/mentorships/"))
            check(ref, mentorships_, drafts_.mentorships, Ref::mentorship);
    }
    void association(const Located& ref) {
        if (!broken(ref.value, "data/associations/"))
            check(ref, associations_, drafts_.associations, Ref::association);
    }
    void codes(const std::vector<Located>& refs, const config::Vocabulary& vocab, Ref what) {
        for (const auto& r : refs) code(r, vocab, what);
        duplicates(refs, what);
    }
    /// The same id twice in one list is a copy-paste slip (and would be counted twice).
    void duplicates(const std::vector<Located>& refs, Ref what) {
        for (size_t i = 1; i < refs.size(); ++i)
            for (size_t j = 0; j < i; ++j)
                if (refs[i].value == refs[j].value) {
                    diags_.error(refs[i].loc, twice_message(what, refs[i].value, refs[j].loc.line));
                    break;
                }
    }
    void code(const Located& ref, const config::Vocabulary& vocab, Ref what) {
        if (vocab.contains(ref.value)) return;
        std::string valid;
        for (const auto& c : vocab.codes()) valid += (valid.empty() ? "" : ", ") + c;
        // The label shown on the site («Воспитательная деятельность») written for its code.
        std::string hint;
        for (const auto& [code, label] : vocab.entries())
            if (name_key(label) == name_key(ref.value)) {
                hint = diag::tr(" (this is the label of '{}': write the code)", code);
                break;
            }
        if (hint.empty()) hint = diag::did_you_mean(ref.value, vocab.codes());
        diags_.error(ref.loc,
                     unknown_message(what, ref.value, hint) + diag::tr("; valid codes: {}", valid));
    }

  private:
    /// A record whose file did not load (a TOML syntax error) exists all the same: its error is
    /// reported, and a reference to it is not reported again as unknown.
    bool broken(const std::string& id, const char* dir) const {
        return diags_.count_for(dir + id + ".toml") > 0;
    }
    /// A published record naming a draft would show a record (or a count) the site does not
    /// have: an error that says so.
    bool draft(const Located& ref, const std::set<std::string>& drafts, Ref what) {
        if (!drafts.count(ref.value)) return false;
        std::string kind = what == Ref::mentorship    ? diag::tr("mentorship")
                           : what == Ref::association ? diag::tr("association")
                                                      : diag::tr("school");
        diags_.error(ref.loc, diag::tr("{} '{}' is a draft (draft = true) and is not published: "
                                       "publish it (remove 'draft') or make this record a draft "
                                       "too",
                                       kind, ref.value));
        return true;
    }
    void check(const Located& ref, const std::vector<std::string>& ids,
               const std::set<std::string>& drafts, Ref what) {
        if (ref.value.empty() || std::binary_search(ids.begin(), ids.end(), ref.value)) return;
        if (draft(ref, drafts, what)) return;
        diags_.error(ref.loc, unknown_message(what, ref.value, diag::did_you_mean(ref.value, ids)));
    }

    const Drafts& drafts_;
    diag::Diagnostics& diags_;
    std::vector<std::string> schools_, mentorships_, associations_;
    std::map<std::string, std::string> school_names_;  ///< name_key of a name or short name: id
};

// A free page lives at /ID/, beside the sections and the theme's static folders.
void check_page_ids(const std::vector<records::Page>& pages, diag::Diagnostics& diags) {
    static const std::vector<std::string> kTaken = {"api",
                                                    "associations",
                                                    "competitions",
                                                    "css",
                                                    "directions",
                                                    "events",
                                                    "feed.xml",
                                                    "fonts",
                                                    "forms",
                                                    "images",
                                                    "img",
                                                    "js",
                                                    "mentors",
                                                    "mentorships",
                                                    "plans",
                                                    "practices",
                                                    "reports",
                                                    "reserve",
                                                    "schools",
                                                    "transitions",
                                                    "pair-directions",
                                                    "association-directions",
                                                    "search",
                                                    "static",
                                                    "tags",
                                                    "404"};
    for (const auto& p : pages)
        if (std::find(kTaken.begin(), kTaken.end(), p.id) != kTaken.end())
            diags.error(p.loc,
                        diag::tr("page id '{0}' is taken by the site's own /{0}/ section: rename "
                                 "the file",
                                 p.id));
}

}  // namespace

void check_references(const Site& s, diag::Diagnostics& diags) {
    RefChecker c(s, diags);
    const auto& cfg = s.config;
    for (const auto& school : s.schools)
        for (const auto& y : school.years)
            c.codes(y.risk_factors, cfg.risk_factors, Ref::risk_factor);
    for (const auto& m : s.mentorships) {
        c.schools(m.mentors);
        c.schools(m.mentees);
        // Network pairs work in the directions of seed 000, the others in those of seed 003.
        c.codes(m.directions, cfg.directions_of(m.format),
                m.format == "pair" ? Ref::pair_direction : Ref::direction);
        c.codes(m.forms, cfg.forms, Ref::form);
        for (const auto& e : m.events)
            if (e.form) c.code(*e.form, cfg.forms, Ref::form);
        for (const auto& mentor : m.mentors)
            for (const auto& mentee : m.mentees)
                if (mentor.value == mentee.value)
                    diags.error(mentee.loc,
                                diag::tr("school '{}' is both mentor and mentee", mentee.value));
    }
    for (const auto& a : s.associations) {
        if (a.head) c.school(*a.head);
        c.schools(a.members);
        c.codes(a.directions, cfg.association_directions, Ref::association_direction);
    }
    for (const auto& p : s.plans)
        if (p.owner) c.school(*p.owner);
    for (const auto& comp : s.competitions) {
        std::vector<Located> applicants;
        for (const auto& app : comp.applications) {
            c.school(app.school);
            applicants.push_back(app.school);
        }
        c.duplicates(applicants, Ref::application);
    }
    check_page_ids(s.pages, diags);
    for (const auto& r : s.reserve) c.school(r.school);
    for (const auto& t : s.transitions) {
        c.school(t.school);
        c.schools(t.mentors);
        c.codes(t.deficits, cfg.risk_factors, Ref::risk_factor);
        for (const auto& mentor : t.mentors)
            if (mentor.value == t.school.value)
                diags.error(mentor.loc,
                            diag::tr("school '{}' is both mentor and mentee", mentor.value));
    }
    for (const auto& p : s.practices) {
        c.schools(p.schools);
        c.codes(p.directions, cfg.directions, Ref::direction);
        c.codes(p.forms, cfg.forms, Ref::form);
    }
    for (const auto& e : s.events) {
        c.code(e.kind, cfg.event_kinds, Ref::event_kind);
        if (e.organizer) c.school(*e.organizer);
        c.schools(e.participants);
        if (e.mentorship) c.mentorship(*e.mentorship);
        if (e.association) c.association(*e.association);
        if (!e.agenda.empty() && e.kind.value != "meeting")
            diags.warning(e.kind.loc, diag::tr("minutes ([[agenda]]) are kept for events of kind "
                                               "'meeting'; this is '{}'",
                                               e.kind.value));
    }
}

namespace {

template <typename Vec>
void drop_internal(Vec& v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](const auto& x) { return x.internal; }), v.end());
}

// Markdown outputs are kept in step with the records they belong to. Compacted in place: a
// public site usually drops nothing, and then nothing moves.
template <typename Record, typename Html>
void drop_internal_pages(std::vector<Record>& records, std::vector<Html>& html,
                         std::vector<records::Provenance>* sources = nullptr) {
    size_t kept = 0;
    for (size_t i = 0; i < records.size(); ++i) {
        if (records[i].internal) continue;
        if (kept != i) {
            records[kept] = std::move(records[i]);
            html[kept] = std::move(html[i]);
            if (sources) (*sources)[kept] = (*sources)[i];
        }
        ++kept;
    }
    records.erase(records.begin() + static_cast<long>(kept), records.end());
    html.erase(html.begin() + static_cast<long>(kept), html.end());
    if (sources) sources->resize(kept);
}

/// Ids of the records the audience keeps, to cut references to the ones it does not.
struct VisibleIds {
    std::set<std::string> schools, mentorships, associations;

    explicit VisibleIds(const Site& s) {
        for (const auto& x : s.schools) schools.insert(x.id);
        for (const auto& x : s.mentorships) mentorships.insert(x.id);
        for (const auto& x : s.associations) associations.insert(x.id);
    }
    static void keep(std::vector<Located>& refs, const std::set<std::string>& ids) {
        refs.erase(std::remove_if(refs.begin(), refs.end(),
                                  [&](const Located& r) { return !ids.count(r.value); }),
                   refs.end());
    }
    static void keep(std::optional<Located>& ref, const std::set<std::string>& ids) {
        if (ref && !ids.count(ref->value)) ref.reset();
    }
};

// A public record that names an internal one must not carry its id (or, through it, its
// name) into the public output: the reference is cut as if it had never been written.
void drop_hidden_references(Site& s) {
    VisibleIds v(s);
    for (auto& m : s.mentorships) {
        VisibleIds::keep(m.mentors, v.schools);
        VisibleIds::keep(m.mentees, v.schools);
    }
    for (auto& a : s.associations) {
        VisibleIds::keep(a.head, v.schools);
        VisibleIds::keep(a.members, v.schools);
    }
    for (auto& p : s.plans) VisibleIds::keep(p.owner, v.schools);
    // A transition is the ШНОР's own: without its school it is not shown at all.
    s.transitions.erase(std::remove_if(s.transitions.begin(), s.transitions.end(),
                                       [&](const records::Transition& t) {
                                           return !v.schools.count(t.school.value);
                                       }),
                        s.transitions.end());
    for (auto& t : s.transitions) VisibleIds::keep(t.mentors, v.schools);
    for (auto& c : s.competitions)
        c.applications.erase(std::remove_if(c.applications.begin(), c.applications.end(),
                                            [&](const records::Application& app) {
                                                return !v.schools.count(app.school.value);
                                            }),
                             c.applications.end());
    for (auto& p : s.practices) VisibleIds::keep(p.schools, v.schools);
    for (auto& e : s.events) {
        VisibleIds::keep(e.organizer, v.schools);
        VisibleIds::keep(e.participants, v.schools);
        VisibleIds::keep(e.mentorship, v.mentorships);
        VisibleIds::keep(e.association, v.associations);
    }
}

}  // namespace

void apply_audience(Site& s, Audience audience) {
    s.audience = audience;
    if (audience == Audience::internal_site) {
        s.index();
        return;
    }
    s.reserve.clear();
    s.school_offer_html.resize(s.schools.size());
    drop_internal_pages(s.schools, s.school_offer_html);
    drop_internal(s.mentorships);
    drop_internal(s.associations);
    drop_internal(s.plans);
    drop_internal(s.competitions);
    drop_internal(s.transitions);
    drop_internal_pages(s.practices, s.practice_html, &s.practice_sources);
    drop_internal_pages(s.events, s.event_html);
    drop_internal_pages(s.pages, s.page_html);
    for (auto& x : s.schools) x.internal_fields.clear();
    for (auto& m : s.mentorships) {
        m.internal_fields.clear();
        m.feedback.clear();
        drop_internal(m.goals);
        drop_internal(m.events);
    }
    for (auto& x : s.associations) x.internal_fields.clear();
    for (auto& x : s.transitions) x.internal_fields.clear();
    for (auto& p : s.plans) {
        p.internal_fields.clear();
        drop_internal(p.items);
    }
    for (auto& c : s.competitions) {
        c.internal_fields.clear();
        drop_internal(c.applications);
    }
    for (auto& x : s.practices) {
        x.internal_fields.clear();
        drop_internal(x.results);
    }
    for (auto& x : s.events) {
        x.internal_fields.clear();
        drop_internal(x.agenda);
    }
    for (auto& x : s.pages) x.internal_fields.clear();
    drop_hidden_references(s);
    s.index();
    s.routes.narrow_to_public(s);
}

}  // namespace nk::model
