#include "pipeline/scaffold.h"

#include "fs/slug.h"

namespace nk::pipeline {

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::optional<std::string> scaffold_path(const std::string& kind, const std::string& title) {
    std::string slug = fs::slugify(title);
    if (slug.empty()) return std::nullopt;
    if (kind == "practice") return "content/practices/" + slug + ".md";
    if (kind == "event") return "content/events/" + slug + ".md";
    if (kind == "school") return "data/schools/" + slug + ".toml";
    if (kind == "mentorship") return "data/mentorships/" + slug + ".toml";
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
    return std::nullopt;
}

}  // namespace nk::pipeline
