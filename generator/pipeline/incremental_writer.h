#pragma once
// Stages a build's output files with the Publisher and records, for each, the hash of its
// inputs and of its bytes and the stat of the file written.
//
// An incremental build compares each file's inputs with the previous build's: a template page's
// inputs are its template set and its view (so its view is built but, when unchanged, not
// rendered), another file's are its bytes, a static file's is its source's hash. A file whose
// inputs are unchanged and whose live copy is as the previous build wrote it is kept (a hard
// link); every other file is produced and written. A full build has no previous build and
// writes everything. The publisher swaps the staged site in only when there were no errors.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "output/site_writer.h"
#include "pipeline/build_cache.h"
#include "pipeline/publisher.h"
#include "render/template_engine.h"

namespace nk::pipeline {

/// One output file: a planned task, or a static file copied as it is.
struct OutputItem {
    std::string path;                          ///< relative to the output directory
    const output::OutputTask* task = nullptr;  ///< set for planned files
    std::string source;                        ///< absolute path of a static file
    uint64_t source_hash = 0;                  ///< its content hash (from the input scan)
    /// A static file of the built-in theme: its bytes (static storage), instead of `source`.
    std::optional<std::string_view> bytes = std::nullopt;
};

/// What the writer did.
struct WriteSummary {
    OutputFiles outputs;   ///< every output file with its key and hash
    size_t written = 0;    ///< files produced and written
    size_t unchanged = 0;  ///< files kept from the previous build
};

class IncrementalWriter {
  public:
    /// `templates_hash` stands for every template of the theme (a template page's inputs).
    IncrementalWriter(const render::TemplateEngine& templates, uint64_t templates_hash,
                      unsigned jobs, diag::Diagnostics& diags);

    /// Stages every item with `publisher`: files whose inputs match `previous` (nullptr: a full
    /// build) and whose live copy is intact are kept, the others written.
    WriteSummary write(const std::vector<OutputItem>& items, const OutputFiles* previous,
                       Publisher& publisher) const;

    /// Keeps the last item for each path (a later task overrides an earlier one, as when
    /// written in order), in their order.
    static std::vector<OutputItem> unique_items(std::vector<OutputItem> items);

  private:
    /// An item's key and whatever making the key produced on the way (the view or the bytes).
    struct Keyed {
        uint64_t key = 0;
        std::optional<render::json> view;
        std::optional<std::string> bytes;
    };
    Keyed key_of(const OutputItem& item) const;
    /// The bytes of a task: its own `produce`, or its view rendered with its template.
    std::string produce(const output::OutputTask& task) const;
    /// The item's bytes (rendering the view made for the key): its ready-made content, or
    /// bytes made into `owned`.
    std::string_view bytes_of(const OutputItem& item, Keyed& keyed, std::string& owned) const;

    const render::TemplateEngine& templates_;
    uint64_t templates_hash_;
    unsigned jobs_;
    diag::Diagnostics& diags_;
};

}  // namespace nk::pipeline
