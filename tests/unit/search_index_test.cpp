// The search index: text analysis, Russian stems, the encodings the browser decodes, shards,
// facets, determinism and that nothing outside the (audience-filtered) model is named.

#include "output/search_index.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fs/text.h"
#include "markdown/render_cache.h"
#include "output/search_text.h"

using namespace nk;
using nlohmann::json;

namespace {

/// Decodes a postings string as search.js does: (doc, impact) pairs.
std::vector<std::pair<long, int>> decode_postings(const std::string& s) {
    const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    std::vector<std::pair<long, int>> out;
    long prev = -1;
    size_t i = 0;
    while (i < s.size()) {
        long v = 0;
        int c;
        while ((c = static_cast<int>(alphabet.find(s[i++]))) >= 32) v = v * 32 + c - 32;
        v = v * 32 + c;
        prev += v + 1;
        out.emplace_back(prev, static_cast<int>(alphabet.find(s[i++])));
    }
    return out;
}

records::Practice practice(const std::string& id, const std::string& title, Date date,
                           std::vector<std::string> schools, std::vector<std::string> tags) {
    records::Practice p;
    p.id = id;
    p.title = title;
    p.date = date;
    p.summary = "Краткое описание практики " + id + ".";
    for (auto& s : schools) p.schools.push_back({s, {}});
    p.directions = {{"quality", {}}};
    p.forms = {{"mentoring", {}}};
    p.tags = std::move(tags);
    return p;
}

/// Three practices, newest first; one names a school that is not on the site.
model::Site sample_site() {
    model::Site s;
    s.base_path = "/";
    s.base_url = "https://example.org/";
    s.config.directions = config::default_vocabulary("directions");
    s.config.forms = config::default_vocabulary("forms");
    records::School school;
    school.id = "sosh-5";
    school.name = "МОБУ СОШ № 5";
    school.municipality = "Кореновский район";
    s.schools.push_back(school);
    s.practices.push_back(
        practice("otchet", "Итоговый отчёт о наставничестве", {2022, 3, 1}, {"sosh-5"}, {"ВСОКО"}));
    s.practices.push_back(
        practice("para", "Сетевая пара", {2021, 5, 1}, {"sosh-5", "hidden-school"}, {}));
    s.practices.push_back(
        practice("roditeli", "Родительский университет", {2020, 1, 1}, {}, {"родители"}));
    s.practice_html = {
        {"<h2 id=\"x\">Опыт</h2><p>Школа готовит <strong>отчёт</strong> для родителей.</p>",
         {},
         {}},
        {"<p>Наставничество в сетевой паре: встречи &amp; консультации.</p>", {}, {}},
        {"<p>Встречи с родителями &#8212; каждую неделю.</p>", {}, {}}};
    s.index();
    return s;
}

json file_json(const output::SearchIndex& index, const std::string& name) {
    const output::SearchFile* f = index.file(name);
    REQUIRE(f != nullptr);
    return json::parse(f->bytes());
}

/// The postings of `stem` from whichever terms shard holds it.
std::vector<std::pair<long, int>> postings_of(const output::SearchIndex& index,
                                              const std::string& stem) {
    for (const auto& f : index.files()) {
        if (f.name[0] != 't') continue;
        json shard = json::parse(f.bytes());
        for (size_t i = 0; i < shard["s"].size(); ++i)
            if (shard["s"][i] == stem) return decode_postings(shard["p"][i]);
    }
    return {};
}

void check_same_files(const output::SearchIndex& a, const output::SearchIndex& b) {
    REQUIRE(a.files().size() == b.files().size());
    for (size_t i = 0; i < a.files().size(); ++i) {
        CHECK(a.files()[i].name == b.files()[i].name);
        CHECK(a.files()[i].bytes() == b.files()[i].bytes());
    }
}

struct TempFile {
    std::string path = (boost::filesystem::temp_directory_path() /
                        boost::filesystem::unique_path("nk-search-cache-%%%%%%"))
                           .string();
    ~TempFile() { boost::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("search text: HTML to text, words, stop words") {
    CHECK(output::html_to_text("<p>Один &amp; <em>два</em></p><ul><li>три</li></ul>&#1105;ж") ==
          "Один & два три ёж");
    CHECK(output::html_to_text("<h2 id=\"a\">Итоги</h2>\n<p>  года  </p>") == "Итоги года");
    CHECK(output::words("Отчёт, ОТЧЕТ и наставничество-2021 № 5") ==
          std::vector<std::string>{"отчет", "отчет", "наставничество", "2021"});
    CHECK(output::words("ЁЛКИ, Ёлки и ёлки: Ѐ-Ѓ! Αθήνα School_21") ==
          std::vector<std::string>{"елки", "елки", "елки", "αθήνα", "school", "21"});
    CHECK(output::is_stop_word("для"));
    CHECK_FALSE(output::is_stop_word("наставник"));
    CHECK(std::is_sorted(output::stop_words().begin(), output::stop_words().end()));
}

TEST_CASE("search text: words straight from HTML are the words of its text") {
    std::vector<std::string> samples = {
        "<p>Один &amp; <em>два</em></p><ul><li>три</li></ul>&#1105;ж",
        "<p><strong>На</strong>ставни<em>чество</em> и ОТЧЁТ</p><p>конец</p>начало",
        "<h2 id=\"итоги\">Итоги&nbsp;года</h2><table><tr><td>ВПР</td><td>2021</td></tr></table>",
        "слово&unknown;слово &#xZZ; &#1025;лка <a href=\"/x\">ссылка</a>без пробела",
        "незакрытый <тег",
        "",
        "&",
        "Αθήνα School_21 Ѐ-Ѓ"};
    for (const auto& html : samples) {
        CAPTURE(html);
        std::vector<std::string> direct;
        output::for_each_html_word(html, [&](std::string_view w) { direct.emplace_back(w); });
        CHECK(direct == output::words(output::html_to_text(html)));
    }
}

TEST_CASE("search text: words fed in pieces, folded or not, are the words of the whole") {
    // Uncopied words (already lower case), words folded part-way, and the punctuation fast path
    // (dashes, quotes, no-break space, « ») must split exactly as one piece does.
    std::string text =
        "привет Привет прИвет ПРИВЕТ ёлка Ёлка «кавычки»—тире… слово\u00a0слово "
        "abc ABC aBc 2021год Школа-наставник § Αθήνα µ² ЁЖ";
    std::vector<std::string> whole = output::words(text);
    CHECK(whole.front() == "привет");
    CHECK(std::count(whole.begin(), whole.end(), "привет") == 4);
    CHECK(std::count(whole.begin(), whole.end(), "кавычки") == 1);
    CHECK(std::count(whole.begin(), whole.end(), "тире") == 1);
    CHECK(std::count(whole.begin(), whole.end(), "слово") == 2);
    for (size_t cut = 0; cut <= text.size(); ++cut) {
        std::vector<std::string> pieces;
        auto keep = [&](std::string_view w) { pieces.emplace_back(w); };
        {
            output::WordSplitter<decltype(keep)> splitter(keep);
            splitter.feed(std::string_view(text).substr(0, cut));
            splitter.feed(std::string_view(text).substr(cut));
        }
        CAPTURE(cut);
        // A cut inside a UTF-8 character splits it into two non-words, as it would any text.
        if (cut == text.size() || (static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80)
            CHECK(pieces == whole);
    }
}

TEST_CASE("search text: an excerpt is the text of the HTML, cut as truncate_chars cuts it") {
    std::vector<std::string> samples = {
        "<p>Один &amp; <em>два</em></p><ul><li>три</li></ul>&#1105;ж",
        "<h2 id=\"a\">Итоги</h2>\n<p>  года  </p>",
        "   <p> </p>  ",
        "",
        "&",
        "<p>незакрытый <тег",
        "<p>слово слово</p><p>ещё&nbsp;одно</p>  <br>хвост   ",
        "<p>Ёлки-палки, «кавычки» — тире; Αθήνα School_21 &#x1F600; &bogus; конец.</p>"};
    for (const auto& html : samples)
        for (size_t chars : {0, 1, 4, 5, 6, 11, 12, 13, 20, 40, 240}) {
            CAPTURE(html);
            CAPTURE(chars);
            CHECK(output::html_excerpt(html, chars) ==
                  text::truncate_chars(output::html_to_text(html), chars));
        }
}

TEST_CASE("search text: Snowball Russian stems join word forms") {
    output::RussianStemmer stemmer;
    CHECK(stemmer.stem("наставничество") == "наставничеств");
    CHECK(stemmer.stem("наставничества") == "наставничеств");
    CHECK(stemmer.stem("отчет") == stemmer.stem("отчета"));
    CHECK(stemmer.stem("школами") == "школ");
    CHECK(stemmer.stem("vsoko") == "vsoko");
}

TEST_CASE("search index: varints over the URL-safe alphabet") {
    auto enc = [](unsigned long v) {
        std::string s;
        output::encode_varint(s, v);
        return s;
    };
    CHECK(enc(0) == "0");
    CHECK(enc(31) == "V");
    CHECK(enc(32) == "X0");
    CHECK(enc(1025) == "XW1");  // 1·32² + 0·32 + 1
    CHECK(output::alphabet_char(63) == '_');
}

TEST_CASE("search index: manifest, postings with title flags, documents") {
    model::Site s = sample_site();
    auto index = output::SearchIndex::build(s, 2);
    REQUIRE(index.files().front().name == "manifest.json");
    json m = file_json(index, "manifest.json");
    CHECK(m["count"] == 3);
    CHECK(m["doc_shards"] == 1);
    CHECK(m["terms"] == json::array({m["terms"][0]}));
    CHECK(m["min_prefix"] == 3);
    auto endings = m["endings"].get<std::vector<std::string>>();
    CHECK(std::find(endings.begin(), endings.end(), "а") != endings.end());
    CHECK(std::find(m["stop"].begin(), m["stop"].end(), "для") != m["stop"].end());

    // «отчёт» is in the title of practice 0 (flag 32) and in the body of nothing else.
    auto otchet = postings_of(index, "отчет");
    REQUIRE(otchet.size() == 1);
    CHECK(otchet[0].first == 0);
    CHECK(otchet[0].second >= 32);
    // «наставничестве» (title of 0) and «наставничество» (body of 1) share a stem.
    auto mentoring = postings_of(index, "наставничеств");
    REQUIRE(mentoring.size() == 2);
    CHECK(mentoring[0].first == 0);
    CHECK(mentoring[0].second >= 32);
    CHECK(mentoring[1].first == 1);
    CHECK(mentoring[1].second < 32);
    CHECK(postings_of(index, "родител").size() == 2);  // tag of 2, body of 0 and 2 → docs 0 and 2
    CHECK(postings_of(index, "для").empty());          // stop word

    json docs = file_json(index, "d0.json")["docs"];
    REQUIRE(docs.size() == 3);
    CHECK(docs[0] == json::array({"/practices/otchet/", "Итоговый отчёт о наставничестве",
                                  "2022-03-01", "МОБУ СОШ № 5", "Краткое описание практики otchet.",
                                  "Опыт Школа готовит отчёт для родителей."}));
    CHECK(docs[1][3] == "МОБУ СОШ № 5");  // the school that is not on the site is not named
}

TEST_CASE("search index: document shards escape text as nlohmann::json does") {
    model::Site s = sample_site();
    s.practices[1].title = "«Кавычки» \"и\" обратная \\ черта";
    s.practices[1].summary = "строка\nвторая\tтаб\r\b\f\x01 и \x7f";
    auto index = output::SearchIndex::build(s, 1);
    const output::SearchFile* d0 = index.file("d0.json");
    REQUIRE(d0);
    std::string text = d0->bytes();
    json docs = json::parse(text);
    CHECK(docs["docs"][1][1] == s.practices[1].title);
    CHECK(docs["docs"][1][4] == s.practices[1].summary);
    CHECK(text == docs.dump(-1, ' ', false, json::error_handler_t::replace));
}

TEST_CASE("search index: a document shard's inputs change exactly when its bytes do") {
    model::Site s = sample_site();
    output::SearchIndexOptions one_per_shard;
    one_per_shard.docs_per_shard = 1;
    auto shards = [&] {
        auto index = output::SearchIndex::build(s, 2, one_per_shard);
        std::vector<std::pair<uint64_t, std::string>> out;
        for (const auto& f : index.files())
            if (f.name[0] == 'd') {
                CHECK(f.produce);
                CHECK(f.inputs != 0);
                out.emplace_back(f.inputs, f.bytes());
            }
        REQUIRE(out.size() == 3);
        return out;
    };
    auto before = shards();
    CHECK(before == shards());  // a rebuild: the same inputs and bytes
    s.practices[1].summary = "Новое краткое описание.";
    s.schools[0].name = "МОБУ СОШ № 5 им. героев";  // named by practices 0 and 1
    auto after = shards();
    for (size_t k = 0; k < 2; ++k) {
        CHECK(after[k].first != before[k].first);
        CHECK(after[k].second != before[k].second);
    }
    CHECK(after[2] == before[2]);  // practice 2 names no school
}

TEST_CASE("search index: facets with documents, title order") {
    model::Site s = sample_site();
    auto index = output::SearchIndex::build(s, 1);
    json facets = file_json(index, "facets.json")["facets"];
    REQUIRE(facets.size() == 6);
    CHECK(facets[0]["param"] == "direction");
    CHECK(facets[0]["values"][0]["c"] == "quality");
    CHECK(facets[0]["values"][0]["u"] == "/directions/quality/");
    CHECK(facets[0]["values"][0]["p"] == "000");  // documents 0, 1, 2 as gaps
    CHECK(facets[2]["values"].size() == 1);       // schools: only the one on the site
    CHECK(facets[2]["values"][0]["p"] == "00");   // documents 0 and 1
    CHECK(facets[3]["values"][0]["l"] == "Кореновский район");
    CHECK(facets[4]["values"][0]["c"] == "2022");  // years, newest first
    CHECK(facets[5]["values"][0]["u"] == "/tags/vsoko/");
    CHECK(index.file("facets.json")->content.find("hidden-school") == std::string::npos);
    // Итоговый (0) < Родительский (2) < Сетевая (1)
    CHECK(file_json(index, "order-title.json")["order"] == "021");
}

TEST_CASE("search index: terms shards are contiguous, sorted ranges listed in the manifest") {
    model::Site s = sample_site();
    output::SearchIndexOptions options;
    options.terms_shard_bytes = 64;
    options.docs_per_shard = 2;
    auto index = output::SearchIndex::build(s, 2, options);
    json m = file_json(index, "manifest.json");
    REQUIRE(m["terms"].size() > 3);
    CHECK(m["doc_shards"] == 2);
    CHECK(file_json(index, "d1.json")["docs"].size() == 1);
    std::string previous;
    for (size_t k = 0; k < m["terms"].size(); ++k) {
        json shard = file_json(index, "t" + std::to_string(k) + ".json");
        CHECK(shard["s"][0] == m["terms"][k]);
        for (const auto& stem : shard["s"]) {
            CHECK(previous < stem.get<std::string>());
            previous = stem.get<std::string>();
        }
        CHECK(shard["d"].size() == shard["s"].size());
    }
}

TEST_CASE("search index: the typo lexicon holds every stem, forward and reversed, in order") {
    model::Site s = sample_site();
    output::SearchIndexOptions options;
    options.lexicon_shard_bytes = 40;
    auto index = output::SearchIndex::build(s, 2, options);
    json m = file_json(index, "manifest.json");
    std::vector<std::string> stems;
    for (size_t k = 0; k < m["terms"].size(); ++k) {
        json shard = file_json(index, "t" + std::to_string(k) + ".json");
        for (const auto& stem : shard["s"]) stems.push_back(stem.get<std::string>());
    }
    auto reversed = [](const std::string& s) {  // by character (ASCII and Cyrillic here)
        std::vector<std::string> chars;
        for (size_t i = 0; i < s.size();) {
            size_t n = static_cast<unsigned char>(s[i]) < 0x80 ? 1 : 2;
            chars.push_back(s.substr(i, n));
            i += n;
        }
        std::string out;
        for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
        return out;
    };
    for (const char* kind : {"lexicon", "reversed"}) {
        bool back = std::string(kind) == "reversed";
        REQUIRE(m[kind].size() > 2);  // cut into several shards
        std::vector<std::string> keys;
        for (size_t k = 0; k < m[kind].size(); ++k) {
            json shard = file_json(index, (back ? "r" : "f") + std::to_string(k) + ".json");
            CHECK(shard["s"][0] == m[kind][k]);
            CHECK(shard["f"].get<std::string>().size() == shard["s"].size());
            for (const auto& key : shard["s"]) keys.push_back(key.get<std::string>());
        }
        CHECK(std::is_sorted(keys.begin(), keys.end()));
        std::vector<std::string> expected;
        for (const auto& stem : stems) expected.push_back(back ? reversed(stem) : stem);
        std::sort(expected.begin(), expected.end());
        CHECK(keys.size() == expected.size());
        CHECK(keys == expected);
    }
    // A frequency class is the bit length of the document frequency: «встреч» is in two
    // practices (2 → '2'), «отчет» in one ('1').
    for (size_t k = 0; k < m["lexicon"].size(); ++k) {
        json shard = file_json(index, "f" + std::to_string(k) + ".json");
        for (size_t i = 0; i < shard["s"].size(); ++i) {
            if (shard["s"][i] == "встреч") CHECK(shard["f"].get<std::string>()[i] == '2');
            if (shard["s"][i] == "отчет") CHECK(shard["f"].get<std::string>()[i] == '1');
        }
    }
}

TEST_CASE("search index: the middle lexicon lists long stems under each trigram but the first") {
    model::Site s = sample_site();
    output::SearchIndexOptions options;
    options.middle_shard_bytes = 60;
    auto index = output::SearchIndex::build(s, 2, options);
    json m = file_json(index, "manifest.json");
    std::vector<std::string> stems;
    for (size_t k = 0; k < m["terms"].size(); ++k) {
        json shard = file_json(index, "t" + std::to_string(k) + ".json");
        for (const auto& stem : shard["s"]) stems.push_back(stem.get<std::string>());
    }
    auto chars = [](const std::string& s) {  // by character (ASCII and Cyrillic here)
        std::vector<std::string> out;
        for (size_t i = 0; i < s.size();) {
            size_t n = static_cast<unsigned char>(s[i]) < 0x80 ? 1 : 2;
            out.push_back(s.substr(i, n));
            i += n;
        }
        return out;
    };
    std::vector<std::pair<std::string, std::string>> expected;  // (trigram, stem)
    for (const auto& stem : stems) {
        auto c = chars(stem);
        if (c.size() < 5) continue;
        for (size_t i = 1; i + 3 <= c.size(); ++i)
            expected.emplace_back(c[i] + c[i + 1] + c[i + 2], stem);
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    REQUIRE(expected.size() > 10);

    json keys = file_json(index, "middle.json")["k"];
    REQUIRE(keys.size() > 2);  // cut into several shards
    std::vector<std::pair<std::string, std::string>> listed;
    for (size_t k = 0; k < keys.size(); ++k) {
        json shard = file_json(index, "m" + std::to_string(k) + ".json");
        CHECK(shard["t"][0] == keys[k]);
        REQUIRE(shard["t"].size() == shard["n"].size());
        CHECK(shard["f"].get<std::string>().size() == shard["s"].size());
        size_t at = 0;
        for (size_t g = 0; g < shard["t"].size(); ++g)
            for (size_t n = 0; n < shard["n"][g].get<size_t>(); ++n)
                listed.emplace_back(shard["t"][g], shard["s"][at++]);
        CHECK(at == shard["s"].size());
    }
    CHECK(listed == expected);
    CHECK(std::is_sorted(keys.begin(), keys.end()));
}

TEST_CASE("search index: records.json finds schools, events and mentorships by their words") {
    model::Site s = sample_site();
    s.schools[0].short_name = "СОШ № 5";
    s.schools[0].name = "Средняя общеобразовательная школа № 5 имени А.И. Покрышкина";
    s.config.event_kinds = config::default_vocabulary("event_kinds");
    records::Event e;
    e.id = "seminar";
    e.title = "Семинар «Ёлочные игрушки»";
    e.date.date = {2021, 3, 4};
    e.kind = {"seminar", {}};
    e.place = "Актовый зал";
    s.events.push_back(e);
    records::Mentorship m;
    m.id = "para";
    m.title = "Сетевая пара руководителей";
    m.format = "pair";
    m.mentors = {{"sosh-5", {}}};
    m.start = {2021, 1, 1};
    m.end = {2021, 6, 1};
    s.mentorships.push_back(m);
    s.index();
    auto index = output::SearchIndex::build(s, 1);
    json r = file_json(index, "records.json");
    REQUIRE(r["r"].size() == 3);
    CHECK(r["kinds"][0] == json::array({"schools", "Школы"}));
    CHECK(r["r"][0] == json::array({0, "/schools/sosh-5/",
                                    "Средняя общеобразовательная школа № 5 имени А.И. Покрышкина",
                                    "СОШ № 5 · Кореновский район"}));
    CHECK(r["r"][1][0] == 1);
    CHECK(r["r"][1][3] == "4 марта 2021 г. · Семинар · Актовый зал");
    CHECK(r["r"][2][0] == 2);
    auto postings = [&](const std::string& stem) {
        for (size_t i = 0; i < r["s"].size(); ++i)
            if (r["s"][i] == stem) return decode_postings(r["p"][i]);
        return std::vector<std::pair<long, int>>{};
    };
    // The school by its name (title weight: +32), its municipality; the mentorship names it.
    auto pokryshkin = postings(output::RussianStemmer().stem("покрышкина"));
    REQUIRE(pokryshkin.size() == 1);
    CHECK(pokryshkin[0].first == 0);
    CHECK(pokryshkin[0].second >= 32);
    auto district = postings(output::RussianStemmer().stem("кореновский"));
    REQUIRE(district.size() == 1);
    CHECK(district[0].second < 32);
    // ё is folded to е; the event by its title, the mentorship by its mentor's short name.
    CHECK(postings(output::RussianStemmer().stem("елочные")).at(0).first == 1);
    auto sosh = postings("сош");
    REQUIRE(sosh.size() == 2);
    CHECK(sosh[1].first == 2);
    CHECK(std::is_sorted(r["s"].begin(), r["s"].end()));
    CHECK(std::find(r["e"].begin(), r["e"].end(), "ая") != r["e"].end());
}

TEST_CASE("search index: byte-identical whatever the number of threads") {
    model::Site s = sample_site();
    auto a = output::SearchIndex::build(s, 1);
    auto b = output::SearchIndex::build(s, 3);
    REQUIRE(a.files().size() == b.files().size());
    for (size_t i = 0; i < a.files().size(); ++i) {
        CHECK(a.files()[i].name == b.files()[i].name);
        CHECK(a.files()[i].bytes() == b.files()[i].bytes());
    }
}

TEST_CASE("search index: analyses kept in the build cache give the same files") {
    TempFile file;
    model::Site s = sample_site();
    {
        markdown::RenderCache cache(file.path, "generator 1");
        auto first = output::SearchIndex::build(s, 2, {}, &cache);
        CHECK(first.reused() == 0);
        check_same_files(first, output::SearchIndex::build(s, 2));
        cache.save();
    }
    {
        markdown::RenderCache cache(file.path, "generator 1");
        auto again = output::SearchIndex::build(s, 2, {}, &cache);
        CHECK(again.reused() == 3);
        check_same_files(again, output::SearchIndex::build(s, 2));
        // An edit brings new words (and stems) into the shared vocabulary.
        s.practice_html[1] = {"<p>Библиотечные уроки: читаем вслух, обсуждаем книги.</p>", {}, {}};
        s.practices[2].tags.push_back("чтение");
        auto edited = output::SearchIndex::build(s, 1, {}, &cache);
        CHECK(edited.reused() == 1);
        check_same_files(edited, output::SearchIndex::build(s, 1));
        CHECK(!postings_of(edited, "библиотечн").empty());
        cache.save();
    }
    {
        markdown::RenderCache cache(file.path, "generator 1");
        auto after = output::SearchIndex::build(s, 3, {}, &cache);
        CHECK(after.reused() == 3);
        check_same_files(after, output::SearchIndex::build(s, 3));
    }
    {  // another generator: nothing is taken from the cache, nothing differs
        markdown::RenderCache cache(file.path, "generator 2");
        auto other = output::SearchIndex::build(s, 2, {}, &cache);
        CHECK(other.reused() == 0);
        check_same_files(other, output::SearchIndex::build(s, 2));
    }
}

TEST_CASE("search index: a torn build cache is a miss, not a different index") {
    TempFile file;
    model::Site s = sample_site();
    {
        markdown::RenderCache cache(file.path, "generator 1");
        output::SearchIndex::build(s, 2, {}, &cache);
        cache.save();
    }
    std::string bytes;
    {
        std::ifstream in(file.path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    // A build killed while saving leaves a prefix of the file.
    for (size_t keep : {bytes.size() - 1, bytes.size() / 2, bytes.size() / 5}) {
        CAPTURE(keep);
        {
            std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
            out << bytes.substr(0, keep);
        }
        markdown::RenderCache cache(file.path, "generator 1");
        auto index = output::SearchIndex::build(s, 2, {}, &cache);
        CHECK(index.reused() < 3);
        check_same_files(index, output::SearchIndex::build(s, 2));
    }
}
