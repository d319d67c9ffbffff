#pragma once
// A minimal parallel loop over indices on N threads (the build has few, coarse tasks).
//
// The helper threads live as long as the process and serve every loop. A thread started per
// loop would begin with an empty heap each time: what earlier helpers allocated and freed
// could not serve it, and on a virtual machine memory touched for the first time is among the
// dearest things a build does.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace nk::fs {

/// One piece of work handed to a helper thread. The thread that handed it over may take it
/// back before a helper starts it (then it is not run at all): a loop inside a loop, whose
/// helpers are all busy, never waits for work that nobody can start.
class HelperJob {
  public:
    explicit HelperJob(std::function<void()> work) : work_(std::move(work)) {}
    /// Run by a helper, unless taken back first.
    void run();
    /// Takes the job back if no helper has started it; else waits until it is done.
    void take_back_or_wait();

  private:
    enum State { queued, running, done, taken_back };
    std::function<void()> work_;
    std::mutex mutex_;
    std::condition_variable finished_;
    State state_ = queued;
};

/// Hands `job` to the process's helper threads (started on first use, up to `helpers`).
void run_on_helper(const std::shared_ptr<HelperJob>& job, unsigned helpers);
/// How many helper threads the process has started.
size_t helper_threads();

/// Calls `body(i)` for i in [0, count) on up to `jobs` threads (the caller's and helpers);
/// rethrows the first exception.
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
    std::vector<std::shared_ptr<HelperJob>> helpers;
    for (unsigned t = 1; t < jobs; ++t) {
        helpers.push_back(std::make_shared<HelperJob>(worker));
        run_on_helper(helpers.back(), jobs - 1);
    }
    worker();
    for (auto& h : helpers) h->take_back_or_wait();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace nk::fs
