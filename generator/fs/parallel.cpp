#include "fs/parallel.h"

#include <deque>
#include <thread>

namespace nk::fs {

void HelperJob::run() {
    {
        std::lock_guard lock(mutex_);
        if (state_ != queued) return;  // taken back
        state_ = running;
    }
    work_();  // the loop's worker catches what its body throws
    std::lock_guard lock(mutex_);
    state_ = done;
    finished_.notify_all();
}

void HelperJob::take_back_or_wait() {
    std::unique_lock lock(mutex_);
    if (state_ == queued) {
        state_ = taken_back;
        return;
    }
    finished_.wait(lock, [this] { return state_ == done; });
}

namespace {

class HelperPool {
  public:
    ~HelperPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (auto& t : threads_) t.join();
    }

    size_t size() {
        std::lock_guard lock(mutex_);
        return threads_.size();
    }

    void add(std::shared_ptr<HelperJob> job, unsigned helpers) {
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(std::move(job));
            while (threads_.size() < helpers) threads_.emplace_back([this] { serve(); });
        }
        wake_.notify_one();
    }

  private:
    void serve() {
        for (;;) {
            std::shared_ptr<HelperJob> job;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;  // stopping, and nothing left
                job = std::move(queue_.front());
                queue_.pop_front();
            }
            job->run();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<HelperJob>> queue_;
    std::vector<std::thread> threads_;
    bool stopping_ = false;
};

HelperPool& pool() {
    static HelperPool helpers;
    return helpers;
}

}  // namespace

void run_on_helper(const std::shared_ptr<HelperJob>& job, unsigned helpers) {
    pool().add(job, helpers);
}

size_t helper_threads() {
    return pool().size();
}

}  // namespace nk::fs
