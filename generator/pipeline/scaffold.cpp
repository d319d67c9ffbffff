#include "pipeline/scaffold.h"

#include <cstdio>

#include "diag/messages.h"
#include "fs/slug.h"
#include "fs/text.h"

namespace nk::pipeline {

namespace {

// A TOML basic string. The title has no control characters (scaffold_title_problem), but the
// text is escaped for any string: quotes, backslashes, and control characters as \uXXXX.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// Cuts at the last '-' within the limit, so the name ends with a whole word; a single word
// longer than the limit is cut at the limit (a slug is ASCII: any byte is a character boundary).
std::string shorten_slug(std::string slug) {
    if (slug.size() <= kMaxScaffoldSlug) return slug;
    size_t dash = slug.rfind('-', kMaxScaffoldSlug);
    slug.resize(dash != std::string::npos && dash > 0 ? dash : kMaxScaffoldSlug);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

}  // namespace

std::string scaffold_title_problem(const std::string& title) {
    if (text::find_invalid_utf8(title) != std::string::npos)
        return diag::tr("the title is not valid UTF-8");
    for (size_t i = 0; i < title.size(); ++i) {
        auto u = static_cast<unsigned char>(title[i]);
        bool c1 = u == 0xC2 && i + 1 < title.size() &&
                  static_cast<unsigned char>(title[i + 1]) >= 0x80 &&
                  static_cast<unsigned char>(title[i + 1]) <= 0x9F;
        bool separator = title.compare(i, 3, "\u2028") == 0 || title.compare(i, 3, "\u2029") == 0;
        if (u < 0x20 || u == 0x7F || c1 || separator)
            return diag::tr(
                "the title must be one line without control characters (a line "
                "break, tab or the like)");
    }
    if (title.find_first_not_of(' ') == std::string::npos) return diag::tr("the title is empty");
    return "";
}

std::optional<std::string> scaffold_path(const std::string& kind, const std::string& title) {
    std::string slug = shorten_slug(fs::slugify(title));
    if (slug.empty()) return std::nullopt;
    if (kind == "practice") return "content/practices/" + slug + ".md";
    if (kind == "event") return "content/events/" + slug + ".md";
    if (kind == "school") return "data/schools/" + slug + ".toml";
    if (kind == "mentorship") return "data/mentorships/" + slug + ".toml";
    if (kind == "transition") return "data/transitions/" + slug + ".toml";
    return std::nullopt;
}

std::optional<std::string> scaffold_text(const std::string& kind, const std::string& title,
                                         const Date& today) {
    std::string t = quoted(title);
    if (kind == "practice")
        return "+++\ntitle = " + t + "\ndate = " + today.iso() +
               "\nschools = []          # id школ: [\"korenovsk-sosh-1\"]\n"
               "directions = []       # коды направлений из config.toml\nforms = []\ntags = []\n"
               "summary = \"\"\n+++\n\n## Проблема\n\n## Решение\n\n## Результаты\n";
    if (kind == "event")
        return "+++\ntitle = " + t + "\ndate = " + today.iso() +
               "\nkind = \"seminar\"      # seminar | master_class | round_table | webinar | "
               "meeting | ...\n"
               "organizer = \"\"\nplace = \"\"\nparticipants = []\n+++\n\nОписание мероприятия.\n";
    if (kind == "school")
        return "name = " + t +
               "\nshort_name = \"\"\nmunicipality = \"\"\nregion = \"\"\n"
               "kind = \"urban\"          # urban | rural\n\n"
               "# [[years]]\n# year = " +
               std::to_string(today.school_year()) + "\n# ior = 0.5\n# isbsh = 0.5\n";
    if (kind == "mentorship")
        return "title = " + t +
               "\nformat = \"patronage\"    # pair | group | patronage\n"
               "mentors = []\nmentees = []\ndirections = []\nforms = []\nstart = " +
               today.iso() + "\nend = " + today.add_months(6).iso() + "\nstatus = \"planned\"\n";
    if (kind == "transition")
        return "title = " + t +
               "\nschool = \"\"              # id ШНОР: \"korenovsk-sosh-2\"\n"
               "mentors = []             # id школ-наставников\n"
               "kind = \"programme\"       # programme | project\n"
               "deficits = []            # коды risk_factors из config.toml\n"
               "# defended = " +
               today.iso() +
               "     # дата публичной защиты\n"
               "# outcome = \"recommended\" # recommended | revise | rejected\n"
               "# included_in_development_programme = false\n"
               "# document = \"https://\"\n";
    return std::nullopt;
}

}  // namespace nk::pipeline
