#pragma once
// Text analysis for the search index: rendered HTML to plain text, words, Russian stems.
// The browser client (themes/default/static/js/search.js) splits and folds queries the same way.

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct sb_stemmer;

namespace nk::output {

/// Plain text of rendered Markdown HTML: tags removed (block-level tags become spaces), character
/// references decoded, runs of whitespace collapsed to one space.
std::string html_to_text(std::string_view html);

/// The first `max_chars` characters of html_to_text(html), with "…" when there is more (as
/// text::truncate_chars cuts it), converting only as much of `html` as that takes.
std::string html_excerpt(std::string_view html, size_t max_chars);

namespace detail {
/// Appends the character at `i` (not ASCII, not basic Cyrillic) to `word` when it is a word
/// character, folded; returns its length in bytes.
size_t fold_other_char(std::string_view text, size_t i, std::string& word, bool& is_word);
/// The lower-case form of a code point (utf8proc).
int lower_code_point(int cp);
/// True when the tag starting at `lt` ("<p>", "</li>") ends a line of text.
bool starts_block_tag(std::string_view html, size_t lt);
/// Decodes the character reference at `amp` into `out`; its length, or 0 when it is not one.
size_t decode_reference(std::string_view html, size_t amp, std::string& out);
}  // namespace detail

/// Splits text fed to it in pieces into words and calls `fn` with each: maximal runs of letters,
/// digits and combining marks, case-folded with ё → е. Words shorter than two characters are
/// skipped. A word may continue from one piece into the next; boundary() ends it. Inline (a
/// template) because it runs once per character of every practice. A word that folding leaves
/// unchanged (most of them) is passed as a view into the text, without copying.
template <typename Fn>
class WordSplitter {
  public:
    explicit WordSplitter(Fn& fn) : fn_(fn) {}
    ~WordSplitter() { boundary(); }
    WordSplitter(const WordSplitter&) = delete;
    WordSplitter& operator=(const WordSplitter&) = delete;

    void feed(std::string_view text) {
        const char* p = text.data();
        size_t i = 0, n = text.size();
        while (i < n) {
            auto c = static_cast<unsigned char>(p[i]);
            // Fast paths for ASCII and the basic Cyrillic block, which is nearly all of the
            // text; they fold exactly as fold_case (and the browser's toLowerCase) do.
            if (c < 0x80) {
                if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
                    extend(p, i, 1);
                } else if (c >= 'A' && c <= 'Z') {
                    char lower = static_cast<char>(c | 0x20);
                    extend_folded(p, i, std::string_view(&lower, 1));
                } else {
                    end_word(p, i);
                }
                ++i;
                continue;
            }
            if ((c == 0xD0 || c == 0xD1) && i + 1 < n &&
                (static_cast<unsigned char>(p[i + 1]) & 0xC0) == 0x80) {
                // U+0400..U+047F: Cyrillic letters, every one a word character.
                int cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(p[i + 1]) & 0x3F);
                if (cp >= 0x430 && cp <= 0x44F) {
                    extend(p, i, 2);  // а..я: already folded
                } else {
                    if (cp >= 0x410 && cp <= 0x42F)
                        cp += 0x20;  // А..Я → а..я
                    else if (cp == 0x401 || cp == 0x451)
                        cp = 0x435;  // Ё, ё → е
                    else
                        cp = detail::lower_code_point(cp);
                    char folded[2] = {static_cast<char>(0xC0 | (cp >> 6)),
                                      static_cast<char>(0x80 | (cp & 0x3F))};
                    extend_folded(p, i, std::string_view(folded, 2));
                }
                i += 2;
                continue;
            }
            if (i + 2 < n && ((c == 0xE2 && static_cast<unsigned char>(p[i + 1]) == 0x80 &&
                               (static_cast<unsigned char>(p[i + 2]) & 0xC0) == 0x80) ||
                              (c == 0xC2 && (static_cast<unsigned char>(p[i + 1]) == 0xA0 ||
                                             static_cast<unsigned char>(p[i + 1]) == 0xAB ||
                                             static_cast<unsigned char>(p[i + 1]) == 0xBB)))) {
                // U+2000..U+203F (spaces, dashes, quotes, "…"), no-break space, « and »: the
                // commonest characters between Russian words, none of them a word character.
                end_word(p, i);
                i += c == 0xE2 ? 3 : 2;
                continue;
            }
            bool is_word = false;
            scratch_.clear();
            size_t used = detail::fold_other_char(text, i, scratch_, is_word);
            if (is_word)
                extend_folded(p, i, scratch_);
            else
                end_word(p, i);
            i += used;
        }
        // A word running to the end of this piece may go on in the next: keep its own copy.
        if (chars_ && !copied_) {
            word_.assign(p + start_, n - start_);
            copied_ = true;
        }
    }
    void boundary() {
        if (chars_ >= 2) fn_(std::string_view(word_));  // outside feed(), a word is in word_
        chars_ = 0;
    }

  private:
    // A word character at p[i], unchanged by folding.
    void extend(const char* p, size_t i, size_t length) {
        if (!chars_) {
            start_ = i;
            copied_ = false;
        } else if (copied_) {
            word_.append(p + i, length);
        }
        ++chars_;
    }
    // A word character at p[i] that folds to `folded`: from here on the word is a copy.
    void extend_folded(const char* p, size_t i, std::string_view folded) {
        if (!chars_)
            word_.clear();
        else if (!copied_)
            word_.assign(p + start_, i - start_);
        copied_ = true;
        word_.append(folded);
        ++chars_;
    }
    // A character that is not part of a word at p[i].
    void end_word(const char* p, size_t i) {
        if (chars_ >= 2)
            fn_(copied_ ? std::string_view(word_) : std::string_view(p + start_, i - start_));
        chars_ = 0;
    }

    Fn& fn_;
    std::string word_, scratch_;
    size_t chars_ = 0;  ///< characters in the current word; 0 between words
    size_t start_ = 0;  ///< where the current word starts in the piece, while not copied_
    bool copied_ = false;
};

