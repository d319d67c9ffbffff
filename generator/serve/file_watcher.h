#pragma once
// Watches a site's sources with inotify: config.toml and everything under content/, data/,
// themes/ and static/, including folders created later. Editors that save by writing a new file
// and renaming it over the old one are seen too, since whole folders are watched.

#include <chrono>
#include <map>
#include <string>

namespace nk::serve {

class FileWatcher {
  public:
    /// Starts watching `source`. Throws std::runtime_error when inotify is unavailable.
    explicit FileWatcher(std::string source);
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    /// Waits up to `timeout` for a change; then keeps reading until the sources have been quiet
    /// for `settle` (one save often is several events). Returns true when something changed.
    bool wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle);

    /// The relative paths seen changing by the last wait() (for the log).
    const std::string& last_change() const { return last_change_; }

  private:
    /// Watches `relative` (a folder under the source) and every folder below it.
    void watch_tree(const std::string& relative);
    /// Reads pending events; true when one concerns a source file.
    bool drain();

    std::string source_;
    int fd_ = -1;
    int root_wd_ = -1;
    std::map<int, std::string> folders_;  ///< watch descriptor → folder relative to the source
    std::string last_change_;
};

}  // namespace nk::serve
