#include "config/site_config.h"

#include <algorithm>
#include <cctype>

#include "config/toml_reader.h"
#include "diag/did_you_mean.h"
#include "diag/messages.h"
#include "fs/slug.h"

namespace nk::config {

Vocabulary::Vocabulary(std::vector<std::pair<std::string, std::string>> entries)
    : entries_(std::move(entries)) {
    for (size_t i = 0; i < entries_.size(); ++i) index_[entries_[i].first] = i;
}

const std::string& Vocabulary::label(const std::string& code) const {
    auto it = index_.find(code);
    return it == index_.end() ? code : entries_[it->second].second;
}

std::vector<std::string> Vocabulary::codes() const {
    std::vector<std::string> out;
    for (const auto& [code, label] : entries_) out.push_back(code);
    return out;
}

bool RuleLimits::is_warning(const std::string& rule) const {
    return std::find(warn.begin(), warn.end(), rule) != warn.end();
}

const std::vector<std::string>& rule_names() {
    static const std::vector<std::string> kNames = {
        "mentor_max_mentees",    "mentorship_min_months",    "mentorship_max_months",
        "extension_max_months",  "association_min_meetings", "analysis_due",
        "competition_green_zone"};
    return kNames;
}

Vocabulary default_vocabulary(const std::string& name) {
    if (name == "directions")
        return Vocabulary({{"development", "Управление развитием ОО"},
                           {"operations", "Управление деятельностью ОО"},
                           {"quality", "Управление качеством образования"},
                           {"innovation", "Инновационная деятельность"},
                           {"inclusive", "Адаптивное образование детей с ОВЗ и детей-инвалидов"},
                           {"safety", "Комплексная безопасность"},
                           {"upbringing", "Воспитательная деятельность"},
                           {"finance", "Финансово-хозяйственная деятельность"},
                           {"staff", "Кадровая политика и кадровый потенциал"}});
    if (name == "forms")
        return Vocabulary({{"mentoring", "Наставничество"},
                           {"consulting", "Консультирование"},
                           {"brainstorm", "Мозговой штурм"},
                           {"seminar", "Семинар"},
                           {"master_class", "Мастер-класс"},
                           {"round_table", "Круглый стол"},
                           {"webinar", "Вебинар"},
                           {"internship", "Стажировка"},
                           {"project_session", "Проектная сессия"},
                           {"case_analysis", "Разбор кейсов"},
                           {"supervision", "Супервизия"},
                           {"training", "Тренинг"},
                           {"flash_meeting", "Флеш-встреча"},
                           {"virtual_meeting", "Виртуальная встреча"},
                           {"team_swap", "Обмен командами"},
                           {"document_work", "Работа с документами"}});
    if (name == "event_kinds")
        return Vocabulary({{"seminar", "Семинар"},
                           {"master_class", "Мастер-класс"},
                           {"round_table", "Круглый стол"},
                           {"webinar", "Вебинар"},
                           {"meeting", "Заседание"},
                           {"conference", "Конференция"},
                           {"video_conference", "Видеоконференция"},
                           {"competition", "Конкурс"}});
    if (name == "risk_factors")
        return Vocabulary(
            {{"equipment", "Низкий уровень оснащения школы"},
             {"staff_shortage", "Дефицит педагогических кадров"},
             {"teacher_competence",
              "Недостаточная предметная и методическая компетентность педагогических работников"},
             {"adaptivity", "Риски низкой адаптивности учебного процесса"},
             {"no_inschool_training",
              "Несформированность внутришкольной системы повышения квалификации"},
             {"language_barriers", "Низкое качество преодоления языковых и культурных барьеров"},
             {"environment",
              "Пониженный уровень качества школьной образовательной и воспитательной среды"},
             {"learning_failure", "Высокая доля обучающихся с рисками учебной неуспешности"},
             {"parents", "Низкий уровень вовлечённости родителей"},
             {"motivation", "Низкая учебная мотивация обучающихся"}});
    if (name == "pair_directions")  // seed 000 §3.1
        return Vocabulary({{"organisational", "Организационно-методическое"},
                           {"analytical", "Информационно-аналитическое"},
                           {"resources", "Ресурсно-диагностическое"},
                           {"educational", "Образовательное"},
                           {"mastery", "Повышение профессионального мастерства"}});
    if (name == "association_directions")  // seed 001 §3.1
        return Vocabulary({{"resources", "Ресурсно-диагностическое"},
                           {"analytical", "Информационно-аналитическое, консультативное"},
                           {"organisational", "Организационно-методическое, консультативное"},
                           {"educational", "Образовательное"}});
    return {};
}

std::string normalize_base_url(std::string url) {
    if (url.empty() || url.back() != '/') url += '/';
    return url;
}

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}

