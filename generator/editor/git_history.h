#pragma once
// The editor's view of Git (libgit2): which record files differ from HEAD, who the author is,
// and a commit of exactly those files. It never pushes: publishing stays with CI.

#include <string>
#include <vector>

namespace nk::editor {

struct FileChange {
    std::string path;    ///< site-relative ("data/schools/x.toml")
    std::string status;  ///< "new" | "modified" | "deleted"
};

struct GitState {
    bool repository = false;
    std::vector<FileChange> changed;  ///< under content/ and data/ only, sorted by path
    std::string name, email;          ///< the author commits get ("" when unknown)
};

/// The state of the site at `root`; the author is `name`/`email` (config.toml `[editor]`) when
/// given, else Git's user.name/user.email.
GitState git_state(const std::string& root, const std::string& name, const std::string& email);

struct CommitResult {
    std::string commit;  ///< the new commit's id
    std::string error;   ///< Russian; "" on success
};

/// Commits every changed file under content/ and data/ (and nothing else, whatever else is
/// staged) on the current branch with `message` and the author of git_state.
CommitResult commit_records(const std::string& root, const std::string& message,
                            const std::string& name, const std::string& email);

}  // namespace nk::editor
