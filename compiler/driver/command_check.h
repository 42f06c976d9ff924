// `caios check FILE|DIR…`: load, parse and check a program, lower it and run the backend in
// memory (everything `build` does except writing), then render its diagnostics.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "compiler/check/model.h"
#include "compiler/diag/warning_policy.h"
#include "compiler/modules/program.h"

namespace caios {

enum class DiagnosticsFormat { kHuman, kJson, kSarif };
enum class ColorMode { kAuto, kAlways, kNever };

struct CheckOptions {
  std::vector<std::string> inputs;
  DiagnosticsFormat format = DiagnosticsFormat::kHuman;
  ColorMode color = ColorMode::kAuto;
  std::string stdlib;  // --stdlib; empty: CAIOS_STDLIB, then the installed or source stdlib
  unsigned jobs = 0;   // 0: one thread per core
  // --query-language: the ASL of flows without `query`; the backend's diagnostics depend on it.
  std::string query_language = "jsonata";  // jsonata | jsonpath
  // --deny-warnings, -W/--deny CODE, --allow CODE (docs/cli.md#warning-controls).
  WarningPolicy warnings;
};

// At most this many errors are rendered; then E0008 says the rest were left out.
inline constexpr size_t kMaxRenderedErrors = 100;

// Returns the exit code: 0 clean, 1 errors in the input, 2 usage or I/O problems.
// Human diagnostics go to `err`; JSON and SARIF documents to `out`.
int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

class DiagnosticSink;
class SourceManager;
class ProjectPolicies;
// What `check` runs, without rendering: loads `options.inputs` (read through
// `load_options.overlay` where it names a file), checks, lowers and runs the backend in memory,
// and returns the diagnostics with the warning controls applied. `checked.model` is set when
// the check phase ran (no load errors). The same as a CheckRun's two stages in a row.
std::vector<Diagnostic> CheckProgram(const CheckOptions& options, const LoadOptions& load_options,
                                     SourceManager& sources, Program& program,
                                     check::CheckResult& checked, bool& io_error);

// CheckProgram in two stages, so that `caios lsp` can answer an editor's requests from the
// checked program before lowering and the backend's checks ran (docs/editors.md, "Speed").
// The diagnostics are the same as CheckProgram's once both stages ran.
class CheckRun {
 public:
  explicit CheckRun(CheckOptions options);
  ~CheckRun();
  CheckRun(const CheckRun&) = delete;
  CheckRun& operator=(const CheckRun&) = delete;

  // Loads the program, reads its projects' caios.toml and, when loading reported no errors,
  // checks it (`checked.model` is then set).
  void Front(const LoadOptions& load_options, SourceManager& sources, Program& program,
             check::CheckResult& checked, bool& io_error);
  // Lowers the program and runs the backend in memory, when no stage before reported errors.
  void Back(const SourceManager& sources, const Program& program,
            const check::CheckResult& checked);
  // Whether the stages so far reported an error (before the warning controls).
  bool has_errors() const;
  // The diagnostics of the stages run, sorted, with the warning controls applied; the run's
  // sink is empty afterwards.
  std::vector<Diagnostic> TakeDiagnostics();

 private:
  CheckOptions options_;
  std::unique_ptr<DiagnosticSink> sink_;
  std::unique_ptr<ProjectPolicies> policies_;
};

// Everything `sink` collected, sorted, with the warning controls applied (allowed warnings
// dropped, denied ones made errors): the command line's over each project's caios.toml.
std::vector<Diagnostic> TakeDiagnostics(DiagnosticSink& sink, const ProjectPolicies& policies);
// True when `diagnostics` hold an error (after the warning controls: a denied warning counts).
bool HasErrors(const std::vector<Diagnostic>& diagnostics);
// Renders `diagnostics` in the format `options` asks for (errors capped at kMaxRenderedErrors)
// and returns the exit code (2 on `io_error`, 1 on errors, else 0).
int ReportDiagnostics(std::vector<Diagnostic> diagnostics, const SourceManager& sources,
                      const CheckOptions& options, bool io_error, std::ostream& out,
                      std::ostream& err);

}  // namespace caios
