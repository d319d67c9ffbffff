#pragma once
// Parsed records in binary, for the build cache: an incremental build takes an unchanged
// practice, school or event from the cache instead of reading and parsing its file again (at
// 10,000 practices, reading and parsing them is most of loading).

#include <optional>
#include <string>
#include <string_view>

#include "records/records.h"

namespace nk::records {

/// Every field of `p` except its Markdown body, which the Markdown cache keeps rendered.
std::string encode_practice(const Practice& p);

/// The practice `encode_practice` wrote (its body empty), or nullopt when `bytes` is damaged.
std::optional<Practice> decode_practice(std::string_view bytes);

/// Every field of a school (its `offer` text as written; the Markdown cache keeps it rendered).
std::string encode_school(const School& s);
std::optional<School> decode_school(std::string_view bytes);

/// Every field of an event, its Markdown body included (events are few and short).
std::string encode_event(const Event& e);
std::optional<Event> decode_event(std::string_view bytes);

}  // namespace nk::records
