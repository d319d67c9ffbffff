#include "fs/output_dir.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
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
}

StagedOutput::~StagedOutput() {
    boost::system::error_code ec;
    if (!committed_) bfs::remove_all(staging_, ec);
}

std::string StagedOutput::target_path(std::string_view relative) {
    while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
    auto joined = join_inside(staging_, std::string(relative));
    if (!joined) throw std::runtime_error("output path leaves the site: " + std::string(relative));
    bfs::create_directories(bfs::path(*joined).parent_path());
    return *joined;
}

void StagedOutput::write(std::string_view relative, std::string_view content) {
    std::string path = target_path(relative);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
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
