#include "serve/file_watcher.h"

#include <dirent.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

#include "diag/messages.h"

namespace nk::serve {

namespace {

constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                             IN_DELETE_SELF | IN_MODIFY | IN_ONLYDIR;
constexpr std::array<const char*, 4> kTrees = {"content", "data", "themes", "static"};

bool is_tree(std::string_view name) {
    for (const char* t : kTrees)
        if (name == t) return true;
    return false;
}

}  // namespace

FileWatcher::FileWatcher(std::string source) : source_(std::move(source)) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error(diag::tr("cannot watch files (inotify_init1 failed)"));
    // The root itself: config.toml, and the source folders appearing or going away.
    root_wd_ = ::inotify_add_watch(
        fd_, source_.c_str(), IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO);
    if (root_wd_ < 0) throw std::runtime_error(diag::tr("cannot watch {}", source_));
    for (const char* t : kTrees) watch_tree(t);
}

FileWatcher::~FileWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

void FileWatcher::watch_tree(const std::string& relative) {
    std::string path = source_ + "/" + relative;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;  // links are not followed
    int wd = ::inotify_add_watch(fd_, path.c_str(), kEvents);
    if (wd < 0) return;
    folders_[wd] = relative;
    DIR* dir = ::opendir(path.c_str());
    if (!dir) return;
    while (dirent* e = ::readdir(dir)) {
        std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        if (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN)
            watch_tree(relative + "/" + std::string(name));
    }
    ::closedir(dir);
}

bool FileWatcher::drain() {
    alignas(inotify_event) char buffer[16384];
    bool changed = false;
    for (;;) {
        ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n <= 0) return changed;
        for (char* p = buffer; p < buffer + n;) {
            auto* e = reinterpret_cast<inotify_event*>(p);
            p += sizeof(inotify_event) + e->len;
            std::string name = e->len ? std::string(e->name) : std::string();
            if (e->mask & IN_IGNORED) {
                folders_.erase(e->wd);
                continue;
            }
            if (e->wd == root_wd_) {
                if (name != "config.toml" && !is_tree(name)) continue;  // the output, caches, .git
                if (is_tree(name) && (e->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(name);
                last_change_ = name;
                changed = true;
                continue;
            }
            auto folder = folders_.find(e->wd);
            if (folder == folders_.end()) continue;
            std::string rel = folder->second + (name.empty() ? "" : "/" + name);
            if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(rel);
            if ((e->mask & IN_MODIFY) && !(e->mask & IN_ISDIR)) {
                changed = true;  // still being written: IN_CLOSE_WRITE follows
                continue;
            }
            last_change_ = rel;
            changed = true;
        }
    }
}

bool FileWatcher::wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle) {
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(timeout.count())) <= 0) return false;
    if (!drain()) return false;
    // Quiet for `settle`: a save, a `git checkout` or a copied folder arrive as a burst.
    while (::poll(&pfd, 1, static_cast<int>(settle.count())) > 0) drain();
    return true;
}

}  // namespace nk::serve
