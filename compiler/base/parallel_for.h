// The one parallel loop of the compiler: runs a body over indices on up to N threads of one
// pool (worker_pool.h), surviving a body's exception and a failed thread start.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>

#include "compiler/base/worker_pool.h"

namespace caios {

// The threads `requested` means: 0 is one per core (at least one).
inline unsigned ResolveThreads(unsigned requested) {
  return requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

// Below this much source text, the automatic choice (`-j 0`) is one thread: a helper's start,
// its heap's first huge page and the wake-ups of each parallel phase cost more than the helper
// saves. On the 2-core machine of docs/performance.md ("One thread for a small program"), one
// thread builds faster up to about 200 KB (200 flows), two beyond.
inline constexpr size_t kParallelFromSourceBytes = size_t{128} << 10;

// The threads for work on `source_bytes` bytes of source text: `requested` when it is not 0,
// else one below kParallelFromSourceBytes and one per core from there.
inline unsigned ThreadsFor(unsigned requested, size_t source_bytes) {
  if (requested != 0 || source_bytes >= kParallelFromSourceBytes) return ResolveThreads(requested);
  return 1;
}

// Runs body(0) … body(count - 1) on up to `threads` threads (0: one per core), in no particular
// order: the calling thread and threads of the process's pool (RunHelped), which are started
// once and kept. Indices are handed out in increasing order. An exception in a body stops the
// remaining work and is rethrown here once every thread has returned from it, so it reaches
// the driver's internal-error handler instead of terminating the process. If no thread can be
// started, the work runs on the calling thread alone. Bodies may call ParallelFor themselves.
template <typename Body>
void ParallelFor(size_t count, unsigned threads, const Body& body) {
  const size_t n = std::min<size_t>(ResolveThreads(threads), count);
  struct Loop {
    Loop(size_t c, const Body& b) : count(c), body(b) {}
    const size_t count;
    const Body& body;
    std::atomic<size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
  } loop(count, body);
  auto work = [](void* context) {
    Loop& l = *static_cast<Loop*>(context);
    try {
      for (size_t i = l.next++; i < l.count; i = l.next++) l.body(i);
    } catch (...) {
      l.next = l.count;
      std::lock_guard lock(l.failure_mutex);
      if (!l.failure) l.failure = std::current_exception();
    }
  };
  if (n <= 1) {
    work(&loop);
  } else {
    RunHelped(static_cast<unsigned>(n - 1), work, &loop);
  }
  if (loop.failure) std::rethrow_exception(loop.failure);
}

}  // namespace caios
