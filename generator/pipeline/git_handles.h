#pragma once
// libgit2 as RAII: the library's lifetime and owning handles, shared by the build's Git dates
// and the editor's history.

#include <git2.h>

#include <memory>
#include <string>

namespace nk::git {

/// libgit2 is initialised while one of these lives (calls nest).
struct Library {
    Library() { git_libgit2_init(); }
    ~Library() { git_libgit2_shutdown(); }
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
};

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};

using Repo = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using Commit = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using Walk = std::unique_ptr<git_revwalk, Deleter<git_revwalk, git_revwalk_free>>;
using Diff = std::unique_ptr<git_diff, Deleter<git_diff, git_diff_free>>;
using Status = std::unique_ptr<git_status_list, Deleter<git_status_list, git_status_list_free>>;
using Index = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using Signature = std::unique_ptr<git_signature, Deleter<git_signature, git_signature_free>>;
using Config = std::unique_ptr<git_config, Deleter<git_config, git_config_free>>;

/// The repository whose work tree holds `root` (searching upwards), or null when there is
/// none; with `allow_bare` false a bare repository counts as none.
inline Repo open_repo(const std::string& root, bool allow_bare = true) {
    git_repository* repo = nullptr;
    if (git_repository_open_ext(&repo, root.c_str(), 0, nullptr) != 0) return Repo();
    Repo owned(repo);
    if (!allow_bare && git_repository_is_bare(repo)) return Repo();
    return owned;
}

}  // namespace nk::git
