// The `caios` executable: asks the allocator for huge pages before any allocation, then runs
// the CLI (compiler/driver/cli.h) on the main thread when its stack may grow to what every
// thread caios starts gets, else on a thread of its own (docs/performance.md, "Huge pages and
// a thread of its own", "The compiler on the main thread").
#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <system_error>
#include <thread>

#include "compiler/driver/cli.h"

#ifdef CAIOS_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

// The stack of every thread caios starts: what the main thread may grow to (RLIMIT_STACK), at
// least 8 MiB and at most 64 MiB (an unlimited limit counts as 8 MiB). The nesting limit of 128
// levels (E0006) keeps every recursive phase well within 8 MiB (docs/architecture.md, "Lex").
size_t ThreadStackBytes() {
  constexpr size_t kLeast = size_t{8} << 20;
  constexpr size_t kMost = size_t{64} << 20;
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return kLeast;
  return std::clamp<size_t>(limit.rlim_cur, kLeast, kMost);
}

// Whether the main thread's stack may grow to `bytes`: Linux grows it on demand up to the soft
// limit of the moment, which is raised to `bytes` when the hard limit allows. (`ulimit -s N`
// sets both limits; the default soft limit, 8 MiB, needs no change.) Children that caios starts
// inherit a raised soft limit.
bool MainStackMayGrowTo(size_t bytes) {
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) != 0) return false;
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= bytes) return true;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < bytes) return false;
  limit.rlim_cur = bytes;
  return setrlimit(RLIMIT_STACK, &limit) == 0;
}

}  // namespace

#ifdef CAIOS_WITH_MIMALLOC
// Transparent huge pages for the heap: on a virtual machine each 4 KiB page fault can cost
// more than the work done on the page (docs/performance.md). A thread's first segment is
// taken lazily unless eager_commit_delay is 0, and a lazy one gets no huge pages. Whoever
// sets the option's variable (0 or 1) decides instead: MIMALLOC_LARGE_OS_PAGES for Debian
// 12's mimalloc 2.0, MIMALLOC_ALLOW_LARGE_OS_PAGES for later ones. This runs before the
// executable's other constructors (priority 101 is the first a program may use), so that the
// main thread's segment, which they fill, gets huge pages too: 43 page faults fewer
// (docs/performance.md, "Huge pages from the first allocation").
__attribute__((constructor(101))) static void AskForHugePages() {
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr &&
      std::getenv("MIMALLOC_ALLOW_LARGE_OS_PAGES") == nullptr) {
    mi_option_enable(mi_option_large_os_pages);
    mi_option_set(mi_option_eager_commit_delay, 0);
  }
}
#endif

int main(int argc, char** argv) {
  // Every thread started from here on (the compiling thread, ParallelFor's workers) gets the
  // same stack, whatever `ulimit -s` says; glibc would give them RLIMIT_STACK's soft limit.
  const size_t stack_bytes = ThreadStackBytes();
  pthread_attr_t attributes;
  if (pthread_attr_init(&attributes) == 0) {
    if (pthread_attr_setstacksize(&attributes, stack_bytes) == 0) {
      pthread_setattr_default_np(&attributes);
    }
    pthread_attr_destroy(&attributes);
  }
  // The compiler runs here when this stack may grow as far: a thread of its own would take a
  // heap of its own, whose first 2 MiB page the kernel clears (docs/performance.md, "The
  // compiler on the main thread").
  if (MainStackMayGrowTo(stack_bytes)) return caios::RunCli(argc, argv, std::cout, std::cerr);
  // Else on a new thread, for the stack above. That thread ends the process itself, as
  // `return` from main would (std::exit: the streams are flushed, the exit handlers run): a
  // thread that returns first has its heap collected and then wakes the main thread, 0.7 ms of
  // a small build (docs/performance.md, "The compiling thread ends the process"). If no thread
  // can be started, the compiler runs here.
  try {
    std::thread([&] { std::exit(caios::RunCli(argc, argv, std::cout, std::cerr)); }).join();
  } catch (const std::system_error&) {
  }
  return caios::RunCli(argc, argv, std::cout, std::cerr);
}
