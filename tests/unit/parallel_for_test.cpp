// ParallelFor over the process's worker pool (compiler/base/worker_pool.h): every index once,
// exceptions, nesting, several callers at once, threads kept from one call to the next, and
// the automatic thread count (ThreadsFor).
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "compiler/base/parallel_for.h"

namespace {

// Runs ParallelFor(count, threads) and returns how many times each index ran.
std::vector<int> Visits(size_t count, unsigned threads) {
  std::vector<std::atomic<int>> visits(count);
  caios::ParallelFor(count, threads, [&](size_t i) { ++visits[i]; });
  std::vector<int> out;
  for (const std::atomic<int>& v : visits) out.push_back(v.load());
  return out;
}

}  // namespace

TEST_CASE("parallel for: every index runs once, whatever the thread count", "[parallel]") {
  for (size_t count : {0, 1, 2, 7, 1000}) {
    for (unsigned threads : {0u, 1u, 2u, 5u}) {
      INFO("count " << count << ", threads " << threads);
      CHECK(Visits(count, threads) == std::vector<int>(count, 1));
    }
  }
}

TEST_CASE("parallel for: one thread runs on the caller", "[parallel]") {
  const std::thread::id caller = std::this_thread::get_id();
  std::set<std::thread::id> seen;
  caios::ParallelFor(50, 1, [&](size_t) { seen.insert(std::this_thread::get_id()); });
  CHECK(seen == std::set<std::thread::id>{caller});
}

TEST_CASE("parallel for: an exception reaches the caller, and the pool still works", "[parallel]") {
  for (int round = 0; round < 3; ++round) {
    std::atomic<int> ran{0};
    CHECK_THROWS_WITH(caios::ParallelFor(200, 3,
                                         [&](size_t i) {
                                           ++ran;
                                           if (i == 17) throw std::runtime_error("index 17");
                                         }),
                      "index 17");
    CHECK(ran.load() <= 200);
    CHECK(Visits(300, 3) == std::vector<int>(300, 1));
  }
}

TEST_CASE("parallel for: nested loops finish, each index once", "[parallel]") {
  std::vector<std::atomic<int>> visits(40 * 25);
  caios::ParallelFor(40, 2, [&](size_t outer) {
    caios::ParallelFor(25, 2, [&](size_t inner) { ++visits[outer * 25 + inner]; });
  });
  for (const std::atomic<int>& v : visits) CHECK(v.load() == 1);
}

TEST_CASE("parallel for: several callers at once", "[parallel]") {
  std::vector<std::vector<int>> results(4);
  std::vector<std::thread> callers;
  for (size_t c = 0; c < results.size(); ++c) {
    callers.emplace_back([&, c] { results[c] = Visits(500 + c, 3); });
  }
  for (std::thread& t : callers) t.join();
  for (size_t c = 0; c < results.size(); ++c) CHECK(results[c] == std::vector<int>(500 + c, 1));
}

TEST_CASE("parallel for: the pool's threads are kept from one call to the next", "[parallel]") {
  // Linux thread IDs are not reused soon, so threads started per call would show up to two
  // new ones per call (about 60 here); a kept pool shows the caller and its own threads. The
  // pool has as many as the largest call of this process asked for: two helpers under ctest,
  // which runs each test case alone, a few more when one process runs every test case.
  std::mutex mutex;
  std::set<pid_t> seen;
  for (int call = 0; call < 30; ++call) {
    caios::ParallelFor(64, 3, [&](size_t) {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      std::lock_guard lock(mutex);
      seen.insert(gettid());
    });
  }
  CHECK(seen.size() >= 2);  // helped at least once
  CHECK(seen.size() <= 9);
}

TEST_CASE("parallel for: the automatic thread count follows the size of the work", "[parallel]") {
  using caios::kParallelFromSourceBytes;
  using caios::ResolveThreads;
  using caios::ThreadsFor;
  // `-j 0` on a small program: one thread (docs/performance.md, "One thread for a small
  // program"); from the threshold on, one per core.
  CHECK(ThreadsFor(0, 0) == 1);
  CHECK(ThreadsFor(0, kParallelFromSourceBytes - 1) == 1);
  CHECK(ThreadsFor(0, kParallelFromSourceBytes) == ResolveThreads(0));
  CHECK(ThreadsFor(0, size_t{1} << 30) == ResolveThreads(0));
  // A number the user gave is kept, whatever the size.
  CHECK(ThreadsFor(3, 0) == 3);
  CHECK(ThreadsFor(1, size_t{1} << 30) == 1);
}
