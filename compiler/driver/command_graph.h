// `caios graph FILE|DIR…`: checks a program like `caios check`, then draws its applications'
// architecture and flows as Mermaid, Graphviz DOT, Markdown, SVG or PNG (docs/cli.md).
#pragma once

#include <ostream>
#include <string>

#include "compiler/driver/command_check.h"

namespace caios {

struct GraphOptions {
  CheckOptions check;               // inputs, --stdlib, -j, warnings; diagnostics are human
  std::string flow;                 // --flow: that flow's state graph instead of the architecture
  std::string app;                  // --app: the application, when the inputs hold several
  std::string format = "mermaid";   // mermaid | dot | markdown | svg | png
  std::string output;               // -o: a folder for every diagram; empty: one to stdout
  bool force = false;               // --force: replace a folder caios did not write
  bool stdout_is_terminal = false;  // refuse PNG bytes on a terminal
};

// 0 when drawn, 1 on errors in the program, 2 on usage or I/O problems (an unknown flow or
// application, Graphviz missing for svg/png, an output folder refused).
int RunGraph(const GraphOptions& options, std::ostream& out, std::ostream& err);

}  // namespace caios
