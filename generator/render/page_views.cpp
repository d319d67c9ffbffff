#include "render/page_views.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>

#include "analytics/programme_progress.h"
#include "analytics/site_figures.h"
#include "fs/text.h"
#include "render/programme_views.h"

namespace nk::render {

namespace {

json headings_toc(const markdown::Rendered& r) {
    json toc = json::array();
    for (const auto& h : r.headings)
        if (h.level == 2) toc.push_back({{"text", h.text}, {"anchor", h.anchor}});
    return toc;
}

json results_table(const std::vector<records::Result>& results) {
    json out = json::array();
    for (const auto& r : results) {
        std::string change;
        if (r.before && r.after) change = change_with_unit(*r.after - *r.before, r.unit);
        out.push_back({{"indicator", r.indicator},
                       {"before", with_unit(r.before, r.unit)},
                       {"after", with_unit(r.after, r.unit)},
                       {"change", change}});
    }
    return out;
}

// Related practices share directions, forms and tags; the most shared first, then newest.
json related_practices(const ViewContext& ctx, size_t index) {
    json out = json::array();
    for (size_t i : ctx.cache->related_practices(ctx.site, index, 4))
        out.push_back(practice_list_item(ctx, i));
    return out;
}

}  // namespace

json home_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    analytics::SiteFigures f = analytics::site_figures(s, ctx.analytics);
    json latest = json::array();
    for (size_t i = 0; i < s.practices.size() && i < 6; ++i)
        latest.push_back(practice_list_item(ctx, i));
    json upcoming = json::array();
    for (size_t i = 0; i < s.events.size() && upcoming.size() < 5; ++i)
        if (s.events[i].date.date >= s.as_of) upcoming.push_back(event_item(ctx, i));
    auto tile = [](long value, const char* one, const char* few, const char* many,
                   const std::string& url) {
        return json{{"value", group_digits(value)},
                    {"label", plural_word(value, one, few, many)},
                    {"url", url}};
    };
    long mentors = static_cast<long>(f.mentor_schools.size());
    json figures = json::array(
        {tile(f.practices, "лучшая практика", "лучшие практики", "лучших практик",
              s.url("practices")),
         tile(f.schools, "школа или организация", "школы и организации", "школ и организаций",
              s.url("schools")),
         tile(mentors, "школа-наставник", "школы-наставника", "школ-наставников", s.url("mentors")),
         {{"value", group_digits(f.shnor)},
          {"label", "ШНОР в " +
                        (f.shnor_year ? school_year_label(f.shnor_year) : std::string("—")) +
                        " уч. г."},
          {"url", s.url("schools")}},
         tile(f.active_programmes, "действующая программа наставничества",
              "действующие программы наставничества", "действующих программ наставничества",
              s.url("mentorships")),
         tile(f.events, "мероприятие в календаре", "мероприятия в календаре",
              "мероприятий в календаре", s.url("events"))});
    json page = {{"figures", figures},
                 {"figures_url", s.url("figures")},
                 {"latest", latest},
                 {"upcoming", upcoming},
                 {"has_upcoming", !upcoming.empty()}};
    return merge(page_frame(ctx, s.config.title, s.url(""), "home"), std::move(page));
}

json figures_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    analytics::SiteFigures f = analytics::site_figures(s, ctx.analytics);
    std::string year = f.shnor_year ? school_year_label(f.shnor_year) + " уч. г." : "—";
    json items = json::array();
    auto add = [&](const char* id, const char* title, std::string value, const char* definition) {
        items.push_back(
            {{"id", id}, {"title", title}, {"value", value}, {"definition", definition}});
    };
    add("practices", "Лучшие практики", group_digits(f.practices),
        "Все опубликованные практики каталога.");
    add("schools", "Школы и организации", group_digits(f.schools),
        "Все школы и организации, о которых есть запись на сайте, в том числе без показателей.");
    add("mentor-schools", "Школы-наставники",
        group_digits(static_cast<long>(f.mentor_schools.size())),
        "Школы справочника «Школа-наставник»: школа носит звание «Школа-наставник», описала, "
        "какую поддержку предлагает, или выступает наставником хотя бы в одной программе.");
    add("shnor", "ШНОР", group_digits(f.shnor) + " в " + year,
        "Школы, отмеченные как школы с низкими образовательными результатами в последнем "
        "учебном году, за который есть показатели.");
    add("active-programmes", "Действующие программы наставничества",
        group_digits(f.active_programmes),
        "Программы, которые на дату данных уже начались и ещё не закончились (с учётом "
        "продления) и не завершены досрочно.");
    add("events", "Мероприятия в календаре", group_digits(f.events),
        "Все мероприятия календаря; из них прошедших (до даты данных) — столько, сколько указано "
        "в разделе «Прошедшие».");
    add("progress", "Выполнение программы или плана", "",
        "«Выполнено» — доля проведённых мероприятий (выполненных пунктов плана) среди тех, срок "
        "которых наступил: проведённые и просроченные. Отменённые не учитываются; мероприятие "
        "становится просроченным на следующий день после своей даты, пункт плана — после "
        "окончания срока. Рядом всегда указано, сколько проведено, отменено, просрочено и "
        "впереди. Так считают страница программы, карточки программ, дашборды школ и годовой "
        "отчёт (критерий К1).");
    add("left-lowest", "Покинули 1-й квартиль ИОР", "",
        "Школы, которые в предыдущем учебном году были в 1-м квартиле ИОР своей группы "
        "сравнения, а в следующем — выше него. Сравниваются только школы с ИОР в оба года. "
        "Так считают обзор школ и годовой отчёт.");
    add("to-effective", "Перешли в эффективные или резильентные", "",
        "Школы 1-го квартиля ИОР и ШНОР предыдущего года, которые из категории "
        "«Несправляющаяся» или «Неэффективная» перешли в «Эффективную» или «Резильентную».");
    json view = {{"items", items}, {"as_of", s.as_of.russian()}};
    return merge(page_frame(ctx, "Как считаются показатели", s.url("figures"), "home",
                            "Определения показателей, которые сайт показывает на нескольких "
                            "страницах."),
                 std::move(view));
}

