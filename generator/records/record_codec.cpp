#include "records/record_codec.h"

#include "fs/byte_codec.h"

namespace nk::records {

namespace {

using fs::ByteReader;

// Bump when an encoding changes: an old entry then fails to decode and is read again.
constexpr uint64_t kPracticeFormat = 1;
constexpr uint64_t kSchoolFormat = 2;
constexpr uint64_t kEventFormat = 1;

void put_one(std::string& out, const Located& l) {
    fs::put_str(out, l.value);
    fs::put_loc(out, l.loc);
}

Located read_one(ByteReader& in) {
    Located l;
    l.value = in.str();
    l.loc = in.loc();
    return l;
}

void put_located(std::string& out, const std::vector<Located>& items) {
    fs::put_u64(out, items.size());
    for (const Located& l : items) put_one(out, l);
}

std::vector<Located> read_located(ByteReader& in) {
    std::vector<Located> out;
    uint64_t n = in.count();
    out.reserve(n);
    for (uint64_t i = 0; i < n; ++i) out.push_back(read_one(in));
    return out;
}

void put_optional(std::string& out, const std::optional<double>& v) {
    fs::put_u64(out, v.has_value());
    if (v) fs::put_double(out, *v);
}

std::optional<double> read_optional(ByteReader& in) {
    if (!in.flag()) return std::nullopt;
    return in.real();
}

void put_optional(std::string& out, const std::optional<Located>& l) {
    fs::put_u64(out, l.has_value());
    if (l) put_one(out, *l);
}

std::optional<Located> read_optional_located(ByteReader& in) {
    if (!in.flag()) return std::nullopt;
    return read_one(in);
}

void put_date(std::string& out, const Date& d) {
    fs::put_int(out, d.year);
    fs::put_int(out, d.month);
    fs::put_int(out, d.day);
}

Date read_date(ByteReader& in) {
    Date d;
    d.year = in.integer();
    d.month = in.integer();
    d.day = in.integer();
    return d;
}

void put_date_time(std::string& out, const DateTime& t) {
    put_date(out, t.date);
    fs::put_u64(out, t.has_time);
    fs::put_int(out, t.hour);
    fs::put_int(out, t.minute);
}

DateTime read_date_time(ByteReader& in) {
    DateTime t;
    t.date = read_date(in);
    t.has_time = in.flag();
    t.hour = in.integer();
    t.minute = in.integer();
    return t;
}

void put_base(std::string& out, const RecordBase& r) {
    fs::put_str(out, r.id);
    fs::put_str(out, r.path);
    fs::put_loc(out, r.loc);
    fs::put_u64(out, r.internal);
    fs::put_u64(out, r.draft);
    fs::put_u64(out, r.internal_fields.size());
    for (const auto& [key, value] : r.internal_fields) {
        fs::put_str(out, key);
        fs::put_str(out, value);
    }
}

void read_base(ByteReader& in, RecordBase& r) {
    r.id = in.str();
    r.path = in.str();
    r.loc = in.loc();
    r.internal = in.flag();
    r.draft = in.flag();
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        std::string key = in.str();
        r.internal_fields.emplace_back(std::move(key), in.str());
    }
}

}  // namespace

std::string encode_practice(const Practice& p) {
    std::string out;
    fs::put_u64(out, kPracticeFormat);
    put_base(out, p);
    fs::put_str(out, p.title);
    fs::put_str(out, p.summary);
    fs::put_str(out, p.video);
    fs::put_int(out, p.body_line);
    put_date(out, p.date);
    put_located(out, p.schools);
    put_located(out, p.directions);
    put_located(out, p.forms);
    fs::put_u64(out, p.tags.size());
    for (const auto& t : p.tags) fs::put_str(out, t);
    fs::put_u64(out, p.results.size());
    for (const Result& r : p.results) {
        fs::put_str(out, r.indicator);
        fs::put_str(out, r.unit);
        put_optional(out, r.before);
        put_optional(out, r.after);
        fs::put_u64(out, r.internal);
    }
    return out;
}

std::optional<Practice> decode_practice(std::string_view bytes) {
    ByteReader in(bytes);
    if (in.u64() != kPracticeFormat) return std::nullopt;
    Practice p;
    read_base(in, p);
    p.title = in.str();
    p.summary = in.str();
    p.video = in.str();
    p.body_line = in.integer();
    p.date = read_date(in);
    p.schools = read_located(in);
    p.directions = read_located(in);
    p.forms = read_located(in);
    p.tags.resize(in.count());
    for (auto& tag : p.tags) tag = in.str();
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        Result r;
        r.indicator = in.str();
        r.unit = in.str();
        r.before = read_optional(in);
        r.after = read_optional(in);
        r.internal = in.flag();
        p.results.push_back(std::move(r));
    }
    if (!in.ok()) return std::nullopt;
    return p;
}

