#include "editor/edit_api.h"

#include <boost/filesystem.hpp>
#include <ctime>
#include <variant>

#include "config/site_config.h"
#include "editor/atomic_file.h"
#include "editor/forms.h"
#include "editor/git_history.h"
#include "editor/overlay_check.h"
#include "editor/path_guard.h"
#include "editor/record_files.h"
#include "editor/toml_patch.h"
#include "fs/file_system.h"
#include "fs/slug.h"
#include "markdown/markdown.h"
#include "pipeline/scaffold.h"

namespace nk::editor {

namespace {

using json = Json;

Reply failure(int status, const std::string& message) {
    return {status, {{"error", message}}};
}

Reply conflict(nlohmann::json body) {
    body["conflict"] = true;
    return {409, std::move(body)};
}

config::SiteConfig site_config(const std::string& root) {
    auto text = fs::read_bytes((boost::filesystem::path(root) / "config.toml").string(),
                               fs::kMaxInputBytes);
    diag::Diagnostics ignored;  // `check` reports them; the editor works with what it can read
    return config::parse_config(text.value_or(""), "config.toml", ignored);
}

std::string text_field(const json& request, const char* name) {
    auto it = request.find(name);
    return it != request.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The checked record file a request names, or the reply refusing it.
struct Target {
    EditablePath path;
    const RecordFolder* folder = nullptr;
};
std::variant<Target, Reply> target_of(const std::string& root, const std::string& requested) {
    auto checked = editable_path(root, requested);
    if (auto* problem = std::get_if<std::string>(&checked)) return failure(403, *problem);
    EditablePath path = std::get<EditablePath>(checked);
    const RecordFolder* folder = folder_of(path.relative);
    if (!folder)
        return failure(403,
                       "этот файл редактор не меняет: записи лежат прямо в папках "
                       "content/practices/, data/schools/ и других папках записей");
    return Target{path, folder};
}

/// The kind of the field at `key` in the form descriptions of `type` ("" when not described).
std::string field_kind(const nlohmann::json& forms, const std::string& type, const KeyPath& key) {
    const nlohmann::json* fields = nullptr;
    // By reference into `forms`: json::value() would return a copy, and `fields` would point
    // into it after the loop.
    if (!forms.contains("types") || !forms["types"].is_array()) return "";
    for (const nlohmann::json& t : forms["types"])
        if (t.value("type", "") == type && t.contains("fields")) fields = &t["fields"];
    std::string kind;
    for (const KeyStep& step : key) {
        auto name = std::get_if<std::string>(&step);
        if (!name) continue;  // a row index
        if (!fields || !fields->is_array()) return "";
        const nlohmann::json* found = nullptr;
        for (const nlohmann::json& f : *fields)
            if (f.value("key", "") == *name) found = &f;
        if (!found) return "";
        kind = found->value("kind", "");
        fields = found->contains("fields") ? &(*found)["fields"] : nullptr;
    }
    return kind;
}

/// The kinds of the members of `value` (a row or table being written whole), by dotted path
/// within it: what `field_kind` says of `key` extended by each member's path.
void add_member_kinds(const nlohmann::json& forms, const std::string& type, const KeyPath& key,
                      const json& value, const std::string& at, Edit& edit) {
    if (value.is_array()) {
        for (const json& row : value) add_member_kinds(forms, type, key, row, at, edit);
        return;
    }
    if (!value.is_object()) return;
    for (auto& [k, v] : value.items()) {
        KeyPath inner = key;
        inner.emplace_back(k);
        std::string path = at.empty() ? k : at + "." + k;
        if (std::string kind = field_kind(forms, type, inner); !kind.empty())
            edit.member_kinds[path] = kind;
        add_member_kinds(forms, type, inner, v, path, edit);
    }
}

std::variant<std::vector<Edit>, std::string> parse_edits(const json& list,
                                                         const nlohmann::json& forms,
                                                         const std::string& type) {
    std::vector<Edit> edits;
    if (list.is_null()) return edits;
    if (!list.is_array()) return std::string("правки должны быть списком");
    for (const json& e : list) {
        if (!e.is_object()) return std::string("правка должна быть объектом");
        std::string op = e.value("op", "");
        Edit edit;
        edit.op = op == "set" ? EditOp::set : op == "remove" ? EditOp::remove : EditOp::append;
        if (op != "set" && op != "remove" && op != "append")
            return "неизвестная правка '" + op + "': бывают set, remove и append";
        auto key = key_path_from_json(e.value("key", json()));
        if (!key) return std::string("у правки нет ключа (key): списка имён полей и номеров строк");
        edit.key = *key;
        edit.value = e.value("value", json());
        if (edit.op != EditOp::remove && edit.value.is_null())
            return "у правки поля '" + dotted(edit.key) + "' нет значения (value)";
        edit.kind = field_kind(forms, type, edit.key);
        add_member_kinds(forms, type, edit.key, edit.value, "", edit);
        edits.push_back(std::move(edit));
    }
    return edits;
}

/// `bytes` with `edits` made to its TOML and, for a page, `body` (a string) as its body.
Patched rewrite(const std::string& bytes, const std::string& ext, const std::vector<Edit>& edits,
                const json& body) {
    if (!body.is_null() && (ext != ".md" || !body.is_string()))
        return {bytes, ext == ".md" ? "текст страницы (body) должен быть строкой"
                                    : "у записи .toml нет текста страницы (body)"};
    auto part = toml_part(bytes, ext);
    if (!part)
        return {bytes,
                "у страницы нет заголовка между строками +++; исправьте файл в текстовом "
                "редакторе"};
    Patched toml =
        patch_toml(std::string_view(bytes).substr(part->begin, part->end - part->begin), edits);
    if (!toml.error.empty()) return {bytes, toml.error};
    std::string out = bytes.substr(0, part->begin) + toml.text;
    if (ext != ".md") return {out, ""};
    auto parts = page_parts(bytes);
    out += bytes.substr(part->end, parts->body_begin - part->end);
    out += body.is_string() ? body.get<std::string>() : bytes.substr(parts->body_begin);
    return {out, ""};
}

bool rows(const json& v) {
    return v.is_array() && !v.empty() &&
           std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_object(); });
}

void diff(const json& a, const json& b, const json& path, json& out) {
    auto at = [&](const json& step) {
        json p = path;
        p.push_back(step);
        return p;
    };
    for (auto& [k, bv] : b.items()) {
        json p = at(k);
        auto it = a.find(k);
        if (bv.is_null()) {
            if (it != a.end()) out.push_back({{"op", "remove"}, {"key", p}});
            continue;
        }
        if (it == a.end() || (it->is_array() && it->empty() && rows(bv))) {
            if (it != a.end()) out.push_back({{"op", "remove"}, {"key", p}});
            if (rows(bv))
                for (const json& r : bv)
                    out.push_back({{"op", "append"}, {"key", p}, {"value", r}});
            else
                out.push_back({{"op", "set"}, {"key", p}, {"value", bv}});
            continue;
        }
        const json& av = *it;
        if (av == bv) continue;
        if (av.is_object() && bv.is_object()) {
            diff(av, bv, p, out);
        } else if (rows(av) && (rows(bv) || (bv.is_array() && bv.empty()))) {
            size_t common = std::min(av.size(), bv.size());
            for (size_t i = 0; i < common; ++i) {
                json pi = p;
                pi.push_back(i);
                diff(av[i], bv[i], pi, out);
            }
            for (size_t i = common; i < bv.size(); ++i)
                out.push_back({{"op", "append"}, {"key", p}, {"value", bv[i]}});
            for (size_t i = av.size(); i-- > bv.size();) {
                json pi = p;
                pi.push_back(i);
                out.push_back({{"op", "remove"}, {"key", pi}});
            }
        } else {
            out.push_back({{"op", "set"}, {"key", p}, {"value", bv}});
        }
    }
    for (auto& [k, av] : a.items())
        if (!b.contains(k)) out.push_back({{"op", "remove"}, {"key", at(k)}});
}

/// The path a new record of `folder` titled `title` gets: `nastavnik new`'s for the types it
/// knows, the same slug rule for the others.
std::optional<std::string> new_record_path(const RecordFolder& folder, const std::string& title) {
    if (auto path = pipeline::scaffold_path(folder.type, title)) return path;
    std::string slug = fs::slugify(title);
    if (slug.size() > pipeline::kMaxScaffoldSlug) {
        size_t dash = slug.rfind('-', pipeline::kMaxScaffoldSlug);
        slug.resize(dash != std::string::npos && dash > 0 ? dash : pipeline::kMaxScaffoldSlug);
    }
    if (slug.empty()) return std::nullopt;
    return folder.dir + "/" + slug + folder.ext;
}

/// The date a new record gets, as `nastavnik new` dates it: the site's as_of, else today.
Date record_date(const config::SiteConfig& config) {
    if (config.as_of && config.as_of->valid()) return *config.as_of;
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

/// The text of a new record: `nastavnik new`'s layout, or the title alone for other types.
std::string new_record_text(const RecordFolder& folder, const std::string& title,
                            const config::SiteConfig& config) {
    if (auto text = pipeline::scaffold_text(folder.type, title, record_date(config))) return *text;
    std::string key = folder.type == "reserve"  ? "full_name"
                      : folder.type == "school" ? "name"
                                                : "title";
    std::string line = key + " = " + *toml_value_text(title, "") + "\n";
    return folder.ext == ".md" ? "+++\n" + line + "+++\n\n" : line;
}

}  // namespace

json edits_between(const json& before, const json& after) {
    json out = json::array();
    if (before.is_object() && after.is_object()) diff(before, after, json::array(), out);
    return out;
}

Reply EditApi::fields() const {
    return {200, form_descriptions(site_config(root_))};
}

Reply EditApi::records() const {
    std::set<std::string> changed;
    config::SiteConfig config = site_config(root_);
    for (const FileChange& c : git_state(root_, config.editor_name, config.editor_email).changed)
        changed.insert(c.path);
    nlohmann::json list = nlohmann::json::array();
    for (const RecordEntry& r : list_records(root_, changed))
        list.push_back({{"type", r.type},
                        {"id", r.id},
                        {"path", r.path},
                        {"title", r.title},
                        {"changed", r.changed}});
    return {200, {{"records", list}}};
}

Reply EditApi::record(const std::string& path) const {
    auto target = target_of(root_, path);
    if (auto* refused = std::get_if<Reply>(&target)) return *refused;
    const Target& t = std::get<Target>(target);
    auto bytes = fs::read_bytes(t.path.absolute, fs::kMaxInputBytes);
    if (!bytes) return failure(404, "файла " + t.path.relative + " нет");
    nlohmann::json doc = record_document(*bytes, t.folder->ext);
    doc["path"] = t.path.relative;
    doc["type"] = t.folder->type;
    return {200, doc};
}

Reply EditApi::validate(const json& request) const {
    auto target = target_of(root_, text_field(request, "path"));
    if (auto* refused = std::get_if<Reply>(&target)) return *refused;
    if (!request.contains("text") || !request["text"].is_string())
        return failure(400, "нет текста записи (text)");
    return {200, check_with(root_, std::get<Target>(target).path.relative,
                            request["text"].get<std::string>(), drafts_)};
}

Reply EditApi::render(const json& request) const {
    auto target = target_of(root_, text_field(request, "path"));
    if (auto* refused = std::get_if<Reply>(&target)) return *refused;
    const Target& t = std::get<Target>(target);
    auto bytes = fs::read_bytes(t.path.absolute, fs::kMaxInputBytes);
    if (!bytes) return failure(404, "файла " + t.path.relative + " нет");
    json before = json::parse(record_document(*bytes, t.folder->ext)["values"].dump());
    if (before.is_null())
        return failure(400, "в файле ошибка TOML: исправьте её в текстовом редакторе");
    auto edits = parse_edits(edits_between(before, request.value("values", json::object())),
                             form_descriptions(site_config(root_)), t.folder->type);
    if (auto* problem = std::get_if<std::string>(&edits)) return failure(400, *problem);
    Patched out = rewrite(*bytes, t.folder->ext, std::get<std::vector<Edit>>(edits),
                          request.value("body", json()));
    if (!out.error.empty()) return failure(400, out.error);
    return {200, {{"text", out.text}}};
}

Reply EditApi::save(const json& request) {
    auto target = target_of(root_, text_field(request, "path"));
    if (auto* refused = std::get_if<Reply>(&target)) return *refused;
    const Target& t = std::get<Target>(target);
    std::lock_guard lock(writing_);
    auto bytes = fs::read_bytes(t.path.absolute, fs::kMaxInputBytes);
    if (!bytes) return failure(404, "файла " + t.path.relative + " нет");
    std::string disk_hash = content_hash(*bytes);
    if (text_field(request, "base_hash") != disk_hash)
        return conflict({{"disk_text", *bytes}, {"disk_hash", disk_hash}});
    auto edits = parse_edits(request.value("edits", json()), form_descriptions(site_config(root_)),
                             t.folder->type);
    if (auto* problem = std::get_if<std::string>(&edits)) return failure(400, *problem);
    Patched out = rewrite(*bytes, t.folder->ext, std::get<std::vector<Edit>>(edits),
                          request.value("body", json()));
    if (!out.error.empty()) return failure(400, out.error);
    if (std::string problem = write_atomically(t.path.absolute, out.text); !problem.empty())
        return failure(500, problem);
    return {
        200,
        {{"hash", content_hash(out.text)},
         {"text", out.text},
         {"diagnostics", check_with(root_, t.path.relative, out.text, drafts_)["diagnostics"]}}};
}

Reply EditApi::create(const json& request) {
    const RecordFolder* folder = folder_of_type(text_field(request, "type"));
    if (!folder)
        return failure(400, "неизвестный вид записи '" + text_field(request, "type") + "'");
    std::string title = text_field(request, "title");
    if (std::string problem = pipeline::scaffold_title_problem(title); !problem.empty())
        return failure(400, problem);
    auto path = new_record_path(*folder, title);
    if (!path) return failure(400, "в названии нет ни букв, ни цифр: из него не сделать имя файла");
    auto target = target_of(root_, *path);
    if (auto* refused = std::get_if<Reply>(&target)) return *refused;
    const Target& t = std::get<Target>(target);
    std::lock_guard lock(writing_);
    if (boost::filesystem::exists(t.path.absolute))
        return conflict(
            {{"path", t.path.relative},
             {"error", "запись " + t.path.relative + " уже есть: выберите другое название"}});
    config::SiteConfig config = site_config(root_);
    auto edits =
        parse_edits(request.value("edits", json()), form_descriptions(config), folder->type);
    if (auto* problem = std::get_if<std::string>(&edits)) return failure(400, *problem);
    Patched out = rewrite(new_record_text(*folder, title, config), folder->ext,
                          std::get<std::vector<Edit>>(edits), request.value("body", json()));
    if (!out.error.empty()) return failure(400, out.error);
    if (std::string problem = write_atomically(t.path.absolute, out.text); !problem.empty())
        return failure(500, problem);
    return {
        200,
        {{"path", t.path.relative},
         {"hash", content_hash(out.text)},
         {"text", out.text},
         {"diagnostics", check_with(root_, t.path.relative, out.text, drafts_)["diagnostics"]}}};
}

Reply EditApi::preview(const json& request) const {
    diag::Diagnostics ignored;  // api/validate reports the page's problems
    markdown::Rendered r =
        markdown::render(text_field(request, "markdown"), "preview.md", 1, ignored);
    return {200, {{"html", r.html.str()}}};
}

Reply EditApi::git() const {
    config::SiteConfig config = site_config(root_);
    GitState s = git_state(root_, config.editor_name, config.editor_email);
    nlohmann::json changed = nlohmann::json::array();
    for (const FileChange& c : s.changed)
        changed.push_back({{"path", c.path}, {"status", c.status}});
    return {200,
            {{"repository", s.repository},
             {"changed", changed},
             {"author", {{"name", s.name}, {"email", s.email}}}}};
}

Reply EditApi::commit(const json& request) {
    std::lock_guard lock(writing_);
    config::SiteConfig config = site_config(root_);
    CommitResult r = commit_records(root_, text_field(request, "message"), config.editor_name,
                                    config.editor_email);
    if (!r.error.empty()) return failure(400, r.error);
    return {200, {{"commit", r.commit}}};
}

}  // namespace nk::editor
