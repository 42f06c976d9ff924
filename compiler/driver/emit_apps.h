// The analyses `check` and `build` share after the check phase: every application lowered to
// the IR and run through the AWS backend in memory. `build` writes what this returns, `check`
// drops it, so both commands report the same diagnostics (docs/cli.md, docs/architecture.md).
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/check/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/output_files.h"
#include "compiler/ir/ir.h"
#include "compiler/modules/program.h"
#include "compiler/target/limits.h"

namespace caios {

class TimeReport;

struct EmitOptions {
  std::string query_language = "jsonata";  // jsonata | jsonpath: flows without `query`
  std::string template_format = "yaml";    // yaml | json
  // The absolute output folder (Code paths in the template are relative to it); empty for
  // `check`, which renders no file texts that only writing needs (template, Lambda
  // configurations) but runs every analysis that can report a diagnostic.
  std::filesystem::path output_dir;
  bool render_files = true;
  std::ostream* dump_ir = nullptr;  // --dump-ir: each application's IR after lowering
  unsigned jobs = 0;                // flows emitted in parallel; 0: ThreadsFor the sources' size
  // The tests are flows of their application, and tests.json lists them (`caios test`).
  bool with_tests = false;
  TimeReport* time_report = nullptr;  // --time-report: ends the phases "lower", "validate", "emit"
};

struct EmittedApps {
  OutputFiles files;                           // relative to the output folder
  std::vector<ProtectedPath> code_folders;     // the functions' local code folders
  std::vector<std::unique_ptr<ir::App>> apps;  // the lowered applications (refer to the model)
};

// The limits of the target that EmitApplications emits for (AWS), which the check phase judges
// the program against: the one place besides EmitApplications where the driver names a target.
const target::Limits& TargetLimits();

// Lowers every application of a program that checked clean (E0020/E0021 for application
// names), then, when no errors were reported, emits each one's state machines, template and
// Lambda configurations; a backend diagnostic goes to `sink` alike in both commands.
EmittedApps EmitApplications(const Program& program, const check::Model& model,
                             const SourceManager& sources, const EmitOptions& options,
                             DiagnosticSink& sink);

}  // namespace caios
