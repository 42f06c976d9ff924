// `caios build FILE|DIR… -o OUT`: everything `check` does, then the outputs are written
// atomically into an output folder that is checked not to hold data the build would lose.
#pragma once

#include <ostream>
#include <string>

#include "compiler/driver/command_check.h"

namespace caios {

struct BuildOptions {
  CheckOptions check;
  std::string output;                    // -o; may be empty with --dump-ir
  std::string template_format = "yaml";  // yaml | json
  bool dump_ir = false;
  bool force = false;  // --force: replace an output folder that caios did not write
  // `caios test`: the tests become flows of the application, and tests.json lists them; any
  // other build checks the test files but emits nothing of them (docs/testing.md).
  bool with_tests = false;
  // --time-report: each phase's wall time and resident memory on standard error, after the
  // diagnostics (docs/cli.md#the-time-report).
  bool time_report = false;
};

int RunBuild(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace caios
