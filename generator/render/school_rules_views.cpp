#include "render/school_rules_views.h"

#include <algorithm>
#include <map>

#include "analytics/titles.h"

namespace nk::render {

namespace {

std::string label(int year) {
    return school_year_label(year) + " уч. г.";
}

/// Why the school is (or is not) in the green zone in year `sy.year`, in a sentence.
std::string green_text(const ViewContext& ctx, size_t index, const analytics::SchoolYear& sy) {
    const analytics::SchoolYear* before = ctx.analytics.get(index, sy.year - 1);
    if (sy.green_zone == "improved")
        return "ИОР " + format_number(*sy.ior) + " выше, чем в " + label(sy.year - 1) + " (" +
               format_number(*before->ior) + ")" +
               (sy.org_index ? "; индекс организации образовательного процесса тоже вырос" : "");
    if (sy.green_zone == "stable")
        return "ИОР не ниже среднего по группе в " + label(sy.year - 2) + ", " +
               school_year_label(sy.year - 1) + " и " + label(sy.year) +
               (sy.org_index ? "; индекс организации образовательного процесса тоже" : "");
    if (!sy.ior) return "нет ИОР за этот год";
    return "ИОР не выше, чем в предыдущем году, и хотя бы в одном из трёх последних лет ниже "
           "среднего по группе или не указан" +
           std::string(sy.org_index ? " (с индексом организации образовательного процесса "
                                      "условие должно выполняться для обоих показателей)"
                                    : "");
}

json green_view(const ViewContext& ctx, size_t index) {
    json years = json::array();
    const analytics::SchoolYear* latest = nullptr;
    for (const analytics::SchoolYear& sy : ctx.analytics.years_of(index)) {
        if (!sy.ior) continue;
        years.push_back({{"year", school_year_label(sy.year)},
                         {"in", sy.in_green_zone()},
                         {"text", green_text(ctx, index, sy)}});
        latest = &sy;
    }
    if (!latest) return nullptr;
    std::string summary = "В " + label(latest->year) + " школа " +
                          (latest->in_green_zone() ? "в зелёной зоне" : "вне зелёной зоны") + ": " +
                          green_text(ctx, index, *latest) + ".";
    return {{"rule", analytics::green_zone_rule()}, {"summary", summary}, {"years", years}};
}

std::string percent(double share) {
    return format_number(share * 100, 1) + " %";
}

/// How the `evening` zone was decided in the school's latest year with a group.
std::string evening_text(const ViewContext& ctx, size_t index) {
    const auto& years = ctx.analytics.years_of(index);
    for (auto it = years.rbegin(); it != years.rend(); ++it) {
        const records::YearIndicators* y = ctx.site.schools[index].year(it->year);
        if (!it->group || !it->ior || !it->group->evening_p75 || !y) continue;
        const analytics::GroupYear& g = *it->group;
        bool in = std::find(it->risk_zones.begin(), it->risk_zones.end(), "evening") !=
                  it->risk_zones.end();
        std::string own = y->evening_share ? percent(*y->evening_share) : "не указана";
        return "Зона риска «вечернее обучение» в " + label(it->year) + ": доля школы — " + own +
               ", P75 группы — " + percent(*g.evening_p75) + " (по " +
               plural(static_cast<long>(g.evening_reported), "школе", "школам", "школам") +
               ", указавшим долю, включая указавших 0). Школа в зоне, если её доля больше нуля " +
               "и не ниже P75; в этом году она " + (in ? "в зоне" : "не в зоне") + ".";
    }
    return "";
}

}  // namespace

json titles_of(const ViewContext& ctx, size_t index) {
    const json& all = ctx.cache->memo("school_titles", [&] {
        json out = json::array();
        for (const auto& titles : analytics::school_titles(ctx.site)) {
            json list = json::array();
            for (const analytics::SchoolTitle& t : titles) {
                json item = {{"title", t.title}, {"year", t.year}};
                if (t.competition) {
                    const records::Competition& c = ctx.site.competitions[*t.competition];
                    item["competition"] = c.title;
                    item["url"] = ctx.site.url("competitions", c.id);
                }
                list.push_back(item);
            }
            out.push_back(list);
        }
        return out;
    });
    return index < all.size() ? all[index] : json::array();
}

/// Deficit findings and targeted recommendations per school year, newest year first.
json support_findings(const ViewContext& ctx, size_t index) {
    static const std::map<std::string, std::string> kStatus = {
        {"issued", "выдана"}, {"in_progress", "выполняется"}, {"done", "выполнена"}};
    json out = json::array();
    const auto& years = ctx.site.schools[index].years;
    for (auto y = years.rbegin(); y != years.rend(); ++y) {
        if (y->deficits.empty() && y->recommendations.empty()) continue;
        json deficits = json::array(), recommendations = json::array();
        for (const auto& d : y->deficits)
            deficits.push_back({{"area", d.area}, {"finding", d.finding}, {"source", d.source}});
        for (const auto& r : y->recommendations)
            recommendations.push_back({{"text", r.text},
                                       {"by", r.by},
                                       {"date", r.date ? r.date->russian() : ""},
                                       {"status", kStatus.at(r.status)}});
        out.push_back({{"year", label(y->year)},
                       {"deficits", deficits},
                       {"recommendations", recommendations}});
    }
    return out;
}

json school_rules_view(const ViewContext& ctx, size_t index) {
    return {{"green", green_view(ctx, index)},
            {"evening", evening_text(ctx, index)},
            {"findings", support_findings(ctx, index)}};
}

}  // namespace nk::render
