#include "output/calendar.h"

#include <cstdio>

#include "fs/text.h"

namespace nk::output {

std::string ical_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
    return out;
}

std::string ical_fold(const std::string& line) {
    std::string out;
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        size_t len = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 1;
        if (width + len > 75) {
            out += "\r\n ";
            width = 1;
        }
        out.append(line, i, len);
        width += len;
        i += len - 1;
    }
    return out + "\r\n";
}

namespace {

std::string stamp(const DateTime& dt) {
    char buf[32];
    if (!dt.has_time) {
        std::snprintf(buf, sizeof buf, "%04d%02d%02d", dt.date.year, dt.date.month, dt.date.day);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d00", dt.date.year, dt.date.month,
                  dt.date.day, dt.hour, dt.minute);
    return buf;
}

void line(std::string& out, const std::string& name, const std::string& value) {
    out += ical_fold(name + ":" + value);
}

void add_event(std::string& out, const model::Site& s, const records::Event& e) {
    std::string host = s.base_url.substr(
        s.base_url.find("://") == std::string::npos ? 0 : s.base_url.find("://") + 3);
    host = host.substr(0, host.find('/'));
    out += "BEGIN:VEVENT\r\n";
    line(out, "UID", e.id + "@" + (host.empty() ? "nastavnik" : host));
    // DTSTAMP must be UTC date-time; the event's own date keeps it stable across builds.
    line(out, "DTSTAMP", stamp(DateTime{e.date.date, true, 0, 0}) + "Z");
    std::string value_date = e.date.has_time ? "" : ";VALUE=DATE";
    line(out, "DTSTART" + value_date, stamp(e.date));
    if (e.end) {
        // DTEND takes DTSTART's value type (RFC 5545 §3.6.1); a date end is exclusive.
        DateTime end = *e.end;
        if (!end.has_time)
            end = DateTime{end.date.add_days(1), e.date.has_time, 0, 0};
        else if (!e.date.has_time)
            end = DateTime{end.date.add_days(1)};
        line(out, "DTEND" + value_date, stamp(end));
    } else if (!e.date.has_time) {
        line(out, "DTEND;VALUE=DATE", stamp(DateTime{e.date.date.add_days(1)}));
    }
    line(out, "SUMMARY", ical_escape(e.title));
    if (!e.place.empty()) line(out, "LOCATION", ical_escape(e.place));
    std::string about = s.config.event_kinds.label(e.kind.value);
    if (e.organizer) about += "\nОрганизатор: " + s.school_name(e.organizer->value);
    if (!e.agenda.empty()) about += "\nВопросов в повестке: " + std::to_string(e.agenda.size());
    about += "\nПодробнее: " + s.absolute(s.url("events", e.id));
    line(out, "DESCRIPTION", ical_escape(about));
    line(out, "CATEGORIES", ical_escape(s.config.event_kinds.label(e.kind.value)));
    line(out, "URL", s.absolute(s.url("events", e.id)));
    out += "END:VEVENT\r\n";
}

}  // namespace

std::string calendar(const model::Site& site, std::optional<size_t> event) {
    std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
    out += ical_fold("PRODID:-//nastavnik//" + ical_escape(site.config.title) + "//RU");
    out += "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
    out += ical_fold("X-WR-CALNAME:" + ical_escape(site.config.title));
    if (event) {
        add_event(out, site, site.events[*event]);
    } else {
        for (const auto& e : site.events) add_event(out, site, e);
    }
    return out + "END:VCALENDAR\r\n";
}

}  // namespace nk::output
