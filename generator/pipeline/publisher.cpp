#include "pipeline/publisher.h"

#include <boost/filesystem.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "fs/file_system.h"

namespace nk::pipeline {

namespace {

std::string parent_of(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

bool reserved_inside(const std::string& name) {
    return name == ".nastavnik-staging" || name == ".nastavnik-old" ||
           name.rfind(".nastavnik-journal", 0) == 0;
}

}  // namespace

PublishPaths PublishPaths::of(const std::string& out_dir) {
    std::string out = out_dir;
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    std::string parent = parent_of(out);
    std::string name = out.substr(out.find_last_of('/') + 1);
    std::string beside = (parent == "/" ? "" : parent) + "/." + name + ".nastavnik-";
    return {out,
            beside + "spare",
            beside + "spare-dirty",
            out + "/.nastavnik-staging",
            out + "/.nastavnik-journal",
            out + "/.nastavnik-old"};
}

Publisher::Publisher(fs::OutputFs& fs, const std::string& out_dir, const SpareRecord* spare)
    : fs_(fs), paths_(PublishPaths::of(out_dir)) {
    if (spare) spare_ = *spare;
}

bool Publisher::begin() {
    // Staging folders of older versions of nastavnik (named after the output and a pid).
    std::string parent = parent_of(paths_.out);
    std::string name = paths_.out.substr(paths_.out.find_last_of('/') + 1);
    for (const auto& entry : fs_.list(parent))
        if (entry.rfind(name + ".nastavnik-staging-", 0) == 0)
            fs_.remove_tree(parent + "/" + entry);
    // A build killed between the two renames of the fallback below left the output aside.
    if (!fs_.stat(paths_.out) && fs_.stat(paths_.spare + ".old"))
        fs_.rename(paths_.spare + ".old", paths_.out);

    auto out = fs_.stat(paths_.out);
    if (out && !out->is_dir) throw std::runtime_error(paths_.out + " is a file, not a folder");
    in_place_ = out && fs_.is_mount_point(paths_.out);
    if (in_place_) {
        if (fs_.stat(paths_.journal)) finish_journal();  // a killed build's move: finish it
        fs_.remove_tree(paths_.inside);
        fs_.remove_tree(paths_.old);
        fs_.make_dir(paths_.inside);
        staging_ = paths_.inside;
        made_dirs_.insert(staging_);
        return false;
    }
    auto spare = fs_.stat(paths_.spare);
    bool trusted = spare && spare->is_dir && spare_.folder_inode != 0 &&
                   spare->inode == spare_.folder_inode && !fs_.stat(paths_.dirty);
    fs_.write_file(paths_.dirty, "");  // from here on the spare is not what the cache recorded
    if (spare && !spare->is_dir) fs_.remove(paths_.spare);
    // An unknown spare keeps its folders (making 20,000 folders costs seconds on a slow disk,
    // removing them as much): every file is staged anew and the rest swept away at commit.
    staging_unknown_ = spare && spare->is_dir && !trusted;
    fs_.make_dir(paths_.spare);
    staging_ = paths_.spare;
    made_dirs_.insert(staging_);
    spare_trusted_ = trusted;
    return trusted;
}

std::string Publisher::staged(const std::string& rel) const {
    auto joined = fs::join_inside(staging_, rel);
    if (!joined || rel.empty()) throw std::runtime_error("output path leaves the site: " + rel);
    return *joined;
}

bool Publisher::live_intact(const std::string& rel, const fs::FileStat& recorded) const {
    return fs::unchanged_file(fs_.stat_at(paths_.out, rel), recorded);
}

void Publisher::make_parents(const std::string& path) {
    std::string dir = parent_of(path);
    {
        std::lock_guard lock(mutex_);
        if (made_dirs_.count(dir)) return;
    }
    make_parents(dir);
    try {
        fs_.make_dir(dir);
    } catch (const std::runtime_error&) {
        fs_.remove(dir);  // a file of the previous site where a folder must go
        fs_.make_dir(dir);
    }
    std::lock_guard lock(mutex_);
    made_dirs_.insert(dir);
}

void Publisher::clear_slot(const std::string& path) {
    try {
        fs_.remove(path);
    } catch (const std::runtime_error&) {
        fs_.remove_tree(path);  // a folder of the previous site where a file must go
    }
}

void Publisher::keep(const std::string& rel, uint64_t live_inode) {
    note_staged(rel);
    if (spare_trusted_)
        if (auto it = spare_.files.find(rel); it != spare_.files.end() && it->second == live_inode)
            return;  // the spare has it already
    std::string to = staged(rel);
    make_parents(to);
    clear_slot(to);
    fs_.link(paths_.out + "/" + rel, to);
}

void Publisher::note_staged(const std::string& rel) {
    if (!staging_unknown_) return;  // only a sweep needs the list
    std::lock_guard lock(mutex_);
    staged_.insert(rel);
    for (auto slash = rel.find_last_of('/'); slash != std::string::npos && slash > 0;
         slash = rel.find_last_of('/', slash - 1))
        if (!staged_dirs_.insert(rel.substr(0, slash)).second) break;
}

fs::FileStat Publisher::write(const std::string& rel, std::string_view bytes) {
    note_staged(rel);
    std::string to = staged(rel);
    make_parents(to);
    try {
        return fs_.write_file(to, bytes);
    } catch (const std::runtime_error&) {
        auto there = fs_.stat(to);
        if (!there || !there->is_dir) throw;
        fs_.remove_tree(to);
        return fs_.write_file(to, bytes);
    }
}

void Publisher::drop_unstaged(const std::function<bool(const std::string&)>& in_site) {
    for (const auto& [rel, inode] : spare_.files) {
        if (in_site(rel)) continue;
        std::string path = staged(rel);
        clear_slot(path);
        // Folders left empty go too, up to the staging root.
        for (std::string dir = parent_of(path); dir.size() > staging_.size();
             dir = parent_of(dir)) {
            if (!fs_.list(dir).empty()) break;
            fs_.remove(dir);
        }
    }
}

void Publisher::sweep(const std::string& dir, const std::string& rel) {
    for (const auto& name : fs_.list(dir)) {
        std::string child_rel = rel.empty() ? name : rel + "/" + name;
        std::string child = dir + "/" + name;
        auto st = fs_.stat(child);
        if (st && st->is_dir && staged_dirs_.count(child_rel))
            sweep(child, child_rel);
        else if (!(st && !st->is_dir && staged_.count(child_rel)))
            fs_.remove_tree(child);
    }
}

SpareRecord Publisher::commit(Previous previous,
                              std::unordered_map<std::string, uint64_t> previous_live,
                              const std::function<bool(const std::string&)>& in_site) {
    if (in_place_) {
        move_entries_in();
        return {};
    }
    if (staging_unknown_) sweep(staging_, "");
    if (spare_trusted_) drop_unstaged(in_site);
    if (!fs_.stat(paths_.out)) {
        fs_.rename(staging_, paths_.out);
        fs_.remove(paths_.dirty);
        return {};
    }
    if (!fs_.exchange(staging_, paths_.out)) {
        // A file system without RENAME_EXCHANGE: two renames, which the next build completes
        // (see begin()) if this one is killed between them.
        fs_.rename(paths_.out, paths_.spare + ".old");
        fs_.rename(staging_, paths_.out);
        fs_.rename(paths_.spare + ".old", paths_.spare);
    }
    // The spare now holds the previous site. It stays marked as being changed until the
    // cache records it (settle()): killed before, a build leaves it untrusted.
    if (previous == Previous::removed) fs_.remove_tree(paths_.spare);
    if (previous != Previous::spare) {
        fs_.remove(paths_.dirty);  // nothing will trust the spare
        return {};
    }
    auto spare = fs_.stat(paths_.spare);
    if (!spare) return {};
    return {spare->inode, std::move(previous_live)};
}

void Publisher::settle(fs::OutputFs& fs, const std::string& out_dir) {
    fs.remove(PublishPaths::of(out_dir).dirty);
}

void Publisher::abandon() {
    // Staging inside a mount point would be published; one made by this build holds only what
    // it wrote (on a full disk, the space the next attempt needs). A reused spare stays.
    if (staging_.empty() || (!in_place_ && (spare_trusted_ || staging_unknown_))) return;
    fs_.remove_tree(staging_);
}

// A mount point cannot be swapped: its entries are moved out and the staged ones moved in,
// under a journal naming the staged entries, so that a killed move is finished next time.
void Publisher::move_entries_in() {
    std::ostringstream names;
    for (const auto& entry : fs_.list(staging_)) names << entry << '\n';
    fs_.write_file(paths_.journal + ".tmp", names.str());
    fs_.rename(paths_.journal + ".tmp", paths_.journal);
    finish_journal();
}

void Publisher::finish_journal() {
    std::set<std::string> incoming;
    std::istringstream lines(fs_.read(paths_.journal).value_or(""));
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) incoming.insert(line);
    auto staged_list = fs_.list(paths_.inside);
    std::set<std::string> still_staged(staged_list.begin(), staged_list.end());
    fs_.make_dir(paths_.old);
    for (const auto& entry : fs_.list(paths_.out)) {
        if (reserved_inside(entry)) continue;
        if (incoming.count(entry) && !still_staged.count(entry)) continue;  // moved in already
        fs_.rename(paths_.out + "/" + entry, paths_.old + "/" + entry);
    }
    for (const auto& entry : still_staged)
        fs_.rename(paths_.inside + "/" + entry, paths_.out + "/" + entry);
    fs_.remove(paths_.journal);
    fs_.remove_tree(paths_.old);
    fs_.remove_tree(paths_.inside);
}

}  // namespace nk::pipeline
