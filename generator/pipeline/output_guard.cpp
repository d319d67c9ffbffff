#include "pipeline/output_guard.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "diag/messages.h"
#include "fs/file_system.h"
#include "pipeline/publisher.h"

namespace bfs = boost::filesystem;

namespace nk::pipeline {

namespace {

// True when `inner` is `outer` or lies under it (both normalised).
bool within(const bfs::path& inner, const bfs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i)
        if (i == inner.end() || *i != *o) return false;
    return true;
}

}  // namespace

std::string resolved_path(const std::string& path) {
    boost::system::error_code ec;
    bfs::path p = bfs::weakly_canonical(bfs::absolute(path), ec);
    if (ec) p = bfs::absolute(path).lexically_normal();
    std::string s = p.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

std::optional<std::string> refuse_output(const std::string& source, const std::string& out,
                                         bool force) {
    bfs::path src(source), dst(out);
    if (dst == src)
        return diag::tr("--out {} is the site itself: building there would replace its files", out);
    if (within(src, dst))
        return diag::tr("--out {} contains the site {}: building there would replace its files",
                        out, source);
    for (const char* folder : {"content", "data", "static", "themes", ".git"})
        if (within(dst, src / folder))
            return diag::tr("--out {} lies inside the site's {}/ folder", out, folder);
    boost::system::error_code ec;
    if (bfs::exists(bfs::symlink_status(dst, ec)) && !bfs::is_directory(dst, ec))
        return diag::tr("--out {} is a file, not a folder", out);
    if (force || !bfs::is_directory(dst, ec)) return std::nullopt;
    if (bfs::exists(dst / std::string(kOutputMarker), ec)) return std::nullopt;
    auto entries = fs::read_directory(out);
    if (!entries || entries->empty()) return std::nullopt;
    return diag::tr(
        "--out {} is not empty and is not a nastavnik output (it has no {} file): its "
        "files would be replaced. Choose an empty folder, or add --force to replace "
        "them",
        out, kOutputMarker);
}

BuildLock::BuildLock(const std::string& out, std::ostream& err) {
    auto paths = PublishPaths::of(out);
    std::string lock = paths.spare.substr(0, paths.spare.size() - 5) + "lock";
    bfs::create_directories(bfs::path(lock).parent_path());
    fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw std::runtime_error(
            diag::tr("cannot open the lock file {}: {}", lock, std::strerror(errno)));
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    err << diag::tr("another build is writing {}; waiting for it to finish", out) << "\n"
        << std::flush;
    while (::flock(fd_, LOCK_EX) != 0)
        if (errno != EINTR)
            throw std::runtime_error(diag::tr("cannot lock {}: {}", lock, std::strerror(errno)));
}

BuildLock::~BuildLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace nk::pipeline
