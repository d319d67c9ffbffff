#include "output/json_api.h"

#include "analytics/programme_progress.h"
#include "output/json_text.h"
#include "render/school_rules_views.h"

namespace nk::output {

using render::json;

namespace {

json ids(const std::vector<records::Located>& list) {
    json out = json::array();
    for (const auto& l : list) out.push_back(l.value);
    return out;
}

json optional_number(const std::optional<double>& v) {
    return v ? json(*v) : json(nullptr);
}

std::string dump(const json& j) {
    return j.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

json year_json(const render::ViewContext& ctx, size_t school, const records::YearIndicators& y) {
    const analytics::SchoolYear* a = ctx.analytics.get(school, y.year);
    json zones = json::array();
    if (a) zones = a->risk_zones;
    json factors = json::array();
    for (const auto& f : y.risk_factors) factors.push_back(f.value);
    return {{"year", y.year},
            {"ior", optional_number(y.ior)},
            {"isbsh", optional_number(y.isbsh)},
            {"gia", optional_number(y.gia)},
            {"vpr", optional_number(y.vpr)},
            {"evening_share", optional_number(y.evening_share)},
            {"org_index", optional_number(y.org_index)},
            {"low_results", y.low_results},
            {"difficult_conditions", y.difficult_conditions},
            {"risk_factors", factors},
            {"quartile", a && a->quartile ? json(a->quartile) : json(nullptr)},
            {"category", a && !a->category.empty() ? json(a->category) : json(nullptr)},
            {"stably_high", a && a->stably_high},
            {"stably_low", a && a->stably_low},
            {"risk_zones", zones},
            {"green_zone", a && a->in_green_zone()}};
}

}  // namespace

std::string schools_json(const render::ViewContext& ctx) {
    const auto& s = ctx.site;
    json out = json::array();
    for (size_t i = 0; i < s.schools.size(); ++i) {
        const auto& school = s.schools[i];
        json years = json::array();
        for (const auto& y : school.years) years.push_back(year_json(ctx, i, y));
        json titles = json::array();  // typed and won in competitions, without page links
        for (const json& t : render::titles_of(ctx, i))
            titles.push_back({{"title", t["title"]}, {"year", t["year"]}});
        json item = {{"id", school.id},
                     {"name", school.name},
                     {"short_name", school.short_name},
                     {"municipality", school.municipality},
                     {"region", school.region},
                     {"kind", school.kind},
                     {"advanced", school.advanced},
                     {"website", school.website},
                     {"address", school.address},
                     {"students", school.students ? json(*school.students) : json(nullptr)},
                     {"titles", titles},
                     {"video", school.video},
                     {"url", s.absolute(s.url("schools", school.id))},
                     {"years", years}};
        out.push_back(item);
    }
    return dump(out);
}

// Written as text: at 100,000 practices the file is 116 MB, and building it as json values
// first took seconds of one thread at the end of a build. Members in nlohmann's (sorted) order;
// the layout is nlohmann's (json_text.h), which the unit test checks by a round trip.
std::string practices_json(const render::ViewContext& ctx) {
    const auto& s = ctx.site;
    std::string text;
    PrettyJsonWriter out(text);
    auto put_ids = [&out](const std::vector<records::Located>& list) {
        out.begin_array();
        for (const auto& l : list) out.string(l.value);
        out.end_array();
    };
    auto put_number = [&out](const std::optional<double>& v) { v ? out.number(*v) : out.null(); };
    out.begin_array();
    for (const auto& p : s.practices) {
        out.begin_object();
        out.member("date", p.date.iso());
        out.key("directions");
        put_ids(p.directions);
        out.key("forms");
        put_ids(p.forms);
        out.member("id", p.id);
        out.key("results");
        out.begin_array();
        for (const auto& r : p.results) {
            out.begin_object();
            out.key("after");
            put_number(r.after);
            out.key("before");
            put_number(r.before);
            out.member("indicator", r.indicator);
            out.member("unit", r.unit);
            out.end_object();
        }
        out.end_array();
        out.key("schools");
        put_ids(p.schools);
        out.member("summary", p.summary);
        out.key("tags");
        out.strings(p.tags);
        out.member("title", p.title);
        out.member("url", s.absolute(s.url("practices", p.id)));
        out.member("video", p.video);
        out.end_object();
    }
    out.end_array();
    text += '\n';
    return text;
}

std::string mentorships_json(const render::ViewContext& ctx) {
    const auto& s = ctx.site;
    json out = json::array();
    for (const auto& m : s.mentorships) {
        json goals = json::array();
        for (const auto& g : m.goals)
            goals.push_back({{"indicator", g.indicator},
                             {"unit", g.unit},
                             {"baseline", optional_number(g.baseline)},
                             {"target", optional_number(g.target)},
                             {"actual", optional_number(g.actual)}});
        json events = json::array();
        for (const auto& e : m.events)
            events.push_back({{"date", e.date.iso()},
                              {"title", e.title},
                              {"form", e.form ? e.form->value : ""},
                              {"status", e.status},
                              {"place", e.place},
                              {"responsible", e.responsible}});
        auto progress = analytics::programme_progress(m, s.as_of);
        json item = {
            {"id", m.id},
            {"title", m.title},
            {"format", m.format},
            {"mentors", ids(m.mentors)},
            {"mentees", ids(m.mentees)},
            {"directions", ids(m.directions)},
            {"forms", ids(m.forms)},
            {"start", m.start.iso()},
            {"end", m.end.iso()},
            {"extended_until", m.extended_until ? json(m.extended_until->iso()) : json(nullptr)},
            {"status", analytics::mentorship_status(m, s.as_of)},
            {"goals", goals},
            {"events", events},
            {"progress",
             {{"done", progress.done},
              {"planned", progress.planned()},
              {"cancelled", progress.cancelled},
              {"overdue", progress.overdue},
              {"due", progress.due()},
              {"percent_done",
               progress.percent_done() ? json(*progress.percent_done()) : json(nullptr)}}},
            {"url", s.absolute(s.url("mentorships", m.id))}};
        if (s.audience == model::Audience::internal_site) {
            json feedback = json::array();
            for (const auto& f : m.feedback)
                feedback.push_back({{"date", f.date.iso()},
                                    {"from", f.from},
                                    {"score", f.score},
                                    {"comment", f.comment}});
            item["feedback"] = feedback;
        }
        out.push_back(item);
    }
    return dump(out);
}

std::string events_json(const render::ViewContext& ctx) {
    const auto& s = ctx.site;
    json out = json::array();
    for (const auto& e : s.events) {
        json agenda = json::array();
        for (const auto& a : e.agenda)
            agenda.push_back({{"issue", a.issue},
                              {"decision", a.decision},
                              {"recommendation", a.recommendation}});
        out.push_back({{"id", e.id},
                       {"title", e.title},
                       {"date", e.date.iso()},
                       {"end", e.end ? json(e.end->iso()) : json(nullptr)},
                       {"kind", e.kind.value},
                       {"organizer", e.organizer ? json(e.organizer->value) : json(nullptr)},
                       {"place", e.place},
                       {"mentorship", e.mentorship ? json(e.mentorship->value) : json(nullptr)},
                       {"association", e.association ? json(e.association->value) : json(nullptr)},
                       {"participants", ids(e.participants)},
                       {"agenda", agenda},
                       {"url", s.absolute(s.url("events", e.id))}});
    }
    return dump(out);
}

}  // namespace nk::output
