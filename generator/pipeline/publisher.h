#pragma once
// Publishing an output folder all or nothing.
//
// Every build, full or incremental, stages the complete new site in a folder beside the output
// (unchanged files as hard links to the live ones, so staging costs a link, not a copy) and then
// swaps the two folders in one step (renameat2 RENAME_EXCHANGE). At every instant the output is
// the previous complete site or the new one, whatever kills the build.
//
// After the swap the staging folder holds the previous site. It is kept as the *spare*: the next
// incremental build stages into it, relinking only the files that differ, so a one-edit rebuild
// touches a few files instead of making 20,000 folders. The spare is trusted only when the
// build cache recorded it (its folder's inode) and no build was killed while changing it (a
// marker file beside it says so); otherwise it is removed and staging starts empty.
//
// An output folder that cannot be renamed (a mount point, such as a Docker volume) is staged
// inside itself and its entries are moved into place under a journal that the next build
// finishes if this one is killed.

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fs/output_fs.h"

namespace nk::pipeline {

/// Names the publisher keeps beside the output `NAME` (in its parent folder).
struct PublishPaths {
    std::string out;      ///< the live output, absolute
    std::string spare;    ///< .NAME.nastavnik-spare: staging, then the previous site
    std::string dirty;    ///< .NAME.nastavnik-spare-dirty: the spare is being changed
    std::string inside;   ///< OUT/.nastavnik-staging: staging for an output that is a mount point
    std::string journal;  ///< OUT/.nastavnik-journal: the move of a mount point's entries
    std::string old;      ///< OUT/.nastavnik-old: the entries it moved out
    static PublishPaths of(const std::string& out_dir);
};

/// What the spare folder holds, as the build cache remembers it between builds.
struct SpareRecord {
    uint64_t folder_inode = 0;                        ///< 0: no spare is known
    std::unordered_map<std::string, uint64_t> files;  ///< its files' inodes by relative path
};

/// The file that marks a folder as a nastavnik output (written at its root by every build).
inline constexpr std::string_view kOutputMarker = ".nastavnik-output";

class Publisher {
  public:
    /// `spare`: the spare as the build cache recorded it (nullptr: none known).
    Publisher(fs::OutputFs& fs, const std::string& out_dir, const SpareRecord* spare);

    /// Finishes or removes what a killed build left and prepares staging. Returns true when the
    /// staging folder is the recorded spare (so keep() may skip files it already has).
    bool begin();
    /// True when the live file is as the manifest recorded it (size, mtime and inode).
    bool live_intact(const std::string& rel, const fs::FileStat& recorded) const;
    /// Stages the live file `rel` (inode `live_inode`) unchanged. Safe from several threads.
    void keep(const std::string& rel, uint64_t live_inode);
    /// Stages new bytes for `rel` and returns the new file's stat. Safe from several threads.
    fs::FileStat write(const std::string& rel, std::string_view bytes);
    /// What becomes of the previous site after the swap.
    enum class Previous {
        spare,          ///< kept as the spare: its files are `previous_live`
        unknown_spare,  ///< kept as staging for the next build, which checks every file
        removed,        ///< removed (a build without a cache keeps nothing beside the output)
    };
    /// Removes from staging what this build did not stage, puts the staged site in place of the
    /// output, and returns what the spare left beside it now holds: with Previous::spare, the
    /// previous live site, whose files' inodes are `previous_live`; else no known spare.
    /// `in_site` tells which paths the new site has (what the spare has beyond them goes).
    SpareRecord commit(Previous previous, std::unordered_map<std::string, uint64_t> previous_live,
                       const std::function<bool(const std::string&)>& in_site);
    /// Call once the build cache holds what commit() returned: from then on the spare is
    /// trusted. A build killed before (its cache unwritten) leaves the spare untrusted.
    static void settle(fs::OutputFs& fs, const std::string& out_dir);
    /// Leaves the output as it is. A reused spare stays (untrusted) for the next build; staging
    /// this build made, inside a mount point or beside the output, is removed.
    void abandon();

    const PublishPaths& paths() const { return paths_; }
    bool in_place() const { return in_place_; }

  private:
    std::string staged(const std::string& rel) const;
    void note_staged(const std::string& rel);
    /// Removes what the recorded spare has and the new site does not.
    void drop_unstaged(const std::function<bool(const std::string&)>& in_site);
    /// Makes the folders above `path` in staging (a file in the way is removed).
    void make_parents(const std::string& path);
    /// Clears the place of a file in staging: a folder there goes.
    void clear_slot(const std::string& path);
    /// Removes from a staging folder of unknown contents what this build did not stage.
    void sweep(const std::string& dir, const std::string& rel);
    void move_entries_in();
    void finish_journal();

    fs::OutputFs& fs_;
    PublishPaths paths_;
    SpareRecord spare_;
    bool in_place_ = false;  ///< a mount point: staged inside itself, moved entry by entry
    bool spare_trusted_ = false;
    bool staging_unknown_ = false;  ///< staging holds files of an unknown site: swept at commit
    std::unordered_set<std::string> staged_;  ///< what this build staged (when swept)
    std::unordered_set<std::string> staged_dirs_;
    std::string staging_;
    std::mutex mutex_;
    std::unordered_set<std::string> made_dirs_;
};

}  // namespace nk::pipeline
