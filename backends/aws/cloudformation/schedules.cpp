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
    // The scheduler sends the events it could not deliver to the dead-letter queue as itself.
    Json dead_letter_arn;
    if (s.dead_letter.valid()) {
      dead_letter_arn = ArnOf(app, ir::Ref(s.dead_letter));
      policy.Allow({"sqs:SendMessage"}, {dead_letter_arn});
    }
    stack.AddResource(role, "AWS::IAM::Role",
                      RoleProperties("scheduler.amazonaws.com", s.name, policy,
                                     /*source_account=*/true),
                      s.span);
    Json target{{"Arn", ArnOf(app, s.target.entity)}, {"RoleArn", GetAtt(role, "Arn")}};
    // Without an input the scheduler sends a notification of its own; a flow gets an empty
    // object of parameters instead (E0608 holds its parameters optional).
    if (flow) target["Input"] = "{}";
    if (s.retries || s.max_age_seconds) {
      Json retry = Json::object();
      if (s.max_age_seconds) retry["MaximumEventAgeInSeconds"] = *s.max_age_seconds;
      if (s.retries) retry["MaximumRetryAttempts"] = *s.retries;
      target["RetryPolicy"] = std::move(retry);
    }
    if (s.dead_letter.valid()) target["DeadLetterConfig"] = Json{{"Arn", dead_letter_arn}};
    Json properties{{"ScheduleExpression", s.expression},
                    {"FlexibleTimeWindow", Json{{"Mode", "OFF"}}},
                    {"Target", std::move(target)}};
    if (!s.timezone.empty()) properties["ScheduleExpressionTimezone"] = s.timezone;
    stack.AddResource(id, "AWS::Scheduler::Schedule", std::move(properties), s.span);
  }
}

}  // namespace caios::aws
