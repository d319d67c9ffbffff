#pragma once
// A fresh directory under the system's temporary directory, removed with everything in it.

#include <boost/filesystem.hpp>
#include <string>

namespace nk::test {

struct TempDir {
    boost::filesystem::path path = boost::filesystem::temp_directory_path() /
                                   boost::filesystem::unique_path("nk-test-%%%%%%%%");
    TempDir() { boost::filesystem::create_directories(path); }
    ~TempDir() {
        boost::system::error_code ec;
        boost::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string str() const { return path.string(); }
};

}  // namespace nk::test
