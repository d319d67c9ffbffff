// Values shared by many pages, made once per site: related practices (checked against the plain
// definition on a catalogue small enough for every candidate to count), the title order, and
// the catalogue pager that shows a window of pages instead of all of them.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

#include "fs/collation.h"
#include "fs/text.h"
#include "render/page_views.h"

using namespace nk;

namespace {

model::Site catalogue(size_t n, unsigned seed) {
    model::Site s;
    s.base_path = "/";
    s.base_url = "https://example.org/";
    s.config.directions = config::default_vocabulary("directions");
    s.config.forms = config::default_vocabulary("forms");
    std::mt19937 rng(seed);
    const std::vector<std::string> dirs = {"quality", "staff", "safety", "finance"};
    const std::vector<std::string> forms = {"seminar", "mentoring", "webinar"};
    const std::vector<std::string> tags = {"ВСОКО", "ШНОР", "родители", "кадры", "ГИА", "ВПР"};
    for (size_t i = 0; i < n; ++i) {
        records::Practice p;
        p.id = "p" + std::to_string(i);
        p.title = (i % 3 ? "практика " : "Практика ") + std::to_string(n - i);
        p.date = Date{2021, 1, 1};
        p.directions = {{dirs[rng() % dirs.size()], {}}};
        if (rng() % 2) p.forms = {{forms[rng() % forms.size()], {}}};
        for (int t = 0; t < 2; ++t) p.tags.push_back(tags[rng() % tags.size()]);
        s.practices.push_back(p);
    }
    s.practice_html.resize(n);
    s.index();
    return s;
}

// The definition: 2 points a shared direction, 1 a form, 2 a tag; most points first, then newest.
std::vector<size_t> related_plainly(const model::Site& s, size_t index, size_t limit) {
    const auto& me = s.practices[index];
    std::set<std::string> mine;
    for (const auto& d : me.directions) mine.insert("d:" + d.value);
    for (const auto& f : me.forms) mine.insert("f:" + f.value);
    for (const auto& t : me.tags) mine.insert("t:" + t);
    std::vector<std::pair<int, size_t>> scored;
    for (size_t i = 0; i < s.practices.size(); ++i) {
        if (i == index) continue;
        int score = 0;
        for (const auto& d : s.practices[i].directions)
            score += static_cast<int>(mine.count("d:" + d.value)) * 2;
        for (const auto& f : s.practices[i].forms)
            score += static_cast<int>(mine.count("f:" + f.value));
        for (const auto& t : s.practices[i].tags)
            score += static_cast<int>(mine.count("t:" + t)) * 2;
        if (score > 0) scored.emplace_back(-score, i);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<size_t> out;
    for (size_t k = 0; k < scored.size() && k < limit; ++k) out.push_back(scored[k].second);
    return out;
}

}  // namespace

TEST_CASE("related practices follow the definition on an ordinary catalogue") {
    model::Site s = catalogue(60, 7);  // every term list is shorter than the candidate bound
    render::ViewCache cache;
    for (size_t i = 0; i < s.practices.size(); ++i)
        CHECK(cache.related_practices(s, i, 4) == related_plainly(s, i, 4));
}

TEST_CASE("related practices on a huge catalogue: the definition over each term's newest") {
    model::Site s = catalogue(2000, 11);
    render::ViewCache cache;
    const size_t bound = render::ViewCache::kRelatedCandidatesPerTerm;
    for (size_t index : {0ul, 700ul, 1500ul, 1999ul}) {
        const auto& me = s.practices[index];
        auto has = [&](const records::Practice& p, const std::string& term) {
            auto in = [&](const std::vector<records::Located>& list, const std::string& v) {
                return std::any_of(list.begin(), list.end(),
                                   [&](const auto& l) { return l.value == v; });
            };
            if (term.rfind("d:", 0) == 0) return in(p.directions, term.substr(2));
            if (term.rfind("f:", 0) == 0) return in(p.forms, term.substr(2));
            return std::find(p.tags.begin(), p.tags.end(), term.substr(2)) != p.tags.end();
        };
        std::set<std::string> mine;
        for (const auto& d : me.directions) mine.insert("d:" + d.value);
        for (const auto& f : me.forms) mine.insert("f:" + f.value);
        for (const auto& t : me.tags) mine.insert("t:" + t);
        // The candidates: the newest `bound` practices (besides this one) of each of its terms.
        std::set<size_t> candidates;
        for (const auto& term : mine) {
            size_t taken = 0;
            for (size_t i = 0; i < s.practices.size() && taken <= bound; ++i)
                if (has(s.practices[i], term)) {
                    candidates.insert(i);
                    ++taken;
                }
        }
        std::vector<size_t> expected;
        for (size_t i : related_plainly(s, index, s.practices.size()))
            if (candidates.count(i) && expected.size() < 4) expected.push_back(i);
        CHECK(cache.related_practices(s, index, 4) == expected);
    }
}

TEST_CASE("the title order is Russian collation, numbers as numbers, computed once") {
    model::Site s = catalogue(12, 3);
    render::ViewCache cache;
    const auto& order = cache.practices_by_title(s);
    REQUIRE(order.size() == 12);
    for (size_t k = 1; k < order.size(); ++k) {
        const std::string& a = s.practices[order[k - 1]].title;
        const std::string& b = s.practices[order[k]].title;
        CHECK_FALSE(text::russian_less(b, a));
    }
    CHECK(&cache.practices_by_title(s) == &order);
}

TEST_CASE("the catalogue pager shows the first, the last and two pages either side") {
    model::Site s = catalogue(100, 5);
    auto analytics = analytics::SchoolAnalytics::compute(s.schools, "municipality");
    render::ViewContext ctx{s, analytics};
    auto pager = render::practice_list_view(ctx, 5, 10)["page"]["pager"];
    std::vector<std::string> shown;
    for (const auto& item : pager)
        shown.push_back(item.value("gap", false) ? "…" : std::to_string(item["number"].get<int>()));
    CHECK(shown == std::vector<std::string>{"1", "…", "3", "4", "5", "6", "7", "…", "10"});
    auto first = render::practice_list_view(ctx, 1, 10)["page"]["pager"];
    CHECK(first.size() == 5);  // 1 2 3 … 10
    CHECK(first[0]["current"] == true);
}
