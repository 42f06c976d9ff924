// The CloudFormation template of an application (one stack) and its YAML and JSON renderings.
// Entry point of backends/aws/cloudformation.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "backends/aws/asl/definition.h"
#include "backends/aws/common/json.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

struct TemplateOptions {
  std::filesystem::path output_dir;  // absolute final output folder; Code paths are relative to it
  // The Properties of each function's role as PrepareFunctionRole wrote them on the emitting
  // threads (its diagnostics reported there), or empty: BuildTemplate builds them.
  std::vector<std::string> function_roles;
};

// Builds the whole stack. `flows[i]` is the ASL of app.flows[i] (same order), with placeholders.
// Reports E0601 (a grant that does not apply), E0602 (topic → flow), E0603 (logical ID clash)
// and W0601 (unscoped permissions).
Json BuildTemplate(const ir::App& app, const std::vector<FlowDefinition>& flows,
                   const TemplateOptions& options, DiagnosticSink& sink);

enum class TemplateFormat { kNone, kYaml, kJson };

// Writes `def.asl` as its file (`def.json`: two-space indented JSON with a trailing newline)
// and, unless `format` is kNone, as the template in that format holds it (`def.in_template`),
// notes whether it holds literal `${` text, and frees the tree. BuildTemplate and the renderers
// use the text: a large template then neither copies nor walks the definitions again.
void RenderDefinition(FlowDefinition& def, TemplateFormat format);

// Builds the Properties of the IAM role of `def`'s state machine (its policy reports into
// `sink`) and writes them in `format` (`def.role_in_template`), so that the threads that emit
// the definitions also build the roles, and BuildTemplate neither builds nor walks them.
void PrepareRole(const ir::App& app, FlowDefinition& def, TemplateFormat format,
                 DiagnosticSink& sink);

// Builds the Properties of function `fn`'s IAM role (its policy reports into `sink`) and
// returns them written in `format` (empty for kNone), for TemplateOptions::function_roles.
std::string PrepareFunctionRole(const ir::App& app, ir::FunctionId fn, TemplateFormat format,
                                DiagnosticSink& sink);

// Block YAML with long-form intrinsics (`Fn::GetAtt: [X, Arn]`); strings YAML would read as
// another type (`"true"`, `"123"`, `"null"`, `""`) are quoted. Deterministic. The stand-ins
// BuildTemplate puts in `doc` for a state machine's `Definition` and role refer to `flows` (the
// vector given to BuildTemplate).
std::string RenderYaml(const Json& doc, const std::vector<FlowDefinition>& flows = {},
                       unsigned jobs = 1);
// Two-space indented JSON with a trailing newline.
std::string RenderJson(const Json& doc, const std::vector<FlowDefinition>& flows = {});

// Room to reserve for the template of `doc`: twice the definitions' and roles' texts (which
// the template indents) and 1 KiB per resource; only a reservation, not a bound. Reserving it
// once saves growing the text by doubling, whose copies touch twice the memory
// (docs/performance.md).
size_t TemplateBytesEstimate(const Json& doc, const std::vector<FlowDefinition>& flows);

// What RenderYaml writes after `key:` for `value` at indentation 0.
std::string RenderYamlValue(const Json& value);

}  // namespace caios::aws
