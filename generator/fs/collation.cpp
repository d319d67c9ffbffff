#include "fs/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/sortkey.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace nk::text {

namespace {

/// The Russian collator, configured once: secondary strength (case ignored, «ё» a secondary
/// difference from «е», so it sorts right beside it) and numeric ordering of digit runs.
std::unique_ptr<icu::Collator> make_collator() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("ru"), status));
    if (U_FAILURE(status) || !c) throw std::runtime_error("ICU: no Russian collator");
    c->setStrength(icu::Collator::SECONDARY);
    c->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: numeric collation unavailable");
    return c;
}

/// A collator per thread: pages render in parallel, and a clone costs nothing to use.
const icu::Collator& collator() {
    static const std::unique_ptr<icu::Collator> shared = make_collator();
    thread_local const std::unique_ptr<icu::Collator> mine(shared->clone());
    return *mine;
}

icu::UnicodeString unicode(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

}  // namespace

int russian_compare(std::string_view a, std::string_view b) {
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult r = collator().compare(unicode(a), unicode(b), status);
    if (U_SUCCESS(status) && r != UCOL_EQUAL) return r == UCOL_LESS ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

bool russian_less(std::string_view a, std::string_view b) {
    return russian_compare(a, b) < 0;
}

std::string collation_key(std::string_view s) {
    icu::UnicodeString u = unicode(s);
    int32_t n = collator().getSortKey(u, nullptr, 0);
    std::string key(static_cast<size_t>(n), '\0');
    collator().getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
    // ICU's key ends with a 0 byte, which no other key byte is; the name's bytes after it
    // break ties exactly as russian_compare does.
    if (!key.empty() && key.back() == '\0') key.pop_back();
    key.push_back('\0');
    key.append(s);
    return key;
}

}  // namespace nk::text
