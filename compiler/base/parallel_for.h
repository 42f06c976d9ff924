// The one thread pool of the compiler: runs a body over indices on up to N threads, surviving a
// worker's exception and a failed thread start.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace caios {

// The threads `requested` means: 0 is one per core (at least one).
inline unsigned ResolveThreads(unsigned requested) {
  return requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

// Runs body(0) … body(count - 1) on up to `threads` threads (0: one per core), in no particular
// order. Indices are handed out in increasing order. An exception in a worker stops the
// remaining work and is rethrown here once every thread has joined, so it reaches the driver's
// internal-error handler instead of terminating the process. If no thread can be started, the
// work runs on the calling thread; if only some start, those do the work.
template <typename Body>
void ParallelFor(size_t count, unsigned threads, const Body& body) {
  const size_t n = std::min<size_t>(ResolveThreads(threads), count);
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto worker = [&] {
    try {
      for (size_t i = next++; i < count; i = next++) body(i);
    } catch (...) {
      next = count;
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  if (n <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(n - 1);
    for (size_t t = 1; t < n; ++t) {
      try {
        pool.emplace_back(worker);
      } catch (const std::system_error&) {
        break;  // no more threads to be had: the ones started and this one do the work
      }
    }
    worker();  // the calling thread works too
    for (std::thread& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace caios
