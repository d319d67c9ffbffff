#include "pipeline/build_cache.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <boost/filesystem.hpp>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "diag/messages.h"
#include "fs/file_system.h"
#include "fs/parallel.h"

namespace nk::pipeline {

namespace {

constexpr std::string_view kMagic = "nastavnik-build-cache 3\n";

// Little-endian integers and length-prefixed strings: the file is read back only by the same
// binary (its identity includes the binary), so the format needs no more ceremony.
class Writer {
  public:
    void u64(uint64_t v) {
        char bytes[8];
        for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
        out_.append(bytes, 8);
    }
    void str(std::string_view s) {
        u64(s.size());
        out_.append(s);
    }
    std::string& bytes() { return out_; }

  private:
    std::string out_;
};

class Reader {
  public:
    explicit Reader(std::string_view in) : in_(in) {}
    uint64_t u64() {
        need(8);
        uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<uint64_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
        pos_ += 8;
        return v;
    }
    std::string str() {
        uint64_t n = u64();
        need(n);
        std::string s(in_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    bool done() const { return pos_ == in_.size(); }

  private:
    void need(uint64_t n) const {
        if (n > in_.size() - pos_) throw std::runtime_error("truncated cache");
    }
    std::string_view in_;
    size_t pos_ = 0;
};

bool is_hidden_tool_dir(const char* name) {
    return std::string_view(name) == ".git" || std::string_view(name) == ".nastavnik-cache";
}

// Regular files under `dir` (relative paths with '/'), without following symbolic links, and the
// folders as "path/" (an empty folder is a change too: the build warns about unknown folders).
void walk(const std::string& root, const std::string& rel, std::vector<std::string>& out) {
    DIR* dir = ::opendir((root + "/" + rel).c_str());
    if (!dir) return;
    while (dirent* e = ::readdir(dir)) {
        std::string_view name = e->d_name;
        if (name == "." || name == ".." || is_hidden_tool_dir(e->d_name)) continue;
        std::string child = rel + "/" + std::string(name);
        // The entry's type saves a stat of every file (scan_inputs stats the files anyway).
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN) {
            struct stat st {};
            if (::lstat((root + "/" + child).c_str(), &st) != 0) continue;
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        if (type == DT_DIR) {
            out.push_back(child + "/");
            walk(root, child, out);
        } else if (type == DT_REG) {
            out.push_back(child);
        }
    }
    ::closedir(dir);
}

InputFile stat_input(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return {};
    return {static_cast<uint64_t>(st.st_size),
            static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
            static_cast<int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec,
            static_cast<uint64_t>(st.st_ino), 0};
}

}  // namespace

std::optional<BuildCache> BuildCache::read(const std::string& path, bool* damaged) {
    auto bytes = fs::read_bytes(path);
    if (!bytes || bytes->compare(0, kMagic.size(), kMagic) != 0) {
        if (bytes && damaged)
            *damaged = bytes->compare(0, kMagic.size() - 2, kMagic, 0, kMagic.size() - 2) != 0;
        return std::nullopt;
    }
    // The last 8 bytes are an XXH3 of everything before them: a damaged cache is dropped whole
    // (it only saves work), never trusted.
    if (bytes->size() < kMagic.size() + 8 ||
        Reader(std::string_view(*bytes).substr(bytes->size() - 8)).u64() !=
            hash_bytes(std::string_view(*bytes).substr(0, bytes->size() - 8))) {
        if (damaged) *damaged = true;
        return std::nullopt;
    }
    try {
        Reader r(std::string_view(*bytes).substr(kMagic.size(), bytes->size() - 8 - kMagic.size()));
        BuildCache c;
        c.identity = r.str();
        c.fingerprint = r.u64();
        c.out_device = r.u64();
        c.out_inode = r.u64();
        c.spare.folder_inode = r.u64();
        c.diagnostics = r.str();
        c.warnings = static_cast<int>(r.u64());
        for (uint64_t n = r.u64(); n > 0; --n) {
            std::string name = r.str();
            InputFile f;
            f.size = r.u64();
            f.mtime_ns = static_cast<int64_t>(r.u64());
            f.ctime_ns = static_cast<int64_t>(r.u64());
            f.inode = r.u64();
            f.hash = r.u64();
            c.inputs.emplace_hint(c.inputs.end(), std::move(name), f);  // written in order
        }
        for (uint64_t n = r.u64(); n > 0; --n) {
            std::string name = r.str();
            OutputFile f;
            f.key = r.u64();
            f.hash = r.u64();
            f.size = r.u64();
            f.mtime_ns = static_cast<int64_t>(r.u64());
            f.inode = r.u64();
            c.outputs.emplace_hint(c.outputs.end(), std::move(name), f);
        }
        for (uint64_t n = r.u64(); n > 0; --n) {
            std::string name = r.str();
            c.spare.files.emplace(std::move(name), r.u64());
        }
        c.git_head = r.str();
        for (uint64_t n = r.u64(); n > 0; --n) {
            std::string name = r.str();
            auto days = static_cast<long>(static_cast<int64_t>(r.u64()));
            c.git_dates.emplace_hint(c.git_dates.end(), std::move(name), Date::from_days(days));
        }
        if (!r.done()) return std::nullopt;
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0)
            c.written_ns =
                static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        return c;
    } catch (const std::exception&) {
        if (damaged) *damaged = true;
        return std::nullopt;
    }
}

void BuildCache::write(const std::string& path) const {
    Writer w;
    // Sized at once: doubling as it grows touched twice the memory (5.9 MB at 10,000 practices).
    size_t size = kMagic.size() + identity.size() + diagnostics.size() + git_head.size() + 120;
    for (const auto& [name, f] : inputs) size += name.size() + 48;
    for (const auto& [name, f] : outputs) size += name.size() + 48;
    for (const auto& [name, f] : spare.files) size += name.size() + 16;
    for (const auto& [name, date] : git_dates) size += name.size() + 16;
    w.bytes().reserve(size);
    w.bytes().append(kMagic);
    w.str(identity);
    w.u64(fingerprint);
    w.u64(out_device);
    w.u64(out_inode);
    w.u64(spare.folder_inode);
    w.str(diagnostics);
    w.u64(static_cast<uint64_t>(warnings));
    w.u64(inputs.size());
    for (const auto& [name, f] : inputs) {
        w.str(name);
        w.u64(f.size);
        w.u64(static_cast<uint64_t>(f.mtime_ns));
        w.u64(static_cast<uint64_t>(f.ctime_ns));
        w.u64(f.inode);
        w.u64(f.hash);
    }
    w.u64(outputs.size());
    for (const auto& [name, f] : outputs) {
        w.str(name);
        w.u64(f.key);
        w.u64(f.hash);
        w.u64(f.size);
        w.u64(static_cast<uint64_t>(f.mtime_ns));
        w.u64(f.inode);
    }
    w.u64(spare.files.size());
    for (const auto& [name, inode] : spare.files) {
        w.str(name);
        w.u64(inode);
    }
    w.str(git_head);
    w.u64(git_dates.size());
    for (const auto& [name, date] : git_dates) {
        w.str(name);
        w.u64(static_cast<uint64_t>(static_cast<int64_t>(date.days())));
    }
    w.u64(hash_bytes(w.bytes()));
    boost::filesystem::create_directories(boost::filesystem::path(path).parent_path());
    std::string temp = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
        if (!out) {
            out.close();
            std::remove(temp.c_str());  // a full disk leaves no half file behind
            throw std::runtime_error(diag::tr("cannot write the build cache {}", temp));
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0)
        throw std::runtime_error(diag::tr("cannot write the build cache {}", path));
}

std::string cache_dir(const std::string& source) {
    return (boost::filesystem::path(source) / ".nastavnik-cache").string();
}

std::string generator_identity() {
    InputFile exe = stat_input("/proc/self/exe");
    char path[4096] = {};
    ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (n > 0) exe = stat_input(std::string(path, static_cast<size_t>(n)));
    return std::to_string(exe.size) + ":" + std::to_string(exe.mtime_ns);
}

std::string cache_identity(const std::string& out_dir, const std::string& audience,
                           const std::string& base_url) {
    // A rebuilt generator may render differently: its size and mtime are part of the identity.
    std::ostringstream id;
    id << "out=" << boost::filesystem::absolute(out_dir).lexically_normal().string()
       << "\naudience=" << audience << "\nbase_url=" << base_url << "\ngenerator="
       << generator_identity()
       // The warnings it keeps are printed again in the language they were written in.
       << "\nlanguage=" << diag::language_code(diag::language()) << "\n";
    return id.str();
}

std::string cache_file(const std::string& source, const std::string& identity) {
    // One file per output directory and options, so site/ and site-internal/ keep their own.
    char name[64];
    std::snprintf(name, sizeof name, "build-%016llx.cache",
                  static_cast<unsigned long long>(
                      hash_bytes(identity.substr(0, identity.find("\ngenerator=")))));
    return (boost::filesystem::path(cache_dir(source)) / name).string();
}

InputFiles scan_inputs(const std::string& source, const InputFiles* previous, unsigned jobs,
                       int64_t cache_written_ns) {
    std::vector<std::string> names;
    if (struct stat st{};
        ::lstat((source + "/config.toml").c_str(), &st) == 0 && S_ISREG(st.st_mode))
        names.push_back("config.toml");
    for (const char* top : {"content", "data", "themes", "static"}) walk(source, top, names);
    std::vector<InputFile> files(names.size());
    fs::parallel_for(names.size(), jobs, [&](size_t i) {
        if (names[i].back() != '/')  // a folder: its name is all that counts
            files[i] = stat_input(source + "/" + names[i]);
    });
    std::vector<size_t> to_hash;
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i].back() == '/') continue;
        const InputFile* before = nullptr;
        if (previous)
            if (auto it = previous->find(names[i]); it != previous->end()) before = &it->second;
        // Git's racy rule: a file modified no earlier than the cache was written may have been
        // changed again within the timestamps' granularity, keeping all of them: hash it.
        bool racy = files[i].mtime_ns >= cache_written_ns || files[i].ctime_ns >= cache_written_ns;
        if (before && !racy && before->size == files[i].size &&
            before->mtime_ns == files[i].mtime_ns && before->ctime_ns == files[i].ctime_ns &&
            before->inode == files[i].inode)
            files[i].hash = before->hash;
        else
            to_hash.push_back(i);
    }
    fs::parallel_for(to_hash.size(), jobs, [&](size_t k) {
        size_t i = to_hash[k];
        auto bytes = fs::read_bytes(source + "/" + names[i]);
        files[i].hash = bytes ? hash_bytes(*bytes) : 0;
    });
    InputFiles out;
    for (size_t i = 0; i < names.size(); ++i) out.emplace(std::move(names[i]), files[i]);
    return out;
}

uint64_t fingerprint(const InputFiles& inputs, std::string_view extra) {
    Hasher h;
    h.add(extra);
    for (const auto& [name, f] : inputs) h.add(name).add(f.hash);
    return h.value();
}

uint64_t hash_under(const InputFiles& inputs, const std::string& prefix) {
    Hasher h;
    for (auto it = inputs.lower_bound(prefix);
         it != inputs.end() && it->first.rfind(prefix, 0) == 0; ++it)
        h.add(it->first).add(it->second.hash);
    return h.value();
}

std::optional<std::pair<uint64_t, uint64_t>> directory_id(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return std::nullopt;
    return std::pair{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
}

}  // namespace nk::pipeline
