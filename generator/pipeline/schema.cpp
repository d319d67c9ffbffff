#include "pipeline/schema.h"

#include <fmt/format.h>

#include <boost/filesystem.hpp>
#include <fstream>

#include "config/toml_reader.h"
#include "diag/messages.h"
#include "fs/file_system.h"
#include "records/fields.h"

namespace nk::pipeline {

using json = nlohmann::json;

namespace {

constexpr const char* kDraft = "https://json-schema.org/draft/2020-12/schema";
constexpr const char* kIdPattern = "^[a-z0-9-]+$";

json text(const std::string& description) {
    return {{"type", "string"}, {"description", description}};
}

json markdown(const std::string& description) {
    return text(description + " Разметка Markdown.");
}

json url(const std::string& description) {
    return {{"type", "string"},
            {"format", "uri"},
            {"pattern", "^[Hh][Tt][Tt][Pp][Ss]?://"},
            {"description", description + " Адрес, начинающийся с https:// или http://."}};
}

json integer(const std::string& description, long min, long max) {
    return {{"type", "integer"}, {"minimum", min}, {"maximum", max}, {"description", description}};
}

json number(const std::string& description, double min, double max) {
    return {{"type", "number"}, {"minimum", min}, {"maximum", max}, {"description", description}};
}

json boolean(const std::string& description) {
    return {{"type", "boolean"}, {"description", description + " true — да, false — нет."}};
}

json date(const std::string& description) {
    return {{"type", "string"},
            {"format", "date"},
            {"description", description + " Дата TOML без кавычек: 2021-02-01."}};
}

json date_or_time(const std::string& description) {
    return {
        {"type", "string"},
        {"anyOf", json::array({{{"format", "date"}}, {{"format", "local-date-time"}}})},
        {"description",
         description + " Дата или дата и время без кавычек: 2021-02-01 или 2021-02-01T10:00:00."}};
}

json strings(const std::string& description) {
    return {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", description}};
}

/// A choice among fixed values, each documented (Taplo shows `x-taplo.docs.enumValues`).
json choice(const std::string& description,
            const std::vector<std::pair<std::string, std::string>>& values) {
    json codes = json::array(), docs = json::array();
    for (const auto& [code, label] : values) {
        codes.push_back(code);
        docs.push_back(label);
    }
    return {{"type", "string"},
            {"enum", codes},
            {"description", description},
            {"x-taplo", {{"docs", {{"enumValues", docs}}}}}};
}

json code(const std::string& description, const config::Vocabulary& vocabulary,
          const std::string& name) {
    return choice(description + " Код справочника " + name + " из config.toml.",
                  vocabulary.entries());
}

json codes(const std::string& description, const config::Vocabulary& vocabulary,
           const std::string& name) {
    return {{"type", "array"},
            {"uniqueItems", true},
            {"items", code("", vocabulary, name)},
            {"description", description + " Коды справочника " + name + " из config.toml."}};
}

/// The codes of both vocabularies (a mentorship's directions depend on its format).
config::Vocabulary either(const config::Vocabulary& a, const config::Vocabulary& b) {
    std::vector<std::pair<std::string, std::string>> entries = a.entries();
    for (const auto& e : b.entries())
        if (!a.contains(e.first)) entries.push_back(e);
    return config::Vocabulary(std::move(entries));
}

json id(const std::string& description, const std::string& folder) {
    return {{"type", "string"},
            {"pattern", kIdPattern},
            {"description", description + " Идентификатор: имя файла из " + folder +
                                " без расширения (строчные латинские буквы, цифры, «-»)."}};
}

json ids(const std::string& description, const std::string& folder) {
    return {{"type", "array"},
            {"uniqueItems", true},
            {"items", id("", folder)},
            {"description", description + " Идентификаторы из " + folder + "."}};
}

/// A table with exactly these keys; `required` must be present.
json table(const std::string& description, json properties,
           const std::vector<std::string>& required) {
    json out = {{"type", "object"},
                {"description", description},
                {"properties", std::move(properties)},
                {"additionalProperties", false}};
    if (!required.empty()) out["required"] = required;
    return out;
}

/// The codes a vocab field offers: its fixed choices, or its vocabulary (with the one of network
/// pairs when that differs: a mentorship's directions depend on its format).
config::Vocabulary codes_of(const records::Field& f, const config::SiteConfig& c) {
    if (f.vocabulary.empty()) return config::Vocabulary(f.choices);
    const config::Vocabulary& main = records::vocabulary_of(c, f.vocabulary);
    return f.pair_vocabulary.empty() ? main
                                     : either(main, records::vocabulary_of(c, f.pair_vocabulary));
}

json internal_table(const std::string& description) {
    json value = {{"anyOf", json::array({{{"type", "string"}},
                                         {{"type", "number"}},
                                         {{"type", "boolean"}},
                                         {{"type", "array"}, {"items", {{"type", "string"}}}}})}};
    return {{"type", "object"}, {"additionalProperties", value}, {"description", description}};
}

json properties_of(const std::vector<records::Field>& fields, const config::SiteConfig& c,
                   std::vector<std::string>& required);

json field_schema(const records::Field& f, const config::SiteConfig& c) {
    using K = records::FieldKind;
    std::string d = f.label + "." + (f.help.empty() ? "" : " " + f.help);
    json out;
    switch (f.kind) {
        case K::text:
            out = text(d);
            break;
        case K::textarea:
            out = f.markdown ? markdown(d) : text(d);
            break;
        case K::integer:
            out = integer(d, long(*f.min), long(*f.max));
            break;
        case K::number:
            out = number(d, *f.min, *f.max);
            break;
        case K::boolean:
            out = boolean(d);
            break;
        case K::date:
            out = date(d);
            break;
        case K::datetime:
            out = date_or_time(d);
            break;
        case K::url:
            out = url(d);
            break;
        case K::vocab:
            out =
                f.vocabulary.empty() ? choice(d, f.choices) : code(d, codes_of(f, c), f.vocabulary);
            break;
        case K::vocab_list:
            out = codes(d, codes_of(f, c), f.vocabulary);
            break;
        case K::school_ref:
            out = id(d, "data/schools/");
            break;
        case K::school_refs:
            out = ids(d, "data/schools/");
            break;
        case K::record_ref:
            out = id(d, records::find_record_type(f.ref_type)->dir + "/");
            break;
        case K::strings:
            out = strings(d);
            if (f.item_url) out["items"] = url("");
            break;
        case K::integers:
            out = {{"type", "array"},
                   {"items",
                    {{"type", "integer"}, {"minimum", long(*f.min)}, {"maximum", long(*f.max)}}},
                   {"description", d}};
            break;
        case K::group: {
            std::vector<std::string> required;
            json properties = properties_of(f.fields, c, required);
            if (f.rows_may_be_internal)
                properties[records::row_visibility_field().key] =
                    field_schema(records::row_visibility_field(), c);
            out = {{"type", "array"},
                   {"description", d},
                   {"items", table(d, std::move(properties), required)}};
            break;
        }
        case K::internal_table:
            out = internal_table(d);
            break;
        case K::markdown_body:
            break;
    }
    if (f.min_items) out["minItems"] = *f.min_items;
    if (f.max_items) out["maxItems"] = *f.max_items;
    if (!f.alias_of.empty()) out["deprecated"] = true;
    return out;
}

/// The properties of `fields` (a Markdown body is no property); adds the required keys.
json properties_of(const std::vector<records::Field>& fields, const config::SiteConfig& c,
                   std::vector<std::string>& required) {
    json properties = json::object();
    for (const records::Field& f : fields) {
        if (f.kind == records::FieldKind::markdown_body) continue;
        properties[f.key] = field_schema(f, c);
        if (f.required) required.push_back(f.key);
    }
    return properties;
}

/// The schema of a record type, from its field descriptions.
Schema record(const records::RecordType& type, const config::SiteConfig& c) {
    std::vector<std::string> required;
    json properties = properties_of(type.fields, c, required);
    json schema = table(type.schema_description, std::move(properties), required);
    schema["$schema"] = kDraft;
    schema["title"] = type.schema_title;
    return {type.type, std::move(schema)};
}

json vocabulary(const std::string& description) {
    return {{"type", "object"},
            {"propertyNames", {{"pattern", "^[a-z0-9_-]+$"}}},
            {"additionalProperties", {{"type", "string"}}},
            {"description", description + " Код = \"подпись\"; заменяет встроенный справочник."}};
}

Schema site_config() {
    std::vector<std::pair<std::string, std::string>> rules;
    for (const auto& r : config::rule_names()) rules.emplace_back(r, "Правило " + r);
    json warn = {{"type", "array"},
                 {"items", choice("", rules)},
                 {"description", "Правила, нарушение которых — предупреждение, а не ошибка."}};
    json rule_limits = table(
        "Пределы правил.",
        {{"mentor_max_mentees", integer("Наибольшее число подшефных школ у наставника.", 1, 100)},
         {"mentorship_min_months", integer("Наименьший срок наставничества, мес.", 0, 120)},
         {"mentorship_max_months", integer("Наибольший срок наставничества, мес.", 1, 120)},
         {"extension_max_months", integer("Наибольшее продление, мес.", 0, 120)},
         {"association_min_meetings", integer("Заседаний объединения за учебный год.", 0, 100)},
         {"analysis_due",
          {{"type", "string"},
           {"pattern", "^[0-9]{2}-[0-9]{2}$"},
           {"description", "Срок сдачи анализа работы объединения: \"MM-DD\"."}}},
         {"warn", warn}},
        {});
    json vocabularies =
        table("Справочники.",
              {{"directions", vocabulary("Направления наставничества.")},
               {"forms", vocabulary("Формы работы.")},
               {"event_kinds", vocabulary("Виды мероприятий.")},
               {"risk_factors", vocabulary("Факторы риска («500+»).")},
               {"pair_directions", vocabulary("Направления сетевых пар руководителей.")},
               {"association_directions", vocabulary("Направления межшкольных объединений.")}},
              {});
    json p = {{"title", text("Название сайта.")},
              {"description", text("Описание сайта для поисковиков.")},
              {"base_url", text("Адрес опубликованного сайта, например https://example.org/.")},
              {"language", text("Язык сайта, \"ru\".")},
              {"theme", text("Тема оформления: встроенная default (её файлы можно заменить своими "
                             "в themes/default/) или папка в themes/.")},
              {"as_of", date("«Сегодня» для статусов и правил.")},
              {"practices_per_page", integer("Практик на странице каталога.", 1, 1000)},
              {"analytics",
               table("Аналитика.",
                     {{"group", choice("Группа сравнения.", {{"municipality", "Муниципалитет"},
                                                             {"region", "Субъект РФ"}})}},
                     {})},
              {"rules", rule_limits},
              {"vocabularies", vocabularies}};
    json schema = table("Настройки сайта.", std::move(p), {});
    schema["$schema"] = kDraft;
    schema["title"] = "Настройки сайта (config.toml)";
    return {"config", std::move(schema)};
}

/// The label with its first letter in lower case, for «`code` — подпись» inside a sentence.
std::string lower_first(const std::string& s) {
    if (s.size() < 2) return s;
    auto a = static_cast<unsigned char>(s[0]), b = static_cast<unsigned char>(s[1]);
    std::string rest = s.substr(2);
    if (a == 0xD0 && b >= 0x90 && b <= 0x9F) return std::string{'\xD0', char(b + 0x20)} + rest;
    if (a == 0xD0 && b >= 0xA0 && b <= 0xAF) return std::string{'\xD1', char(b - 0x20)} + rest;
    return s;
}

std::string number_text(double v) {
    std::string out = fmt::format("{}", v);
    return out;
}

std::string kind_name(const records::Field& f) {
    using K = records::FieldKind;
    switch (f.kind) {
        case K::text:
            return "строка";
        case K::textarea:
            return f.markdown ? "строка (Markdown)" : "строка";
        case K::integer:
            return "целое число";
        case K::number:
            return "число";
        case K::boolean:
            return "да/нет";
        case K::date:
            return "дата";
        case K::datetime:
            return "дата или дата и время";
        case K::url:
            return "адрес";
        case K::vocab:
            return "код";
        case K::vocab_list:
            return "список кодов";
        case K::school_ref:
        case K::record_ref:
            return "идентификатор";
        case K::school_refs:
            return "список идентификаторов";
        case K::strings:
            return f.item_url ? "список адресов" : "список строк";
        case K::integers:
            return "список целых чисел";
        case K::group:
            return "повторяющаяся таблица";
        case K::internal_table:
            return "таблица";
        case K::markdown_body:
            return "текст Markdown";
    }
    return "";
}

std::string vocabulary_link(const std::string& name) {
    return "справочника `" + name + "`, см. [раздел 6](#6-справочники-коды-и-подписи)";
}

/// «Допустимые значения»: what the kind, range and codes allow, then the field's own note.
std::string allowed_values(const records::Field& f) {
    using K = records::FieldKind;
    bool wide = f.min && *f.min <= -1e12;  // a range only against nonsense: no limit to tell
    std::string range = f.min && !wide
                            ? "от `" + number_text(*f.min) + "` до `" + number_text(*f.max) + "`"
                            : "любое число";
    bool exact = f.min_items && f.max_items && *f.min_items == *f.max_items;
    std::string count = exact ? "ровно **" + std::to_string(*f.min_items) + "** " : "";
    std::string out;
    switch (f.kind) {
        case K::text:
        case K::textarea:
        case K::markdown_body:
            out = "любой текст";
            break;
        case K::integer:
        case K::number:
            out = range;
            break;
        case K::boolean:
            out = "`true` / `false`";
            break;
        case K::date:
            out = "дата: `2021-02-01`";
            break;
        case K::datetime:
            out = "`2021-03-18` или `2021-03-18T14:00:00`";
            break;
        case K::url:
            out = "адрес `https://…` или `http://…`";
            break;
        case K::vocab:
            if (f.vocabulary.empty())
                for (const auto& [code, label] : f.choices)
                    out += (out.empty() ? "" : "; ") + ("`" + code + "` — " + lower_first(label));
            else
                out = "код " + vocabulary_link(f.vocabulary);
            break;
        case K::vocab_list:
            out = "коды " + vocabulary_link(f.vocabulary);
            if (!f.pair_vocabulary.empty())
                out += "; у сетевой пары — коды справочника `" + f.pair_vocabulary + "`";
            break;
        case K::school_ref:
            out = "идентификатор из `data/schools/`";
            break;
        case K::school_refs:
            out = "идентификаторы из `data/schools/`";
            if (f.min_items) out += ", хотя бы один";
            break;
        case K::record_ref:
            out = "идентификатор из `" + records::find_record_type(f.ref_type)->dir + "/`";
            break;
        case K::strings:
            out = f.item_url ? "адреса `https://…` или `http://…`"
                             : (exact ? count + "строк" : "любой текст");
            break;
        case K::integers:
            out = count + "целых чисел, каждое " + range;
            break;
        case K::group:
            out = "см. ниже";
            break;
        case K::internal_table:
            out = "произвольные поля";
            break;
    }
    if (!f.doc_values.empty()) out += "; " + f.doc_values;
    return out;
}

std::string field_name(const records::Field& f, const std::string& prefix) {
    if (f.kind == records::FieldKind::group) return "`[[" + prefix + f.key + "]]`";
    if (f.kind == records::FieldKind::internal_table) return "`[" + f.key + "]`";
    return "`" + f.key + "`";
}

std::string required_text(const records::Field& f, bool nested) {
    if (!f.required) return "нет";
    if (nested) return "да (в строке)";
    if (f.kind == records::FieldKind::group) return "**да** (хотя бы одна строка)";
    return "**да**";
}

/// The table of `fields`; `prefix` names the enclosing groups ("applications.").
std::string markdown_table(const std::vector<records::Field>& fields, const std::string& prefix,
                           bool skip_common) {
    std::string out =
        "| Поле | Тип | Обяз. | Смысл | Допустимые значения |\n|---|---|---|---|---|\n";
    for (const records::Field& f : fields) {
        if (f.kind == records::FieldKind::markdown_body || !f.alias_of.empty()) continue;
        if (skip_common && (f.key == "visibility" || f.key == "draft" || f.key == "internal"))
            continue;
        std::string meaning = f.label + (f.help.empty() ? "" : ". " + f.help);
        if (meaning.back() == '.') meaning.pop_back();
        out += "| " + field_name(f, prefix) + " | " + kind_name(f) + " | " +
               required_text(f, !prefix.empty()) + " | " + meaning + " | " + allowed_values(f) +
               " |\n";
    }
    return out;
}

void add_group_tables(const std::vector<records::Field>& fields, const std::string& name,
                      const std::string& prefix, std::vector<FieldTable>& out) {
    for (const records::Field& f : fields) {
        if (f.kind != records::FieldKind::group) continue;
        out.push_back({name + "." + f.key, markdown_table(f.fields, prefix + f.key + ".", false)});
        add_group_tables(f.fields, name + "." + f.key, prefix + f.key + ".", out);
    }
}

}  // namespace

std::vector<FieldTable> field_tables() {
    std::vector<FieldTable> out = {{"common", markdown_table(records::common_fields(), "", false)}};
    for (const records::RecordType& t : records::record_types()) {
        out.push_back({t.type, markdown_table(t.fields, "", true)});
        add_group_tables(t.fields, t.type, "", out);
    }
    return out;
}

std::vector<Schema> record_schemas(const config::SiteConfig& c) {
    std::vector<Schema> out = {site_config()};
    // The order of the files `nastavnik schema` has always listed.
    for (const char* type : {"school", "mentorship", "association", "plan", "competition",
                             "reserve", "practice", "event", "page", "transition"})
        out.push_back(record(*records::find_record_type(type), c));
    return out;
}

int run_schema(const std::string& source, const std::string& out_dir, std::ostream& log,
               std::ostream& err) {
    namespace bfs = boost::filesystem;
    diag::Diagnostics diags;
    fs::SiteFile file{(bfs::path(source) / "config.toml").string(), "config.toml"};
    std::string text;
    if (fs::leaves_site(source, file.relative))
        diags.error({file.relative, 0, 0},
                    diag::tr("symbolic link points outside the site; it is not followed"));
    else if (bfs::exists(file.absolute))
        text = fs::read_text(file, diags).value_or("");
    config::SiteConfig config = config::parse_config(text, file.relative, diags);
    if (diags.has_errors()) {
        diags.print(err);
        return 1;
    }
    std::string dir = out_dir.empty() ? (bfs::path(source) / "schemas").string() : out_dir;
    boost::system::error_code ec;
    bfs::create_directories(dir, ec);
    auto schemas = record_schemas(config);
    for (const Schema& s : schemas) {
        std::string path = (bfs::path(dir) / (s.name + ".schema.json")).string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << s.json.dump(2, ' ', false) << '\n';
        if (!out) {
            err << path << ": error: " << diag::tr("cannot write the schema") << "\n";
            return 1;
        }
    }
    log << diag::tr("wrote {} schemas into {}", diag::count(schemas.size()), dir) << "\n";
    return 0;
}

}  // namespace nk::pipeline
