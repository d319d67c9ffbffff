#include "output/site_search.h"

#include <algorithm>
#include <map>
#include <set>

#include "fs/text.h"
#include "output/json_text.h"
#include "output/search_index.h"
#include "output/search_text.h"

namespace nk::output {

namespace {

/// One record of the site-wide index: where it is, what the search page shows of it, and the
/// text it is found by.
struct Entry {
    size_t kind = 0;
    std::string url, title, meta;
    std::vector<std::string> names;  ///< found with the title weight
    std::vector<std::string> other;  ///< found with the ordinary weight
};

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : " · ") + p;
    return out;
}

std::string school_names(const model::Site& site, const std::vector<records::Located>& ids) {
    std::string out;
    for (const auto& id : ids)
        if (const records::School* s = site.school(id.value))
            out += (out.empty() ? "" : ", ") + s->display_name();
    return out;
}

std::string school_year(int year) {
    return std::to_string(year) + "/" + std::to_string((year + 1) % 100 / 10) +
           std::to_string((year + 1) % 10) + " учебный год";
}

// The groups in the order the search page lists them (practices come first, from their own
// index).
constexpr const char* kKinds[][2] = {{"schools", "Школы"},
                                     {"events", "Мероприятия"},
                                     {"mentorships", "Наставничество"},
                                     {"plans", "Планы работы"},
                                     {"associations", "Ассоциации"},
                                     {"competitions", "Конкурсы"},
                                     {"transitions", "Программы перехода"}};

std::vector<Entry> entries(const model::Site& s) {
    static const std::map<std::string, std::string> kFormats = {
        {"pair", "Сетевая пара руководителей"},
        {"group", "Менторская группа"},
        {"patronage", "Шефство школы-наставника"}};
    std::vector<Entry> out;
    for (const auto& r : s.schools) {
        std::string shown_short = r.short_name != r.name ? r.short_name : "";
        out.push_back({0,
                       s.url("schools", r.id),
                       r.name,
                       joined({shown_short, r.municipality}),
                       {r.name, r.short_name},
                       {r.municipality, r.region, r.address}});
    }
    for (const auto& e : s.events) {
        std::string kind = s.config.event_kinds.label(e.kind.value);
        std::string organizer = e.organizer ? s.school_name(e.organizer->value) : "";
        out.push_back({1,
                       s.url("events", e.id),
                       e.title,
                       joined({e.date.date.russian(), kind, e.place}),
                       {e.title},
                       {kind, e.place, organizer}});
    }
    for (const auto& m : s.mentorships) {
        auto f = kFormats.find(m.format);
        std::string format = f != kFormats.end() ? f->second : m.format;
        std::string schools = school_names(s, m.mentors) + " — " + school_names(s, m.mentees);
        out.push_back({2,
                       s.url("mentorships", m.id),
                       m.title,
                       joined({format, m.start.russian() + " — " + m.running_until().russian()}),
                       {m.title},
                       {format, schools}});
    }
    for (const auto& p : s.plans) {
        std::string owner = p.owner ? s.school_name(p.owner->value) : "";
        std::string year = p.year ? school_year(*p.year) : "";
        out.push_back(
            {3, s.url("plans", p.id), p.title, joined({owner, year}), {p.title}, {owner}});
    }
    for (const auto& a : s.associations) {
        std::string head = a.head ? s.school_name(a.head->value) : "";
        std::string year = a.school_year ? school_year(*a.school_year) : "";
        out.push_back(
            {4, s.url("associations", a.id), a.name, joined({head, year}), {a.name}, {head}});
    }
    for (const auto& c : s.competitions) {
        std::string year = std::to_string(c.year);
        out.push_back({5, s.url("competitions", c.id), c.title, year + " год", {c.title}, {year}});
    }
    for (const auto& t : s.transitions) {
        std::string school = s.school_name(t.school.value);
        out.push_back({6,
                       s.url("transitions", t.id),
                       t.title,
                       joined({school, t.defended ? "защита " + t.defended->russian() : ""}),
                       {t.title},
                       {school, school_names(s, t.mentors), t.description}});
    }
    return out;
}

}  // namespace

std::string records_index(const model::Site& site) {
    std::vector<Entry> records = entries(site);
    RussianStemmer stemmer;
    std::map<std::string, std::string> stem_of;  // word → stem ("" for a stop word)
    std::set<std::string> endings;
    // stem → record → (count, in the name); records are visited in order, so each stem's
    // records come out sorted.
    std::map<std::string, std::vector<std::pair<uint32_t, std::pair<unsigned, bool>>>> postings;
    for (size_t i = 0; i < records.size(); ++i) {
        auto add = [&](const std::string& field, bool name) {
            for_each_word(field, [&](std::string_view w) {
                auto it = stem_of.find(std::string(w));
                if (it == stem_of.end()) {
                    std::string stem = is_stop_word(w) ? "" : stemmer.stem(w);
                    if (!stem.empty() && w.size() > stem.size() && w.starts_with(stem) &&
                        text::char_count(w.substr(stem.size())) <= 8)
                        endings.emplace(w.substr(stem.size()));
                    it = stem_of.emplace(std::string(w), std::move(stem)).first;
                }
                if (it->second.empty()) return;
                auto& list = postings[it->second];
                if (list.empty() || list.back().first != i)
                    list.push_back({static_cast<uint32_t>(i), {0, false}});
                auto& [count, in_name] = list.back().second;
                ++count;
                in_name |= name;
            });
        };
        for (const auto& n : records[i].names) add(n, true);
        for (const auto& o : records[i].other) add(o, false);
    }

    std::string out = "{\"kinds\":[";
    for (size_t k = 0; k < std::size(kKinds); ++k) {
        out += k ? ",[" : "[";
        append_json_string(out, kKinds[k][0]);
        out += ',';
        append_json_string(out, kKinds[k][1]);
        out += ']';
    }
    out += "],\"r\":[";
    for (size_t i = 0; i < records.size(); ++i) {
        const Entry& e = records[i];
        out += (i ? ",[" : "[") + std::to_string(e.kind);
        for (const std::string* field : {&e.url, &e.title, &e.meta}) {
            out += ',';
            append_json_string(out, *field);
        }
        out += ']';
    }
    std::string stems = "],\"s\":[", lists = "],\"p\":[";
    bool first = true;
    for (const auto& [stem, list] : postings) {
        if (!first) stems += ',', lists += ',';
        first = false;
        append_json_string(stems, stem);
        std::string encoded;
        long prev = -1;
        for (const auto& [record, weight] : list) {
            encode_varint(encoded,
                          static_cast<unsigned long>(static_cast<long>(record) - prev - 1));
            encoded += alphabet_char(std::min(weight.first, 31u) + (weight.second ? 32u : 0u));
            prev = static_cast<long>(record);
        }
        append_json_string(lists, encoded);
    }
    out += stems + lists + "],\"e\":[";
    first = true;
    for (const auto& e : endings) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, e);
    }
    out += "]}";
    return out;
}

}  // namespace nk::output