// A host name, IPv4 address or [IPv6] literal with an optional port. Bytes above 0x7F are
// letters of an internationalised name (школа.рф).
bool valid_authority(std::string_view a) {
    if (a.empty() || a.find('@') != std::string_view::npos) return false;
    std::string_view host = a;
    if (a.front() == '[') {
        size_t close = a.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        if (a.substr(1, close - 1).find_first_not_of("0123456789abcdefABCDEF:.") !=
            std::string_view::npos)
            return false;
        host = {};
        a.remove_prefix(close + 1);
        if (!a.empty() && a.front() != ':') return false;
    } else {
        size_t colon = a.find(':');
        host = a.substr(0, colon);
        a = colon == std::string_view::npos ? std::string_view{} : a.substr(colon);
        if (host.empty() || host.front() == '.' || host.front() == '-') return false;
        for (char c : host)
            if (static_cast<unsigned char>(c) < 0x80 &&
                !std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-')
                return false;
    }
    // What is left is ":PORT" or nothing.
    if (a.empty()) return true;
    return a.size() > 1 && a.size() <= 6 &&
           a.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
}

std::string path_problem(std::string_view path) {
    if (path.find("//") != std::string_view::npos)
        return diag::tr(
            "must not have '//' in its path (a browser reads '//name' as another site)");
    for (std::string_view seg : {"/./", "/../"})
        if (path.find(seg) != std::string_view::npos)
            return diag::tr("must not have '.' or '..' segments in its path");
    for (std::string_view end : {"/.", "/.."})
        if (path.size() >= end.size() && path.substr(path.size() - end.size()) == end)
            return diag::tr("must not have '.' or '..' segments in its path");
    return "";
}

}  // namespace

std::string base_url_problem(std::string_view url) {
    for (unsigned char c : url) {
        if (c < 0x20 || c == 0x7F)
            return diag::tr("must not contain control characters (line breaks, tabs)");
        if (c == ' ') return diag::tr("must not contain spaces (write them as %20)");
        if (std::string_view("\\\"'<>`{}|^").find(static_cast<char>(c)) != std::string_view::npos)
            return diag::tr("must not contain '{}'", static_cast<char>(c));
        if (c == '?' || c == '#') return diag::tr("must not have a query or a fragment ('?', '#')");
    }
    if (url.empty()) return "";
    std::string_view rest;
    if (starts_with_nocase(url, "https://"))
        rest = url.substr(8);
    else if (starts_with_nocase(url, "http://"))
        rest = url.substr(7);
    else if (url.front() == '/')
        return url.size() > 1 && url[1] == '/'
                   ? diag::tr(
                         "must start with a single '/' (a browser reads '//name' as another "
                         "site)")
                   : path_problem(url);
    else if (size_t colon = url.find(':'); colon != std::string_view::npos &&
                                           url.substr(0, colon).find('/') == std::string_view::npos)
        return diag::tr("must be an http:// or https:// address (not '{}:')", url.substr(0, colon));
    else
        return diag::tr(
            "must be an absolute http:// or https:// address or a path starting with '/'");
    size_t slash = rest.find('/');
    if (!valid_authority(rest.substr(0, slash)))
        return diag::tr(
            "must name a host after '://' (like https://example.org/), without a user name");
    return slash == std::string_view::npos ? "" : path_problem(rest.substr(slash));
}

