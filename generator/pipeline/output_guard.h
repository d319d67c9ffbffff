#pragma once
// What keeps a build from destroying what it should not: the checks on the output folder and the
// lock that makes a second build into the same output wait for the first.

#include <optional>
#include <ostream>
#include <string>

namespace nk::pipeline {

/// Why `out` must not be the output of the site at `source`, or nullopt. A folder that is the
/// site, contains it, or lies in its content/, data/, static/, themes/ or .git/ is refused
/// (the cache folder is fine: serve builds there); so is a non-empty folder without the output
/// marker (a user's documents), unless `force`. Both paths are absolute and normalised.
std::optional<std::string> refuse_output(const std::string& source, const std::string& out,
                                         bool force);

/// `path` made absolute with symbolic links and ".." resolved as far as it exists.
std::string resolved_path(const std::string& path);

/// An exclusive lock on one output folder (a lock file beside it), held while the object lives.
/// A second build waits for the first, saying so once on `err`.
class BuildLock {
  public:
    BuildLock(const std::string& out, std::ostream& err);
    ~BuildLock();
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace nk::pipeline
