#pragma once
// The incremental side of `build` and `serve`: which inputs changed since the last successful
// build into the same output directory, and writing only the output files that change.

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "output/site_writer.h"
#include "pipeline/build_cache.h"
#include "pipeline/incremental_writer.h"

namespace nk::pipeline {

struct BuildOptions;

/// What writing the output did.
struct OutputReport {
    size_t files = 0;    ///< files in the output
    size_t written = 0;  ///< files produced and written by this build
};

class IncrementalBuild {
  public:
    /// Scans the inputs of `options.source` and reads the cache kept for `out_dir` and these
    /// options. With `use_cache` false the cache is neither read nor written (a full build).
    IncrementalBuild(const BuildOptions& options, std::string out_dir, unsigned jobs,
                     bool use_cache);

    /// Nothing changed since the last build into the same, intact output directory.
    bool up_to_date() const;
    /// The previous build (what it printed, how many files it wrote), or nullptr.
    const BuildCache* previous() const { return previous_ ? &*previous_ : nullptr; }

    /// Writes the planned tasks and the static files: only what changed, in place, when the
    /// previous build's output is intact; else everything, into a staged directory swapped in.
    /// Nothing changes in the output when `diags` has errors at the end. Throws on I/O errors.
    OutputReport write(const std::vector<output::OutputTask>& tasks,
                       const std::vector<output::StaticFile>& static_files,
                       const render::TemplateEngine& templates, const std::string& theme,
                       const std::string& base_path, diag::Diagnostics& diags);

    /// A hash of every input but the practices' Markdown files, with the Git HEAD and the
    /// options (SiteWriter::set_dependencies); 0 without the cache (no inputs were scanned).
    uint64_t inputs_except_practices() const;

    /// Last commit dates of the site's files (last_modified_dates), kept from the previous
    /// build when the Git HEAD is the same.
    const std::map<std::string, Date>& git_dates();

    /// Every input file with its content hash, as scanned (empty without the cache).
    const InputFiles& inputs() const { return inputs_; }
    bool use_cache() const { return use_cache_; }

    /// Records the new output after it is in place; `printed` is what the build printed.
    void save(const std::string& printed, int warnings);

    /// The cache file was there but damaged (its checksum disagreed): it was not used.
    bool cache_damaged() const { return cache_damaged_; }
    const std::string& cache_path() const { return cache_path_; }

  private:
    /// Every output file is as the previous build recorded it (size, mtime, inode).
    bool outputs_intact() const;
    std::vector<OutputItem> items(const std::vector<output::OutputTask>& tasks,
                                  const std::vector<output::StaticFile>& static_files,
                                  const std::string& base_path) const;

    std::string source_, out_dir_, cache_path_, identity_, git_head_;
    unsigned jobs_;
    bool use_cache_;
    InputFiles inputs_;
    uint64_t fingerprint_ = 0;
    std::optional<BuildCache> previous_;
    OutputFiles outputs_;
    SpareRecord spare_;
    bool cache_damaged_ = false;
    std::optional<std::map<std::string, Date>> git_dates_;
};

}  // namespace nk::pipeline
