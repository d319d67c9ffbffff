#include "diag/messages.h"

#include <doctest/doctest.h>
#include <fmt/args.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diag/did_you_mean.h"

using namespace nk::diag;

namespace {

/// One replacement field of a format: its argument and its format spec.
struct Field {
    size_t arg;
    std::string spec;
};

/// The replacement fields of a fmt format string, with automatic numbering resolved.
std::vector<Field> fields(std::string_view format) {
    std::vector<Field> out;
    size_t next = 0;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '}' && i + 1 < format.size() && format[i + 1] == '}') {
            ++i;
            continue;
        }
        if (format[i] != '{') continue;
        if (i + 1 < format.size() && format[i + 1] == '{') {
            ++i;
            continue;
        }
        size_t close = format.find('}', i);
        REQUIRE_MESSAGE(close != std::string_view::npos, "unclosed field in: " << format);
        std::string_view inside = format.substr(i + 1, close - i - 1);
        size_t colon = inside.find(':');
        std::string_view id = inside.substr(0, colon);
        std::string spec(colon == std::string_view::npos ? "" : inside.substr(colon + 1));
        out.push_back(
            {id.empty() ? next++ : static_cast<size_t>(std::stoul(std::string(id))), spec});
        i = close;
    }
    return out;
}

struct LanguageGuard {
    Language saved = language();
    ~LanguageGuard() { set_language(saved); }
};

}  // namespace

TEST_CASE("every message of the catalogue has a Russian form that takes the same arguments") {
    std::set<std::string_view> seen;
    for (const Translation& t : catalogue()) {
        CAPTURE(t.en);
        CHECK(!t.en.empty());
        CHECK(!t.ru.empty());
        CHECK_MESSAGE(seen.insert(t.en).second, "listed twice");
        // The arguments each form uses, and which of them are counts ({:one|other}).
        std::map<size_t, bool> en_args, ru_args;
        for (const Field& f : fields(t.en)) en_args[f.arg] = en_args[f.arg] || !f.spec.empty();
        for (const Field& f : fields(t.ru)) {
            ru_args[f.arg] = ru_args[f.arg] || !f.spec.empty();
            // Russian plural words come in threes: one, few, many («1 школа, 2 школы, 5 школ»).
            if (!f.spec.empty())
                CHECK_MESSAGE(std::count(f.spec.begin(), f.spec.end(), '|') == 2,
                              "a Russian count needs three forms: " << f.spec);
        }
        CHECK_MESSAGE(en_args.size() == ru_args.size(), "both forms use every argument: " << t.ru);
        // Both forms format with the same arguments (a count where either wants one).
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (size_t i = 0; i < en_args.size(); ++i) {
            bool count_arg = en_args[i] || ru_args[i];
            if (count_arg)
                args.push_back(Count{3});
            else
                args.push_back(std::string("x"));
        }
        CHECK_NOTHROW(static_cast<void>(fmt::vformat(t.en, args)));
        CHECK_NOTHROW(static_cast<void>(fmt::vformat(t.ru, args)));
    }
}

TEST_CASE("tr speaks the chosen language and falls back to English without a translation") {
    LanguageGuard guard;
    set_language(Language::en);
    CHECK(tr("unknown field '{}'{}", "adress", did_you_mean("adress", {"address"})) ==
          "unknown field 'adress' (did you mean 'address'?)");
    set_language(Language::ru);
    CHECK(tr("unknown field '{}'{}", "adress", did_you_mean("adress", {"address"})) ==
          "неизвестное поле 'adress' (может быть, 'address'?)");
    // A message nobody has translated yet (a new diagnostic on another branch) stays English.
    CHECK(tr("a message with no translation: {}", 42) == "a message with no translation: 42");
    CHECK(russian_format("a message with no translation: {}") == nullptr);
}

TEST_CASE("counts agree with their nouns in English and in Russian") {
    LanguageGuard guard;
    CHECK(plural_ru(1, "школа", "школы", "школ") == "школа");
    CHECK(plural_ru(3, "школа", "школы", "школ") == "школы");
    CHECK(plural_ru(5, "школа", "школы", "школ") == "школ");
    CHECK(plural_ru(11, "школа", "школы", "школ") == "школ");
    CHECK(plural_ru(12, "школа", "школы", "школ") == "школ");
    CHECK(plural_ru(21, "школа", "школы", "школ") == "школа");
    CHECK(plural_ru(22, "школа", "школы", "школ") == "школы");
    CHECK(plural_ru(0, "школа", "школы", "школ") == "школ");
    CHECK(plural_ru(111, "школа", "школы", "школ") == "школ");
    set_language(Language::en);
    CHECK(tr("{} error(s), {} warning(s)", count(2), count(1)) == "2 error(s), 1 warning(s)");
    CHECK(fmt::format("{0} {0:meeting|meetings}", Count{1}) == "1 meeting");
    CHECK(fmt::format("{0} {0:meeting|meetings}", Count{0}) == "0 meetings");
    set_language(Language::ru);
    CHECK(tr("{} error(s), {} warning(s)", count(2), count(1)) == "2 ошибки, 1 предупреждение");
    CHECK(tr("{} error(s), {} warning(s)", count(5), count(0)) == "5 ошибок, 0 предупреждений");
    CHECK(tr("{} error(s), {} warning(s)", count(21), count(3)) == "21 ошибка, 3 предупреждения");
}

TEST_CASE("the language comes from LC_ALL, then LC_MESSAGES, then LANG") {
    auto saved = [](const char* name) {
        const char* v = std::getenv(name);
        return v ? std::optional<std::string>(v) : std::nullopt;
    };
    auto all = saved("LC_ALL"), messages = saved("LC_MESSAGES"), lang = saved("LANG");
    auto restore = [](const char* name, const std::optional<std::string>& v) {
        if (v)
            ::setenv(name, v->c_str(), 1);
        else
            ::unsetenv(name);
    };
    ::unsetenv("LC_ALL");
    ::unsetenv("LC_MESSAGES");
    ::unsetenv("LANG");
    CHECK(language_from_environment() == Language::en);
    ::setenv("LANG", "ru_RU.UTF-8", 1);
    CHECK(language_from_environment() == Language::ru);
    ::setenv("LC_MESSAGES", "en_US.UTF-8", 1);
    CHECK(language_from_environment() == Language::en);
    ::setenv("LC_ALL", "ru_RU.UTF-8", 1);
    CHECK(language_from_environment() == Language::ru);
    ::setenv("LC_ALL", "C.UTF-8", 1);
    CHECK(language_from_environment() == Language::en);
    CHECK(parse_language("RU") == Language::ru);
    CHECK(parse_language("en") == Language::en);
    CHECK(!parse_language("de"));
    restore("LC_ALL", all);
    restore("LC_MESSAGES", messages);
    restore("LANG", lang);
}
