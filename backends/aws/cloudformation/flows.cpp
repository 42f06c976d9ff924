// Flows: AWS::StepFunctions::StateMachine with its definition's substitutions, its role and,
// when it logs, its log group.
#include "backends/aws/iam/policies.h"

#include "backends/aws/asl/placeholders.h"
#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {
namespace {

const char* LogLevel(const std::string& logging) {
  if (logging == "error") return "ERROR";
  if (logging == "fatal") return "FATAL";
  return "ALL";
}

void EmitStateMachine(Stack& stack, const FlowDefinition& def, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::FlowId flow_id{index};
  const ir::Flow& flow = app.flow(flow_id);
  const ir::EntityRef self = ir::Ref(flow_id);
  const std::string id = LogicalId(app, self);
  const std::string role = id + "Role";
  const std::string log_group = id + "LogGroup";
  const bool logging = flow.logging != "off";

  if (logging) {
    // Under /aws/vendedlogs/ so that log delivery does not grow the account's Logs resource
    // policy with one entry per state machine.
    stack.AddResource(
        log_group, "AWS::Logs::LogGroup",
        Json{{"LogGroupName", Sub("/aws/vendedlogs/states/" + StateMachineNameText(app, self))},
             {"RetentionInDays", LogRetentionDays(std::nullopt)}},
        flow.span);
  }
  PolicyBuilder policy = StateMachinePolicy(app, flow_id, stack.sink());
  stack.AddResource(role, "AWS::IAM::Role",
                    RoleProperties("states.amazonaws.com", flow.name, policy), flow.span);

  if (HoldsDynamicReference(def.asl)) {
    stack.sink()
        .Report(DiagCode::kDynamicReference, flow.span,
                "the definition of flow `" + flow.name +
                    "` holds `{{resolve:`, joined from strings of the program, which "
                    "CloudFormation would resolve when the stack is deployed")
        .Note(
            "split the text so that no literal part runs `{{` into `resolve:`, or read the "
            "value at run time");
  }
  Json props = Json::object();
  props["StateMachineName"] = Sub(StateMachineNameText(app, self));
  props["StateMachineType"] = flow.express ? "EXPRESS" : "STANDARD";
  props["RoleArn"] = GetAtt(role, "Arn");
  props["Definition"] = def.asl;
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
  stack.AddResource(id, "AWS::StepFunctions::StateMachine", std::move(props), flow.span);
  stack.AddOutput(id + "Arn", "ARN of state machine " + flow.name, Ref(id));
}

}  // namespace

void EmitStateMachines(Stack& stack, const std::vector<FlowDefinition>& flows) {
  for (uint32_t i = 0; i < flows.size(); ++i) EmitStateMachine(stack, flows[i], i);
}

}  // namespace caios::aws