namespace {

void read_rules(TableReader& r, RuleLimits& rules) {
    auto limit = [&](const char* key, int& field, long min, long max) {
        if (auto v = r.integer(key, Need::optional, min, max)) field = static_cast<int>(*v);
    };
    limit("mentor_max_mentees", rules.mentor_max_mentees, 1, 100);
    limit("mentorship_min_months", rules.mentorship_min_months, 0, 120);
    limit("mentorship_max_months", rules.mentorship_max_months, 1, 120);
    limit("extension_max_months", rules.extension_max_months, 0, 120);
    limit("association_min_meetings", rules.association_min_meetings, 0, 100);
    if (auto due = r.located_text("analysis_due")) {
        int m = 0, d = 0;
        if (std::sscanf(due->value.c_str(), "%2d-%2d", &m, &d) != 2 || !Date{2001, m, d}.valid()) {
            r.diags().error(due->loc, diag::tr("'analysis_due' must be \"MM-DD\", like \"07-15\""));
        } else {
            rules.analysis_due_month = m;
            rules.analysis_due_day = d;
        }
    }
    for (const Located& name : r.strings("warn")) {
        if (std::find(rule_names().begin(), rule_names().end(), name.value) == rule_names().end())
            r.diags().error(name.loc, diag::tr("unknown rule '{}'{}", name.value,
                                               diag::did_you_mean(name.value, rule_names())));
        else
            rules.warn.push_back(name.value);
    }
    r.finish();
}

void read_vocabularies(TableReader& r, SiteConfig& config) {
    const std::vector<std::string> names = {"directions",      "forms",
                                            "event_kinds",     "risk_factors",
                                            "pair_directions", "association_directions"};
    Vocabulary* targets[] = {&config.directions,      &config.forms,
                             &config.event_kinds,     &config.risk_factors,
                             &config.pair_directions, &config.association_directions};
    for (size_t i = 0; i < names.size(); ++i) {
        auto t = r.table(names[i]);
        if (!t) continue;
        std::vector<std::pair<std::string, std::string>> entries;
        for (auto& [code, label] : t->string_entries()) {
            if (!fs::is_valid_code(code.value))
                r.diags().error(code.loc, diag::tr("vocabulary code '{}' must be lower-case ASCII "
                                                   "letters, digits, '_' or '-'",
                                                   code.value));
            entries.emplace_back(code.value, label.value);
        }
        *targets[i] = Vocabulary(std::move(entries));
    }
    r.finish();
}

}  // namespace

SiteConfig parse_config(const std::string& text, const std::string& path,
                        diag::Diagnostics& diags) {
    SiteConfig config;
    auto table = parse_toml(text, path, diags);
    config.directions = default_vocabulary("directions");
    config.forms = default_vocabulary("forms");
    config.event_kinds = default_vocabulary("event_kinds");
    config.risk_factors = default_vocabulary("risk_factors");
    config.pair_directions = default_vocabulary("pair_directions");
    config.association_directions = default_vocabulary("association_directions");
    if (!table) return config;
    TableReader r(*table, path, diags);
    if (auto v = r.text("title")) config.title = *v;
    if (auto v = r.text("description")) config.description = *v;
    if (auto v = r.located_text("base_url")) {
        if (std::string problem = base_url_problem(v->value); !problem.empty())
            diags.error(v->loc, diag::tr("'base_url' {}: write a full address like "
                                         "\"https://example.org/\" or a path like \"/site/\"",
                                         problem));
        else
            config.base_url = normalize_base_url(v->value);
    }
    if (auto v = r.text("language")) config.language = *v;
    if (auto v = r.located_text("theme")) {
        config.theme_loc = v->loc;
        if (v->value.find('/') != std::string::npos || v->value.find("..") != std::string::npos)
            diags.error(v->loc, diag::tr("'theme' must be a folder name under themes/"));
        else
            config.theme = v->value;
    }
    config.as_of = r.date("as_of");
    if (auto v = r.integer("practices_per_page", Need::optional, 1, 1000))
        config.practices_per_page = static_cast<int>(*v);
    if (auto analytics = r.table("analytics")) {
        if (auto g = analytics->located_text("group")) {
            if (g->value == "municipality" || g->value == "region")
                config.group = g->value;
            else
                diags.error(g->loc, diag::tr("'group' must be \"municipality\" or \"region\", not "
                                             "\"{}\"",
                                             g->value));
        }
        analytics->finish();
    }
    if (auto rules = r.table("rules")) read_rules(*rules, config.rules);
    if (auto editor = r.table("editor")) {
        config.editor_name = editor->text("name").value_or("");
        config.editor_email = editor->text("email").value_or("");
        editor->finish();
    }
    if (auto vocab = r.table("vocabularies")) read_vocabularies(*vocab, config);
    r.finish();
    return config;
}

}  // namespace nk::config
