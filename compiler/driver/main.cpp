// The `caios` executable: asks the allocator for huge pages, then runs the CLI
// (compiler/driver/cli.h) on a thread of its own (docs/performance.md, "Huge pages and a
// thread of its own").
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

}  // namespace

int main(int argc, char** argv) {
#ifdef CAIOS_WITH_MIMALLOC
  // Transparent huge pages for the heap: on a virtual machine each 4 KiB page fault can cost
  // more than the work done on the page (docs/performance.md). A thread's first segment is
  // taken lazily unless eager_commit_delay is 0, and a lazy one gets no huge pages. Whoever
  // sets the option's variable (0 or 1) decides instead: MIMALLOC_LARGE_OS_PAGES for Debian
  // 12's mimalloc 2.0, MIMALLOC_ALLOW_LARGE_OS_PAGES for later ones.
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr &&
      std::getenv("MIMALLOC_ALLOW_LARGE_OS_PAGES") == nullptr) {
    mi_option_enable(mi_option_large_os_pages);
    mi_option_set(mi_option_eager_commit_delay, 0);
  }
#endif
  // Every thread started from here on (the compiling thread, ParallelFor's workers) gets the
  // same stack, whatever `ulimit -s` says; glibc would give them RLIMIT_STACK's soft limit.
  pthread_attr_t attributes;
  if (pthread_attr_init(&attributes) == 0) {
    if (pthread_attr_setstacksize(&attributes, ThreadStackBytes()) == 0) {
      pthread_setattr_default_np(&attributes);
    }
    pthread_attr_destroy(&attributes);
  }
  // The main thread's heap was set up before main (static constructors allocate), with small
  // pages: the compiler runs on a new thread, whose heap takes its memory after the options
  // above. If no thread can be started, it runs here.
  int exit_code = 0;
  auto run = [&] { exit_code = caios::RunCli(argc, argv, std::cout, std::cerr); };
  try {
    std::thread(run).join();
  } catch (const std::system_error&) {
    run();
  }
  return exit_code;
}
