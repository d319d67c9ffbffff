#include "render/template_engine.h"

#include <atomic>
#include <boost/filesystem.hpp>
#include <kainjow/mustache.hpp>
#include <regex>
#include <stdexcept>

#include "fs/file_system.h"
#include "fs/text.h"
#include "render/russian.h"
#include "theme/builtin_theme.h"

namespace nk::render {

namespace mst = kainjow::mustache;

namespace {

std::atomic<size_t> next_generation{1};

// `{{> name}}`: the include of partial `name` (group 1).
const std::regex kPartial(R"(\{\{>\s*([A-Za-z0-9_\-]+)\s*\}\})");

// Partials are inlined at load time so a page renders without re-parsing them.
std::string inline_partials(const std::string& text,
                            const std::map<std::string, std::string>& partials,
                            const std::string& name, diag::Diagnostics& diags, int depth = 0) {
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), kPartial);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        out.append(text, last, static_cast<size_t>(it->position()) - last);
        last = static_cast<size_t>(it->position() + it->length());
        std::string partial = (*it)[1];
        auto found = partials.find(partial);
        if (found == partials.end() || depth > 16) {
            auto lc = text::line_col_at(text, static_cast<size_t>(it->position()));
            diags.error({name, lc.line, lc.column}, found == partials.end()
                                                        ? "unknown partial '" + partial + "'"
                                                        : "partials nest too deeply");
            continue;
        }
        out += inline_partials(found->second, partials, "_" + partial, diags, depth + 1);
    }
    out.append(text, last, std::string::npos);
    return out;
}

// kainjow's set() and push_back() copy the value they are given, and a value is built before
// it is added: every value was copied once for each object or list above it. Values are moved
// into place instead: a member through operator[] and move assignment; a list item into the
// list's vector, which kainjow shows only as const (the list is ours, made just above, so
// changing it through const_cast is well defined).
mst::data to_data(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object: {
            mst::data obj{mst::data::type::object};
            for (auto it = j.begin(); it != j.end(); ++it) obj[it.key()] = to_data(it.value());
            return obj;
        }
        case nlohmann::json::value_t::array: {
            mst::data list{mst::data::type::list};
            auto& items = const_cast<mst::basic_list<std::string>&>(list.list_value());
            items.reserve(j.size());
            for (const auto& item : j) items.push_back(to_data(item));
            return list;
        }
        case nlohmann::json::value_t::string: {
            // An empty string is false, so `{{#video}}…{{/video}}` hides an absent value.
            const auto& str = j.get_ref<const std::string&>();
            return str.empty() ? mst::data(false) : mst::data(str);
        }
        case nlohmann::json::value_t::boolean:
            return mst::data(j.get<bool>());
        case nlohmann::json::value_t::null:
            return mst::data(false);
        case nlohmann::json::value_t::number_float: {
            std::string s = j.dump();
            return mst::data(s);
        }
        default:
            return mst::data(j.dump());
    }
}

// kainjow reports "Unclosed section "x" at 120": the offset becomes a line and column of `text`.
void report_syntax_error(const std::string& path, const std::string& text, std::string message,
                         diag::Diagnostics& diags) {
    diag::SourceLoc loc{path, 0, 0};
    size_t at = message.rfind(" at ");
    if (at != std::string::npos && at + 4 < message.size() &&
        message.find_first_not_of("0123456789", at + 4) == std::string::npos) {
        auto lc = text::line_col_at(text, std::stoul(message.substr(at + 4)));
        loc = {path, lc.line, lc.column};
        message.erase(at);
    }
    diags.error(loc, "template error: " + message);
}

// Lists of practices give each card ready-made (view_models.h: practice_list_item), so a theme
// that still includes the card partial itself would show empty cards without a word.
void warn_card_includes(const std::string& path, const std::string& text,
                        diag::Diagnostics& diags) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kPartial);
         it != std::sregex_iterator(); ++it) {
        if ((*it)[1] != kPracticeCardPartial) continue;
        auto lc = text::line_col_at(text, static_cast<size_t>(it->position()));
        diags.warning({path, lc.line, lc.column},
                      "lists of practices give each card ready-made: write {{{card}}} (the "
                      "practice_card partial is rendered once per practice)");
    }
}

