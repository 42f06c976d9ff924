#include "compiler/driver/command_check.h"

#include <algorithm>
#include <filesystem>

#include "compiler/check/check.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render_human.h"
#include "compiler/diag/render_json.h"
#include "compiler/diag/render_sarif.h"
#include "compiler/driver/build_date.h"
#include "compiler/driver/emit_apps.h"
#include "compiler/driver/environment.h"
#include "compiler/driver/project_config.h"
#include "compiler/modules/program.h"
#include "fmt/format.h"

namespace caios {

namespace {

// Keeps the first kMaxRenderedErrors errors (and the warnings among them, in order) and adds
// E0008 when more were reported: later errors are mostly consequences of earlier ones.
void CapErrors(std::vector<Diagnostic>& diagnostics) {
  size_t errors = 0;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (diagnostics[i].severity != Severity::kError) continue;
    if (++errors > kMaxRenderedErrors) {
      size_t total = errors;
      for (size_t j = i + 1; j < diagnostics.size(); ++j) {
        if (diagnostics[j].severity == Severity::kError) ++total;
      }
      diagnostics.resize(i);
      Diagnostic too_many{DiagCode::kTooManyErrors,
                          Info(DiagCode::kTooManyErrors).severity,
                          Span{},
                          diag::TooManyErrors.Format(total - kMaxRenderedErrors),
                          {},
                          {},
                          {}};
      diagnostics.push_back(std::move(too_many));
      return;
    }
  }
}

std::filesystem::path CurrentDir() {
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  return ec ? std::filesystem::path() : cwd;
}

}  // namespace

int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  std::string problem;
  std::optional<std::filesystem::path> stdlib = FindStdlibDir(options.stdlib, problem);
  if (!stdlib) {
    err << "error: " << problem << '\n';
    return 2;
  }

  SourceManager sources;
  Program program;
  check::CheckResult checked;
  bool io_error = false;
  LoadOptions load_options{*stdlib, options.jobs};
  std::vector<Diagnostic> diagnostics =
      CheckProgram(options, load_options, sources, program, checked, io_error);
  return ReportDiagnostics(std::move(diagnostics), sources, options, io_error, out, err);
}

std::vector<Diagnostic> CheckProgram(const CheckOptions& options, const LoadOptions& load_options,
                                     SourceManager& sources, Program& program,
                                     check::CheckResult& checked, bool& io_error) {
  CheckRun run(options);
  run.Front(load_options, sources, program, checked, io_error);
  run.Back(sources, program, checked);
  return run.TakeDiagnostics();
}

CheckRun::CheckRun(CheckOptions options)
    : options_(std::move(options)),
      sink_(std::make_unique<DiagnosticSink>()),
      policies_(std::make_unique<ProjectPolicies>(options_.warnings)) {}

CheckRun::~CheckRun() = default;

void CheckRun::Front(const LoadOptions& load_options, SourceManager& sources, Program& program,
                     check::CheckResult& checked, bool& io_error) {
  CheckContext context{BuildDay(*sink_)};
  program = LoadProgram(options_.inputs, load_options, sources, *sink_, io_error);
  policies_->Load(program, sources, *sink_, io_error);
  // A phase runs only when the ones before it reported no errors (docs/architecture.md).
  if (!sink_->has_errors()) checked = Check(program, *sink_, TargetLimits(), context);
}

void CheckRun::Back(const SourceManager& sources, const Program& program,
                    const check::CheckResult& checked) {
  if (sink_->has_errors() || !checked.model) return;
  // Lowering and the backend's checks as `build` runs them, without rendering or writing
  // files, so a clean `check` means a clean `build` (docs/cli.md).
  EmitOptions emit;
  emit.query_language = options_.query_language;
  emit.render_files = false;
  emit.jobs = options_.jobs;
  EmitApplications(program, *checked.model, sources, emit, *sink_);
}

bool CheckRun::has_errors() const { return sink_->has_errors(); }

std::vector<Diagnostic> CheckRun::TakeDiagnostics() {
  return caios::TakeDiagnostics(*sink_, *policies_);
}

std::vector<Diagnostic> TakeDiagnostics(DiagnosticSink& sink, const ProjectPolicies& policies) {
  std::vector<Diagnostic> diagnostics = sink.TakeSorted();
  // After every phase ran: a denied warning fails the run but does not stop later phases, so
  // their diagnostics are reported too (docs/cli.md#warning-controls).
  ApplyWarningPolicy([&](const Diagnostic& d) -> const WarningPolicy& { return policies.For(d); },
                     diagnostics);
  return diagnostics;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

int ReportDiagnostics(std::vector<Diagnostic> diagnostics, const SourceManager& sources,
                      const CheckOptions& options, bool io_error, std::ostream& out,
                      std::ostream& err) {
  // Everything is collected before anything is printed: never half a set of diagnostics.
  CapErrors(diagnostics);
  std::filesystem::path base = CurrentDir();
  switch (options.format) {
    case DiagnosticsFormat::kHuman: {
      HumanRenderOptions human;
      human.base_dir = base;
      human.color = options.color == ColorMode::kAlways ||
                    (options.color == ColorMode::kAuto && WantColorAuto(err));
      RenderHuman(diagnostics, sources, human, err);
      break;
    }
    case DiagnosticsFormat::kJson:
      RenderJson(diagnostics, sources, base, out);
      break;
    case DiagnosticsFormat::kSarif:
      RenderSarif(diagnostics, sources, base, out);
      break;
  }
  out.flush();
  err.flush();

  if (io_error) return 2;
  return HasErrors(diagnostics) ? 1 : 0;
}

}  // namespace caios
