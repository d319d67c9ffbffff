#include "fs/output_fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cstring>
#include <stdexcept>

#include "fs/file_system.h"

namespace nk::fs {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int error = errno) {
    throw std::runtime_error("cannot " + what + " " + path + ": " + std::strerror(error));
}

FileStat from_stat(const struct stat& st) {
    return {S_ISDIR(st.st_mode), static_cast<uint64_t>(st.st_size),
            static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
            static_cast<uint64_t>(st.st_ino)};
}

std::string parent_path(const std::string& path) {
    auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    size_t at = 0;
    while (at <= path.size()) {
        size_t end = path.find('/', at);
        if (end == std::string::npos) end = path.size();
        if (end > at && path.compare(at, end - at, ".") != 0)
            parts.push_back(path.substr(at, end - at));
        at = end + 1;
    }
    return parts;
}

}  // namespace

// ---- the disk ----

std::optional<FileStat> DiskFs::stat(const std::string& path) const {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
    return from_stat(st);
}

DiskFs::~DiskFs() {
    if (root_fd_ >= 0) ::close(root_fd_);
}

std::optional<FileStat> DiskFs::stat_at(const std::string& root, const std::string& rel) const {
    int fd = -1;
    {
        std::lock_guard lock(mutex_);
        if (root_fd_ < 0 || root_ != root) {
            if (root_fd_ >= 0) ::close(root_fd_);
            root_ = root;
            root_fd_ = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }
        fd = root_fd_;
    }
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstatat(fd, rel.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
    return from_stat(st);
}

void DiskFs::make_dir(const std::string& path) {
    if (::mkdir(path.c_str(), 0777) == 0) return;
    int error = errno;
    struct stat st {};
    if (error == EEXIST && ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return;
    fail("make the directory", path, error);
}

FileStat DiskFs::write_file(const std::string& path, std::string_view bytes) {
    // Never truncate in place: the file there may be a hard link shared with the live output.
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail("replace", path);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) fail("write", path);
    const char* at = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, at, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error = n < 0 ? errno : ENOSPC;
            ::close(fd);
            fail("write", path, error);
        }
        at += n;
        left -= static_cast<size_t>(n);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        int error = errno;
        ::close(fd);
        fail("write", path, error);
    }
    if (::close(fd) != 0) fail("write", path);
    return from_stat(st);
}

void DiskFs::link(const std::string& from, const std::string& to) {
    if (::link(from.c_str(), to.c_str()) != 0) fail("link " + from + " to", to);
}

void DiskFs::remove(const std::string& path) {
    if (::unlink(path.c_str()) == 0 || errno == ENOENT) return;
    if ((errno == EISDIR || errno == EPERM) && ::rmdir(path.c_str()) == 0) return;
    fail("remove", path);
}

void DiskFs::remove_tree(const std::string& path) {
    boost::system::error_code ec;
    boost::filesystem::remove_all(path, ec);
    if (ec) throw std::runtime_error("cannot remove " + path + ": " + ec.message());
}

void DiskFs::rename(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) fail("move " + from + " to", to);
}

bool DiskFs::exchange(const std::string& a, const std::string& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
    // A mount point (EBUSY), another file system (EXDEV), or one without the flag.
    if (errno == EBUSY || errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)
        return false;
    fail("swap " + a + " with", b);
}

std::vector<std::string> DiskFs::list(const std::string& dir) const {
    std::vector<std::string> names;
    if (auto entries = read_directory(dir))
        for (auto& e : *entries) names.push_back(std::move(e.name));
    return names;
}

bool DiskFs::is_mount_point(const std::string& path) const {
    struct statx sx {};
    if (::statx(AT_FDCWD, path.c_str(), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) == 0 &&
        (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT))
        return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
    struct stat here {
    }, above{};
    std::string parent = boost::filesystem::absolute(path).parent_path().string();
    return ::lstat(path.c_str(), &here) == 0 && ::stat(parent.c_str(), &above) == 0 &&
           here.st_dev != above.st_dev;
}

std::optional<std::string> DiskFs::read(const std::string& path) const {
    return read_bytes(path);
}

// ---- in memory ----

MemoryFs::MemoryFs() : root_(std::make_unique<Node>()) {
    root_->is_dir = true;
}

MemoryFs::Node* MemoryFs::find(const std::string& path) const {
    Node* node = root_.get();
    for (const auto& part : split(path)) {
        if (!node->is_dir) return nullptr;
        auto it = node->kids.find(part);
        if (it == node->kids.end()) return nullptr;
        node = it->second.get();
    }
    return node;
}

std::pair<MemoryFs::Node*, std::string> MemoryFs::parent_of(const std::string& path) const {
    auto parts = split(path);
    if (parts.empty()) throw std::runtime_error("cannot change the root");
    std::string name = parts.back();
    Node* parent = find(parent_path("/" + path));
    if (!parent || !parent->is_dir) throw std::runtime_error("no directory above " + path);
    return {parent, name};
}

void MemoryFs::mutating() {
    if (fail_after_ == 0) throw std::runtime_error("injected failure (a full disk)");
    if (fail_after_ > 0) --fail_after_;
}

