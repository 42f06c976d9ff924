// Runs the `caios` command line in the test's process and keeps its exit status and output.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "compiler/driver/cli.h"

namespace caios::testing {

struct CliResult {
  int exit;
  std::string out;
  std::string err;
};

// `caios ARGS…`, as the executable runs it (RunCli).
inline CliResult Run(std::vector<std::string> args) {
  args.insert(args.begin(), "caios");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  int exit = RunCli(static_cast<int>(args.size()), argv.data(), out, err);
  return {exit, out.str(), err.str()};
}

}  // namespace caios::testing
