#pragma once
// Parsed practices in binary, for the build cache: an incremental build takes an unchanged
// practice from the cache instead of reading and parsing its file again (at 10,000 practices,
// reading and parsing them is most of loading).

#include <optional>
#include <string>
#include <string_view>

#include "records/records.h"

namespace nk::records {

/// Every field of `p` except its Markdown body, which the Markdown cache keeps rendered.
std::string encode_practice(const Practice& p);

/// The practice `encode_practice` wrote (its body empty), or nullopt when `bytes` is damaged.
std::optional<Practice> decode_practice(std::string_view bytes);

}  // namespace nk::records
