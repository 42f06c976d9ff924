#include "backends/aws/cloudformation/template.h"

#include <functional>
#include <optional>
#include <string_view>

#include "backends/aws/asl/placeholders.h"
#include "backends/aws/cloudformation/stack.h"
#include "backends/aws/common/json.h"
#include "backends/aws/common/json_writer.h"
#include "backends/aws/iam/policies.h"
#include "backends/aws/iam/policy.h"
#include "compiler/base/invariant.h"

namespace caios::aws {

namespace {

Json ToObject(std::vector<std::pair<std::string, Json>>& entries) {
  Json object = Json::object();
  auto& members = object.get_ref<Json::object_t&>();
  members.reserve(entries.size());
  for (auto& [key, value] : entries) members.emplace_back(std::move(key), std::move(value));
  entries.clear();
  return object;
}

}  // namespace

Json& Stack::AddResource(const std::string& id, std::string_view type, Json properties, Span span) {
  if (resource_ids_.count(id)) {
    sink_.Emit(span, diag::ThisDeclarationSResourceClashes, id)
        .Note("rename one of the two declarations");
    // Keep going with a distinct ID so that later references stay well formed.
    std::string other = id;
    for (int n = 2; resource_ids_.count(other); ++n) other = id + std::to_string(n);
    return AddResource(other, type, std::move(properties), span);
  }
  Json resource = Json::object();
  resource["Type"] = std::string(type);
  resource["Properties"] = std::move(properties);
  resource_ids_.insert(id);
  resources_.emplace_back(id, std::move(resource));
  return resources_.back().second;
}

void Stack::AddParameter(const std::string& id, Json parameter, std::string_view what) {
  if (!what.empty()) {
    for (const auto& [program_id, span] : program_parameters_) {
      if (program_id != id) continue;
      sink_.Emit(span, diag::ExistingParameterTaken, id, what).Note("name the parameter otherwise");
      return;
    }
  }
  parameters_[id] = std::move(parameter);
}

void Stack::AddProgramParameter(const std::string& id, Json parameter, Span span) {
  program_parameters_.emplace_back(id, span);
  parameters_[id] = std::move(parameter);
}

void Stack::AddOutput(const std::string& id, std::string_view description, Json value) {
  Json output{{"Description", std::string(description)}, {"Value", std::move(value)}};
  auto [at, added] = output_index_.emplace(id, outputs_.size());
  if (added) {
    outputs_.emplace_back(id, std::move(output));
  } else {
    outputs_[at->second].second = std::move(output);
  }
}

Json Stack::Finish() {
  // CloudFormation quotas: "Resources: maximum number of resources that you can declare in
  // your CloudFormation template: 500".
  constexpr size_t kMaxResources = 500;
  if (resource_ids_.size() > kMaxResources) {
    sink_.Emit(app_.span, diag::TooManyResources, resource_ids_.size())
        .Note("split the program into applications of their own (one root file each)");
  }
  for (const auto& [id, span] : program_parameters_) {
    if (resource_ids_.count(id)) {
      sink_.Emit(span, diag::ExistingParameterClash, id)
          .Note(
              "parameters and resources share the template's logical IDs; name the parameter "
              "otherwise");
    }
  }
  Json doc = Json::object();
  doc["AWSTemplateFormatVersion"] = "2010-09-09";
  doc["Description"] = "caios application " + app_.name;
  if (!metadata_.empty()) doc["Metadata"] = std::move(metadata_);
  if (!parameters_.empty()) doc["Parameters"] = std::move(parameters_);
  doc["Resources"] = ToObject(resources_);
  if (!outputs_.empty()) doc["Outputs"] = ToObject(outputs_);
  return doc;
}

void SetRetention(Json& resource, bool retain) {
  resource["DeletionPolicy"] = retain ? "Retain" : "Delete";
  resource["UpdateReplacePolicy"] = retain ? "Retain" : "Delete";
}

Json BuildTemplate(const ir::App& app, const std::vector<FlowDefinition>& flows,
                   const TemplateOptions& options, DiagnosticSink& sink) {
  CAIOS_CHECK_INVARIANT(flows.size() == app.flows.size());
  Stack stack(app, options, sink);
  EmitExistingParameters(stack);
  EmitStorage(stack);
  EmitBuses(stack);
  EmitFunctions(stack);
  EmitStateMachines(stack, flows);
  EmitApis(stack);
  EmitSchedules(stack);
  EmitTriggers(stack);
  return stack.Finish();
}

Json MakeStandIn(StandIn kind, uint32_t flow_index) {
  return Json::binary({static_cast<uint8_t>(kind)}, flow_index);
}

Json MakeTextStandIn(std::string_view text) {
  Json::binary_t::container_type bytes;
  bytes.reserve(text.size() + 1);
  bytes.push_back(static_cast<uint8_t>(StandIn::kText));
  bytes.insert(bytes.end(), text.begin(), text.end());
  return Json::binary(std::move(bytes), 0);
}

std::string PrepareFunctionRole(const ir::App& app, ir::FunctionId fn, TemplateFormat format,
                                DiagnosticSink& sink) {
  const Json properties = FunctionRoleProperties(app, fn, sink);
  std::string text;
  if (format == TemplateFormat::kYaml) {
    text = RenderYamlValue(properties);
  } else if (format == TemplateFormat::kJson) {
    JsonWriter(text).Value(properties);
  }
  return text;
}

Json StateMachineRoleProperties(const ir::App& app, ir::FlowId flow, DiagnosticSink& sink) {
  return RoleProperties("states.amazonaws.com", app.flow(flow).name,
                        StateMachinePolicy(app, flow, sink));
}

void PrepareRole(const ir::App& app, FlowDefinition& def, TemplateFormat format,
                 DiagnosticSink& sink) {
  const Json properties = StateMachineRoleProperties(app, def.flow, sink);
  def.role_in_template.clear();
  if (format == TemplateFormat::kYaml) {
    def.role_in_template = RenderYamlValue(properties);
  } else if (format == TemplateFormat::kJson) {
    JsonWriter(def.role_in_template).Value(properties);
  }
  def.role_prepared = true;
}

namespace {

// The text a stand-in stands for, or null for a definition not rendered yet.
std::optional<std::string_view> StandInText(const Json& stand_in,
                                            const std::vector<FlowDefinition>& flows,
                                            const FlowDefinition*& def) {
  const auto& binary = stand_in.get_binary();
  CAIOS_CHECK_INVARIANT(binary.has_subtype() && !binary.empty());
  switch (static_cast<StandIn>(binary[0])) {
    case StandIn::kText:
      return std::string_view(reinterpret_cast<const char*>(binary.data()) + 1, binary.size() - 1);
    case StandIn::kRoleProperties:
      def = &flows.at(binary.subtype());
      CAIOS_CHECK_INVARIANT(def->role_prepared);
      return def->role_in_template;
    case StandIn::kDefinition:
      def = &flows.at(binary.subtype());
      if (def->rendered) return def->in_template;
      return std::nullopt;
  }
  CAIOS_CHECK_INVARIANT(false);
  return std::nullopt;
}

}  // namespace

void WriteStandIn(const Json& stand_in, const std::vector<FlowDefinition>& flows,
                  const std::function<void(const Json&)>& write_tree,
                  const std::function<void(std::string_view)>& write_text) {
  const FlowDefinition* def = nullptr;
  if (std::optional<std::string_view> text = StandInText(stand_in, flows, def)) {
    write_text(*text);
  } else {
    write_tree(def->asl);
  }
}

bool HoldsLiteralSubstitutionText(const FlowDefinition& def) {
  return def.rendered ? def.literal_substitution_text
                      : HoldsLiteralSubstitutionText(def.asl, def.placeholders);
}

void RenderDefinition(FlowDefinition& def, TemplateFormat format) {
  def.json.clear();
  JsonWriter(def.json).Value(def.asl);
  if (format == TemplateFormat::kYaml) {
    def.in_template = RenderYamlValue(def.asl);
  } else if (format == TemplateFormat::kJson) {
    def.in_template = def.json;
  }
  def.json += '\n';
  // From the text: a scan of it instead of another walk of the tree.
  def.literal_substitution_text = TextHoldsLiteralSubstitution(def.json, def.placeholders);
  def.asl = nullptr;
  def.rendered = true;
}

size_t TemplateBytesEstimate(const Json& doc, const std::vector<FlowDefinition>& flows) {
  size_t bytes = size_t{1} << 16;
  for (const FlowDefinition& def : flows) {
    bytes += 2 * (def.in_template.size() + def.role_in_template.size());
  }
  if (doc.is_object()) {
    auto resources = doc.find("Resources");
    if (resources != doc.end()) bytes += resources->size() * 1024;
  }
  return bytes;
}

std::string RenderJson(const Json& doc, const std::vector<FlowDefinition>& flows) {
  std::string out;
  out.reserve(TemplateBytesEstimate(doc, flows));
  JsonWriter writer(out);
  writer.set_splice([&](const Json& stand_in, JsonWriter& w) {
    WriteStandIn(
        stand_in, flows, [&](const Json& tree) { w.Value(tree); },
        [&](std::string_view text) { w.Raw(text); });
  });
  writer.Value(doc);
  out += '\n';
  return out;
}

}  // namespace caios::aws
