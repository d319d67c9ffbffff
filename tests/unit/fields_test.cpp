// The field descriptions (records/fields.h) and the loaders agree key for key: a record with every
// described field set loads without a diagnostic, and every key a loader asks for, in every
// table, is described there. The field tables of docs/editing.md are the ones the descriptions
// give (NK_UPDATE_DOCS=1 rewrites them).

#include "records/fields.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "config/site_config.h"
#include "config/toml_reader.h"
#include "pipeline/schema.h"
#include "records/loaders.h"

using namespace nk;
using records::Field;
using records::FieldKind;

namespace {

std::string first_code(const Field& f) {
    if (!f.choices.empty()) return f.choices.front().first;
    return config::default_vocabulary(f.vocabulary).entries().front().first;
}

/// A TOML value of `f` that its loader accepts.
std::string sample(const Field& f) {
    auto repeat = [&f](const std::string& item) {
        std::string out = "[";
        for (size_t i = 0; i < f.min_items.value_or(1); ++i) out += (i ? ", " : "") + item;
        return out + "]";
    };
    switch (f.kind) {
        case FieldKind::text:
        case FieldKind::textarea:
            return "\"Текст\"";
        case FieldKind::integer:
            return std::to_string(long(*f.min));
        case FieldKind::number:
            return std::to_string((*f.min + *f.max) / 2);
        case FieldKind::boolean:
            return "true";
        case FieldKind::date:
            return "2021-02-01";
        case FieldKind::datetime:
            return "2021-02-01T10:00:00";
        case FieldKind::url:
            return "\"https://example.org/\"";
        case FieldKind::vocab:
            return "\"" + first_code(f) + "\"";
        case FieldKind::vocab_list:
            return repeat("\"" + first_code(f) + "\"");
        case FieldKind::school_ref:
        case FieldKind::record_ref:
            return "\"sosh-1\"";
        case FieldKind::school_refs:
            return repeat("\"sosh-1\"");
        case FieldKind::strings:
            return repeat(f.item_url ? "\"https://example.org/\"" : "\"Текст\"");
        case FieldKind::integers:
            return repeat(std::to_string(long(*f.min)));
        default:
            return "";
    }
}

/// Every described field of `fields` set once (aliases left out: they repeat another field).
std::string document(const std::vector<Field>& fields, const std::string& path,
                     bool rows_may_be_internal) {
    std::string scalars, tables;
    if (rows_may_be_internal) scalars += "visibility = \"public\"\n";
    for (const Field& f : fields) {
        if (!f.alias_of.empty() || f.kind == FieldKind::markdown_body) continue;
        std::string full = path.empty() ? f.key : path + "." + f.key;
        if (f.kind == FieldKind::group) {
            tables += "\n[[" + full + "]]\n" + document(f.fields, full, f.rows_may_be_internal);
        } else if (f.kind == FieldKind::internal_table) {
            tables += "\n[" + full + "]\n\"Примечание\" = \"Текст\"\n";
        } else {
            scalars += f.key + " = " + sample(f) + "\n";
        }
    }
    return scalars + tables;
}

using Loader = std::function<bool(const std::string&, diag::Diagnostics&)>;

template <typename Fn>
Loader loader(Fn fn) {
    return [fn](const std::string& text, diag::Diagnostics& d) {
        return fn(text, records::Origin{"sosh-1", "x"}, d).has_value();
    };
}

const std::map<std::string, Loader>& loaders() {
    static const std::map<std::string, Loader> all = {
        {"school", loader(records::load_school)},
        {"mentorship", loader(records::load_mentorship)},
        {"association", loader(records::load_association)},
        {"plan", loader(records::load_plan)},
        {"competition", loader(records::load_competition)},
        {"reserve", loader(records::load_reserve_entry)},
        {"transition", loader(records::load_transition)},
        {"practice", loader(records::load_practice)},
        {"event", loader(records::load_event)},
        {"page", loader(records::load_page)}};
    return all;
}

using KeySet = std::set<std::string>;

/// The key set of every described table of `fields` (the root, then each group's rows).
void described_tables(const std::vector<Field>& fields, bool rows_may_be_internal,
                      const std::string& name, std::map<std::string, KeySet>& out) {
    KeySet keys;
    if (rows_may_be_internal) keys.insert("visibility");
    for (const Field& f : fields) {
        if (f.kind == FieldKind::markdown_body) continue;
        keys.insert(f.key);
        if (f.kind == FieldKind::group)
            described_tables(f.fields, f.rows_may_be_internal, name + "." + f.key, out);
    }
    out[name] = keys;
}

std::string joined(const KeySet& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("fields: every record type is described, with a loader, a folder and Russian labels") {
    CHECK(records::record_types().size() == loaders().size());
    for (const records::RecordType& t : records::record_types()) {
        INFO(t.type);
        CHECK(loaders().count(t.type) == 1);
        CHECK(records::find_record_type(t.type) == &t);
        CHECK((t.ext == ".toml" || t.ext == ".md"));
        CHECK(records::find_field(t, t.title_key) != nullptr);
        for (const Field& f : t.fields) CHECK_MESSAGE(!f.label.empty(), f.key);
    }
    const records::RecordType& school = *records::find_record_type("school");
    CHECK(records::find_field(school, "years.2.ior")->label.find("ИОР") == 0);
    CHECK(records::find_field(school, "years.0.deficits.1.area") != nullptr);
    CHECK(records::find_field(school, "years.nope") == nullptr);
    const records::RecordType& mentorship = *records::find_record_type("mentorship");
    CHECK(records::find_field(mentorship, "goals.0.visibility") != nullptr);
    CHECK(records::find_field(mentorship, "feedback.0.visibility") == nullptr);
}

TEST_CASE("fields: a record with every described field set loads without a diagnostic") {
    for (const records::RecordType& t : records::record_types()) {
        std::string toml = document(t.fields, "", false);
        std::string text = t.ext == ".md" ? "+++\n" + toml + "+++\nТекст.\n" : toml;
        INFO(t.type << ":\n" << text);
        diag::Diagnostics d;
        CHECK(loaders().at(t.type)(text, d));
        for (const auto& diagnostic : d.sorted())
            CHECK(diag::Diagnostics::format(diagnostic) == "");
    }
}

TEST_CASE("fields: every key a loader asks for, in every table, is described") {
    for (const records::RecordType& t : records::record_types()) {
        std::map<std::string, KeySet> described;
        described_tables(t.fields, false, t.type, described);
        std::string toml = document(t.fields, "", false);
        std::string text = t.ext == ".md" ? "+++\n" + toml + "+++\nТекст.\n" : toml;
        config::AskedKeys asked;
        diag::Diagnostics d;
        loaders().at(t.type)(text, d);
        std::set<std::string> matched;
        for (const auto& keys : asked.tables) {
            KeySet set(keys.begin(), keys.end());
            auto same = std::find_if(described.begin(), described.end(),
                                     [&](const auto& table) { return table.second == set; });
            INFO(t.type << ": the loader asks for " << joined(set));
            CHECK_MESSAGE(same != described.end(), "a table the descriptions do not have");
            if (same != described.end()) matched.insert(same->first);
        }
        for (const auto& [name, keys] : described)
            CHECK_MESSAGE(matched.count(name), name << " (" << joined(keys) << ") is not read");
    }
}

TEST_CASE("fields: the school loader's hint for school keys below [[years]] comes from them") {
    diag::Diagnostics d;
    records::load_school(
        "name = \"A\"\nmunicipality = \"M\"\n[[years]]\nyear = 2020\nstudents = 5\n",
        {"sosh-1", "x"}, d);
    REQUIRE(d.sorted().size() == 1);
    CHECK(diag::Diagnostics::format(d.sorted()[0]).find("move it above [[years]]") !=
          std::string::npos);
}

TEST_CASE("fields: the field tables of docs/editing.md are the ones the descriptions give") {
    std::string path = std::string(NK_SOURCE_DIR) + "/docs/editing.md";
    std::string docs = read_file(path);
    REQUIRE(!docs.empty());
    bool update = std::getenv("NK_UPDATE_DOCS") != nullptr;
    for (const auto& table : pipeline::field_tables()) {
        INFO(table.name);
        std::string open = "<!-- fields: " + table.name + " ";
        size_t at = docs.find(open);
        REQUIRE_MESSAGE(at != std::string::npos, "docs/editing.md has no block " << open << "-->");
        size_t begin = docs.find("-->\n", at) + 4, end = docs.find("<!-- /fields -->", begin);
        REQUIRE(end != std::string::npos);
        if (update)
            docs.replace(begin, end - begin, table.markdown);
        else
            CHECK(docs.substr(begin, end - begin) == table.markdown);
    }
    if (update) std::ofstream(path, std::ios::binary | std::ios::trunc) << docs;
}