std::string practice_list_url(const model::Site& site, int page, bool by_title) {
    std::string base = site.url("practices") + (by_title ? "by-title/" : "");
    return page == 1 ? base : base + "page/" + std::to_string(page) + "/";
}

namespace {

// The pager shows the first and last pages and two either side of the current one; a gap
// stands for the pages left out, so a catalogue of 1000 pages does not link 1000 pages each.
json pager_items(int page, int pages, const std::function<std::string(int)>& page_url) {
    json pager = json::array();
    for (int n = 1; n <= pages; ++n) {
        if (n == 1 || n == pages || std::abs(n - page) <= 2) {
            pager.push_back({{"number", n}, {"url", page_url(n)}, {"current", n == page}});
        } else if (!pager.empty() && !pager.back().value("gap", false)) {
            pager.push_back({{"gap", true}});
        }
    }
    return pager;
}

// The static facets: links to the term pages, with counts; tags: the 20 most used.
json catalogue_facets(const model::Site& s) {
    json facets = json::array();
    auto facet = [&](const std::string& kind, const std::string& label,
                     const config::Vocabulary& v) {
        json terms = json::array();
        for (const auto& [code, name] : v.entries()) {
            long n = std::count_if(s.practices.begin(), s.practices.end(), [&](const auto& p) {
                const auto& list = kind == "directions" ? p.directions : p.forms;
                return std::any_of(list.begin(), list.end(),
                                   [&](const auto& l) { return l.value == code; });
            });
            if (n > 0)
                terms.push_back(
                    {{"code", code}, {"label", name}, {"count", n}, {"url", s.url(kind, code)}});
        }
        facets.push_back({{"kind", kind}, {"label", label}, {"terms", terms}});
    };
    facet("directions", "Направления", s.config.directions);
    facet("forms", "Формы работы", s.config.forms);
    std::map<std::string, std::pair<std::string, long>> tags;  // slug → (label, count)
    for (const auto& p : s.practices)
        for (const auto& t : p.tags)
            if (std::string slug = s.tag_slug(t); !slug.empty()) {
                auto& entry = tags.try_emplace(slug, t, 0).first->second;
                ++entry.second;
            }
    std::vector<std::pair<long, std::string>> by_count;
    for (const auto& [slug, entry] : tags) by_count.emplace_back(-entry.second, slug);
    std::sort(by_count.begin(), by_count.end());
    json terms = json::array();
    for (size_t k = 0; k < by_count.size() && k < 20; ++k) {
        const auto& [label, n] = tags.at(by_count[k].second);
        terms.push_back({{"code", by_count[k].second},
                         {"label", label},
                         {"count", n},
                         {"url", s.url("tags", by_count[k].second)}});
    }
    if (!terms.empty())
        facets.push_back({{"kind", "tags"}, {"label", "Популярные теги"}, {"terms", terms}});
    return facets;
}

}  // namespace

