#include "editor/forms.h"

#include "records/fields.h"

namespace nk::editor {

using json = nlohmann::json;

namespace {

const char* kind_name(records::FieldKind kind) {
    using K = records::FieldKind;
    switch (kind) {
        case K::text:
            return "text";
        case K::textarea:
            return "textarea";
        case K::integer:
            return "integer";
        case K::number:
            return "number";
        case K::boolean:
            return "boolean";
        case K::date:
            return "date";
        case K::datetime:
            return "datetime";
        case K::url:
            return "url";
        case K::vocab:
            return "vocab";
        case K::vocab_list:
            return "vocab_list";
        case K::school_ref:
            return "school_ref";
        case K::school_refs:
            return "school_refs";
        case K::record_ref:
            return "record_ref";
        case K::strings:
            return "strings";
        case K::integers:
            return "integers";
        case K::group:
            return "group";
        case K::internal_table:
            return "internal";
        case K::markdown_body:
            return "markdown_body";
    }
    return "text";
}

json options(const std::vector<std::pair<std::string, std::string>>& entries) {
    json out = json::array();
    for (const auto& [code, label] : entries) out.push_back({{"code", code}, {"label", label}});
    return out;
}

json field_json(const records::Field& f, const config::SiteConfig& config) {
    json out = {{"key", f.key},
                {"label", f.label},
                {"kind", kind_name(f.kind)},
                {"required", f.required},
                {"help", f.help}};
    if (f.min) out["min"] = *f.min;
    if (f.max) out["max"] = *f.max;
    if (f.min_items) out["min_items"] = *f.min_items;
    if (f.max_items) out["max_items"] = *f.max_items;
    if (f.markdown) out["markdown"] = true;
    if (f.item_url) out["item_url"] = true;
    if (!f.ref_type.empty()) out["ref_type"] = f.ref_type;
    if (!f.vocabulary.empty()) {
        out["vocabulary"] = f.vocabulary;
        out["options"] = options(records::vocabulary_of(config, f.vocabulary).entries());
    } else if (!f.choices.empty()) {
        out["options"] = options(f.choices);
    }
    if (!f.pair_vocabulary.empty())
        out["pair_options"] = options(records::vocabulary_of(config, f.pair_vocabulary).entries());
    if (f.kind == records::FieldKind::group) {
        json rows = json::array();
        for (const records::Field& row : f.fields) rows.push_back(field_json(row, config));
        if (f.rows_may_be_internal)
            rows.push_back(field_json(records::row_visibility_field(), config));
        out["fields"] = rows;
    }
    return out;
}

}  // namespace

json form_descriptions(const config::SiteConfig& config) {
    json types = json::array();
    for (const records::RecordType& t : records::record_types()) {
        json fields = json::array();
        for (const records::Field& f : t.fields)
            if (f.alias_of.empty()) fields.push_back(field_json(f, config));
        types.push_back({{"type", t.type},
                         {"label", t.label},
                         {"dir", t.dir},
                         {"ext", t.ext},
                         {"title_key", t.title_key},
                         {"fields", fields}});
    }
    return {{"types", types}};
}

}  // namespace nk::editor
