#include "editor/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cerrno>
#include <cstring>

#include "fs/text.h"

namespace nk::editor {

namespace {

std::string failure(const std::string& what) {
    return fmt::format("файл не сохранён ({}: {}); прежний текст файла не изменён", what,
                       std::strerror(errno));
}

}  // namespace

std::string write_atomically(const std::string& path, const std::string& bytes) {
    namespace bfs = boost::filesystem;
    bfs::path target(path);
    boost::system::error_code ec;
    bfs::create_directories(target.parent_path(), ec);
    if (ec) return fmt::format("файл не сохранён: нельзя создать папку ({})", ec.message());
    // Hidden, so that a build that runs meanwhile does not take it for a record.
    std::string temp =
        (target.parent_path() / ("." + target.filename().string() + ".nk-XXXXXX")).string();
    int fd = ::mkstemp(temp.data());
    if (fd < 0) return failure("временный файл");
    auto fail = [&](const char* what) {
        std::string message = failure(what);
        ::close(fd);
        ::unlink(temp.c_str());
        return message;
    };
    struct stat old {};
    mode_t mode = ::stat(path.c_str(), &old) == 0 ? old.st_mode & 07777 : 0;
    if (!mode) {
        mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0644 & ~mask;
    }
    if (::fchmod(fd, mode) != 0) return fail("права файла");
    for (size_t done = 0; done < bytes.size();) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail("запись");
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) return fail("запись на диск");
    if (::close(fd) != 0) {
        std::string message = failure("запись");
        ::unlink(temp.c_str());
        return message;
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        std::string message = failure("замена файла");
        ::unlink(temp.c_str());
        return message;
    }
    // The rename itself reaches the disk with the folder's entry.
    int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return "";
}

std::string content_hash(const std::string& bytes) {
    return fmt::format("{:016x}", text::hash64(bytes));
}

}  // namespace nk::editor
