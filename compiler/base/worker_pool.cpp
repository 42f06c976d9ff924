#include "compiler/base/worker_pool.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

namespace caios {
namespace {

// One call of RunHelped, on its caller's stack while it waits for its helpers.
struct Job {
  void (*work)(void*);
  void* context;
  unsigned wanted;      // helpers it may still take
  unsigned active = 0;  // helpers running it now
};

class Pool {
 public:
  void Run(unsigned helpers, void (*work)(void*), void* context) {
    Job job{work, context, helpers};
    bool queued = false;
    if (helpers > 0) {
      std::lock_guard lock(mutex_);
      Grow(helpers);
      if (threads_ > 0) {
        queue_.push_back(&job);
        queued = true;
      }
    }
    if (queued) wake_.notify_all();
    work(context);
    if (!queued) return;
    std::unique_lock lock(mutex_);
    // No helper takes the job from here on; those that took it finish their run of `work`.
    queue_.erase(std::remove(queue_.begin(), queue_.end(), &job), queue_.end());
    done_.wait(lock, [&] { return job.active == 0; });
  }

 private:
  // Starts threads until the pool has `helpers` of them or the system refuses one (under
  // mutex_). A nested call finds them busy and gets no new ones: the pool stays as large as
  // the largest call, not the product of nested ones.
  void Grow(unsigned helpers) {
    while (threads_ < helpers) {
      try {
        std::thread([this] { Serve(); }).detach();
      } catch (const std::system_error&) {
        return;  // the calling thread and the threads there are do the work
      }
      ++threads_;
    }
  }

  // A pool thread: takes the oldest job that wants help, runs it, and waits for the next.
  void Serve() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return !queue_.empty(); });
      Job* job = queue_.front();
      if (--job->wanted == 0) queue_.pop_front();
      ++job->active;
      lock.unlock();
      job->work(job->context);
      lock.lock();
      if (--job->active == 0) done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;  // a job was queued
  std::condition_variable done_;  // a job's last helper returned
  std::deque<Job*> queue_;        // jobs that want more helpers, oldest first
  unsigned threads_ = 0;
};

}  // namespace

void RunHelped(unsigned helpers, void (*work)(void*), void* context) {
  // Never destroyed: its threads wait on its members until the process ends.
  static Pool* const pool = new Pool;
  pool->Run(helpers, work, context);
}

}  // namespace caios
