#pragma once
// Messages an editor reads, in English or Russian. A message is written at its call site in
// English, as a fmt format string: tr("unknown field '{}'", key). The catalogue (messages.cpp)
// maps that English text to its Russian form; a message missing from it is printed in English,
// so a new diagnostic works before it is translated.

#include <fmt/format.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace nk::diag {

enum class Language { en, ru };

/// The language of messages for this process (English until set).
void set_language(Language language);
Language language();
/// While it lives, messages made on this thread are in `language` (the browser editor answers
/// in Russian whatever the terminal's language); other threads keep the process's language.
class ThreadLanguage {
  public:
    explicit ThreadLanguage(Language language);
    ~ThreadLanguage();
    ThreadLanguage(const ThreadLanguage&) = delete;
    ThreadLanguage& operator=(const ThreadLanguage&) = delete;

  private:
    std::optional<Language> previous_;
};
/// "en" or "ru".
std::string_view language_code(Language language);
/// "ru"/"en" (any case) as a language; nullopt for anything else.
std::optional<Language> parse_language(std::string_view code);
/// The language the environment asks for: LC_ALL, else LC_MESSAGES, else LANG (the first one
/// set decides, as in POSIX); Russian when it starts with "ru", else English.
Language language_from_environment();

/// One entry of the catalogue: an English format string and its Russian form. The Russian
/// form takes the same arguments; it may reorder them with {0}, {1}.
struct Translation {
    std::string_view en;
    std::string_view ru;
};
std::span<const Translation> catalogue();
/// The Russian form of the English format `en`, or nullptr when it has none.
const std::string_view* russian_format(std::string_view en);

/// A number whose noun agrees with it. In a format, "{}" prints the number and "{:a|b}"
/// (English: one, other) or "{:a|b|c}" (Russian: 1, 2-4, 5-20 - «1 школа», «3 школы»,
/// «5 школ») prints the agreeing word: "{0} {0:school|schools}".
struct Count {
    long long n;
};
template <typename N>
Count count(N n) {
    return Count{static_cast<long long>(n)};
}
/// The Russian word that agrees with `n`: one for 1, 21, 31...; few for 2-4, 22-24...; many else.
std::string_view plural_ru(long long n, std::string_view one, std::string_view few,
                           std::string_view many);

namespace detail {
std::string format_message(std::string_view en, fmt::format_args args);
}

/// The message `en` in the current language, with `args` put in. The English format is
/// checked at compile time; a Russian form that does not fit its arguments is caught by the
/// unit test (and falls back to English at run time).
template <typename... Args>
std::string tr(fmt::format_string<Args...> en, Args&&... args) {
    fmt::string_view format = en;
    return detail::format_message(std::string_view(format.data(), format.size()),
                                  fmt::make_format_args(args...));
}

}  // namespace nk::diag

template <>
struct fmt::formatter<nk::diag::Count> {
    std::string_view forms;
    constexpr auto parse(format_parse_context& ctx) -> decltype(ctx.begin()) {
        auto it = ctx.begin();
        while (it != ctx.end() && *it != '}') ++it;
        forms = std::string_view(ctx.begin(), static_cast<size_t>(it - ctx.begin()));
        return it;
    }
    auto format(const nk::diag::Count& c, format_context& ctx) const -> decltype(ctx.out()) {
        if (forms.empty()) return fmt::format_to(ctx.out(), "{}", c.n);
        std::string_view word[3];
        size_t n = 0, start = 0;
        for (size_t i = 0; i <= forms.size() && n < 3; ++i)
            if (i == forms.size() || forms[i] == '|') {
                word[n++] = forms.substr(start, i - start);
                start = i + 1;
            }
        std::string_view chosen = n == 3   ? nk::diag::plural_ru(c.n, word[0], word[1], word[2])
                                  : n == 2 ? (c.n == 1 ? word[0] : word[1])
                                           : word[0];
        return std::copy(chosen.begin(), chosen.end(), ctx.out());
    }
};
