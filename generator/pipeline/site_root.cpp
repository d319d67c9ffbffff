#include "pipeline/site_root.h"

#include <boost/filesystem.hpp>

namespace nk::pipeline {

std::optional<std::string> find_site_root(const std::string& start) {
    namespace bfs = boost::filesystem;
    boost::system::error_code ec;
    // The physical path: "..", which the result is made of, goes to the physical parent.
    bfs::path dir = bfs::canonical(start, ec);
    if (ec) return std::nullopt;
    std::string up = ".";
    for (int depth = 0; !dir.empty() && depth < 256; ++depth) {
        if (bfs::is_regular_file(dir / "config.toml", ec)) return up;
        if (!dir.has_parent_path() || dir.parent_path() == dir) break;
        dir = dir.parent_path();
        up = depth == 0 ? ".." : up + "/..";
    }
    return std::nullopt;
}

}  // namespace nk::pipeline
