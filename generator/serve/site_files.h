#pragma once
// Safe lookup of a request path in the built site, content types, and the snippet the dev
// server adds to the HTML pages it serves (never to the built files).

#include <string>

namespace nk::serve {

enum class Lookup {
    found,     ///< `file` is a regular file inside the site
    redirect,  ///< a folder asked for without its trailing slash: go to `location`
    not_found,
    forbidden,  ///< "..", ".", a backslash, a NUL, a symbolic link or a path leaving the site
};

struct Resolved {
    Lookup result = Lookup::not_found;
    std::string file;
    std::string location;
};

/// Maps a decoded request path ("/practices/x/") to a file under `root`. Folders serve their
/// index.html. Nothing outside `root` is ever returned: every component is checked with
/// lstat (a symbolic link anywhere is refused) and the real path must stay under `root`.
Resolved resolve(const std::string& root, const std::string& request_path);

/// The Content-Type for a file name ("text/html; charset=utf-8" for .html).
std::string content_type(const std::string& path);

/// Inserts `snippet` before the last "</body>" of `html` (at the end when there is none).
std::string inject(std::string html, const std::string& snippet);

}  // namespace nk::serve
