#pragma once
// Text → typed record, with every schema problem reported (missing and unknown fields, types,
// ranges, impossible dates, unsafe URLs). Loaders take strings, so tests need no disk.

#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "records/records.h"

namespace nk::records {

/// Where a record comes from: its id (the file name) and its path for diagnostics.
struct Origin {
    std::string id;
    std::string path;
};

std::optional<School> load_school(const std::string& text, const Origin& origin,
                                  diag::Diagnostics& d);
std::optional<Mentorship> load_mentorship(const std::string& text, const Origin& origin,
                                          diag::Diagnostics& d);
std::optional<Association> load_association(const std::string& text, const Origin& origin,
                                            diag::Diagnostics& d);
std::optional<Plan> load_plan(const std::string& text, const Origin& origin, diag::Diagnostics& d);
std::optional<Competition> load_competition(const std::string& text, const Origin& origin,
                                            diag::Diagnostics& d);
std::optional<Transition> load_transition(const std::string& text, const Origin& origin,
                                          diag::Diagnostics& d);
std::optional<ReserveEntry> load_reserve_entry(const std::string& text, const Origin& origin,
                                               diag::Diagnostics& d);
/// Pages take the whole file: `+++` front matter then Markdown.
std::optional<Practice> load_practice(const std::string& text, const Origin& origin,
                                      diag::Diagnostics& d);
std::optional<Event> load_event(const std::string& text, const Origin& origin,
                                diag::Diagnostics& d);
std::optional<Page> load_page(const std::string& text, const Origin& origin, diag::Diagnostics& d);

}  // namespace nk::records
