// `caios build FILE|DIR… -o OUT`: everything `check` does, then lowering to the IR and the AWS
// backend; the outputs are written atomically.
#pragma once

#include <ostream>
#include <string>

#include "compiler/driver/command_check.h"

namespace caios {

struct BuildOptions {
  CheckOptions check;
  std::string output;                      // -o; may be empty with --dump-ir
  std::string template_format = "yaml";    // yaml | json
  std::string query_language = "jsonata";  // jsonata | jsonpath: flows without `query`
  bool dump_ir = false;
};

int RunBuild(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace caios
