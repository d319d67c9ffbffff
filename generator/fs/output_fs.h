#pragma once
// The file-system operations that publishing an output folder needs, behind one interface: the
// disk, and an in-memory tree with inodes and hard links, so the publisher can be tested with
// exact expected trees and injected faults.
//
// Paths are absolute or relative strings with '/' separators; an operation on a path whose
// parent is missing fails. Every failure throws std::runtime_error naming the path.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nk::fs {

/// What lstat tells of a path (links are not followed).
struct FileStat {
    bool is_dir = false;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    uint64_t inode = 0;
    bool operator==(const FileStat&) const = default;
};

/// True when `now` is the file `recorded` describes, untouched since: same size, mtime and
/// inode (an edit by hand changes the mtime, a replacement the inode).
inline bool unchanged_file(const std::optional<FileStat>& now, const FileStat& recorded) {
    return now && !now->is_dir && now->size == recorded.size &&
           now->mtime_ns == recorded.mtime_ns && now->inode == recorded.inode;
}

class OutputFs {
  public:
    virtual ~OutputFs() = default;
    /// nullopt when nothing is at `path`.
    virtual std::optional<FileStat> stat(const std::string& path) const = 0;
    /// stat() of `root`/`rel`; the disk resolves `root` once for many calls (a rebuild checks
    /// every output file).
    virtual std::optional<FileStat> stat_at(const std::string& root, const std::string& rel) const {
        return stat(root + "/" + rel);
    }
    /// Makes one directory; an existing directory is fine, an existing file is an error.
    virtual void make_dir(const std::string& path) = 0;
    /// Creates a new file with `bytes` (a new inode: a file already there is unlinked first, so a
    /// hard link to it elsewhere keeps its bytes) and returns its stat.
    virtual FileStat write_file(const std::string& path, std::string_view bytes) = 0;
    /// Makes `to` a hard link to the file `from`; `to` must not exist.
    virtual void link(const std::string& from, const std::string& to) = 0;
    /// Removes a file or an empty directory; a missing path is fine.
    virtual void remove(const std::string& path) = 0;
    /// Removes `path` and everything under it; a missing path is fine.
    virtual void remove_tree(const std::string& path) = 0;
    /// Renames `from` to `to` (replacing a file or an empty directory there).
    virtual void rename(const std::string& from, const std::string& to) = 0;
    /// Swaps two paths in one step; false when this file system or place cannot (then nothing
    /// changed).
    virtual bool exchange(const std::string& a, const std::string& b) = 0;
    /// The names in a directory ("." and ".." left out); empty when it does not exist.
    virtual std::vector<std::string> list(const std::string& dir) const = 0;
    /// True when `path` is the root of a mounted file system (it cannot be renamed).
    virtual bool is_mount_point(const std::string& path) const = 0;
    virtual std::optional<std::string> read(const std::string& path) const = 0;
};

/// The real disk.
class DiskFs final : public OutputFs {
  public:
    DiskFs() = default;
    ~DiskFs() override;
    DiskFs(const DiskFs&) = delete;
    DiskFs& operator=(const DiskFs&) = delete;
    std::optional<FileStat> stat(const std::string& path) const override;
    std::optional<FileStat> stat_at(const std::string& root, const std::string& rel) const override;
    void make_dir(const std::string& path) override;
    FileStat write_file(const std::string& path, std::string_view bytes) override;
    void link(const std::string& from, const std::string& to) override;
    void remove(const std::string& path) override;
    void remove_tree(const std::string& path) override;
    void rename(const std::string& from, const std::string& to) override;
    bool exchange(const std::string& a, const std::string& b) override;
    std::vector<std::string> list(const std::string& dir) const override;
    bool is_mount_point(const std::string& path) const override;
    std::optional<std::string> read(const std::string& path) const override;

  private:
    /// The folder stat_at() last resolved, open (-1: none).
    mutable std::mutex mutex_;
    mutable std::string root_;
    mutable int root_fd_ = -1;
};

/// A tree in memory, safe to use from several threads. Files are inodes shared by hard links;
/// `fail_after(n)` makes the n-th mutating call from now on throw (a full disk, a killed run).
class MemoryFs final : public OutputFs {
  public:
    MemoryFs();
    std::optional<FileStat> stat(const std::string& path) const override;
    void make_dir(const std::string& path) override;
    FileStat write_file(const std::string& path, std::string_view bytes) override;
    void link(const std::string& from, const std::string& to) override;
    void remove(const std::string& path) override;
    void remove_tree(const std::string& path) override;
    void rename(const std::string& from, const std::string& to) override;
    bool exchange(const std::string& a, const std::string& b) override;
    std::vector<std::string> list(const std::string& dir) const override;
    bool is_mount_point(const std::string& path) const override;
    std::optional<std::string> read(const std::string& path) const override;

    /// Marks a directory as a mount point: it cannot be renamed or exchanged.
    void mount(const std::string& path);
    void fail_after(long calls) { fail_after_ = calls; }
    /// Every file under `root` with its bytes, by path relative to `root` ("a/index.html").
    std::map<std::string, std::string> files_under(const std::string& root) const;
    /// The inode of a file, for tests of hard links.
    uint64_t inode_of(const std::string& path) const;

  private:
    struct Inode {
        uint64_t number;
        std::string bytes;
        int64_t mtime_ns;
    };
    struct Node {
        bool is_dir = false;
        uint64_t number = 0;                                // a directory's inode
        std::shared_ptr<Inode> file;                        // set for files
        std::map<std::string, std::unique_ptr<Node>> kids;  // set for directories
    };
    Node* find(const std::string& path) const;
    /// The parent directory of `path` and the last name; throws when the parent is missing.
    std::pair<Node*, std::string> parent_of(const std::string& path) const;
    void mutating();
    void collect(const Node& dir, const std::string& prefix,
                 std::map<std::string, std::string>& out) const;

    mutable std::mutex mutex_;
    std::unique_ptr<Node> root_;
    std::vector<std::string> mounts_;
    uint64_t next_inode_ = 1;
    int64_t clock_ = 1;
    long fail_after_ = -1;
};

}  // namespace nk::fs
