#pragma once

#include <string>
#include <string_view>

namespace nk::fs {

/// A URL slug: Cyrillic transliterated (ж→zh, щ→shch, ё→e), lower-case ASCII letters and digits,
/// words joined by '-'. Returns "" when nothing usable is left.
std::string slugify(std::string_view title);

/// True for ids of the form [a-z0-9-]+ .
bool is_valid_id(std::string_view id);

/// True for vocabulary codes: [a-z0-9_-]+ .
bool is_valid_code(std::string_view code);

}  // namespace nk::fs
