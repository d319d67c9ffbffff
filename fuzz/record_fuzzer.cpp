// libFuzzer target: any text through every record loader (TOML → typed record). A text that
// starts with `+++` goes to the page loaders (practice, event, page), any other to the six data
// loaders. Values a loader accepts must be within the ranges it promises; a violation aborts,
// which libFuzzer reports like a crash. Diagnostics are printed with their source excerpts.

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "diag/diagnostics.h"
#include "records/loaders.h"

namespace {

using namespace nk;

void require(bool condition) {
    if (!condition) std::abort();
}

bool in(const std::optional<double>& v, double min, double max) {
    return !v || (*v >= min && *v <= max);
}

void check(const records::School& s) {
    for (const auto& y : s.years) {
        require(in(y.ior, 0, 1) && in(y.isbsh, 0, 1) && in(y.evening_share, 0, 1));
        require(in(y.gia, 0, 100) && in(y.vpr, 0, 100));
    }
    // Sorted, each year once (rows whose year was missing or invalid keep year 0).
    for (size_t i = 1; i < s.years.size(); ++i)
        require(s.years[i - 1].year < s.years[i].year || s.years[i].year == 0);
}

void check(const records::Mentorship& m) {
    for (const auto& f : m.feedback) require(f.score == 0 || (f.score >= 1 && f.score <= 5));
}

void check(const records::Competition& c) {
    for (const auto& app : c.applications)
        for (const auto& score : app.scores) {
            require(score.points.size() == 5);
            for (long p : score.points) require(p >= 0 && p <= 5);
        }
}

void check(const records::ReserveEntry& r) {
    require(r.internal);  // personal data is never public
}

template <typename Record>
void check(const Record&) {}

template <typename Record>
void load(std::optional<Record> (*loader)(const std::string&, const records::Origin&,
                                          diag::Diagnostics&),
          const std::string& text, const char* path) {
    diag::Diagnostics diags;
    diags.add_source(path, text);
    auto record = loader(text, records::Origin{"fuzz", path}, diags);
    if (record) {
        require(record->id == "fuzz" && record->path == path);
        check(*record);
    }
    std::ostringstream sink;
    diags.print(sink);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    if (text.rfind("+++", 0) == 0) {
        load(records::load_practice, text, "content/practices/fuzz.md");
        load(records::load_event, text, "content/events/fuzz.md");
        load(records::load_page, text, "content/pages/fuzz.md");
        return 0;
    }
    load(records::load_school, text, "data/schools/fuzz.toml");
    load(records::load_mentorship, text, "data/mentorships/fuzz.toml");
    load(records::load_association, text, "data/associations/fuzz.toml");
    load(records::load_plan, text, "data/plans/fuzz.toml");
    load(records::load_competition, text, "data/competitions/fuzz.toml");
    load(records::load_reserve_entry, text, "data/reserve/fuzz.toml");
    return 0;
}
