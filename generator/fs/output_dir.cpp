#include "fs/output_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "fs/file_system.h"

namespace bfs = boost::filesystem;

namespace nk::fs {

namespace {

constexpr const char* kStagingMarker = ".nastavnik-staging-";

// Staging directories of builds that were killed are named after the output and a pid.
void remove_stale_staging(const bfs::path& out) {
    boost::system::error_code ec;
    bfs::path parent = out.parent_path().empty() ? bfs::path(".") : out.parent_path();
    std::string prefix = out.filename().string() + kStagingMarker;
    for (bfs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename().string().rfind(prefix, 0) == 0) bfs::remove_all(it->path(), ec);
    }
}

}  // namespace

StagedOutput::StagedOutput(std::string out_dir) : out_dir_(std::move(out_dir)) {
    while (out_dir_.size() > 1 && out_dir_.back() == '/') out_dir_.pop_back();
    bfs::path out = bfs::absolute(out_dir_);
    bfs::create_directories(out.parent_path());
    remove_stale_staging(out);
    staging_ = out.string() + kStagingMarker + std::to_string(::getpid());
    bfs::create_directories(staging_);
    made_dirs_.insert(staging_);
}

StagedOutput::~StagedOutput() {
    boost::system::error_code ec;
    if (!committed_) bfs::remove_all(staging_, ec);
}

std::string StagedOutput::target_path(std::string_view relative) {
    while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
    auto joined = join_inside(staging_, std::string(relative));
    if (!joined) throw std::runtime_error("output path leaves the site: " + std::string(relative));
    make_dir(joined->substr(0, joined->find_last_of('/')));
    return *joined;
}

// The staging directory starts empty and only this object writes into it, so a directory made
// once need not be looked up again: create_directories() asked the file system about every
// parent of every file, three system calls where one mkdir does.
void StagedOutput::make_dir(const std::string& dir) {
    {
        std::lock_guard lock(mutex_);
        if (made_dirs_.count(dir)) return;
    }
    if (::mkdir(dir.c_str(), 0777) != 0) {
        if (errno == ENOENT) {
            make_dir(dir.substr(0, dir.find_last_of('/')));
            if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST)
                throw std::runtime_error("cannot make the directory " + dir + ": " +
                                         std::strerror(errno));
        } else if (errno != EEXIST) {
            throw std::runtime_error("cannot make the directory " + dir + ": " +
                                     std::strerror(errno));
        }
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            throw std::runtime_error("cannot make the directory " + dir + ": a file is there");
    }
    std::lock_guard lock(mutex_);
    made_dirs_.insert(dir);
}

void StagedOutput::write(std::string_view relative, std::string_view content) {
    std::string path = target_path(relative);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    const char* at = content.data();
    size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd, at, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error = n < 0 ? errno : ENOSPC;
            ::close(fd);
            throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
        }
        at += n;
        left -= static_cast<size_t>(n);
    }
    if (::close(fd) != 0)
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    std::lock_guard lock(mutex_);
    ++files_written_;
    bytes_written_ += content.size();
}

void StagedOutput::copy_file(const std::string& from, std::string_view relative) {
    std::string path = target_path(relative);
    // A plain stream copy: Boost 1.74's copy_file fails with EXDEV ("Invalid cross-device
    // link") when the site and the output are on different file systems (a tmpfs, a volume).
    std::ifstream in(from, std::ios::binary);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!in) throw std::runtime_error("cannot read " + from);
    if (in.peek() != std::ifstream::traits_type::eof()) out << in.rdbuf();
    if (!out) throw std::runtime_error("cannot write " + path);
    std::lock_guard lock(mutex_);
    ++files_written_;
}

void StagedOutput::commit() {
    // No sync(): it flushes every dirty page of the machine (minutes on a busy disk) and only
    // guards against power loss; a killed or failed build is covered by the swap itself.
    bfs::path out = bfs::absolute(out_dir_);
    boost::system::error_code ec;
    if (bfs::exists(out, ec)) {
        // RENAME_EXCHANGE swaps both names in one step: at every instant one complete tree is at
        // `out`, even if the process is killed here.
        if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0)
            throw std::runtime_error("cannot swap in the new output: " + out.string());
        committed_ = true;
        bfs::remove_all(staging_, ec);  // now holds the previous output
    } else {
        bfs::rename(staging_, out);
        committed_ = true;
    }
}

}  // namespace nk::fs