std::string encode_school(const School& s) {
    std::string out;
    fs::put_u64(out, kSchoolFormat);
    put_base(out, s);
    for (const std::string* text : {&s.name, &s.short_name, &s.municipality, &s.region, &s.kind,
                                    &s.website, &s.address, &s.offer, &s.video})
        fs::put_str(out, *text);
    fs::put_int(out, s.offer_line);
    fs::put_u64(out, s.advanced);
    fs::put_u64(out, s.students.has_value());
    if (s.students) fs::put_int(out, *s.students);
    fs::put_u64(out, s.titles.size());
    for (const Title& t : s.titles) {
        fs::put_str(out, t.title);
        fs::put_int(out, t.year);
        fs::put_loc(out, t.loc);
    }
    fs::put_u64(out, s.years.size());
    for (const YearIndicators& y : s.years) {
        fs::put_int(out, y.year);
        for (const auto* v : {&y.ior, &y.isbsh, &y.gia, &y.vpr, &y.evening_share, &y.org_index})
            put_optional(out, *v);
        fs::put_u64(out, y.low_results);
        fs::put_u64(out, y.difficult_conditions);
        put_located(out, y.risk_factors);
        fs::put_u64(out, y.deficits.size());
        for (const DeficitFinding& d : y.deficits)
            for (const std::string* t : {&d.area, &d.finding, &d.source}) fs::put_str(out, *t);
        fs::put_u64(out, y.recommendations.size());
        for (const Recommendation& r : y.recommendations) {
            for (const std::string* t : {&r.text, &r.by, &r.status}) fs::put_str(out, *t);
            fs::put_u64(out, r.date.has_value());
            if (r.date) put_date(out, *r.date);
        }
        fs::put_loc(out, y.loc);
    }
    return out;
}

std::optional<School> decode_school(std::string_view bytes) {
    ByteReader in(bytes);
    if (in.u64() != kSchoolFormat) return std::nullopt;
    School s;
    read_base(in, s);
    for (std::string* text : {&s.name, &s.short_name, &s.municipality, &s.region, &s.kind,
                              &s.website, &s.address, &s.offer, &s.video})
        *text = in.str();
    s.offer_line = in.integer();
    s.advanced = in.flag();
    if (in.flag()) s.students = static_cast<long>(static_cast<int64_t>(in.u64()));
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        Title t;
        t.title = in.str();
        t.year = in.integer();
        t.loc = in.loc();
        s.titles.push_back(std::move(t));
    }
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        YearIndicators y;
        y.year = in.integer();
        for (auto* v : {&y.ior, &y.isbsh, &y.gia, &y.vpr, &y.evening_share, &y.org_index})
            *v = read_optional(in);
        y.low_results = in.flag();
        y.difficult_conditions = in.flag();
        y.risk_factors = read_located(in);
        for (uint64_t k = 0, m = in.count(); k < m; ++k) {
            DeficitFinding d;
            for (std::string* t : {&d.area, &d.finding, &d.source}) *t = in.str();
            y.deficits.push_back(std::move(d));
        }
        for (uint64_t k = 0, m = in.count(); k < m; ++k) {
            Recommendation r;
            for (std::string* t : {&r.text, &r.by, &r.status}) *t = in.str();
            if (in.flag()) r.date = read_date(in);
            y.recommendations.push_back(std::move(r));
        }
        y.loc = in.loc();
        s.years.push_back(std::move(y));
    }
    if (!in.ok()) return std::nullopt;
    return s;
}

std::string encode_event(const Event& e) {
    std::string out;
    fs::put_u64(out, kEventFormat);
    put_base(out, e);
    fs::put_str(out, e.title);
    fs::put_str(out, e.place);
    fs::put_str(out, e.body);
    fs::put_int(out, e.body_line);
    put_date_time(out, e.date);
    fs::put_u64(out, e.end.has_value());
    if (e.end) put_date_time(out, *e.end);
    put_one(out, e.kind);
    put_optional(out, e.organizer);
    put_optional(out, e.mentorship);
    put_optional(out, e.association);
    put_located(out, e.participants);
    fs::put_u64(out, e.agenda.size());
    for (const AgendaItem& a : e.agenda) {
        fs::put_str(out, a.issue);
        fs::put_str(out, a.decision);
        fs::put_str(out, a.recommendation);
        fs::put_u64(out, a.internal);
    }
    return out;
}

std::optional<Event> decode_event(std::string_view bytes) {
    ByteReader in(bytes);
    if (in.u64() != kEventFormat) return std::nullopt;
    Event e;
    read_base(in, e);
    e.title = in.str();
    e.place = in.str();
    e.body = in.str();
    e.body_line = in.integer();
    e.date = read_date_time(in);
    if (in.flag()) e.end = read_date_time(in);
    e.kind = read_one(in);
    e.organizer = read_optional_located(in);
    e.mentorship = read_optional_located(in);
    e.association = read_optional_located(in);
    e.participants = read_located(in);
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        AgendaItem a;
        a.issue = in.str();
        a.decision = in.str();
        a.recommendation = in.str();
        a.internal = in.flag();
        e.agenda.push_back(std::move(a));
    }
    if (!in.ok()) return std::nullopt;
    return e;
}

}  // namespace nk::records
