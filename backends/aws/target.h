// The AWS target: the one interface through which the driver reaches everything AWS. A target
// is its Limits (which the check phase consults) and two functions over the target-neutral IR —
// Validate (the target's rules and quotas) and Emit (the files) — and another target would
// provide the same three (docs/architecture.md, "Targets").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/base/files.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/target/limits.h"

namespace caios::aws {

// The language of a state machine's data paths and expressions (ASL's QueryLanguage).
enum class QueryLanguage { kJsonata, kJsonPath };
// The words of the command line (`--query-language`) and of a flow's `query` option
// (`jsonata`, `jsonpath`); nullopt for any other.
std::optional<QueryLanguage> ParseQueryLanguage(std::string_view word);

enum class TemplateSyntax { kYaml, kJson };

struct Options {
  QueryLanguage query_language = QueryLanguage::kJsonata;  // flows without `query`
  TemplateSyntax template_format = TemplateSyntax::kYaml;
  // The absolute folder the files will be written to (the template's Code paths are relative
  // to it); empty for `check`.
  std::filesystem::path output_dir;
  // False for `check`: only what can report a diagnostic runs; no file text is kept.
  bool render_files = true;
  unsigned jobs = 0;  // flows emitted in parallel; 0: one thread per core
};

// Step Functions: "Maximum request size: 1 MB per request" bounds a definition (Step Functions
// quotas, "Quotas related to API action throttling / state machine definitions"); Emit reports a
// larger one (E0604).
inline constexpr size_t kMaxDefinitionBytes = 1024 * 1024;

// The longest name a function invoking itself through its grants may have: it is named
// `<stack name>-<name>`, which must fit Lambda's 64 characters; Validate reports a longer one
// (E0508).
size_t MaxCycleFunctionName();

// AWS's limits on the values a program writes (name lengths, Lambda memory, SQS visibility,
// Map concurrency, ...), for the check phase to judge at the program's spans.
const target::Limits& TargetLimits();

// AWS's rules and quotas that the IR alone decides (Lambda's 64-character function names,
// Step Functions' 256 KiB between states); run on every application lowered, whether or not
// lowering reported errors.
void Validate(const ir::App& app, const Options& options, DiagnosticSink& sink);

// The application's files, relative to its folder: `statemachines/F.asl.json` per flow,
// `functions/F.json` per function, `template.yaml` (or `.json`). Names the states of every
// flow as Step Functions takes them first (unique, ≤ 80 bytes), so `app` changes. Reports
// what only emitting finds (a definition over 1 MiB, a stack over 500 resources, …).
OutputFiles Emit(ir::App& app, const Options& options, DiagnosticSink& sink);

// One flow's definition as Emit writes it to `statemachines/<flow>.asl.json` (its states named
// first, so `app` changes), without the rest of the application: what an editor shows of a flow
// (docs/editors.md). What emitting it finds goes to `sink`.
std::string EmitFlowDefinition(ir::App& app, ir::FlowId flow, const Options& options,
                               DiagnosticSink& sink);

// The logical ID of an entity's main resource in the template Emit writes (`OrdersTable`,
// `CheckoutStateMachine`): how an editor finds the entity in the output (docs/editors.md).
std::string TemplateLogicalId(const ir::App& app, ir::EntityRef ref);

// What every logical ID and template parameter that Emit derives from an entity named
// `entity_name` (its IR name: a declaration's, `<target>_schedule` for an unnamed schedule,
// `<source>_<event>_<target>` for a trigger, digits appended where lowering made it unique)
// starts with: the name in PascalCase, letters and digits only (`order_events` → `OrderEvents`;
// common/names.h's PascalCase, which every logical ID is made with). The only logical IDs no
// entity's name derives are the parameters the program names itself (`existing param P`). So
// entities whose prefixes are not one the start of the other never
// share a logical ID: how the language server decides a rename of a declaration without
// emitting the renamed program (docs/architecture.md, "The language server").
std::string LogicalIdPrefix(std::string_view entity_name);

// Which logical IDs can meet: a trigger's end in `Trigger`, `TriggerRole` or
// `TriggerPermission`, a schedule's in `Schedule` or `ScheduleRole`, and no other logical ID
// ends so; two entities of different classes never share a logical ID, whatever their prefixes.
enum class IdClass { kTrigger, kSchedule, kOther };

// At most how many bytes `definition`, the definition of `flow` as EmitFlowDefinition wrote it
// (its states named), grows by when a name written in the flow's text, `old_name`, becomes the
// longer `new_name` (a declaration's, a variable's or a parameter's); SIZE_MAX when it cannot
// tell. What it assumes of the emitters: a definition holds such a name only as itself (the
// comment `flow <name>`, `${AWS::StackName}-<name>`, a variable's `$<name>` or key, state
// names made from the source text) or as its LogicalIdPrefix (placeholders: the logical ID
// and an attribute, a digit or more when the definition's own text holds that key already),
// names contain no character JSON escapes, and every other string that changes is a state
// name, whole (at most kMaxStateName bytes, JSON escapes aside), which changes only when some
// state's name holds the old name or its prefix or was cut to fit. How the language server
// decides a longer rename without emitting the renamed program (docs/architecture.md, "The
// language server"); the unit tests compare it with the renamed program's definitions.
size_t DefinitionGrowthBound(const ir::Flow& flow, std::string_view definition,
                             std::string_view old_name, std::string_view new_name);

}  // namespace caios::aws