json practice_list_view(const ViewContext& ctx, int page, int per_page, bool by_title) {
    const auto& s = ctx.site;
    int total = static_cast<int>(s.practices.size());
    int pages = std::max(1, (total + per_page - 1) / per_page);
    // Newest first is the model's order; the title order is computed once per site.
    const std::vector<size_t>* by_title_order =
        by_title ? &ctx.cache->practices_by_title(s) : nullptr;
    json cards = json::array();
    for (int i = (page - 1) * per_page; i < std::min(total, page * per_page); ++i) {
        auto k = static_cast<size_t>(i);
        cards.push_back(practice_list_item(ctx, by_title_order ? (*by_title_order)[k] : k));
    }
    auto page_url = [&](int n) { return practice_list_url(s, n, by_title); };
    json pager = pager_items(page, pages, page_url);
    json sorts = json::array({{{"label", "Сначала новые"},
                               {"url", practice_list_url(s, 1, false)},
                               {"current", !by_title}},
                              {{"label", "По названию"},
                               {"url", practice_list_url(s, 1, true)},
                               {"current", by_title}}});
    json view = {
        {"practices", std::move(cards)},
        {"total", plural(total, "практика", "практики", "практик")},
        {"pager", std::move(pager)},
        {"has_pager", pages > 1},
        {"prev", page > 1 ? json(page_url(page - 1)) : json(nullptr)},
        {"next", page < pages ? json(page_url(page + 1)) : json(nullptr)},
        {"page_number", page},
        {"page_count", pages},
        {"sorts", std::move(sorts)},
        {"sort", by_title ? "title" : "newest"},
        {"facets", ctx.cache->memo("catalogue_facets", [&s] { return catalogue_facets(s); })},
        {"index_url", s.url("") + "search/"}};
    std::string title = std::string("Лучшие практики") + (by_title ? " по названию" : "") +
                        (page == 1 ? "" : " — страница " + std::to_string(page));
    return merge(page_frame(ctx, title, page_url(page), "practices"), std::move(view));
}

json site_search_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    json view = {{"index_url", s.url("search")},
                 {"catalogue_url", s.url("practices")},
                 {"schools_url", s.url("schools")},
                 {"events_url", s.url("events")}};
    return merge(page_frame(ctx, "Поиск по сайту", s.url("search"), "search",
                            "Поиск практик, школ, мероприятий, программ наставничества, планов, "
                            "ассоциаций и конкурсов."),
                 std::move(view));
}

json practice_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& p = s.practices[index];
    const auto& html = s.practice_html[index];
    json view = practice_card(ctx, index);
    view["body"] = html.html.str();
    view["toc"] = headings_toc(html);
    view["has_toc"] = view["toc"].size() >= 3;
    view["video"] = p.video;
    view["results"] = results_table(p.results);
    view["has_results"] = !p.results.empty();
    view["related"] = related_practices(ctx, index);
    view["has_related"] = !view["related"].empty();
    view["internal_fields"] = internal_fields(ctx, p);
    view["og_article"] = true;          // a case write-up, og:type article
    if (p.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, p.title, s.url("practices", p.id), "practices", p.summary),
                 std::move(view));
}

std::string term_page_url(const model::Site& site, const std::string& kind, const std::string& code,
                          int page) {
    return site.url(kind, code) + (page == 1 ? "" : "page/" + std::to_string(page) + "/");
}

json term_view(const ViewContext& ctx, const std::string& kind, const std::string& code,
               const std::string& label, const std::vector<size_t>& practices, int page,
               int per_page) {
    int total = static_cast<int>(practices.size());
    if (per_page <= 0) per_page = std::max(1, total);
    int pages = std::max(1, (total + per_page - 1) / per_page);
    json cards = json::array();
    for (int i = (page - 1) * per_page; i < std::min(total, page * per_page); ++i)
        cards.push_back(practice_list_item(ctx, practices[static_cast<size_t>(i)]));
    static const std::map<std::string, std::string> kKinds = {
        {"directions", "Направление"}, {"forms", "Форма работы"}, {"tags", "Тег"}};
    static const std::map<std::string, std::string> kFeedLinks = {
        {"directions", "лента практик направления (Atom)"},
        {"forms", "лента практик этой формы работы (Atom)"},
        {"tags", "лента практик с этим тегом (Atom)"}};
    auto page_url = [&](int n) { return term_page_url(ctx.site, kind, code, n); };
    json view = {{"kind", kKinds.at(kind)},
                 {"label", label},
                 {"practices", std::move(cards)},
                 {"total", plural(total, "практика", "практики", "практик")},
                 {"feed", ctx.site.url(kind, code) + "feed.xml"},  // output/feeds.h
                 {"feed_title", ctx.site.config.title + " — " + label},
                 {"feed_link", kFeedLinks.at(kind)},
                 {"pager", pager_items(page, pages, page_url)},
                 {"has_pager", pages > 1},
                 {"prev", page > 1 ? json(page_url(page - 1)) : json(nullptr)},
                 {"next", page < pages ? json(page_url(page + 1)) : json(nullptr)}};
    std::string title =
        kKinds.at(kind) + ": " + label + (page == 1 ? "" : " — страница " + std::to_string(page));
    return merge(page_frame(ctx, title, page_url(page), "practices"), std::move(view));
}

