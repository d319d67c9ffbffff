#pragma once
// Dates from Git: the HEAD commit date ("today" for reproducible statuses) and, per file, the
// date of the last commit that touched it (lastmod). A site outside Git yields nothing.

#include <map>
#include <optional>
#include <string>

#include "config/date.h"

namespace nk::pipeline {

/// The committer date of HEAD (UTC), or nullopt when `root` is not in a Git repository.
std::optional<Date> head_commit_date(const std::string& root);

/// The HEAD commit id (hex), or "" when `root` is not in a Git repository (for build caches).
std::string head_commit_id(const std::string& root);

/// Last commit date of every file under `root` (paths relative to `root`), in one history walk.
std::map<std::string, Date> last_modified_dates(const std::string& root);

}  // namespace nk::pipeline
