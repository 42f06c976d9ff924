// `caios test [PATH]`: builds an application with its test files into a private temporary folder
// and runs its tests in the local cloud, each in a fresh one (the Python runner under
// localcloud/, docs/testing.md), reporting results and the state coverage of its flows.
#pragma once

#include <ostream>
#include <string>

#include "compiler/driver/command_check.h"

namespace caios {

struct TestOptions {
  CheckOptions check;              // the application (one input) and the build's options
  std::string filter;              // --filter TEXT: only tests whose titles contain it
  std::string reporter = "human";  // --reporter human | junit | tap
  std::string coverage;            // --coverage FILE: the state coverage as JSON
  int parallel = 0;                // --parallel N: tests run at once (0: one per core)
};

// Exit codes: 0 every test passed, 1 errors in the program or a failed test, 2 usage or I/O
// problems (no tests, no local cloud installed), 3 internal.
int RunTest(const TestOptions& options, std::ostream& out, std::ostream& err);

}  // namespace caios
