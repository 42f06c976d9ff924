// Schedules: AWS::Scheduler::Schedule with a role allowed to start exactly its target.
#include "backends/aws/iam/policy.h"

#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {

void EmitSchedules(Stack& stack) {
  const ir::App& app = stack.app();
  for (uint32_t i = 0; i < app.schedules.size(); ++i) {
    const ir::Schedule& s = app.schedules[i];
    if (!s.target.entity.valid()) continue;
    const std::string id = LogicalId(app, {ir::EntityRef::Kind::kSchedule, i});
    const std::string role = id + "Role";
    const bool flow = s.target.entity.kind == ir::EntityRef::Kind::kFlow;
    PolicyBuilder policy;
    if (flow) {
      // A schedule cannot wait for a result: `run` starts the flow as `start` does.
      policy.Allow({"states:StartExecution"}, {ArnOf(app, s.target.entity)});
    } else {
      policy.Allow({"lambda:InvokeFunction"}, {ArnOf(app, s.target.entity)});
    }
    stack.AddResource(role, "AWS::IAM::Role",
                      RoleProperties("scheduler.amazonaws.com", s.name, policy,
                                     /*source_account=*/true),
                      s.span);
    Json target{{"Arn", ArnOf(app, s.target.entity)}, {"RoleArn", GetAtt(role, "Arn")}};
    // Without an input the scheduler sends a notification of its own; a flow gets an empty
    // object of parameters instead (E0608 holds its parameters optional).
    if (flow) target["Input"] = "{}";
    stack.AddResource(id, "AWS::Scheduler::Schedule",
                      Json{{"ScheduleExpression", s.expression},
                           {"FlexibleTimeWindow", Json{{"Mode", "OFF"}}},
                           {"Target", std::move(target)}},
                      s.span);
  }
}

}  // namespace caios::aws
