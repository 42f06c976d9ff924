// The command-line interface (`caios check`, `caios explain`, ...), callable in-process so the
// golden tests run exactly what users run.
#pragma once

#include <ostream>

namespace caios {

// Runs the CLI. Returns the process exit code: 0 clean, 1 errors in the input, 2 usage or I/O,
// 3 internal compiler error (no exception escapes).
int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace caios
