#include "compiler/driver/command_graph.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "backends/graph/views.h"
#include "compiler/base/parallel_for.h"
#include "compiler/check/check.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/build_date.h"
#include "compiler/driver/emit_apps.h"
#include "compiler/driver/environment.h"
#include "compiler/driver/graphviz.h"
#include "compiler/driver/output_files.h"
#include "compiler/driver/project_config.h"
#include "compiler/driver/protected_paths.h"
#include "compiler/modules/program.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

std::string Names(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += (text.empty() ? "`" : ", `") + n + "`";
  return text.empty() ? "none" : text;
}

// The file extension of a format, for `-o DIR`.
std::string Extension(const std::string& format) {
  if (format == "mermaid") return "mmd";
  if (format == "markdown") return "md";
  return format;  // dot, svg, png
}

// One diagram in one of the single-diagram formats.
std::optional<std::string> Render(const graph::Diagram& diagram, const std::string& title,
                                  const std::string& format, std::string& problem) {
  if (format == "mermaid") return graph::WriteMermaid(diagram);
  const std::string dot = graph::WriteDot(diagram, title);
  if (format == "dot") return dot;
  return RenderWithGraphviz(dot, format, problem);
}

struct Drawing {
  std::string heading;  // for Markdown
  std::string file;     // relative path for `-o DIR`, without extension
  graph::Diagram diagram;
  std::string title;
};

// The diagrams of `app` that the options ask for: its architecture and every flow, or only
// the flow `--flow` names.
std::vector<Drawing> Drawings(const ir::App& app, const GraphOptions& options, bool several) {
  std::vector<Drawing> drawings;
  const std::string who = several ? "`" + app.name + "`: " : "";
  if (options.flow.empty()) {
    drawings.push_back(
        {who + "architecture", "architecture", graph::ArchitectureDiagram(app), app.name});
  }
  for (const ir::Flow& flow : app.flows) {
    if (!options.flow.empty() && flow.name != options.flow) continue;
    drawings.push_back({who + "flow `" + flow.name + "`", "flows/" + flow.name,
                        graph::FlowDiagram(app, flow), flow.name});
  }
  return drawings;
}

std::string Markdown(const std::vector<Drawing>& drawings) {
  std::string text;
  for (const Drawing& d : drawings) {
    if (!text.empty()) text += '\n';
    std::string heading = d.heading;
    heading[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(heading[0])));
    text += "### " + heading + "\n\n```mermaid\n" + graph::WriteMermaid(d.diagram) + "```\n";
  }
  return text;
}

}  // namespace

int RunGraph(const GraphOptions& options, std::ostream& out, std::ostream& err) {
  std::string problem;
  std::optional<fs::path> stdlib = FindStdlibDir(options.check.stdlib, problem);
  if (!stdlib) {
    err << "error: " << problem << '\n';
    return 2;
  }
  SourceManager sources;
  DiagnosticSink sink;
  bool io_error = false;
  CheckContext context{BuildDay(sink)};
  LoadOptions load_options{*stdlib, options.check.jobs};
  Program program = LoadProgram(options.check.inputs, load_options, sources, sink, io_error);
  ProjectPolicies policies(options.check.warnings);
  policies.Load(program, sources, sink, io_error);
  // The same phases as `check`, so a program draws exactly when it checks clean; the target
  // runs too, so the flows' states carry the names they will have when deployed.
  check::CheckResult checked;
  if (!sink.has_errors()) checked = Check(program, sink, TargetLimits(), context);
  EmitOptions emit;
  emit.query_language = options.check.query_language;
  emit.render_files = false;
  emit.jobs = options.check.jobs;
  EmittedApps emitted;
  if (!sink.has_errors()) emitted = EmitApplications(program, *checked.model, sources, emit, sink);
  std::vector<Diagnostic> diagnostics = TakeDiagnostics(sink, policies);
  const bool failed = io_error || HasErrors(diagnostics);
  // Warnings are shown and the drawing goes on; errors stop it.
  const int reported =
      ReportDiagnostics(std::move(diagnostics), sources, options.check, io_error, out, err);
  if (failed) return reported;

  std::vector<const ir::App*> apps;
  std::vector<std::string> app_names;
  for (const auto& app : emitted.apps) app_names.push_back(app->name);
  for (const auto& app : emitted.apps) {
    if (options.app.empty() || app->name == options.app) apps.push_back(app.get());
  }
  if (apps.empty()) {
    err << "error: "
        << (options.app.empty() ? "the inputs hold no application"
                                : "no application `" + options.app + "`")
        << "; the applications: " << Names(app_names) << '\n';
    return 2;
  }
  const bool to_stdout = options.output.empty();
  if (to_stdout && options.format != "markdown" && apps.size() > 1) {
    err << "error: the inputs hold " << apps.size() << " applications (" << Names(app_names)
        << "): choose one with --app, or write them all with -o DIR\n";
    return 2;
  }
  if (!options.flow.empty()) {
    for (const ir::App* app : apps) {
      bool found = false;
      std::vector<std::string> flows;
      for (const ir::Flow& f : app->flows) {
        flows.push_back(f.name);
        found = found || f.name == options.flow;
      }
      if (!found) {
        err << "error: application `" << app->name << "` has no flow `" << options.flow
            << "`; its flows: " << Names(flows) << '\n';
        return 2;
      }
    }
  }
  if (to_stdout && options.format == "png" && options.stdout_is_terminal) {
    err << "error: a PNG image is binary: redirect the output to a file, or write a folder with "
           "-o DIR\n";
    return 2;
  }

  const bool several = apps.size() > 1;
  OutputFiles files;
  for (const ir::App* app : apps) {
    std::vector<Drawing> drawings = Drawings(*app, options, several);
    const std::string prefix = several ? app->name + "/" : "";
    if (options.format == "markdown") {
      if (to_stdout) {
        out << (apps.front() == app ? "" : "\n") << Markdown(drawings);
      } else {
        files[prefix + "diagrams.md"] = Markdown(drawings);
      }
      continue;
    }
    // Without -o only one diagram is printed: the architecture, or the flow --flow names.
    if (to_stdout) drawings.resize(1);
    for (const Drawing& d : drawings) {
      std::optional<std::string> text = Render(d.diagram, d.title, options.format, problem);
      if (!text) {
        err << "error: " << problem << '\n';
        return 2;
      }
      if (to_stdout) {
        out << *text;
      } else {
        files[prefix + d.file + "." + Extension(options.format)] = std::move(*text);
      }
    }
  }
  if (to_stdout) {
    out.flush();
    return out ? 0 : 2;
  }
  OutputFolderOptions folder;
  folder.force = options.force;
  folder.jobs = ThreadsFor(options.check.jobs, sources.TextBytes());
  folder.protected_paths =
      ProtectedPaths(options.check.inputs, program, *stdlib, emitted.code_folders);
  if (!WriteOutputFolder(options.output, files, folder, problem)) {
    err << "error: " << problem << '\n';
    return 2;
  }
  return 0;
}

}  // namespace caios
