#include "backends/aws/target.h"

#include <algorithm>
#include <cstdint>
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

size_t MaxCycleFunctionName() { return kMaxCycleFunctionName; }

namespace {

// How many times `word` occurs in `text`, overlapping occurrences too.
size_t Occurrences(std::string_view text, std::string_view word) {
  size_t count = 0;
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    ++count;
  }
  return count;
}

size_t Growth(size_t from, size_t to) { return to > from ? to - from : 0; }

}  // namespace

size_t DefinitionGrowthBound(const ir::Flow& flow, std::string_view definition,
                             std::string_view old_name, std::string_view new_name) {
  const std::string old_prefix = LogicalIdPrefix(old_name);
  const std::string new_prefix = LogicalIdPrefix(new_name);
  if (old_name.empty() || old_prefix.empty()) return SIZE_MAX;
  // Every string of the definition; an escaped quote counts too, which only adds.
  const size_t strings = Occurrences(definition, "\"") / 2 + 1;
  // A placeholder's key takes a number when the definition's text holds the key already: the
  // first free one, so at most one per string above two.
  const size_t key_digits = std::to_string(strings + 2).size();
  const size_t per_name = std::max(Growth(old_name.size(), new_name.size()),
                                   Growth(old_prefix.size(), new_prefix.size())) +
                          key_digits;
  size_t names = Occurrences(definition, old_name);
  if (old_prefix != old_name) names += Occurrences(definition, old_prefix);
  size_t bound = names * per_name;
  // State names come from the source text; each is unique and cut to kMaxStateName bytes. When
  // none holds the old name (nor its prefix) and none was cut (or is near enough the limit to
  // be cut with a ` (n)`), every state keeps its name.
  const bool states_change =
      std::any_of(flow.graph.states.begin(), flow.graph.states.end(), [&](const ir::State& state) {
        return state.name.size() + 4 > kMaxStateName ||
               state.name.find(old_name) != std::string::npos ||
               state.name.find(old_prefix) != std::string::npos;
      });
  // Else any string may be a state name, which becomes at most kMaxStateName bytes, each
  // character escaped in at most 6 bytes (a control character).
  if (states_change) bound += strings * 6 * kMaxStateName;
  return bound;
}

}  // namespace caios::aws
