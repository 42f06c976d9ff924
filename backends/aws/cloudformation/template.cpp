#include "backends/aws/cloudformation/template.h"

#include "backends/aws/cloudformation/stack.h"
#include "compiler/base/invariant.h"

namespace caios::aws {

Json& Stack::AddResource(const std::string& id, std::string_view type, Json properties, Span span) {
  if (resource_ids_.count(id)) {
    sink_
        .Report(DiagCode::kBackendLogicalIdClash, span,
                "this declaration's resource `" + id + "` clashes with another of that name")
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
  auto& entries = resources_.get_ref<Json::object_t&>();
  entries.emplace_back(id, std::move(resource));
  return entries.back().second;
}

void Stack::AddParameter(const std::string& id, Json parameter) {
  parameters_[id] = std::move(parameter);
}

void Stack::AddOutput(const std::string& id, std::string_view description, Json value) {
  Json output{{"Description", std::string(description)}, {"Value", std::move(value)}};
  if (output_ids_.insert(id).second) {
    outputs_.get_ref<Json::object_t&>().emplace_back(id, std::move(output));
  } else {
    outputs_[id] = std::move(output);
  }
}

Json Stack::Finish() {
  // CloudFormation quotas: "Resources: maximum number of resources that you can declare in
  // your CloudFormation template: 500".
  constexpr size_t kMaxResources = 500;
  if (resource_ids_.size() > kMaxResources) {
    sink_
        .Report(DiagCode::kBackendTooManyResources, app_.span,
                "the template declares " + std::to_string(resource_ids_.size()) +
                    " resources; CloudFormation accepts at most 500 in one stack")
        .Note("split the program into applications of their own (one root file each)");
  }
  Json doc = Json::object();
  doc["AWSTemplateFormatVersion"] = "2010-09-09";
  doc["Description"] = "caios application " + app_.name;
  if (!parameters_.empty()) doc["Parameters"] = std::move(parameters_);
  doc["Resources"] = std::move(resources_);
  if (!outputs_.empty()) doc["Outputs"] = std::move(outputs_);
  return doc;
}

void SetRetention(Json& resource, bool retain) {
  resource["DeletionPolicy"] = retain ? "Retain" : "Delete";
  resource["UpdateReplacePolicy"] = retain ? "Retain" : "Delete";
}

nlohmann::ordered_json BuildTemplate(const ir::App& app, const std::vector<FlowDefinition>& flows,
                                     const TemplateOptions& options, DiagnosticSink& sink) {
  CAIOS_CHECK_INVARIANT(flows.size() == app.flows.size());
  Stack stack(app, options, sink);
  EmitStorage(stack);
  EmitBuses(stack);
  EmitFunctions(stack);
  EmitStateMachines(stack, flows);
  EmitApis(stack);
  EmitSchedules(stack);
  EmitTriggers(stack);
  return stack.Finish();
}

std::string RenderJson(const nlohmann::ordered_json& doc) {
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace caios::aws
