#pragma once
// config.toml → SiteConfig: site settings, vocabularies (with the seeds' built-in defaults) and
// rule limits.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/date.h"
#include "diag/diagnostics.h"

namespace nk::config {

/// Codes with Russian labels, in the order the site lists them.
class Vocabulary {
  public:
    Vocabulary() = default;
    explicit Vocabulary(std::vector<std::pair<std::string, std::string>> entries);
    bool contains(const std::string& code) const { return index_.count(code) > 0; }
    /// The label of `code`, or the code itself when unknown.
    const std::string& label(const std::string& code) const;
    const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }
    std::vector<std::string> codes() const;

  private:
    std::vector<std::pair<std::string, std::string>> entries_;
    std::map<std::string, size_t> index_;
};

struct RuleLimits {
    int mentor_max_mentees = 2;
    int mentorship_min_months = 3;
    int mentorship_max_months = 12;
    int extension_max_months = 12;
    int association_min_meetings = 4;
    int analysis_due_month = 7;
    int analysis_due_day = 15;
    std::vector<std::string> warn;  ///< rule names reported as warnings instead of errors
    bool is_warning(const std::string& rule) const;
};

/// Names of the rules above, as `[rules] warn` accepts them.
const std::vector<std::string>& rule_names();

struct SiteConfig {
    std::string title = "Школа-наставник";
    std::string description;
    std::string base_url = "/";
    std::string language = "ru";
    std::string theme = "default";
    diag::SourceLoc theme_loc;  ///< where `theme` is written (empty path when it is not)
    std::optional<Date> as_of;
    std::string group = "municipality";  ///< comparison group: "municipality" | "region"
    int practices_per_page = 12;
    RuleLimits rules;
    Vocabulary directions, forms, event_kinds, risk_factors;
    /// Directions of network pairs (seed 000 §3) and of associations (seed 001 §3).
    Vocabulary pair_directions, association_directions;
    /// `[editor]`: the author of the browser editor's commits (else Git's own settings).
    std::string editor_name, editor_email;
    /// The directions a mentorship of `format` uses: pair_directions for "pair".
    const Vocabulary& directions_of(const std::string& format) const {
        return format == "pair" ? pair_directions : directions;
    }
};

/// The built-in vocabularies of SPEC §1a: "directions", "forms", "event_kinds", "risk_factors",
/// "pair_directions", "association_directions".
Vocabulary default_vocabulary(const std::string& name);

/// Parses config.toml text; problems go to `diags` (path is used in messages).
SiteConfig parse_config(const std::string& text, const std::string& path, diag::Diagnostics& diags);

/// "https://example.org/" → "https://example.org/"; "" → "/"; always ends with '/'.
std::string normalize_base_url(std::string url);

/// Why `url` cannot be a base_url (SPEC §4a), or "" when it can: an absolute http(s) URL with a
/// host, or a path starting with a single '/'; no control characters, spaces, backslashes,
/// quotes, angle brackets, query or fragment; no "//", "." or ".." segments in its path; no
/// user name or password. "" itself is allowed (the site root, "/").
std::string base_url_problem(std::string_view url);

}  // namespace nk::config
