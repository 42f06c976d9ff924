#include "compiler/driver/emit_apps.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "backends/aws/asl/emit.h"
#include "backends/aws/asl/placeholders.h"
#include "backends/aws/cloudformation/template.h"
#include "backends/aws/lambda/configuration.h"
#include "compiler/driver/app_names.h"
#include "compiler/ir/dump.h"
#include "compiler/lower/lower.h"
#include "fmt/format.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

// Step Functions: "Maximum request size: 1 MB per request" bounds a definition (Step Functions
// quotas, "Quotas related to API action throttling / state machine definitions").
constexpr size_t kMaxDefinitionBytes = 1024 * 1024;

// Runs body(0) … body(count - 1) on up to `threads` threads (0: one per core). An exception
// in a worker stops the remaining work and is rethrown here once every thread has joined, so
// it reaches the driver's internal-error handler instead of terminating the process.
template <typename Body>
void ParallelFor(size_t count, unsigned threads, const Body& body) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const size_t n = std::min<size_t>(threads, count);
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto worker = [&] {
    try {
      for (size_t i = next++; i < count; i = next++) body(i);
    } catch (...) {
      next = count;
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  if (n <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    try {
      for (size_t t = 0; t < n; ++t) pool.emplace_back(worker);
    } catch (...) {  // no thread to be had: stop the work, join those that started
      next = count;
      for (std::thread& t : pool) t.join();
      throw;
    }
    for (std::thread& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
}

// The files of one application, relative to the output folder (under `prefix`).
void EmitApp(const ir::App& app, const EmitOptions& options, const fs::path& folder,
             const std::string& prefix, DiagnosticSink& sink, OutputFiles& files) {
  // Each flow's definition depends on the IR alone: emit them in parallel, report in order.
  std::vector<aws::FlowDefinition> definitions(app.flows.size());
  std::vector<size_t> sizes(app.flows.size());
  // One sink per flow, absorbed in flow order: the report order does not depend on threads.
  std::vector<DiagnosticSink> flow_sinks(app.flows.size());
  // So are each function's role and configuration, after the flows (the same for the sinks).
  const size_t flow_count = app.flows.size();
  std::vector<std::string> function_roles(app.functions.size());
  std::vector<std::string> configurations(app.functions.size());
  std::vector<DiagnosticSink> function_sinks(app.functions.size());
  const aws::TemplateFormat format = !options.render_files ? aws::TemplateFormat::kNone
                                     : options.template_format == "json"
                                         ? aws::TemplateFormat::kJson
                                         : aws::TemplateFormat::kYaml;
  ParallelFor(flow_count + app.functions.size(), options.jobs, [&](size_t i) {
    if (i >= flow_count) {
      const size_t f = i - flow_count;
      const ir::FunctionId fn{static_cast<uint32_t>(f)};
      function_roles[f] = aws::PrepareFunctionRole(app, fn, format, function_sinks[f]);
      if (options.render_files) configurations[f] = aws::LambdaConfiguration(app, fn);
      return;
    }
    const ir::FlowId id{static_cast<uint32_t>(i)};
    const std::string& query =
        app.flows[i].query.empty() ? options.query_language : app.flows[i].query;
    definitions[i] =
        query == "jsonpath" ? aws::EmitJsonPathAsl(app, id, flow_sinks[i]) : aws::EmitAsl(app, id);
    // The emitters can join literals of the program into `{{resolve:` (E0640 catches the
    // literals themselves): CloudFormation would resolve it in the definition.
    if (aws::HoldsDynamicReference(definitions[i].asl)) {
      const ir::Flow& flow = app.flows[i];
      flow_sinks[i]
          .Report(DiagCode::kDynamicReference, flow.span,
                  "the definition of flow `" + flow.name +
                      "` holds `{{resolve:`, joined from strings of the program, which "
                      "CloudFormation would resolve when the stack is deployed")
          .Note(
              "split the text so that no literal part runs `{{` into `resolve:`, or read the "
              "value at run time");
    }
    // The definition's texts and its state machine's role are written here, in parallel; the
    // definition's tree goes now.
    aws::RenderDefinition(definitions[i], format);
    aws::PrepareRole(app, definitions[i], format, flow_sinks[i]);
    sizes[i] = definitions[i].json.size();
    // `check` needs only the size (E0604): a quarter less peak memory (docs/performance.md).
    if (!options.render_files) std::string().swap(definitions[i].json);
  });
  for (DiagnosticSink& flow_sink : flow_sinks) sink.Absorb(flow_sink);
  for (size_t i = 0; i < app.flows.size(); ++i) {
    if (sizes[i] > kMaxDefinitionBytes) {
      sink.Report(DiagCode::kBackendDefinitionTooLarge, app.flows[i].span,
                  fmt::format("the state machine of flow `{}` is {} KiB; Step Functions accepts "
                              "at most 1024 KiB",
                              app.flows[i].name, sizes[i] / 1024))
          .Note("split the flow: move parts into flows of their own and `run` them");
    }
    if (options.render_files) {
      files[prefix + "statemachines/" + app.flows[i].name + ".asl.json"] =
          std::move(definitions[i].json);
    }
  }
  if (options.render_files) {
    for (size_t i = 0; i < app.functions.size(); ++i) {
      files[prefix + "functions/" + app.functions[i].name + ".json"] = std::move(configurations[i]);
    }
  }
  for (DiagnosticSink& function_sink : function_sinks) sink.Absorb(function_sink);
  aws::TemplateOptions template_options;
  template_options.output_dir = folder;
  template_options.function_roles = std::move(function_roles);
  nlohmann::ordered_json stack = aws::BuildTemplate(app, definitions, template_options, sink);
  if (!options.render_files) return;
  if (options.template_format == "json") {
    files[prefix + "template.json"] = aws::RenderJson(stack, definitions);
  } else {
    files[prefix + "template.yaml"] = aws::RenderYaml(stack, definitions);
  }
}

AppName NameOf(const ir::App& app, const Program& program, const check::ProgramInfo& info) {
  const LoadedModule& root = program.modules[info.root];
  if (info.app) return {app.name, info.app->name.span, true, {}};
  return {app.name, Span{root.ast.file, 0, 0}, false, root.path.filename().string()};
}

}  // namespace

EmittedApps EmitApplications(const Program& program, const check::Model& model,
                             const SourceManager& sources, const EmitOptions& options,
                             DiagnosticSink& sink) {
  EmittedApps result;
  std::vector<std::unique_ptr<ir::App>> apps;
  std::vector<AppName> names;
  for (size_t p = 0; p < program.roots.size(); ++p) {
    apps.push_back(Lower(program, p, model, sources, sink));
    if (options.dump_ir) ir::Dump(*apps.back(), *options.dump_ir);
    names.push_back(NameOf(*apps.back(), program, model.programs[p]));
  }
  CheckAppNames(names, sink);
  // A phase runs only when the ones before it reported no errors (DESIGN.md §3).
  const bool several = apps.size() > 1;
  for (const std::unique_ptr<ir::App>& app : apps) {
    if (sink.has_errors()) break;
    // Several applications: one subfolder each.
    const std::string prefix = several ? app->name + "/" : "";
    const fs::path folder = options.output_dir.empty() || !several ? options.output_dir
                                                                   : options.output_dir / app->name;
    EmitApp(*app, options, folder, prefix, sink, result.files);
    for (const ir::Function& f : app->functions) {
      if (f.code_dir.empty()) continue;
      result.code_folders.push_back(
          {f.code_dir, fmt::format("the code folder `{}` of function `{}`", f.code_dir, f.name)});
    }
  }
  return result;
}

}  // namespace caios
