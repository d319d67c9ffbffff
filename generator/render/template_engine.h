#pragma once
// Mustache themes: loads a theme's templates, inlines its partials once, and renders view models
// (JSON values prepared in C++) into pages. Logic-less: templates only lay out what they get.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "diag/diagnostics.h"

namespace nk::render {

/// The partial of a practice card. The generator renders it once per practice; lists of
/// practices show the result as `{{{card}}}` (view_models.h: practice_list_item).
inline constexpr const char* kPracticeCardPartial = "practice_card";

class TemplateEngine {
  public:
    /// Loads the built-in theme's templates and `theme_dir/templates/*.mustache` over them (a
    /// file of the site's theme replaces the built-in template of its name; `theme_dir` may be
    /// missing). Files whose name starts with '_' are partials (`{{> header}}` includes
    /// `_header.mustache`), and render on their own as "_header". Reports syntax errors as
    /// diagnostics.
    static TemplateEngine load(const std::string& theme_dir, const std::string& theme_rel,
                               diag::Diagnostics& diags);
    /// Builds an engine from in-memory templates (name → text); diagnostics name a template by
    /// `paths[name]` when given (its file), else by its name.
    static TemplateEngine from_strings(const std::map<std::string, std::string>& files,
                                       diag::Diagnostics& diags,
                                       const std::map<std::string, std::string>& paths = {});

    bool has(const std::string& name) const { return sources_.count(name) > 0; }
    /// Renders template `name` with `view`. Thread-safe. Throws std::runtime_error when the
    /// template does not exist or fails to render.
    std::string render(const std::string& name, const nlohmann::json& view) const;

  private:
    std::map<std::string, std::string> sources_;  ///< page templates with partials inlined
    size_t generation_ = 0;                       ///< distinguishes engines in thread caches
};

}  // namespace nk::render
