// Flows: AWS::StepFunctions::StateMachine with its definition's substitutions, its role and,
// when it logs, its log group.
#include "backends/aws/iam/policies.h"

#include "backends/aws/asl/placeholders.h"
#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {
namespace {

// The LoggingConfiguration.Level of a flow that logs (null for `off`, which logs nothing).
const char* LogLevel(ir::Flow::Logging logging) {
  switch (logging) {
    case ir::Flow::Logging::kOff:
      return nullptr;
    case ir::Flow::Logging::kAll:
      return "ALL";
    case ir::Flow::Logging::kError:
      return "ERROR";
    case ir::Flow::Logging::kFatal:
      return "FATAL";
  }
  return nullptr;
}

void EmitStateMachine(Stack& stack, const FlowDefinition& def, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::FlowId flow_id{index};
  const ir::Flow& flow = app.flow(flow_id);
  const ir::EntityRef self = ir::Ref(flow_id);
  const std::string id = LogicalId(app, self);
  const std::string role = id + "Role";
  const std::string log_group = id + "LogGroup";
  const bool logging = LogLevel(flow.logging) != nullptr;

  if (logging) {
    // Under /aws/vendedlogs/ so that log delivery does not grow the account's Logs resource
    // policy with one entry per state machine.
    stack.AddResource(
        log_group, "AWS::Logs::LogGroup",
        Json{{"LogGroupName", Sub("/aws/vendedlogs/states/" + StateMachineNameText(app, self))},
             {"RetentionInDays", LogRetentionDays(std::nullopt)}},
        flow.span);
  }
  stack.AddResource(role, "AWS::IAM::Role",
                    def.role_prepared ? MakeStandIn(StandIn::kRoleProperties, index)
                                      : StateMachineRoleProperties(app, flow_id, stack.sink()),
                    flow.span);

  Json props = Json::object();
  props["StateMachineName"] = Sub(StateMachineNameText(app, self));
  props["StateMachineType"] = flow.express ? "EXPRESS" : "STANDARD";
  props["RoleArn"] = GetAtt(role, "Arn");
  props["Definition"] = MakeStandIn(StandIn::kDefinition, index);
  if (!def.placeholders.empty()) {
    Json substitutions = Json::object();
    for (const Placeholder& p : def.placeholders) {
      substitutions[p.name] = AddressOf(app, p.target, p.attribute);
    }
    props["DefinitionSubstitutions"] = std::move(substitutions);
  }
  if (logging) {
    props["LoggingConfiguration"] = Json{
        {"Level", LogLevel(flow.logging)},
        {"IncludeExecutionData", true},
        {"Destinations", Json::array({Json{{"CloudWatchLogsLogGroup",
                                            Json{{"LogGroupArn", GetAtt(log_group, "Arn")}}}}})}};
  }
  if (flow.tracing) props["TracingConfiguration"] = Json{{"Enabled", true}};
  Json& machine =
      stack.AddResource(id, "AWS::StepFunctions::StateMachine", std::move(props), flow.span);
  if (HoldsLiteralSubstitutionText(def)) {
    // The program's own `${…}` text is meant literally and is never substituted
    // (placeholders.h); tell cfn-lint so its E1029 ("forgotten Fn::Sub") does not fire.
    machine["Metadata"] =
        Json{{"cfn-lint", Json{{"config", Json{{"ignore_checks", Json::array({"E1029"})}}}}}};
  }
  stack.AddOutput(id + "Arn", "ARN of state machine " + flow.name, Ref(id));
}

}  // namespace

void EmitStateMachines(Stack& stack, const std::vector<FlowDefinition>& flows) {
  for (uint32_t i = 0; i < flows.size(); ++i) {
    // A flow outside the application (`existing`) has no state machine, role or log group.
    if (!stack.app().flows[i].existing) EmitStateMachine(stack, flows[i], i);
  }
}

}  // namespace caios::aws