/// Calls `fn` with each word of `text` (see WordSplitter).
template <typename Fn>
void for_each_word(std::string_view text, Fn&& fn) {
    WordSplitter<std::remove_reference_t<Fn>> words(fn);
    words.feed(text);
}

/// The one walk over rendered HTML that html_to_text, html_excerpt and for_each_html_word share:
/// calls `text(piece)` for each run of text and each decoded character reference (a stray '&'
/// is text), and `block()` at each block-level tag, which ends a line of text. Stops at an
/// unterminated tag, or when `text` returns false.
template <typename Text, typename Block>
void walk_html_text(std::string_view html, Text&& text, Block&& block) {
    std::string decoded;
    size_t i = 0, n = html.size();
    // Two memchr searches (vectorised in libc) rather than a loop over characters: '&' is rare,
    // so its next position is looked up again only once passed. (find_first_of would call
    // memchr once per character.)
    size_t next_amp = std::min(html.find('&'), n);
    while (i < n) {
        if (next_amp < i) next_amp = std::min(html.find('&', i), n);
        size_t special = std::min(std::min(html.find('<', i), n), next_amp);
        if (!text(html.substr(i, special - i)) || special == n) return;
        i = special;
        if (html[i] == '<') {
            size_t gt = html.find('>', i);
            if (gt == std::string_view::npos) return;
            if (detail::starts_block_tag(html, i)) block();
            i = gt + 1;
        } else {
            decoded.clear();
            size_t used = detail::decode_reference(html, i, decoded);
            if (!text(used ? std::string_view(decoded) : std::string_view("&"))) return;
            i += used ? used : 1;
        }
    }
}

/// Calls `fn` with each word of the plain text of `html` (as html_to_text gives it) without
/// building that text: the search index reads every practice this way.
template <typename Fn>
void for_each_html_word(std::string_view html, Fn&& fn) {
    WordSplitter<std::remove_reference_t<Fn>> words(fn);
    walk_html_text(
        html,
        [&](std::string_view text) {
            words.feed(text);
            return true;
        },
        [&] { words.boundary(); });
}

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
