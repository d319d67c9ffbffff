#include "records/record_loader.h"

#include <algorithm>

#include "diag/did_you_mean.h"
#include "diag/messages.h"
#include "fs/slug.h"
#include "fs/text.h"

namespace nk::records {

using config::Need;

void read_common(config::TableReader& r, const Origin& origin, RecordBase& base) {
    base.id = origin.id;
    base.path = origin.path;
    base.loc = {origin.path, 1, 1};
    if (!fs::is_valid_id(origin.id))
        r.diags().error(base.loc,
                        diag::tr("file name '{}' is not a valid id: use lower-case Latin letters, "
                                 "digits and '-' (for example '{}')",
                                 origin.id,
                                 fs::slugify(origin.id).empty() ? std::string("school-1")
                                                                : fs::slugify(origin.id)));
    base.internal = r.internal_visibility();
    base.draft = r.boolean("draft").value_or(false);
    base.internal_fields = r.internal_fields();
}

bool is_safe_url(const std::string& url, bool allow_relative) {
    std::string lower = text::fold_case(url);
    if (lower.rfind("https://", 0) == 0 || lower.rfind("http://", 0) == 0)
        return url.find_first_of(" \t\n\"<>") == std::string::npos;
    return allow_relative && !url.empty() && url[0] == '/' && url.rfind("//", 0) != 0;
}

std::string url_hint(const std::string& url) {
    // "www.school.ru" is a web address without its scheme, not a dangerous one.
    if (url.find(':') != std::string::npos || url.find('.') == std::string::npos ||
        url.find_first_of(" \t\n\"<>") != std::string::npos)
        return "";
    return diag::tr(" (did you mean '{}'?)", "https://" + text::truncate_chars(url, 60));
}

std::string read_url(config::TableReader& r, std::string_view key) {
    auto v = r.located_text(key);
    if (!v || v->value.empty()) return "";
    if (!is_safe_url(v->value, false)) {
        r.diags().error(v->loc,
                        diag::tr("'{}' must be an http:// or https:// address, not '{}'{}", key,
                                 text::truncate_chars(v->value, 60), url_hint(v->value)));
        return "";
    }
    return v->value;
}

std::string read_choice(config::TableReader& r, std::string_view key,
                        const std::vector<std::string>& allowed, const std::string& fallback,
                        Need need) {
    auto v = r.located_text(key, need);
    if (!v) return fallback;
    if (std::find(allowed.begin(), allowed.end(), v->value) != allowed.end()) return v->value;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    r.diags().error(v->loc, diag::tr("'{}' must be one of {}, not '{}'{}", key, list, v->value,
                                     diag::did_you_mean(v->value, allowed)));
    return fallback;
}

std::optional<Located> read_ref(config::TableReader& r, std::string_view key, Need need) {
    auto v = r.located_text(key, need);
    if (!v || v->value.empty()) return std::nullopt;
    return v;
}

}  // namespace nk::records
