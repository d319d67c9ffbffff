#include "content/front_matter.h"
#include "diag/messages.h"
#include "fs/text.h"
#include "records/record_loader.h"

namespace nk::records {

using config::Need;
using config::TableReader;

namespace {

/// Splits the page and loads its front matter with whole-file line numbers.
template <typename Record, typename Fill>
std::optional<Record> load_page_record(const std::string& text, const Origin& origin,
                                       diag::Diagnostics& d, Fill fill) {
    auto split = content::split_front_matter(text, origin.path, d);
    if (!split) return std::nullopt;
    auto record = load_toml_record<Record>(split->front_matter, origin, d, fill,
                                           split->front_matter_line - 1);
    if (!record) return std::nullopt;
    record->body = std::move(split->body);
    record->body_line = split->body_line;
    return record;
}

std::vector<std::string> plain(const std::vector<Located>& items) {
    std::vector<std::string> out;
    for (const Located& l : items) out.push_back(l.value);
    return out;
}

void read_results(TableReader& r, Practice& p) {
    for (TableReader& t : r.tables("results")) {
        Result result;
        result.internal = t.internal_visibility();
        result.indicator = t.text("indicator", Need::required).value_or("");
        result.unit = t.text("unit").value_or("");
        result.before = t.number("before", Need::optional, -1e12, 1e12);
        result.after = t.number("after", Need::optional, -1e12, 1e12);
        t.finish();
        p.results.push_back(std::move(result));
    }
}

void read_agenda(TableReader& r, Event& e) {
    for (TableReader& t : r.tables("agenda")) {
        AgendaItem item;
        item.internal = t.internal_visibility();
        item.issue = t.text("issue", Need::required).value_or("");
        item.decision = t.text("decision").value_or("");
        item.recommendation = t.text("recommendation").value_or("");
        t.finish();
        e.agenda.push_back(std::move(item));
    }
}

}  // namespace

std::optional<Practice> load_practice(const std::string& text, const Origin& origin,
                                      diag::Diagnostics& d) {
    return load_page_record<Practice>(text, origin, d, [](TableReader& r, Practice& p) {
        p.title = r.text("title", Need::required).value_or("");
        p.date = r.date("date", Need::required).value_or(Date{});
        p.schools = r.strings("schools");
        p.directions = r.strings("directions");
        p.forms = r.strings("forms");
        p.tags = plain(r.strings("tags"));
        p.summary = r.text("summary").value_or("");
        p.video = read_url(r, "video");
        read_results(r, p);
    });
}

std::optional<Event> load_event(const std::string& text, const Origin& origin,
                                diag::Diagnostics& d) {
    return load_page_record<Event>(text, origin, d, [](TableReader& r, Event& e) {
        e.title = r.text("title", Need::required).value_or("");
        e.date = r.date_time("date", Need::required).value_or(DateTime{});
        e.end = r.date_time("end");
        e.kind = read_ref(r, "kind", Need::required).value_or(Located{});
        e.organizer = read_ref(r, "organizer");
        e.place = r.text("place").value_or("");
        e.mentorship = read_ref(r, "mentorship");
        e.association = read_ref(r, "association");
        e.participants = r.strings("participants");
        read_agenda(r, e);
        if (e.end && *e.end < e.date)
            r.error("end",
                    diag::tr("'end' ({}) is before 'date' ({})", e.end->iso(), e.date.iso()));
    });
}

std::optional<Page> load_page(const std::string& text, const Origin& origin, diag::Diagnostics& d) {
    return load_page_record<Page>(text, origin, d, [](TableReader& r, Page& p) {
        p.title = r.text("title", Need::required).value_or("");
        p.summary = r.text("summary").value_or("");
        p.weight = r.integer("weight", Need::optional, -1000, 1000);
    });
}

}  // namespace nk::records
