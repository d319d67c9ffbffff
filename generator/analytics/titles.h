#pragma once
// Seed 004 §8: the winners of a competition receive the title «Школа-наставник» of its year.
// A school's titles are those it won in the site's competitions and those typed in its
// `titles`; a typed title that a recorded competition also gives is shown once.

#include <optional>
#include <string>
#include <vector>

#include "model/site.h"

namespace nk::analytics {

/// The title every competition's winners receive.
inline const char* kMentorTitle = "Школа-наставник";

struct SchoolTitle {
    std::string title;
    int year = 0;
    std::optional<size_t> competition;  ///< Site::competitions index, when a competition gives it
    bool typed = false;                 ///< also (or only) in the school's `titles`
};

/// Per school (Site::schools index): its titles, by year then title.
std::vector<std::vector<SchoolTitle>> school_titles(const model::Site& site);

/// Whether the site records a competition of `year` among schools of `school`'s region (its
/// municipality when it has none): only then can a typed title of that year be checked.
bool title_checkable(const model::Site& site, const records::School& school, int year);

}  // namespace nk::analytics
