#include "pipeline/incremental_build.h"

#include <boost/filesystem.hpp>

#include "fs/output_dir.h"
#include "pipeline/git_dates.h"
#include "pipeline/pipeline.h"

namespace nk::pipeline {

IncrementalBuild::IncrementalBuild(const BuildOptions& o, std::string out_dir, unsigned jobs,
                                   bool use_cache)
    : source_(o.source), out_dir_(std::move(out_dir)), jobs_(jobs), use_cache_(use_cache) {
    if (!use_cache_) return;
    const char* audience = o.audience == model::Audience::internal_site ? "internal" : "public";
    identity_ = cache_identity(out_dir_, audience, o.base_url.value_or(""));
    cache_path_ = cache_file(source_, identity_);
    previous_ = BuildCache::read(cache_path_);
    if (previous_ && previous_->identity != identity_) previous_.reset();
    inputs_ = scan_inputs(source_, previous_ ? &previous_->inputs : nullptr, jobs_);
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
    return previous_ && previous_->fingerprint == fingerprint_;
}

std::vector<OutputItem> IncrementalBuild::items(const std::vector<output::OutputTask>& tasks,
                                                const std::vector<output::StaticFile>& static_files,
                                                const std::string& base_path) const {
    std::vector<OutputItem> items;
    items.reserve(tasks.size() + static_files.size());
    for (const auto& t : tasks) items.push_back({output::output_path(t.url, base_path), &t, "", 0});
    for (const auto& f : static_files) {
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
    IncrementalWriter writer(templates, hash_under(inputs_, "themes/" + theme + "/templates/"),
                             jobs_, diags);
    if (previous_) {
        WriteSummary summary = writer.write_changed(list, previous_->outputs, out_dir_);
        if (diags.has_errors()) {
            writer.discard();
            return {};
        }
        // A build killed while files move must not leave a cache that trusts the output.
        boost::system::error_code ec;
        boost::filesystem::remove(cache_path_, ec);
        writer.apply(summary, previous_->outputs, out_dir_);
        outputs_ = std::move(summary.outputs);
        return {outputs_.size(), summary.written, true};
    }
    fs::StagedOutput out(out_dir_);
    WriteSummary summary = writer.write_all(list, out);
    if (diags.has_errors()) return {};  // the staging directory goes; the previous output stays
    out.commit();
    outputs_ = std::move(summary.outputs);
    return {outputs_.size(), summary.written, false};
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
}

}  // namespace nk::pipeline
