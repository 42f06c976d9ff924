// The CloudFormation template of an application (one stack) and its YAML and JSON renderings.
// Entry point of backends/aws/cloudformation.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "backends/aws/asl/definition.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

struct TemplateOptions {
  std::filesystem::path output_dir;  // absolute final output folder; Code paths are relative to it
};

// Builds the whole stack. `flows[i]` is the ASL of app.flows[i] (same order), with placeholders.
// Reports E0601 (a grant that does not apply), E0602 (topic → flow), E0603 (logical ID clash)
// and W0601 (unscoped permissions).
nlohmann::ordered_json BuildTemplate(const ir::App& app, const std::vector<FlowDefinition>& flows,
                                     const TemplateOptions& options, DiagnosticSink& sink);

// Block YAML with long-form intrinsics (`Fn::GetAtt: [X, Arn]`); strings YAML would read as
// another type (`"true"`, `"123"`, `"null"`, `""`) are quoted. Deterministic.
std::string RenderYaml(const nlohmann::ordered_json& doc);
// Two-space indented JSON with a trailing newline.
std::string RenderJson(const nlohmann::ordered_json& doc);

}  // namespace caios::aws
