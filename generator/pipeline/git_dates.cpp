#include "pipeline/git_dates.h"

#include <git2.h>

#include <boost/filesystem.hpp>
#include <memory>
#include <set>

#include "pipeline/git_handles.h"

namespace nk::pipeline {

namespace {

using git::Commit;
using git::Diff;
using git::open_repo;
using git::Repo;
using git::Tree;
using git::Walk;
using Libgit = git::Library;

Date date_of(const git_commit* c) {
    return Date::from_days(static_cast<long>(git_commit_time(c) / 86400));
}

// Path of the site inside the work tree ("" at the top), to map repo paths to site paths.
std::string site_prefix(git_repository* repo, const std::string& root) {
    const char* workdir = git_repository_workdir(repo);
    if (!workdir) return "";
    namespace bfs = boost::filesystem;
    boost::system::error_code ec;
    auto rel =
        bfs::relative(bfs::canonical(root, ec), bfs::canonical(workdir, ec), ec).generic_string();
    return rel == "." ? "" : rel + "/";
}

}  // namespace

std::optional<Date> head_commit_date(const std::string& root) {
    Libgit lib;
    Repo repo = open_repo(root);
    if (!repo) return std::nullopt;
    git_oid oid;
    if (git_reference_name_to_id(&oid, repo.get(), "HEAD") != 0) return std::nullopt;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo.get(), &oid) != 0) return std::nullopt;
    Commit commit(raw);
    return date_of(commit.get());
}

std::string head_commit_id(const std::string& root) {
    Libgit lib;
    Repo repo = open_repo(root);
    git_oid oid;
    if (!repo || git_reference_name_to_id(&oid, repo.get(), "HEAD") != 0) return "";
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &oid);
    return hex;
}

std::map<std::string, Date> last_modified_dates(const std::string& root) {
    Libgit lib;
    std::map<std::string, Date> out;
    Repo repo = open_repo(root);
    if (!repo) return out;
    std::string prefix = site_prefix(repo.get(), root);
    git_revwalk* raw_walk = nullptr;
    if (git_revwalk_new(&raw_walk, repo.get()) != 0) return out;
    Walk walk(raw_walk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TIME);
    if (git_revwalk_push_head(walk.get()) != 0) return out;
    git_oid oid;
    // Newest first: the first commit that touches a path is its last modification.
    while (git_revwalk_next(&oid, walk.get()) == 0) {
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, repo.get(), &oid) != 0) continue;
        Commit commit(raw);
        git_tree *tree = nullptr, *parent_tree = nullptr;
        git_commit_tree(&tree, commit.get());
        Tree t(tree);
        if (git_commit_parentcount(commit.get()) > 0) {
            git_commit* parent = nullptr;
            if (git_commit_parent(&parent, commit.get(), 0) == 0) {
                git_commit_tree(&parent_tree, parent);
                git_commit_free(parent);
            }
        }
        Tree pt(parent_tree);
        git_diff* raw_diff = nullptr;
        if (git_diff_tree_to_tree(&raw_diff, repo.get(), pt.get(), t.get(), nullptr) != 0) continue;
        Diff diff(raw_diff);
        Date when = date_of(commit.get());
        for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
            std::string path = git_diff_get_delta(diff.get(), i)->new_file.path;
            if (path.rfind(prefix, 0) != 0) continue;
            out.emplace(path.substr(prefix.size()), when);
        }
    }
    return out;
}

}  // namespace nk::pipeline
