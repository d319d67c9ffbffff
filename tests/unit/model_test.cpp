#include <doctest/doctest.h>

#include "fs/slug.h"
#include "model/site_loader.h"

using namespace nk;

namespace {

records::Located ref(const std::string& id) {
    return {id, {"x.toml", 1, 1}};
}

model::Site small_site() {
    model::Site s;
    s.base_path = "/";
    s.base_url = "https://example.org/";
    records::School a, b;
    a.id = "mentor";
    a.name = "Лицей";
    b.id = "mentee";
    b.name = "СОШ";
    s.schools = {a, b};
    records::Mentorship m;
    m.id = "m1";
    m.mentors = {ref("mentor")};
    m.mentees = {ref("mentee")};
    m.feedback = {{Date{2021, 3, 1}, "mentor", 5, "secret"}};
    s.mentorships = {m};
    records::Practice p;
    p.id = "p1";
    p.schools = {ref("mentor")};
    records::Practice hidden = p;
    hidden.id = "p2";
    hidden.internal = true;
    s.practices = {p, hidden};
    s.practice_html.resize(2);
    s.index();
    return s;
}

}  // namespace

TEST_CASE("cross references: a school knows its practices and mentorships") {
    auto s = small_site();
    REQUIRE(s.school_index("mentor"));
    const auto& links = s.school_links[*s.school_index("mentor")];
    CHECK(links.practices.size() == 2);
    CHECK(links.mentor_of == std::vector<size_t>{0});
    CHECK(s.school_links[*s.school_index("mentee")].mentee_of == std::vector<size_t>{0});
    CHECK(s.url("schools", "mentor") == "/schools/mentor/");
    CHECK(s.absolute("/schools/mentor/") == "https://example.org/schools/mentor/");
}

TEST_CASE("the public audience drops internal records and feedback") {
    auto s = small_site();
    model::apply_audience(s, model::Audience::public_site);
    CHECK(s.practices.size() == 1);
    CHECK(s.practice_html.size() == 1);
    CHECK(s.mentorships[0].feedback.empty());
    auto internal = small_site();
    model::apply_audience(internal, model::Audience::internal_site);
    CHECK(internal.practices.size() == 2);
    CHECK(internal.mentorships[0].feedback.size() == 1);
}

TEST_CASE("dangling references and unknown codes are reported with suggestions") {
    auto s = small_site();
    s.practices[0].schools.push_back({"mentr", {"content/practices/p1.md", 4, 12}});
    s.practices[0].directions.push_back({"qualty", {"content/practices/p1.md", 5, 15}});
    s.config.directions = config::default_vocabulary("directions");
    diag::Diagnostics d;
    model::check_references(s, d);
    auto all = d.sorted();
    REQUIRE(all.size() == 2);
    CHECK(diag::Diagnostics::format(all[0]) ==
          "content/practices/p1.md:4:12: error: unknown school 'mentr' (did you mean 'mentor'?)");
    CHECK(diag::Diagnostics::format(all[1]).rfind(
              "content/practices/p1.md:5:15: error: unknown direction 'qualty' (did you mean "
              "'quality'?); valid codes: development",
              0) == 0);
}

TEST_CASE("tag slugs are made once per tag and match slugify, known or not") {
    model::Site s = small_site();
    s.practices[0].tags = {"Родительский клуб", "ВПР"};
    s.practices[1].tags = {"Родительский клуб"};
    s.index();
    CHECK(s.tag_slug("Родительский клуб") == fs::slugify("Родительский клуб"));
    CHECK(s.tag_slug("ВПР") == "vpr");
    CHECK(s.tag_slug("Новый тег") == fs::slugify("Новый тег"));  // not a practice's tag
    CHECK(s.tag_slug("!!!").empty());
}
