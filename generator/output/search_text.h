#pragma once
// Text analysis for the search index: rendered HTML to plain text, words, Russian stems.
// The browser client (themes/default/static/js/search.js) splits and folds queries the same way.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;

namespace nk::output {

/// Plain text of rendered Markdown HTML: tags removed (block-level tags become spaces), character
/// references decoded, runs of whitespace collapsed to one space.
std::string html_to_text(std::string_view html);

/// Calls `fn` with each word of `text`: maximal runs of letters, digits and combining marks,
/// case-folded with ё → е. Words shorter than two characters are skipped.
void for_each_word(std::string_view text, const std::function<void(std::string_view)>& fn);

/// The words of `text`, as for_each_word finds them.
std::vector<std::string> words(std::string_view text);

/// True for Russian function words (и, в, на, что...), which are not indexed.
bool is_stop_word(std::string_view folded_word);

/// Every stop word, sorted; shipped to the browser so queries drop the same words.
const std::vector<std::string>& stop_words();

/// Snowball Russian stemmer (libstemmer). libstemmer is not thread-safe, so each thread needs its
/// own instance; callers cache stems of the words they meet again.
class RussianStemmer {
  public:
    RussianStemmer();
    ~RussianStemmer();
    RussianStemmer(const RussianStemmer&) = delete;
    RussianStemmer& operator=(const RussianStemmer&) = delete;

    /// The stem of a folded word; a prefix of the word (Snowball Russian only removes endings).
    std::string stem(std::string_view folded_word);

  private:
    sb_stemmer* stemmer_;
};

}  // namespace nk::output