struct CompiledCache {
    size_t generation = 0;
    std::map<std::string, std::unique_ptr<mst::mustache>> templates;
};

}  // namespace

TemplateEngine TemplateEngine::from_strings(const std::map<std::string, std::string>& files,
                                            diag::Diagnostics& diags,
                                            const std::map<std::string, std::string>& paths) {
    TemplateEngine engine;
    engine.generation_ = next_generation++;
    auto path_of = [&](const std::string& name) {
        auto it = paths.find(name);
        return it == paths.end() ? name : it->second;
    };
    std::map<std::string, std::string> partials;
    bool files_valid = true;
    for (const auto& [name, text] : files) {
        if (!name.empty() && name[0] == '_') partials[name.substr(1)] = text;
        // Each file is checked on its own first, so an error points into that file.
        mst::mustache own(text);
        if (!own.is_valid()) {
            report_syntax_error(path_of(name), text, own.error_message(), diags);
            files_valid = false;
        }
        warn_card_includes(path_of(name), text, diags);
    }
    for (const auto& [name, text] : files) {
        if (name.empty()) continue;
        bool partial = name[0] == '_';
        diag::Diagnostics found;
        std::string full = inline_partials(text, partials, name, found);
        // A partial's own errors are reported where a page includes it; it is kept (as
        // "_name") so that fragments can be rendered on their own.
        if (!partial) {
            for (const diag::Diagnostic& d : found.sorted())
                diags.error({path_of(d.loc.path), d.loc.line, d.loc.column}, d.message);
            mst::mustache check(full);
            if (!check.is_valid() && files_valid)
                diags.error({path_of(name), 0, 0}, "template error: " + check.error_message());
        } else if (found.has_errors() || !mst::mustache(full).is_valid()) {
            continue;
        }
        engine.sources_[name] = std::move(full);
    }
    return engine;
}

TemplateEngine TemplateEngine::load(const std::string& theme_dir, const std::string& theme_rel,
                                    diag::Diagnostics& diags) {
    std::map<std::string, std::string> files, paths;
    // The built-in templates first: the site's theme replaces them one by one, by name.
    for (const theme::EmbeddedFile& f : theme::builtin_files_under("templates/")) {
        boost::filesystem::path path{std::string(f.path)};
        if (path.extension() != ".mustache") continue;
        std::string name = path.stem().string();
        paths[name] = std::string(theme::kBuiltinPrefix) + std::string(f.path);
        files[name] = std::string(f.bytes);
    }
    // A missing theme folder is reported at `theme` in config.toml by the loader.
    for (auto& f : fs::list_files(theme_dir, "templates", ".mustache", diags)) {
        f.relative = theme_rel + "/" + f.relative;
        std::string name = boost::filesystem::path(f.relative).stem().string();
        paths[name] = f.relative;
        if (auto text = fs::read_text(f, diags)) files[name] = *text;
    }
    return from_strings(files, diags, paths);
}

std::string TemplateEngine::render(const std::string& name, const nlohmann::json& view) const {
    // Each thread keeps its own compiled templates: kainjow's renderer is not const.
    thread_local CompiledCache cache;
    if (cache.generation != generation_) {
        cache.templates.clear();
        cache.generation = generation_;
    }
    auto& compiled = cache.templates[name];
    if (!compiled) {
        auto src = sources_.find(name);
        if (src == sources_.end())
            throw std::runtime_error("the theme has no template '" + name + "'");
        compiled = std::make_unique<mst::mustache>(src->second);
        // Every value a template shows keeps «№» with its number at a line break.
        compiled->set_custom_escape(
            [](const std::string& s) { return text::escape_html(bind_numero(s)); });
    }
    std::string out = compiled->render(to_data(view));
    if (!compiled->is_valid())
        throw std::runtime_error("template '" + name + "': " + compiled->error_message());
    return out;
}

}  // namespace nk::render
