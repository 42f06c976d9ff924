// `caios fmt [--check] PATH…`: lays .caios files out in the canonical style (docs/cli.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "compiler/driver/command_check.h"

namespace caios {

struct FmtOptions {
  std::vector<std::string> inputs;  // files, folders (every *.caios below), `-` for stdin
  bool check = false;               // change nothing; show a diff of what would change
  ColorMode color = ColorMode::kAuto;
};

// Returns the exit code: 0 when every file is formatted (or was rewritten), 1 when a file has
// syntax errors or (with --check) would change, 2 on usage or I/O problems.
int RunFmt(const FmtOptions& options, std::ostream& out, std::ostream& err);

// A unified diff of `before` and `after` (3 lines of context) labelled `path`; "" if equal.
std::string UnifiedDiff(const std::string& path, std::string_view before, std::string_view after);

}  // namespace caios
