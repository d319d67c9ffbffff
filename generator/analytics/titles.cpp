#include "analytics/titles.h"

#include <algorithm>

#include "analytics/competition_ranking.h"

namespace nk::analytics {

namespace {

const std::string& area_of(const records::School& s) {
    return s.region.empty() ? s.municipality : s.region;
}

void add_title(std::vector<SchoolTitle>& titles, SchoolTitle t) {
    for (SchoolTitle& have : titles)
        if (have.title == t.title && have.year == t.year) {
            if (!have.competition) have.competition = t.competition;
            have.typed = have.typed || t.typed;
            return;
        }
    titles.push_back(std::move(t));
}

}  // namespace

std::vector<std::vector<SchoolTitle>> school_titles(const model::Site& site) {
    std::vector<std::vector<SchoolTitle>> out(site.schools.size());
    for (size_t c = 0; c < site.competitions.size(); ++c) {
        const records::Competition& comp = site.competitions[c];
        for (const RankedApplication& r : rank_competition(comp, site)) {
            if (!r.winner) continue;
            auto i = site.school_index(comp.applications[r.application].school.value);
            if (i) add_title(out[*i], {kMentorTitle, comp.year, c, false});
        }
    }
    for (size_t i = 0; i < site.schools.size(); ++i) {
        for (const records::Title& t : site.schools[i].titles)
            add_title(out[i], {t.title, t.year, std::nullopt, true});
        std::stable_sort(
            out[i].begin(), out[i].end(),
            [](const SchoolTitle& a, const SchoolTitle& b) { return a.year < b.year; });
    }
    return out;
}

bool title_checkable(const model::Site& site, const records::School& school, int year) {
    for (const records::Competition& c : site.competitions) {
        if (c.year != year) continue;
        for (const records::Application& a : c.applications) {
            const records::School* applicant = site.school(a.school.value);
            if (applicant && area_of(*applicant) == area_of(school)) return true;
        }
    }
    return false;
}

}  // namespace nk::analytics
