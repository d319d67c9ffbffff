// Benchmark: the search index alone, built again and again in one process so that the machine's
// noise averages out (a whole build varies by ±20 % here).
//
//     search_index_bench SITE_DIR [RUNS] [JOBS]
//
// Loads the site as `build` does (public audience), then builds the index RUNS times (default 7)
// with JOBS threads (default: all cores) and prints the first (the one a build
// runs), the fastest and the median run.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/pipeline.h"
#include "model/site_loader.h"
#include "output/search_index.h"

using namespace nk;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: search_index_bench SITE_DIR [RUNS] [JOBS]\n";
        return 2;
    }
    int runs = argc > 2 ? std::stoi(argv[2]) : 7;
    unsigned jobs = argc > 3 ? static_cast<unsigned>(std::stoul(argv[3]))
                             : std::max(1u, std::thread::hardware_concurrency());
    pipeline::BuildOptions options;
    options.source = argv[1];
    options.write = false;
    options.use_cache = false;
    diag::Diagnostics diags;
    model::Site site = pipeline::load_and_validate(options, diags);
    if (diags.has_errors()) {
        std::cerr << "the site has errors; run nastavnik check\n";
        return 1;
    }
    model::apply_audience(site, model::Audience::public_site);
    std::vector<double> times;
    size_t bytes = 0;
    long first_faults = 0;
    for (int i = 0; i < runs; ++i) {
        rusage before{}, after{};
        getrusage(RUSAGE_SELF, &before);
        auto start = Clock::now();
        auto index = output::SearchIndex::build(site, jobs);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        getrusage(RUSAGE_SELF, &after);
        if (i == 0) first_faults = after.ru_minflt - before.ru_minflt;
        bytes = 0;
        for (const auto& f : index.files()) bytes += f.content.size();
    }
    double first = times.front();  // what a build pays: memory still fresh from the system
    std::sort(times.begin(), times.end());
    std::cout << site.practices.size() << " practices, " << jobs << " threads, " << bytes / 1024
              << " KB of index: first " << first << " ms, fastest " << times.front()
              << " ms, median " << times[times.size() / 2]
              << " ms; page faults in the first run: " << first_faults << "\n";
}
