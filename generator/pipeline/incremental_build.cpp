#include "pipeline/incremental_build.h"

#include <atomic>
#include <boost/filesystem.hpp>

#include "fs/output_fs.h"
#include "fs/parallel.h"
#include "pipeline/git_dates.h"
#include "pipeline/pipeline.h"
#include "pipeline/publisher.h"
#include "theme/builtin_theme.h"

namespace nk::pipeline {

IncrementalBuild::IncrementalBuild(const BuildOptions& o, std::string out_dir, unsigned jobs,
                                   bool use_cache)
    : source_(o.source), out_dir_(std::move(out_dir)), jobs_(jobs), use_cache_(use_cache) {
    if (!use_cache_) return;
    std::string audience = o.audience == model::Audience::internal_site ? "internal" : "public";
    if (o.drafts) audience += "+drafts";  // another site: the drafts are in it
    identity_ = cache_identity(out_dir_, audience, o.base_url.value_or(""));
    cache_path_ = cache_file(source_, identity_);
    previous_ = BuildCache::read(cache_path_, &cache_damaged_);
    if (previous_ && previous_->identity != identity_) previous_.reset();
    inputs_ = scan_inputs(source_, previous_ ? &previous_->inputs : nullptr, jobs_,
                          previous_ ? previous_->written_ns : 0);
    // as_of and lastmod come from the Git history: a new commit is a change.
    git_head_ = head_commit_id(source_);
    fingerprint_ = fingerprint(inputs_, "git=" + git_head_);
    // The cache describes one output directory; another one there (removed, replaced by a
    // build without the cache, restored from a backup) is rebuilt as a whole.
    auto id = directory_id(out_dir_);
    if (previous_ &&
        (!id || id->first != previous_->out_device || id->second != previous_->out_inode))
        previous_.reset();
}

uint64_t IncrementalBuild::inputs_except_practices() const {
    if (!use_cache_) return 0;
    Hasher h;
    h.add(identity_).add("git=" + git_head_);
    for (const auto& [path, file] : inputs_) {
        bool practice = path.rfind("content/practices/", 0) == 0 && path.size() > 3 &&
                        path.compare(path.size() - 3, 3, ".md") == 0;
        if (!practice) h.add(path).add(file.hash);
    }
    return h.value();
}

bool IncrementalBuild::up_to_date() const {
    // The inputs are as before and every output file is as the previous build wrote it (one
    // deleted or edited by hand is rewritten by an incremental build).
    return previous_ && previous_->fingerprint == fingerprint_ && outputs_intact();
}

std::vector<OutputItem> IncrementalBuild::items(const std::vector<output::OutputTask>& tasks,
                                                const std::vector<output::StaticFile>& static_files,
                                                const std::string& base_path) const {
    // Every output carries the marker that lets the next build replace it without --force.
    static const std::string marker_text =
        "This folder is a site built by nastavnik; every build replaces its files.\n";
    static const output::OutputTask marker = [] {
        output::OutputTask task;
        task.url = "/" + std::string(kOutputMarker);
        task.content = &marker_text;
        return task;
    }();
    std::vector<OutputItem> items;
    items.reserve(tasks.size() + static_files.size() + 1);
    items.push_back({std::string(kOutputMarker), &marker, "", 0});
    for (const auto& t : tasks) items.push_back({output::output_path(t.url, base_path), &t, "", 0});
    for (const auto& f : static_files) {
        if (f.bytes) {  // a file of the built-in theme
            items.push_back({f.output, nullptr, "", hash_bytes(*f.bytes), f.bytes});
            continue;
        }
        auto input = inputs_.find(f.input);
        items.push_back(
            {f.output, nullptr, f.source, input != inputs_.end() ? input->second.hash : 0});
    }
    return IncrementalWriter::unique_items(std::move(items));
}

OutputReport IncrementalBuild::write(const std::vector<output::OutputTask>& tasks,
                                     const std::vector<output::StaticFile>& static_files,
                                     const render::TemplateEngine& templates,
                                     const std::string& theme, const std::string& base_path,
                                     diag::Diagnostics& diags) {
    auto list = items(tasks, static_files, base_path);
    // The templates are the built-in theme's with the site's theme over them.
    uint64_t templates_hash = Hasher()
                                  .add(hash_under(inputs_, "themes/" + theme + "/templates/"))
                                  .add(theme::builtin_theme_hash())
                                  .value();
    IncrementalWriter writer(templates, templates_hash, jobs_, diags);
    fs::DiskFs disk;
    Publisher publisher(disk, out_dir_, previous_ ? &previous_->spare : nullptr);
    publisher.begin();
    const OutputFiles* before = previous_ ? &previous_->outputs : nullptr;
    size_t written = 0;
    try {
        WriteSummary summary = writer.write(list, before, publisher);
        if (diags.has_errors()) {
            publisher.abandon();  // the output stays as it was
            return {};
        }
        // The previous site stays beside the output as the next build's staging: a known one
        // when this build had the previous one's manifest, else one the next build checks.
        std::unordered_map<std::string, uint64_t> previous_live;
        if (previous_) {
            previous_live.reserve(previous_->outputs.size());
            for (const auto& [path, file] : previous_->outputs)
                previous_live.emplace(path, file.inode);
        }
        spare_ = publisher.commit(!use_cache_ ? Publisher::Previous::removed
                                  : previous_ ? Publisher::Previous::spare
                                              : Publisher::Previous::unknown_spare,
                                  std::move(previous_live), [&](const std::string& path) {
                                      return summary.outputs.count(path) > 0;
                                  });
        outputs_ = std::move(summary.outputs);
        written = summary.written;
    } catch (...) {
        publisher.abandon();
        throw;
    }
    return {outputs_.size(), written};
}

bool IncrementalBuild::outputs_intact() const {
    const auto& outputs = previous_->outputs;
    std::vector<const std::pair<const std::string, OutputFile>*> all;
    all.reserve(outputs.size());
    for (const auto& entry : outputs) all.push_back(&entry);
    std::atomic<bool> intact{true};
    fs::DiskFs disk;
    fs::parallel_for(all.size(), jobs_, [&](size_t i) {
        if (!intact.load(std::memory_order_relaxed)) return;
        if (!fs::unchanged_file(disk.stat_at(out_dir_, all[i]->first), all[i]->second.stat()))
            intact = false;
    });
    return intact;
}

const std::map<std::string, Date>& IncrementalBuild::git_dates() {
    if (!git_dates_) {
        if (previous_ && !git_head_.empty() && previous_->git_head == git_head_)
            git_dates_ = std::move(previous_->git_dates);
        else
            git_dates_ = last_modified_dates(source_);
    }
    return *git_dates_;
}

void IncrementalBuild::save(const std::string& printed, int warnings) {
    if (!use_cache_) return;
    auto id = directory_id(out_dir_);
    if (!id) return;
    BuildCache cache;
    cache.identity = identity_;
    cache.fingerprint = fingerprint_;
    cache.diagnostics = printed;
    cache.warnings = warnings;
    cache.git_head = git_head_;
    cache.git_dates = git_dates();
    cache.out_device = id->first;
    cache.out_inode = id->second;
    cache.spare = std::move(spare_);
    // The file lists are lent for writing, not copied: 32,000 entries at 10,000 practices.
    auto lend = [&] {
        cache.inputs.swap(inputs_);
        cache.outputs.swap(outputs_);
    };
    lend();
    try {
        cache.write(cache_path_);
    } catch (...) {
        lend();  // back
        throw;
    }
    lend();  // back
    fs::DiskFs disk;
    Publisher::settle(disk, out_dir_);
}

}  // namespace nk::pipeline
