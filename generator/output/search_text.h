#pragma once
// Text analysis for the search index: rendered HTML to plain text, words, Russian stems.
// The browser client (themes/default/static/js/search.js) splits and folds queries the same way.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace nk::output {

/// Plain text of rendered Markdown HTML: tags removed (block-level tags become spaces), character
/// references decoded, runs of whitespace collapsed to one space.
std::string html_to_text(std::string_view html);

/// The words of `text`: maximal runs of letters, digits and combining marks, case-folded with
/// ё → е. Words shorter than two characters are dropped.
std::vector<std::string> words(std::string_view text);

/// True for Russian function words (и, в, на, что...), which are not indexed.
bool is_stop_word(std::string_view folded_word);

/// Every stop word, sorted; shipped to the browser so queries drop the same words.
const std::vector<std::string>& stop_words();

/// Snowball Russian stemmer (libstemmer) with a cache of the words it has seen. libstemmer is not
/// thread-safe, so each thread needs its own instance.
class RussianStemmer {
public:
    RussianStemmer();
    ~RussianStemmer();
    RussianStemmer(const RussianStemmer&) = delete;
    RussianStemmer& operator=(const RussianStemmer&) = delete;

    /// The stem of a folded word; a prefix of the word (Snowball Russian only removes endings).
    const std::string& stem(const std::string& folded_word);

private:
    sb_stemmer* stemmer_;
    std::unordered_map<std::string, std::string> cache_;
};

}  // namespace nk::output
