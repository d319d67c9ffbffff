#include "serve/site_files.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cctype>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

namespace nk::serve {

namespace {

std::string real_path(const std::string& path) {
    std::unique_ptr<char, decltype(&::free)> p(::realpath(path.c_str(), nullptr), &::free);
    return p ? std::string(p.get()) : std::string();
}

// Splits "/a/b/" into {"a", "b"}; nullopt-like empty result with `ok` false for bad segments.
bool split_segments(const std::string& path, std::vector<std::string>& out) {
    if (path.empty() || path[0] != '/') return false;
    if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        std::string seg = path.substr(start, end - start);
        if (seg == "." || seg == "..") return false;
        if (!seg.empty()) out.push_back(std::move(seg));
        start = end + 1;
    }
    return true;
}

// The folder's address with its trailing slash, from the checked segments: "//practices" and
// "/a//b" become "/practices/" and "/a/b/", so a Location never starts with "//" (a browser
// reads that as another host). Bytes other than unreserved ones are percent-encoded, so no CR,
// LF or '?' from a decoded request ends up in the header.
std::string folder_location(const std::vector<std::string>& segments) {
    static const char* hex = "0123456789ABCDEF";
    std::string out = "/";
    for (const std::string& seg : segments) {
        for (unsigned char c : seg) {
            if (std::isalnum(c) ||
                std::string_view("-._~!$&'()*+,;=:@").find(static_cast<char>(c)) !=
                    std::string_view::npos) {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
        out += '/';
    }
    return out;
}

}  // namespace

Resolved resolve(const std::string& root, const std::string& request_path) {
    std::vector<std::string> segments;
    if (!split_segments(request_path, segments)) return {Lookup::forbidden, "", ""};
    std::string path = root;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return {Lookup::not_found, "", ""};
    for (size_t i = 0; i < segments.size(); ++i) {
        path += "/" + segments[i];
        if (::lstat(path.c_str(), &st) != 0) return {Lookup::not_found, "", ""};
        if (S_ISLNK(st.st_mode)) return {Lookup::forbidden, "", ""};
        if (!S_ISDIR(st.st_mode) && i + 1 < segments.size()) return {Lookup::not_found, "", ""};
    }
    if (S_ISDIR(st.st_mode)) {
        if (request_path.back() != '/') return {Lookup::redirect, "", folder_location(segments)};
        path += "/index.html";
        if (::lstat(path.c_str(), &st) != 0) return {Lookup::not_found, "", ""};
        if (S_ISLNK(st.st_mode)) return {Lookup::forbidden, "", ""};
    }
    if (!S_ISREG(st.st_mode)) return {Lookup::not_found, "", ""};
    // Belt and braces: the real path must still be inside the real root.
    std::string real_root = real_path(root), real_file = real_path(path);
    if (real_root.empty() || real_file.rfind(real_root + "/", 0) != 0)
        return {Lookup::forbidden, "", ""};
    return {Lookup::found, path, ""};
}

std::string content_type(const std::string& path) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".xml", "application/xml"},
        {".ics", "text/calendar; charset=utf-8"},
        {".csv", "text/csv; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".pdf", "application/pdf"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}};
    auto dot = path.rfind('.');
    auto slash = path.rfind('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return "application/octet-stream";
    auto it = kTypes.find(path.substr(dot));
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string inject(std::string html, const std::string& snippet) {
    auto pos = html.rfind("</body>");
    if (pos == std::string::npos) return html + snippet;
    html.insert(pos, snippet);
    return html;
}

}  // namespace nk::serve
