#include "model/site.h"

#include <algorithm>

#include "fs/slug.h"

namespace nk::model {

namespace {

template <typename Vec>
Site::Ids ids_of(const Vec& records) {
    Site::Ids out;
    out.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) out.emplace(records[i].id, i);
    return out;
}

std::optional<size_t> find(const Site::Ids& ids, const std::string& id) {
    auto it = ids.find(id);
    if (it == ids.end()) return std::nullopt;
    return it->second;
}

void add_unique(std::vector<size_t>& v, size_t i) {
    if (std::find(v.begin(), v.end(), i) == v.end()) v.push_back(i);
}

}  // namespace

const records::School* Site::school(const std::string& id) const {
    auto i = school_index(id);
    return i ? &schools[*i] : nullptr;
}

std::optional<size_t> Site::school_index(const std::string& id) const {
    return find(school_ids_, id);
}
std::optional<size_t> Site::mentorship_index(const std::string& id) const {
    return find(mentorship_ids_, id);
}
std::optional<size_t> Site::association_index(const std::string& id) const {
    return find(association_ids_, id);
}
std::optional<size_t> Site::practice_index(const std::string& id) const {
    return find(practice_ids_, id);
}

std::string Site::school_name(const std::string& id) const {
    const records::School* s = school(id);
    return s ? s->display_name() : id;
}

std::string Site::url(const std::string& section, const std::string& id) const {
    std::string out = base_path;
    if (!section.empty()) out += section + "/";
    if (!id.empty()) out += id + "/";
    return out;
}

std::string Site::absolute(const std::string& site_relative_url) const {
    // base_url already ends with base_path; join without doubling it.
    std::string tail =
        site_relative_url.substr(std::min(base_path.size(), site_relative_url.size()));
    return base_url + tail;
}

std::string Site::tag_slug(const std::string& tag) const {
    auto it = tag_slugs_.find(tag);
    return it != tag_slugs_.end() ? it->second : fs::slugify(tag);
}

void Site::index() {
    school_ids_ = ids_of(schools);
    mentorship_ids_ = ids_of(mentorships);
    association_ids_ = ids_of(associations);
    practice_ids_ = ids_of(practices);
    tag_slugs_.clear();
    for (const auto& p : practices)
        for (const auto& t : p.tags)
            if (!tag_slugs_.count(t)) tag_slugs_.emplace(t, fs::slugify(t));

    school_links.assign(schools.size(), {});
    auto link = [&](const std::string& id, auto member, size_t i) {
        if (auto s = school_index(id)) add_unique(school_links[*s].*member, i);
    };
    for (size_t i = 0; i < practices.size(); ++i)
        for (const auto& s : practices[i].schools) link(s.value, &SchoolLinks::practices, i);
    for (size_t i = 0; i < mentorships.size(); ++i) {
        for (const auto& s : mentorships[i].mentors) link(s.value, &SchoolLinks::mentor_of, i);
        for (const auto& s : mentorships[i].mentees) link(s.value, &SchoolLinks::mentee_of, i);
    }
    mentorship_events.assign(mentorships.size(), {});
    association_events.assign(associations.size(), {});
    for (size_t i = 0; i < events.size(); ++i) {
        const records::Event& e = events[i];
        if (e.organizer) link(e.organizer->value, &SchoolLinks::events, i);
        for (const auto& p : e.participants) link(p.value, &SchoolLinks::events, i);
        if (e.mentorship)
            if (auto m = mentorship_index(e.mentorship->value)) mentorship_events[*m].push_back(i);
        if (e.association)
            if (auto a = association_index(e.association->value))
                association_events[*a].push_back(i);
    }
    for (size_t i = 0; i < plans.size(); ++i)
        if (plans[i].owner) link(plans[i].owner->value, &SchoolLinks::plans, i);
    for (size_t i = 0; i < associations.size(); ++i) {
        for (const auto& m : associations[i].members) link(m.value, &SchoolLinks::associations, i);
        if (associations[i].head) link(associations[i].head->value, &SchoolLinks::associations, i);
    }
    for (size_t i = 0; i < transitions.size(); ++i) {
        link(transitions[i].school.value, &SchoolLinks::transitions, i);
        for (const auto& m : transitions[i].mentors) link(m.value, &SchoolLinks::transitions, i);
    }
    for (size_t i = 0; i < reserve.size(); ++i)
        link(reserve[i].school.value, &SchoolLinks::reserve, i);
    for (size_t c = 0; c < competitions.size(); ++c)
        for (size_t a = 0; a < competitions[c].applications.size(); ++a)
            if (auto s = school_index(competitions[c].applications[a].school.value))
                school_links[*s].applications.emplace_back(c, a);
}

}  // namespace nk::model
