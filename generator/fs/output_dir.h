#pragma once
// The output directory is replaced as a whole: a build writes into a staging directory beside it
// and swaps it in only when everything succeeded, so a failed or killed build loses nothing.

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace nk::fs {

class StagedOutput {
  public:
    /// Prepares a fresh staging directory next to `out_dir` (removing stale ones of killed builds).
    explicit StagedOutput(std::string out_dir);
    /// Removes the staging directory unless `commit()` succeeded.
    ~StagedOutput();
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;

    /// Writes `content` to `relative` (URL-style path) inside the staging directory.
    /// Throws std::runtime_error on I/O failure or a path that would leave the directory.
    void write(std::string_view relative, std::string_view content);
    /// Copies a file into the staging directory.
    void copy_file(const std::string& from, std::string_view relative);
    /// Atomically puts the staging directory in place of the output directory.
    void commit();

    const std::string& staging_dir() const { return staging_; }
    size_t files_written() const { return files_written_; }
    size_t bytes_written() const { return bytes_written_; }

  private:
    std::string target_path(std::string_view relative);
    /// Makes `dir` and its missing parents inside the staging directory.
    void make_dir(const std::string& dir);

    std::string out_dir_;
    std::string staging_;
    bool committed_ = false;
    std::mutex mutex_;
    std::unordered_set<std::string> made_dirs_;
    size_t files_written_ = 0;
    size_t bytes_written_ = 0;
};

}  // namespace nk::fs
