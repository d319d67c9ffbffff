#include "fs/parallel.h"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace nk;

TEST_CASE("parallel_for visits every index once, on the caller and the helper threads") {
    for (unsigned jobs : {1u, 2u, 4u}) {
        std::vector<std::atomic<int>> seen(1000);
        fs::parallel_for(seen.size(), jobs, [&](size_t i) { ++seen[i]; });
        for (const auto& s : seen) CHECK(s == 1);
    }
    // Helpers are kept between loops: ten loops run on the caller and the helpers started
    // before, not on a new thread each.
    std::mutex m;
    std::set<std::thread::id> threads;
    for (int loop = 0; loop < 10; ++loop)
        fs::parallel_for(64, 2, [&](size_t) {
            std::this_thread::sleep_for(std::chrono::microseconds(100));
            std::lock_guard lock(m);
            threads.insert(std::this_thread::get_id());
        });
    CHECK(fs::helper_threads() >= 3);  // started for 4 jobs above
    CHECK(threads.size() <= 1 + fs::helper_threads());
    CHECK(threads.count(std::this_thread::get_id()) == 1);
}

TEST_CASE("parallel_for: a loop inside a loop finishes with every helper busy") {
    std::atomic<int> inner{0};
    fs::parallel_for(8, 2, [&](size_t) { fs::parallel_for(50, 2, [&](size_t) { ++inner; }); });
    CHECK(inner == 8 * 50);
}

TEST_CASE("parallel_for rethrows the first exception after every index has run") {
    std::atomic<int> ran{0};
    CHECK_THROWS_AS(fs::parallel_for(100, 2,
                                     [&](size_t i) {
                                         ++ran;
                                         if (i == 10) throw std::runtime_error("stop");
                                     }),
                    std::runtime_error);
    CHECK(ran == 100);
}