json event_list_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    json upcoming = json::array();
    std::map<std::pair<int, int>, json> past_by_month, upcoming_by_month;
    for (size_t i = 0; i < s.events.size(); ++i) {
        const auto& d = s.events[i].date.date;
        if (d >= s.as_of) {
            upcoming.push_back(event_item(ctx, i));
            upcoming_by_month[{d.year, d.month}].push_back(event_item(ctx, i));
        } else {
            past_by_month[{-d.year, -d.month}].push_back(event_item(ctx, i));
        }
    }
    json months = json::array();
    for (auto& [key, items] : past_by_month) {
        std::reverse(items.begin(), items.end());
        months.push_back({{"label", month_title(-key.first, -key.second)}, {"events", items}});
    }
    json upcoming_months = json::array();
    for (auto& [key, items] : upcoming_by_month)
        upcoming_months.push_back(
            {{"label", month_title(key.first, key.second)}, {"events", items}});
    json view = {{"upcoming", upcoming},
                 {"has_upcoming", !upcoming.empty()},
                 {"months", months},
                 {"upcoming_months", upcoming_months},
                 {"as_of", s.as_of.russian()},
                 {"past_count", plural(static_cast<long>(s.events.size() - upcoming.size()),
                                       "мероприятие", "мероприятия", "мероприятий")},
                 {"ics", s.url("") + "events.ics"}};
    return merge(page_frame(ctx, "Мероприятия", s.url("events"), "events"), std::move(view));
}

json event_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const auto& e = s.events[index];
    json view = event_item(ctx, index);
    view["end"] = e.end ? e.end->russian() : "";
    view["body"] = s.event_html[index].html.str();
    view["organizer"] = e.organizer ? school_ref(ctx, e.organizer->value) : json(nullptr);
    view["participants"] = school_refs(ctx, e.participants);
    view["has_participants"] = !e.participants.empty();
    json agenda = json::array();
    int n = 0;
    for (const auto& a : e.agenda)
        agenda.push_back({{"number", ++n},
                          {"issue", a.issue},
                          {"decision", a.decision},
                          {"recommendation", a.recommendation}});
    view["agenda"] = agenda;
    if (e.mentorship)
        if (auto m = s.mentorship_index(e.mentorship->value))
            view["mentorship"] = {{"title", s.mentorships[*m].title},
                                  {"url", s.url("mentorships", e.mentorship->value)}};
    if (e.association)
        if (auto a = s.association_index(e.association->value))
            view["association"] = {{"title", s.associations[*a].name},
                                   {"url", s.url("associations", e.association->value)}};
    view["ics_url"] = s.url("events", e.id) + "event.ics";
    view["internal_fields"] = internal_fields(ctx, e);
    if (e.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, e.title, s.url("events", e.id), "events"), std::move(view));
}

json free_page_view(const ViewContext& ctx, size_t index) {
    const auto& p = ctx.site.pages[index];
    json view = {
        {"title", p.title}, {"summary", p.summary}, {"body", ctx.site.page_html[index].html.str()}};
    view["internal_fields"] = internal_fields(ctx, p);
    if (p.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, p.title, ctx.site.url(p.id), p.id, p.summary), std::move(view));
}

json not_found_view(const ViewContext& ctx) {
    json view = {{"practices", ctx.site.url("practices")}, {"schools", ctx.site.url("schools")}};
    return merge(page_frame(ctx, "Страница не найдена", ctx.site.url("") + "404.html", ""),
                 std::move(view));
}

json reserve_view(const ViewContext& ctx) {
    const auto& s = ctx.site;
    json rows = json::array();
    for (const auto& r : s.reserve) {
        std::string certificates, events, notes;
        for (const auto& c : r.certificates) certificates += (certificates.empty() ? "" : "; ") + c;
        for (const auto& e : r.events) events += (events.empty() ? "" : "; ") + e;
        for (const auto& [k, v] : r.internal_fields)
            notes += (notes.empty() ? "" : "; ") + k + ": " + v;
        rows.push_back(
            {{"full_name", r.full_name},
             {"school", school_ref(ctx, r.school.value)},
             {"position", r.position},
             {"experience", r.experience_years ? std::to_string(*r.experience_years) : "—"},
             {"training", (r.training_from ? r.training_from->iso() : "") + " — " +
                              (r.training_to ? r.training_to->iso() : "")},
             {"certificates", certificates},
             {"events", events},
             {"relocation", r.relocation_consent ? (*r.relocation_consent ? "да" : "нет") : "—"},
             {"contacts", r.contacts},
             {"notes", notes}});
    }
    json view = {{"rows", rows}, {"xlsx", s.url("reserve") + "reserve.xlsx"}};
    return merge(page_frame(ctx, "Кадровый управленческий резерв", s.url("reserve"), "reserve"),
                 std::move(view));
}

}  // namespace nk::render
