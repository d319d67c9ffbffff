#pragma once
// A minimal parallel loop over indices on N threads (the build has few, coarse tasks).

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nk::fs {

/// Calls `body(i)` for i in [0, count) on up to `jobs` threads; rethrows the first exception.
template <typename Body>
void parallel_for(size_t count, unsigned jobs, Body body) {
    jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(count)));
    if (jobs <= 1) {
        for (size_t i = 0; i < count; ++i) body(i);
        return;
    }
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        for (size_t i; (i = next.fetch_add(1)) < count;) {
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace nk::fs
