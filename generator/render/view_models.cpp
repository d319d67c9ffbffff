#include "render/view_models.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "analytics/programme_progress.h"
#include "render/template_engine.h"

namespace nk::render {

int ViewContext::latest_year() const {
    const auto& years = analytics.years();
    return years.empty() ? 0 : years.back();
}

std::string format_number(double v, int decimals) {
    // to_chars rounds exactly as printf("%.*f") does, several times faster: dashboards format
    // millions of values in a country-sized build.
    char buf[64];
    std::string s(buf,
                  std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals).ptr);
    // Rounding to zero must not print "-0,00".
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string format_optional(const std::optional<double>& v, int decimals) {
    return v ? format_number(*v, decimals) : "—";
}

namespace {

json menu(const ViewContext& ctx, const std::string& section) {
    const auto& s = ctx.site;
    std::vector<std::pair<std::string, std::string>> items = {
        {"practices", "Практики"},      {"schools", "Школы"},
        {"mentors", "Школа-наставник"}, {"mentorships", "Наставничество"},
        {"events", "Мероприятия"},      {"reports", "Отчёты"}};
    if (s.audience == model::Audience::internal_site)
        items.emplace_back("reserve", "Кадровый резерв");
    json out = json::array();
    for (const auto& [id, label] : items)
        out.push_back({{"label", label}, {"url", s.url(id)}, {"current", id == section}});
    std::vector<std::pair<long, size_t>> pages;
    for (size_t i = 0; i < s.pages.size(); ++i)
        if (s.pages[i].weight) pages.emplace_back(*s.pages[i].weight, i);
    std::sort(pages.begin(), pages.end());
    for (auto [w, i] : pages)
        out.push_back({{"label", s.pages[i].title},
                       {"url", s.url(s.pages[i].id)},
                       {"current", section == s.pages[i].id}});
    return out;
}

}  // namespace

namespace {

/// Text for <meta name="description"> and og:description: one line, at most about
/// kMetaChars characters, cut at a word with "…" (search engines show about that much).
/// Descriptions may be Markdown: emphasis and code marks are dropped.
std::string meta_description(const std::string& text) {
    constexpr size_t kMetaChars = 200;
    std::string line;
    size_t chars = 0, last_space = std::string::npos;
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '*' || c == '`') continue;
        bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (line.empty() || line.back() == ' ')) continue;
        if ((c & 0xC0) != 0x80 && chars++ == kMetaChars) {
            if (last_space != std::string::npos) line.resize(last_space);
            return line + "…";
        }
        if (space) last_space = line.size();
        line += space ? ' ' : text[i];
    }
    if (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

/// og:locale from the site's language: "ru" → "ru_RU".
std::string og_locale(const std::string& language) {
    if (language.empty() || language == "ru") return "ru_RU";
    std::string out = language;
    for (char& c : out)
        if (c == '-') c = '_';
    return out;
}

}  // namespace

json page_frame(const ViewContext& ctx, const std::string& title, const std::string& url,
                const std::string& section, const std::string& description) {
    const auto& s = ctx.site;
    bool internal = s.audience == model::Audience::internal_site;
    // The page's own summary, else the site's description, else its title: never empty.
    const std::string& about = !description.empty()            ? description
                               : !s.config.description.empty() ? s.config.description
                                                               : s.config.title;
    std::string canonical = s.absolute(url);
    return {{"site",
             {{"title", s.config.title},
              {"description", s.config.description},
              {"lang", s.config.language},
              {"base", s.base_path},
              {"home", s.base_path},
              {"feed", s.url("") + "feed.xml"},
              {"search_index", s.url("") + "search/"},
              {"as_of", s.as_of.russian()},
              {"internal", internal},
              {"menu", menu(ctx, section)}}},
            {"title", title},
            {"is_home", section == "home"},
            {"description", meta_description(about)},
            {"url", url},
            {"canonical", canonical},
            // og:url must be absolute: a base_url that is only a path gives none.
            {"og_url", canonical.rfind("http", 0) == 0 ? canonical : ""},
            {"og_locale", og_locale(s.config.language)}};
}

json school_ref(const ViewContext& ctx, const std::string& id) {
    const records::School* school = ctx.site.school(id);
    if (!school) return {{"id", id}, {"name", id}, {"url", ""}};
    return {{"id", id},
            {"name", school->display_name()},
            {"full_name", school->name},
            {"url", ctx.site.url("schools", id)}};
}

json school_refs(const ViewContext& ctx, const std::vector<records::Located>& ids) {
    json out = json::array();
    for (const auto& id : ids) out.push_back(school_ref(ctx, id.value));
    // Templates join the names with commas: {{^last}}, {{/last}}.
    for (size_t k = 0; k < out.size(); ++k) out[k]["last"] = k + 1 == out.size();
    return out;
}

