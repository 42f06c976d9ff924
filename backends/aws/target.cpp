#include "backends/aws/target.h"

#include <vector>

#include "backends/aws/asl/emit.h"
#include "backends/aws/asl/execution_names.h"
#include "backends/aws/asl/history_limit.h"
#include "backends/aws/asl/payload_check.h"
#include "backends/aws/asl/placeholders.h"
#include "backends/aws/asl/state_names.h"
#include "backends/aws/cloudformation/existing_checks.h"
#include "backends/aws/cloudformation/template.h"
#include "backends/aws/common/json.h"
#include "backends/aws/common/names.h"
#include "backends/aws/lambda/configuration.h"
#include "backends/aws/lambda/function_names.h"
#include "compiler/base/invariant.h"
#include "compiler/base/parallel_for.h"
#include "fmt/format.h"

namespace caios::aws {
namespace {

// Step Functions: "Maximum request size: 1 MB per request" bounds a definition (Step Functions
// quotas, "Quotas related to API action throttling / state machine definitions").
constexpr size_t kMaxDefinitionBytes = 1024 * 1024;

// A flow's own `query` option (a hint the IR carries for the target), else the build's.
QueryLanguage LanguageOf(const ir::Flow& flow, const Options& options) {
  for (const ir::TargetHint& hint : flow.target_hints) {
    if (hint.name != "query") continue;
    std::optional<QueryLanguage> language = ParseQueryLanguage(hint.value);
    CAIOS_CHECK_INVARIANT(language.has_value());  // the check phase accepts only these words
    return *language;
  }
  return options.query_language;
}

}  // namespace

std::optional<QueryLanguage> ParseQueryLanguage(std::string_view word) {
  if (word == "jsonata") return QueryLanguage::kJsonata;
  if (word == "jsonpath") return QueryLanguage::kJsonPath;
  return std::nullopt;
}

void Validate(const ir::App& app, const Options& options, DiagnosticSink& sink) {
  (void)options;  // no rule depends on the options yet
  CheckFunctionNames(app, sink);
  CheckExistingEntities(app, sink);
  for (const ir::Flow& flow : app.flows) {
    if (flow.existing) continue;  // outside the application: no definition
    CheckPayloads(flow, sink);
    CheckHistoryLimit(flow, sink);
    CheckExecutionNames(flow, sink);
  }
}

OutputFiles Emit(ir::App& app, const Options& options, DiagnosticSink& sink) {
  OutputFiles files;
  // Each flow's definition depends on the IR alone: emit them in parallel, report in order.
  std::vector<FlowDefinition> definitions(app.flows.size());
  std::vector<size_t> sizes(app.flows.size());
  // One sink per flow, absorbed in flow order: the report order does not depend on threads.
  std::vector<DiagnosticSink> flow_sinks(app.flows.size());
  // So are each function's role and configuration, after the flows (the same for the sinks).
  const size_t flow_count = app.flows.size();
  std::vector<std::string> function_roles(app.functions.size());
  std::vector<std::string> configurations(app.functions.size());
  std::vector<DiagnosticSink> function_sinks(app.functions.size());
  const TemplateFormat format = !options.render_files ? TemplateFormat::kNone
                                : options.template_format == TemplateSyntax::kJson
                                    ? TemplateFormat::kJson
                                    : TemplateFormat::kYaml;
  ParallelFor(flow_count + app.functions.size(), options.jobs, [&](size_t i) {
    if (i >= flow_count) {
      const size_t f = i - flow_count;
      const ir::FunctionId fn{static_cast<uint32_t>(f)};
      if (app.functions[f].existing) return;  // outside the application: no role, no code
      function_roles[f] = PrepareFunctionRole(app, fn, format, function_sinks[f]);
      if (options.render_files) configurations[f] = LambdaConfiguration(app, fn);
      return;
    }
    const ir::FlowId id{static_cast<uint32_t>(i)};
    // A flow's state names are its own: no other flow's definition reads them.
    NameStates(app.flows[i].graph);
    if (app.flows[i].existing) return;  // outside the application: no definition, no role
    switch (LanguageOf(app.flows[i], options)) {
      case QueryLanguage::kJsonata:
        definitions[i] = EmitAsl(app, id);
        break;
      case QueryLanguage::kJsonPath:
        definitions[i] = EmitJsonPathAsl(app, id, flow_sinks[i]);
        break;
    }
    // The emitters can join literals of the program into `{{resolve:` (E0640 catches the
    // literals themselves): CloudFormation would resolve it in the definition.
    if (HoldsDynamicReference(definitions[i].asl)) {
      const ir::Flow& flow = app.flows[i];
      flow_sinks[i]
          .Emit(flow.span, diag::DefinitionFlowHoldsResolveJoined, flow.name)
          .Note(
              "split the text so that no literal part runs `{{` into `resolve:`, or read the "
              "value at run time");
    }
    // The definition's texts and its state machine's role are written here, in parallel; the
    // definition's tree goes now.
    RenderDefinition(definitions[i], format);
    PrepareRole(app, definitions[i], format, flow_sinks[i]);
    sizes[i] = definitions[i].json.size();
    // `check` needs only the size (E0604): a quarter less peak memory (docs/performance.md).
    if (!options.render_files) std::string().swap(definitions[i].json);
  });
  for (DiagnosticSink& flow_sink : flow_sinks) sink.Absorb(flow_sink);
  for (size_t i = 0; i < app.flows.size(); ++i) {
    if (sizes[i] > kMaxDefinitionBytes) {
      sink.Emit(app.flows[i].span, diag::DefinitionTooLarge, app.flows[i].name, sizes[i] / 1024)
          .Note("split the flow: move parts into flows of their own and `run` them");
    }
    if (options.render_files && !app.flows[i].existing) {
      files["statemachines/" + app.flows[i].name + ".asl.json"] = std::move(definitions[i].json);
    }
  }
  if (options.render_files) {
    for (size_t i = 0; i < app.functions.size(); ++i) {
      if (app.functions[i].existing) continue;
      files["functions/" + app.functions[i].name + ".json"] = std::move(configurations[i]);
    }
  }
  for (DiagnosticSink& function_sink : function_sinks) sink.Absorb(function_sink);
  TemplateOptions template_options;
  template_options.output_dir = options.output_dir;
  template_options.function_roles = std::move(function_roles);
  Json stack = BuildTemplate(app, definitions, template_options, sink);
  if (!options.render_files) return files;
  if (format == TemplateFormat::kJson) {
    files["template.json"] = RenderJson(stack, definitions);
  } else {
    files["template.yaml"] = RenderYaml(stack, definitions, options.jobs);
  }
  return files;
}

std::string EmitFlowDefinition(ir::App& app, ir::FlowId id, const Options& options,
                               DiagnosticSink& sink) {
  NameStates(app.flows[id.index].graph);
  FlowDefinition definition;
  switch (LanguageOf(app.flows[id.index], options)) {
    case QueryLanguage::kJsonata:
      definition = EmitAsl(app, id);
      break;
    case QueryLanguage::kJsonPath:
      definition = EmitJsonPathAsl(app, id, sink);
      break;
  }
  RenderDefinition(definition, TemplateFormat::kNone);
  return std::move(definition.json);
}

std::string TemplateLogicalId(const ir::App& app, ir::EntityRef ref) { return LogicalId(app, ref); }

std::string LogicalIdPrefix(std::string_view entity_name) { return PascalCase(entity_name); }

}  // namespace caios::aws
