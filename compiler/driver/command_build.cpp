#include "compiler/driver/command_build.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <utility>

#include "compiler/base/parallel_for.h"
#include "compiler/check/check.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/build_date.h"
#include "compiler/driver/emit_apps.h"
#include "compiler/driver/environment.h"
#include "compiler/driver/output_files.h"
#include "compiler/driver/project_config.h"
#include "compiler/driver/protected_paths.h"
#include "compiler/driver/time_report.h"
#include "compiler/modules/program.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

// What a build holds while it runs, in the order it is built (so destroyed in reverse).
struct BuildState {
  SourceManager sources;
  Program program;
  check::CheckResult checked;
  EmittedApps emitted;
};

// Keeps the last build's state until the process exits instead of destroying it: freeing the
// program's trees (the AST, the model, the IR and the output texts, node by node) took 4% of a
// large build's time (docs/performance.md). The state stays reachable from a static pointer,
// so LeakSanitizer does not count it as a leak, and no destructor runs for it at exit. A later
// build in the same process (the tests run many) frees the one before, so memory does not grow
// with the number of builds.
void RetainUntilExit(std::unique_ptr<BuildState> state) {
  static auto* const retained = new std::unique_ptr<BuildState>();
  *retained = std::move(state);
}

}  // namespace

int RunBuild(const BuildOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<TimeReport> time_report;
  if (options.time_report) time_report.emplace();
  TimeReport* report = time_report ? &*time_report : nullptr;
  std::string problem;
  std::optional<fs::path> stdlib = FindStdlibDir(options.check.stdlib, problem);
  if (!stdlib) {
    err << "error: " << problem << '\n';
    return 2;
  }
  auto state = std::make_unique<BuildState>();
  SourceManager& sources = state->sources;
  DiagnosticSink sink;
  bool io_error = false;
  CheckContext context{BuildDay(sink)};
  LoadOptions load_options{*stdlib, options.check.jobs};
  Program& program = state->program;
  program = LoadProgram(options.check.inputs, load_options, sources, sink, io_error);
  ProjectPolicies policies(options.check.warnings);
  policies.Load(program, sources, sink, io_error);
  EndPhase(report, "load");
  // A phase runs only when the ones before it reported no errors (docs/architecture.md).
  check::CheckResult& checked = state->checked;
  if (!sink.has_errors()) {
    checked = Check(program, sink, TargetLimits(), context);
    EndPhase(report, "check");
  }

  std::error_code ec;
  EmitOptions emit;
  emit.query_language = options.check.query_language;
  emit.template_format = options.template_format;
  emit.output_dir = options.output.empty() ? fs::path() : fs::absolute(options.output, ec);
  emit.render_files = !options.output.empty();
  emit.dump_ir = options.dump_ir ? &out : nullptr;
  emit.jobs = options.check.jobs;
  emit.with_tests = options.with_tests;
  emit.time_report = report;
  EmittedApps& emitted = state->emitted;
  if (!sink.has_errors()) emitted = EmitApplications(program, *checked.model, sources, emit, sink);

  // The warning controls apply before writing: a denied warning fails the build, and a failed
  // build writes nothing (docs/cli.md#warning-controls).
  std::vector<Diagnostic> diagnostics = TakeDiagnostics(sink, policies);
  EndPhase(report, "report");  // and again after rendering them
  if (!HasErrors(diagnostics) && !options.output.empty()) {
    OutputFolderOptions folder;
    folder.force = options.force;
    folder.jobs = ThreadsFor(options.check.jobs, sources.TextBytes());
    folder.protected_paths =
        ProtectedPaths(options.check.inputs, program, *stdlib, emitted.code_folders);
    if (!WriteOutputFolder(options.output, emitted.files, folder, problem)) {
      err << "error: " << problem << '\n';
      io_error = true;
    }
    EndPhase(report, "write");
  }
  const int exit_code =
      ReportDiagnostics(std::move(diagnostics), sources, options.check, io_error, out, err);
  if (report != nullptr) {
    EndPhase(report, "report");
    report->Print(err);
  }
  RetainUntilExit(std::move(state));
  return exit_code;
}

}  // namespace caios
