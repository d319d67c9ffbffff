#pragma once
// iCalendar (RFC 5545) for events: CRLF lines folded at 75 octets, escaped text, stable UIDs and
// a DTSTAMP derived from the data (not the clock), so output stays reproducible.

#include <optional>
#include <string>

#include "model/site.h"

namespace nk::output {

/// All events (nullopt) or one event as a VCALENDAR.
std::string calendar(const model::Site& site, std::optional<size_t> event);

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
std::string ical_escape(const std::string& s);
/// Folds a content line to 75 octets without splitting UTF-8 sequences; ends with CRLF.
std::string ical_fold(const std::string& line);

}  // namespace nk::output
