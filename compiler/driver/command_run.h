// `caios run APP [--flow F] [--input JSON|@FILE]`: builds the application into a private temporary
// folder and runs one execution of flow F in a fresh local cloud (the Python runner under
// localcloud/, docs/cli.md#caios-run), so the compiler itself needs no Python.
#pragma once

#include <ostream>
#include <string>

#include "compiler/driver/command_check.h"

namespace caios {

struct RunOptions {
  CheckOptions check;        // the application (one input) and the build's options
  std::string flow;          // --flow; empty: the application's only flow
  std::string input = "{}";  // --input: JSON text, or @FILE
  std::string trace;         // --trace FILE: the raw execution history
  std::string mock;          // --mock FILE: function name -> fixed result or error
  std::string seed;          // --seed FILE: bucket/table name -> contents before the run
};

// Exit codes: 0 the execution succeeded, 1 errors in the program or a failed execution,
// 2 usage or I/O problems (a bad --flow or --input, no local cloud installed), 3 internal.
int RunRun(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace caios
