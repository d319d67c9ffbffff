#include "diag/messages.h"
#include "fs/text.h"
#include "records/record_loader.h"

namespace nk::records {

using config::Need;
using config::TableReader;

namespace {

const std::vector<std::string> kFormats = {"pair", "group", "patronage"};
const std::vector<std::string> kMentorshipStatuses = {"planned", "active", "completed",
                                                      "ended_early"};
const std::vector<std::string> kItemStatuses = {"planned", "done", "cancelled"};
const std::vector<std::string> kActivities = {"research", "project", "consulting", "information"};
const std::vector<std::string> kTransitionKinds = {"programme", "project"};
const std::vector<std::string> kTransitionOutcomes = {"recommended", "revise", "rejected"};

void read_goals(TableReader& r, Mentorship& m) {
    for (TableReader& g : r.tables("goals")) {
        Goal goal;
        goal.internal = g.internal_visibility();
        goal.indicator = g.text("indicator", Need::required).value_or("");
        goal.unit = g.text("unit").value_or("");
        goal.baseline = g.number("baseline", Need::optional, -1e12, 1e12);
        goal.target = g.number("target", Need::optional, -1e12, 1e12);
        goal.actual = g.number("actual", Need::optional, -1e12, 1e12);
        g.finish();
        m.goals.push_back(std::move(goal));
    }
}

void read_programme_events(TableReader& r, Mentorship& m) {
    for (TableReader& e : r.tables("events")) {
        ProgrammeEvent event;
        event.loc = e.where();
        event.internal = e.internal_visibility();
        event.date = e.date("date", Need::required).value_or(Date{});
        event.title = e.text("title", Need::required).value_or("");
        event.form = read_ref(e, "form");
        event.status = read_choice(e, "status", kItemStatuses, "planned");
        event.place = e.text("place").value_or("");
        event.responsible = e.text("responsible").value_or("");
        e.finish();
        m.events.push_back(std::move(event));
    }
}

void read_feedback(TableReader& r, Mentorship& m) {
    for (TableReader& f : r.tables("feedback")) {
        Feedback fb;
        fb.date = f.date("date", Need::required).value_or(Date{});
        fb.from = read_choice(f, "from", {"mentor", "mentee"}, "mentor", Need::required);
        fb.score = static_cast<int>(f.integer("score", Need::required, 1, 5).value_or(0));
        fb.comment = f.text("comment").value_or("");
        f.finish();
        m.feedback.push_back(std::move(fb));
    }
}

void read_mentorship(TableReader& r, Mentorship& m) {
    m.title = r.text("title", Need::required).value_or("");
    m.description = r.text("description").value_or("");
    m.format = read_choice(r, "format", kFormats, "patronage", Need::required);
    m.mentors = r.strings("mentors", Need::required);
    m.mentees = r.strings("mentees", Need::required);
    m.directions = r.strings("directions");
    m.forms = r.strings("forms");
    m.start = r.date("start", Need::required).value_or(Date{});
    m.start_loc = r.loc("start");
    m.end = r.date("end", Need::required).value_or(Date{});
    m.end_loc = r.loc("end");
    m.extended_until = r.date("extended_until");
    m.extended_loc = r.loc("extended_until");
    m.status = read_choice(r, "status", kMentorshipStatuses, "active");
    read_goals(r, m);
    read_programme_events(r, m);
    read_feedback(r, m);
    if (m.start.valid() && m.end.valid() && m.end < m.start)
        r.error("end", diag::tr("'end' ({}) is before 'start' ({})", m.end.iso(), m.start.iso()));
}

void read_plan_items(TableReader& r, Plan& p) {
    for (TableReader& i : r.tables("items", Need::required)) {
        PlanItem item;
        item.loc = i.where();
        item.internal = i.internal_visibility();
        item.activity = read_choice(i, "activity", kActivities, "information", Need::required);
        item.content = i.text("content", Need::required).value_or("");
        item.from = i.date("from");
        item.to = i.date("to");
        item.place = i.text("place").value_or("");
        item.responsible = i.text("responsible").value_or("");
        item.status = read_choice(i, "status", kItemStatuses, "planned");
        item.done_on = i.date("done_on");
        if (item.from && item.to && *item.to < *item.from)
            i.error("to",
                    diag::tr("'to' ({}) is before 'from' ({})", item.to->iso(), item.from->iso()));
        i.finish();
        p.items.push_back(std::move(item));
    }
}

void read_scores(TableReader& a, Application& app) {
    for (TableReader& s : a.tables("scores")) {
        Score score;
        score.expert =
            s.text("expert").value_or("Эксперт " + std::to_string(app.scores.size() + 1));
        score.points = s.integers("points", Need::required, 0, 5);
        size_t written = s.array_length("points");
        if (written != 5 && s.loc("points").line > 0)
            s.error("points", diag::tr("'points' must have 5 values, one per criterion; it has {}",
                                       diag::count(written)));
        s.finish();
        if (score.points.size() == 5) app.scores.push_back(std::move(score));
    }
}

void read_applications(TableReader& r, Competition& c) {
    for (TableReader& a : r.tables("applications")) {
        Application app;
        app.loc = a.where();
        app.internal = a.internal_visibility();
        app.school = read_ref(a, "school", Need::required).value_or(Located{});
        app.video = read_url(a, "video");
        for (const Located& url : a.strings("evidence")) {
            if (is_safe_url(url.value, false))
                app.evidence.push_back(url.value);
            else
                a.diags().error(url.loc,
                                diag::tr("'evidence' must hold http:// or https:// addresses, not "
                                         "'{}'{}",
                                         text::truncate_chars(url.value, 60), url_hint(url.value)));
        }
        read_scores(a, app);
        app.votes_for = a.integer("votes_for", Need::optional, 0, 1000000).value_or(0);
        app.votes_against = a.integer("votes_against", Need::optional, 0, 1000000).value_or(0);
        a.finish();
        c.applications.push_back(std::move(app));
    }
}

std::vector<std::string> plain(const std::vector<Located>& items) {
    std::vector<std::string> out;
    for (const Located& l : items) out.push_back(l.value);
    return out;
}

}  // namespace

std::optional<Mentorship> load_mentorship(const std::string& text, const Origin& origin,
                                          diag::Diagnostics& d) {
    return load_toml_record<Mentorship>(text, origin, d, read_mentorship);
}

std::optional<Association> load_association(const std::string& text, const Origin& origin,
                                            diag::Diagnostics& d) {
    return load_toml_record<Association>(text, origin, d, [](TableReader& r, Association& a) {
        a.name = r.text("name", Need::required).value_or("");
        a.description = r.text("description").value_or("");
        a.head = read_ref(r, "head");
        a.members = r.strings("members", Need::required);
        a.directions = r.strings("directions");
        if (auto y = r.integer("school_year", Need::optional, 1990, 2100))
            a.school_year = static_cast<int>(*y);
        a.school_year_loc = r.loc("school_year");
        a.analysis_submitted = r.date("analysis_submitted");
        a.analysis_loc = r.loc("analysis_submitted");
    });
}

std::optional<Plan> load_plan(const std::string& text, const Origin& origin, diag::Diagnostics& d) {
    return load_toml_record<Plan>(text, origin, d, [](TableReader& r, Plan& p) {
        p.title = r.text("title", Need::required).value_or("");
        p.owner = read_ref(r, "owner");
        if (auto y = r.integer("year", Need::optional, 1990, 2100)) p.year = static_cast<int>(*y);
        read_plan_items(r, p);
    });
}

std::optional<Competition> load_competition(const std::string& text, const Origin& origin,
                                            diag::Diagnostics& d) {
    return load_toml_record<Competition>(text, origin, d, [](TableReader& r, Competition& c) {
        c.title = r.text("title", Need::required).value_or("");
        c.description = r.text("description").value_or("");
        c.year = static_cast<int>(r.integer("year", Need::required, 1990, 2100).value_or(0));
        c.criteria = plain(r.strings("criteria", Need::required));
        if (c.criteria.size() != 5 && r.loc("criteria").line > 0)
            r.error("criteria", diag::tr("'criteria' must list 5 criteria; it lists {}",
                                         diag::count(c.criteria.size())));
        // `winners` is the SPEC's name; `winners_count` the older one, still read.
        auto winners = r.integer("winners", Need::optional, 0, 1000);
        auto count = r.integer("winners_count", Need::optional, 0, 1000);
        if (winners && count)
            r.error("winners_count",
                    diag::tr("'winners_count' repeats 'winners'; keep only 'winners'"));
        c.winners_set = winners || count;
        c.winners_count = static_cast<int>(winners.value_or(count.value_or(3)));
        c.winners_min_total = r.number("winners_min_total", Need::optional, 0, 25);
        read_applications(r, c);
    });
}

std::optional<Transition> load_transition(const std::string& text, const Origin& origin,
                                          diag::Diagnostics& d) {
    return load_toml_record<Transition>(text, origin, d, [](TableReader& r, Transition& t) {
        t.title = r.text("title", Need::required).value_or("");
        t.school = read_ref(r, "school", Need::required).value_or(Located{});
        t.mentors = r.strings("mentors", Need::required);
        t.kind = read_choice(r, "kind", kTransitionKinds, "programme", Need::required);
        t.deficits = r.strings("deficits");
        t.defended = r.date("defended");
        t.defended_loc = r.loc("defended");
        if (auto outcome = read_choice(r, "outcome", kTransitionOutcomes, ""); !outcome.empty())
            t.outcome = outcome;
        t.outcome_loc = r.loc("outcome");
        t.included = r.boolean("included_in_development_programme").value_or(false);
        t.included_loc = r.loc("included_in_development_programme");
        t.document = read_url(r, "document");
        t.description = r.text("description").value_or("");
    });
}

std::optional<ReserveEntry> load_reserve_entry(const std::string& text, const Origin& origin,
                                               diag::Diagnostics& d) {
    auto entry =
        load_toml_record<ReserveEntry>(text, origin, d, [](TableReader& r, ReserveEntry& e) {
            e.full_name = r.text("full_name", Need::required).value_or("");
            e.school = read_ref(r, "school", Need::required).value_or(Located{});
            e.position = r.text("position").value_or("");
            e.experience_years = r.integer("experience_years", Need::optional, 0, 80);
            e.training_from = r.date("training_from");
            e.training_to = r.date("training_to");
            e.certificates = plain(r.strings("certificates"));
            e.events = plain(r.strings("events"));
            e.relocation_consent = r.boolean("relocation_consent");
            e.contacts = r.text("contacts").value_or("");
        });
    if (entry) entry->internal = true;  // personal data: never public, whatever the file says
    return entry;
}

}  // namespace nk::records
