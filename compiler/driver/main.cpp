// The `caios` executable: forwards to the CLI in compiler/driver/cli.h.
#include <cstdlib>
#include <iostream>

#include "compiler/driver/cli.h"

#if defined(CAIOS_WITH_MIMALLOC)
#include <mimalloc.h>

namespace {

// mimalloc's memory in transparent huge pages where the kernel offers them: a third of the
// page faults, which were an eighth of a large build's time on the main thread
// (docs/performance.md, "Fewer page faults"). Set before the static initializers allocate;
// MIMALLOC_LARGE_OS_PAGES=0 in the environment turns it off. As that variable does, it commits
// each thread's first memory at once too (mimalloc's eager_commit_delay, 1 by default, defers
// it; the deferred memory then takes small pages).
__attribute__((constructor(101))) void PreferHugePages() {
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") != nullptr) return;
  mi_option_enable(mi_option_large_os_pages);
  if (std::getenv("MIMALLOC_EAGER_COMMIT_DELAY") == nullptr) {
    mi_option_set(mi_option_eager_commit_delay, 0);
  }
}

}  // namespace
#endif

int main(int argc, char** argv) { return caios::RunCli(argc, argv, std::cout, std::cerr); }
