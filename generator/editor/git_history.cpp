#include "editor/git_history.h"

#include <git2.h>
#include <sys/stat.h>

#include <boost/filesystem.hpp>
#include <memory>

#include "pipeline/git_handles.h"

namespace nk::editor {

namespace {

using git::Commit;
using git::Config;
using git::Index;
using git::Repo;
using git::Signature;
using git::Status;
using git::Tree;
using Libgit = git::Library;

Repo open_repo(const std::string& root) {
    return git::open_repo(root, /*allow_bare=*/false);
}

// The site's folder inside the work tree ("" at its top, else "site/").
std::string site_prefix(git_repository* repo, const std::string& root) {
    namespace bfs = boost::filesystem;
    boost::system::error_code ec;
    auto rel = bfs::relative(bfs::canonical(root, ec),
                             bfs::canonical(git_repository_workdir(repo), ec), ec)
                   .generic_string();
    return rel == "." || rel.empty() ? "" : rel + "/";
}

bool editable(const std::string& site_path) {
    return site_path.rfind("content/", 0) == 0 || site_path.rfind("data/", 0) == 0;
}

struct RepoChange {
    std::string repo_path;
    FileChange change;
};

// Changed files that are records: under content/ or data/, and regular files (a symbolic link
// is no record, and where it points is not the editor's to publish).
std::vector<RepoChange> record_changes(git_repository* repo, const std::string& prefix) {
    std::string workdir = git_repository_workdir(repo);
    std::vector<RepoChange> out;
    git_status_options opts = GIT_STATUS_OPTIONS_INIT;
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                 GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
    git_status_list* raw = nullptr;
    if (git_status_list_new(&raw, repo, &opts) != 0) return out;
    Status list(raw);
    for (size_t i = 0; i < git_status_list_entrycount(list.get()); ++i) {
        const git_status_entry* e = git_status_byindex(list.get(), i);
        const git_diff_delta* d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
        if (!d) continue;
        std::string path = d->new_file.path ? d->new_file.path : d->old_file.path;
        if (path.rfind(prefix, 0) != 0 || !editable(path.substr(prefix.size()))) continue;
        unsigned s = e->status;
        std::string status = (s & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED)) ? "deleted"
                             : (s & (GIT_STATUS_INDEX_NEW | GIT_STATUS_WT_NEW))       ? "new"
                                                                                      : "modified";
        struct stat st {};
        if (status != "deleted" &&
            (::lstat((workdir + path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)))
            continue;
        out.push_back({path, {path.substr(prefix.size()), status}});
    }
    return out;
}

void author_of(git_repository* repo, std::string& name, std::string& email) {
    if (!name.empty() && !email.empty()) return;
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, repo) != 0) return;
    Config config(raw);
    const char* value = nullptr;
    if (name.empty() && git_config_get_string(&value, config.get(), "user.name") == 0) name = value;
    if (email.empty() && git_config_get_string(&value, config.get(), "user.email") == 0)
        email = value;
}

std::string failed(const char* what) {
    const ::git_error* e = git_error_last();
    return std::string("не удалось сохранить в истории: ") + what +
           (e && e->message ? std::string(" (") + e->message + ")" : "");
}

}  // namespace

GitState git_state(const std::string& root, const std::string& name, const std::string& email) {
    Libgit lib;
    GitState state;
    state.name = name;
    state.email = email;
    Repo repo = open_repo(root);
    if (!repo) return state;
    state.repository = true;
    for (RepoChange& c : record_changes(repo.get(), site_prefix(repo.get(), root)))
        state.changed.push_back(std::move(c.change));
    author_of(repo.get(), state.name, state.email);
    return state;
}

CommitResult commit_records(const std::string& root, const std::string& message,
                            const std::string& config_name, const std::string& config_email) {
    Libgit lib;
    if (message.find_first_not_of(" \t\r\n") == std::string::npos)
        return {"", "напишите, что изменено: без описания изменения в историю не сохраняются"};
    Repo repo = open_repo(root);
    if (!repo) return {"", "сайт не хранится в репозитории Git: сохранять в историю некуда"};
    auto changes = record_changes(repo.get(), site_prefix(repo.get(), root));
    if (changes.empty()) return {"", "нет изменений для сохранения в истории"};
    std::string name = config_name, email = config_email;
    author_of(repo.get(), name, email);
    if (name.empty() || email.empty())
        return {"",
                "не задан автор: впишите name и email в раздел [editor] файла config.toml "
                "(или настройте user.name и user.email в Git)"};

    // The new tree is HEAD's with the record files replaced, not the index's: whatever else is
    // staged stays staged and out of this commit.
    git_oid head_id;
    Commit parent;
    Tree head_tree;
    if (git_reference_name_to_id(&head_id, repo.get(), "HEAD") == 0) {
        git_commit* c = nullptr;
        if (git_commit_lookup(&c, repo.get(), &head_id) != 0) return {"", failed("HEAD")};
        parent.reset(c);
        git_tree* t = nullptr;
        if (git_commit_tree(&t, c) != 0) return {"", failed("HEAD")};
        head_tree.reset(t);
    }
    git_index* raw_index = nullptr;
    if (git_index_new(&raw_index) != 0) return {"", failed("индекс")};
    Index tree_index(raw_index);
    if (head_tree && git_index_read_tree(tree_index.get(), head_tree.get()) != 0)
        return {"", failed("индекс")};
    git_index* raw_repo_index = nullptr;
    if (git_repository_index(&raw_repo_index, repo.get()) != 0) return {"", failed("индекс")};
    Index repo_index(raw_repo_index);
    const char* workdir = git_repository_workdir(repo.get());
    for (const RepoChange& c : changes) {
        const char* path = c.repo_path.c_str();
        if (c.change.status == "deleted") {
            git_index_remove(tree_index.get(), path, 0);
            git_index_remove_bypath(repo_index.get(), path);
            continue;
        }
        git_index_entry entry{};
        if (git_blob_create_from_workdir(&entry.id, repo.get(), path) != 0)
            return {"", failed(path)};
        struct stat st {};
        bool executable = ::stat((std::string(workdir) + c.repo_path).c_str(), &st) == 0 &&
                          (st.st_mode & S_IXUSR);
        entry.mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
        entry.path = path;
        if (git_index_add(tree_index.get(), &entry) != 0) return {"", failed(path)};
        if (git_index_add_bypath(repo_index.get(), path) != 0) return {"", failed(path)};
    }
    git_oid tree_id;
    if (git_index_write_tree_to(&tree_id, tree_index.get(), repo.get()) != 0)
        return {"", failed("дерево")};
    git_tree* raw_tree = nullptr;
    if (git_tree_lookup(&raw_tree, repo.get(), &tree_id) != 0) return {"", failed("дерево")};
    Tree tree(raw_tree);
    git_signature* raw_sig = nullptr;
    if (git_signature_now(&raw_sig, name.c_str(), email.c_str()) != 0) return {"", failed("автор")};
    Signature sig(raw_sig);
    const git_commit* parents[1] = {parent.get()};
    git_oid commit_id;
    if (git_commit_create(&commit_id, repo.get(), "HEAD", sig.get(), sig.get(), nullptr,
                          message.c_str(), tree.get(), parent ? 1 : 0, parents) != 0)
        return {"", failed("коммит")};
    // The index now agrees with the commit for these files, so `git status` shows them clean.
    git_index_write(repo_index.get());
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &commit_id);
    return {hex, ""};
}

}  // namespace nk::editor