std::optional<FileStat> MemoryFs::stat(const std::string& path) const {
    std::lock_guard lock(mutex_);
    Node* node = find(path);
    if (!node) return std::nullopt;
    if (node->is_dir) return FileStat{true, 0, 0, node->number};
    return FileStat{false, node->file->bytes.size(), node->file->mtime_ns, node->file->number};
}

void MemoryFs::make_dir(const std::string& path) {
    std::lock_guard lock(mutex_);
    mutating();
    auto [parent, name] = parent_of(path);
    auto& slot = parent->kids[name];
    if (slot && !slot->is_dir) throw std::runtime_error("cannot make the directory " + path);
    if (!slot) {
        slot = std::make_unique<Node>();
        slot->is_dir = true;
        slot->number = next_inode_++;
    }
}

FileStat MemoryFs::write_file(const std::string& path, std::string_view bytes) {
    std::lock_guard lock(mutex_);
    mutating();
    auto [parent, name] = parent_of(path);
    auto& slot = parent->kids[name];
    if (slot && slot->is_dir) throw std::runtime_error("cannot write " + path + ": a directory");
    slot = std::make_unique<Node>();
    slot->file = std::make_shared<Inode>(Inode{next_inode_++, std::string(bytes), ++clock_});
    return {false, bytes.size(), slot->file->mtime_ns, slot->file->number};
}

void MemoryFs::link(const std::string& from, const std::string& to) {
    std::lock_guard lock(mutex_);
    mutating();
    Node* source = find(from);
    if (!source || source->is_dir) throw std::runtime_error("cannot link " + from);
    auto [parent, name] = parent_of(to);
    if (parent->kids.count(name)) throw std::runtime_error("cannot link to " + to + ": exists");
    auto node = std::make_unique<Node>();
    node->file = source->file;
    parent->kids[name] = std::move(node);
}

void MemoryFs::remove(const std::string& path) {
    std::lock_guard lock(mutex_);
    mutating();
    if (!find(path)) return;
    auto [parent, name] = parent_of(path);
    auto it = parent->kids.find(name);
    if (it->second->is_dir && !it->second->kids.empty())
        throw std::runtime_error("cannot remove " + path + ": not empty");
    parent->kids.erase(it);
}

void MemoryFs::remove_tree(const std::string& path) {
    std::lock_guard lock(mutex_);
    mutating();
    if (!find(path)) return;
    auto [parent, name] = parent_of(path);
    parent->kids.erase(name);
}

void MemoryFs::rename(const std::string& from, const std::string& to) {
    std::lock_guard lock(mutex_);
    mutating();
    for (const auto& m : mounts_)
        if (split(m) == split(from)) throw std::runtime_error("cannot move a mount point " + from);
    if (!find(from)) throw std::runtime_error("cannot move " + from + ": missing");
    auto [from_parent, from_name] = parent_of(from);
    auto [to_parent, to_name] = parent_of(to);
    auto& target = to_parent->kids[to_name];
    if (target && target->is_dir && !target->kids.empty())
        throw std::runtime_error("cannot move onto " + to + ": not empty");
    auto moving = std::move(from_parent->kids[from_name]);
    from_parent->kids.erase(from_name);
    to_parent->kids[to_name] = std::move(moving);
}

bool MemoryFs::exchange(const std::string& a, const std::string& b) {
    std::lock_guard lock(mutex_);
    mutating();
    for (const auto& m : mounts_)
        if (split(m) == split(a) || split(m) == split(b)) return false;
    if (!find(a) || !find(b)) throw std::runtime_error("cannot swap " + a + " with " + b);
    auto [pa, na] = parent_of(a);
    auto [pb, nb] = parent_of(b);
    std::swap(pa->kids[na], pb->kids[nb]);
    return true;
}

std::vector<std::string> MemoryFs::list(const std::string& dir) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    if (Node* node = find(dir); node && node->is_dir)
        for (const auto& [name, kid] : node->kids) names.push_back(name);
    return names;
}

bool MemoryFs::is_mount_point(const std::string& path) const {
    std::lock_guard lock(mutex_);
    for (const auto& m : mounts_)
        if (split(m) == split(path)) return true;
    return false;
}

std::optional<std::string> MemoryFs::read(const std::string& path) const {
    std::lock_guard lock(mutex_);
    Node* node = find(path);
    if (!node || node->is_dir) return std::nullopt;
    return node->file->bytes;
}

void MemoryFs::mount(const std::string& path) {
    std::lock_guard lock(mutex_);
    mounts_.push_back(path);
}

void MemoryFs::collect(const Node& dir, const std::string& prefix,
                       std::map<std::string, std::string>& out) const {
    for (const auto& [name, kid] : dir.kids) {
        if (kid->is_dir)
            collect(*kid, prefix + name + "/", out);
        else
            out[prefix + name] = kid->file->bytes;
    }
}

std::map<std::string, std::string> MemoryFs::files_under(const std::string& root) const {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::string> out;
    if (Node* node = find(root); node && node->is_dir) collect(*node, "", out);
    return out;
}

uint64_t MemoryFs::inode_of(const std::string& path) const {
    std::lock_guard lock(mutex_);
    Node* node = find(path);
    return node && !node->is_dir ? node->file->number : 0;
}

}  // namespace nk::fs