json vocab_refs(const std::vector<records::Located>& codes, const config::Vocabulary& vocab,
                const std::string& url_prefix) {
    json out = json::array();
    for (const auto& c : codes) {
        json item = {{"code", c.value}, {"label", vocab.label(c.value)}};
        if (!url_prefix.empty()) item["url"] = url_prefix + c.value + "/";
        out.push_back(item);
    }
    for (size_t k = 0; k < out.size(); ++k) out[k]["last"] = k + 1 == out.size();
    return out;
}

json practice_card(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const records::Practice& p = s.practices[index];
    json tags = json::array();
    for (const auto& t : p.tags)
        tags.push_back({{"label", t}, {"url", s.url("tags", s.tag_slug(t))}});
    return {{"id", p.id},
            {"title", p.title},
            {"url", s.url("practices", p.id)},
            {"date", p.date.russian()},
            {"date_iso", p.date.iso()},
            {"summary", p.summary},
            {"schools", school_refs(ctx, p.schools)},
            {"directions", vocab_refs(p.directions, s.config.directions, s.url("directions"))},
            {"forms", vocab_refs(p.forms, s.config.forms, s.url("forms"))},
            {"tags", tags},
            {"draft", p.draft}};
}

json practice_list_item(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const records::Practice& p = s.practices[index];
    const std::string& card = ctx.cache->practice_card_html(index, s.practices.size(), [&] {
        const std::string partial = std::string("_") + kPracticeCardPartial;
        if (!ctx.templates || !ctx.templates->has(partial)) return std::string();
        json view = practice_card(ctx, index);
        view["site"] = ctx.cache->memo(
            "card_site", [&] { return page_frame(ctx, "", "", "practices")["site"]; });
        return ctx.templates->render(partial, view);
    });
    return {{"id", p.id}, {"title", p.title}, {"url", s.url("practices", p.id)}, {"card", card}};
}

json event_item(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const records::Event& e = s.events[index];
    return {{"id", e.id},
            {"title", e.title},
            {"url", s.url("events", e.id)},
            {"date", e.date.russian()},
            {"date_iso", e.date.iso()},
            {"day", e.date.date.day},
            {"month", russian_month(e.date.date.month, true)},
            {"kind", s.config.event_kinds.label(e.kind.value)},
            {"kind_code", e.kind.value},
            {"place", e.place},
            {"upcoming", e.date.date >= s.as_of},
            {"has_minutes", !e.agenda.empty()}};
}

json progress_view(const analytics::Progress& p, const char* of_one, const char* of_many,
                   const char* done_word) {
    std::string counts = std::to_string(p.done) + " " + done_word + ", " +
                         std::to_string(p.cancelled) + " отменено, " + std::to_string(p.overdue) +
                         " просрочено, " + std::to_string(p.ahead) + " впереди";
    std::optional<int> pct = p.percent_done();
    std::string summary =
        pct ? "Выполнено " + std::to_string(p.done) + " из " + group_digits(p.due()) +
                  std::string(kNbsp) + plural_word(p.due(), of_one, of_many, of_many) +
                  ", срок которых наступил (" + std::to_string(*pct) + std::string(kNbsp) + "%)"
            : std::string("Срок ещё не наступил ни для одного из ") + of_many;
    return {{"done", p.done},
            {"due", p.due()},
            {"total", p.total()},
            {"cancelled", p.cancelled},
            {"overdue", p.overdue},
            {"ahead", p.ahead},
            {"percent", pct.value_or(0)},
            {"has_percent", pct.has_value()},
            {"complete", pct && *pct == 100 && p.ahead == 0},
            {"summary", summary},
            {"counts", counts}};
}

json mentorship_item(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const records::Mentorship& m = s.mentorships[index];
    auto progress = analytics::programme_progress(m, s.as_of);
    std::string status = analytics::mentorship_status(m, s.as_of);
    static const std::map<std::string, std::string> kFormats = {
        {"pair", "Сетевая пара руководителей"},
        {"group", "Менторская группа"},
        {"patronage", "Шефство школы-наставника"}};
    return {{"id", m.id},
            {"title", m.title},
            {"url", s.url("mentorships", m.id)},
            {"format", kFormats.count(m.format) ? kFormats.at(m.format) : m.format},
            {"format_code", m.format},
            {"status", analytics::mentorship_status_label(status)},
            {"status_code", status},
            {"term", m.start.russian() + " — " + m.running_until().russian()},
            {"mentors", school_refs(ctx, m.mentors)},
            {"mentees", school_refs(ctx, m.mentees)},
            {"progress", progress_view(progress, "мероприятия", "мероприятий")}};
}

json merge(json frame, json page) {
    if (page.contains("internal_fields")) page["has_internal"] = !page["internal_fields"].empty();
    frame["page"] = std::move(page);
    return frame;
}

json internal_fields(const ViewContext& ctx, const records::RecordBase& record) {
    json out = json::array();
    if (ctx.site.audience != model::Audience::internal_site) return out;
    for (const auto& [k, v] : record.internal_fields) out.push_back({{"key", k}, {"value", v}});
    return out;
}

}  // namespace nk::render
