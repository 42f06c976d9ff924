// Triggers (`on R.event -> target`): Lambda event source mappings, EventBridge pipes, rules
// and SNS subscriptions, with the permissions and roles each needs.
#include "backends/aws/iam/policies.h"

#include "backends/aws/cloudformation/stack.h"
#include "backends/aws/common/existing.h"
#include "compiler/base/invariant.h"

namespace caios::aws {
namespace {

using K = ir::EntityRef::Kind;

// Lambda's and Pipes' StartingPosition; LATEST when the program names none.
Json StartingPosition(const ir::Trigger& t) {
  switch (t.starting_position.value_or(ir::Trigger::Starting::kLatest)) {
    case ir::Trigger::Starting::kLatest:
      return "LATEST";
    case ir::Trigger::Starting::kTrimHorizon:
      return "TRIM_HORIZON";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown starting position");
  return "LATEST";
}

// The ARN a mapping or pipe reads: a queue's or stream's, or a table's stream.
Json SourceArn(const ir::App& app, ir::EntityRef source) {
  if (source.kind == K::kTable) return GetAtt(LogicalId(app, source), "StreamArn");
  return ArnOf(app, source);
}

void EmitEventSourceMapping(Stack& stack, const ir::Trigger& t, const std::string& id) {
  const ir::App& app = stack.app();
  Json props = Json::object();
  // An existing function by its ARN: the name alone would be the stack's account's.
  props["FunctionName"] = GivenByArn(app.ExistingOf(t.target.entity))
                              ? ArnOf(app, t.target.entity)
                              : PhysicalNameOf(app, t.target.entity);
  props["EventSourceArn"] = SourceArn(app, t.source);
  if (t.batch_size) props["BatchSize"] = *t.batch_size;
  std::optional<int64_t> window = t.window_seconds;
  // Lambda refuses an SQS batch over 10 without a batching window (FIFO batches are ≤ 10).
  if (t.source.kind == K::kQueue && t.batch_size && *t.batch_size > 10 && !window) window = 1;
  if (window) props["MaximumBatchingWindowInSeconds"] = *window;
  if (t.source.kind == K::kQueue) {
    if (t.concurrency) props["ScalingConfig"] = Json{{"MaximumConcurrency", *t.concurrency}};
  } else {
    props["StartingPosition"] = StartingPosition(t);
    if (t.retries) props["MaximumRetryAttempts"] = *t.retries;
    if (t.parallelization) props["ParallelizationFactor"] = *t.parallelization;
    if (t.max_record_age_seconds) props["MaximumRecordAgeInSeconds"] = *t.max_record_age_seconds;
    if (t.bisect) props["BisectBatchOnFunctionError"] = true;
    if (t.on_failure.valid()) {
      props["DestinationConfig"] =
          Json{{"OnFailure", Json{{"Destination", ArnOf(app, t.on_failure)}}}};
    }
  }
  props["FunctionResponseTypes"] = Json::array({"ReportBatchItemFailures"});
  stack.AddResource(id, "AWS::Lambda::EventSourceMapping", std::move(props), t.span);
}

void EmitPipe(Stack& stack, const ir::Trigger& t, const std::string& id) {
  const ir::App& app = stack.app();
  const std::string role = id + "Role";
  PolicyBuilder policy;
  AllowOn(policy, app, t.source, ConsumeActions(t.source.kind));
  policy.Allow({"states:StartExecution"}, {ArnOf(app, t.target.entity)});
  if (t.on_failure.valid()) {
    AllowOn(policy, app, t.on_failure, FailureDestinationActions(t.on_failure.kind));
  }
  stack.AddResource(role, "AWS::IAM::Role",
                    RoleProperties("pipes.amazonaws.com", t.name, policy, /*source_account=*/true),
                    t.span);
  Json source = Json::object();
  if (t.source.kind == K::kQueue) {
    if (t.batch_size) source["BatchSize"] = *t.batch_size;
    if (t.window_seconds) source["MaximumBatchingWindowInSeconds"] = *t.window_seconds;
  } else {
    source["StartingPosition"] = StartingPosition(t);
    if (t.batch_size) source["BatchSize"] = *t.batch_size;
    if (t.window_seconds) source["MaximumBatchingWindowInSeconds"] = *t.window_seconds;
    if (t.retries) source["MaximumRetryAttempts"] = *t.retries;
    if (t.parallelization) source["ParallelizationFactor"] = *t.parallelization;
    if (t.max_record_age_seconds) {
      source["MaximumRecordAgeInSeconds"] = *t.max_record_age_seconds;
    }
    if (t.bisect) source["OnPartialBatchItemFailure"] = "AUTOMATIC_BISECT";
    if (t.on_failure.valid()) source["DeadLetterConfig"] = Json{{"Arn", ArnOf(app, t.on_failure)}};
  }
  const char* source_key = t.source.kind == K::kQueue    ? "SqsQueueParameters"
                           : t.source.kind == K::kStream ? "KinesisStreamParameters"
                                                         : "DynamoDBStreamParameters";
  Json props = Json::object();
  props["RoleArn"] = GetAtt(role, "Arn");
  props["Source"] = SourceArn(app, t.source);
  if (!source.empty()) props["SourceParameters"] = Json{{source_key, std::move(source)}};
  props["Target"] = ArnOf(app, t.target.entity);
  props["TargetParameters"] =
      Json{{"StepFunctionStateMachineParameters", Json{{"InvocationType", "FIRE_AND_FORGET"}}}};
  stack.AddResource(id, "AWS::Pipes::Pipe", std::move(props), t.span);
}

// Lets `principal` invoke the trigger's function from `source_arn`.
void EmitInvokePermission(Stack& stack, const ir::Trigger& t, const std::string& id,
                          std::string_view principal, Json source_arn) {
  stack.AddResource(id + "Permission", "AWS::Lambda::Permission",
                    Json{{"Action", "lambda:InvokeFunction"},
                         {"FunctionName", ArnOf(stack.app(), t.target.entity)},
                         {"Principal", std::string(principal)},
                         {"SourceArn", std::move(source_arn)}},
                    t.span);
}

// `\*` for a literal star in an EventBridge wildcard pattern.
std::string EscapeWildcard(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void EmitRule(Stack& stack, const ir::Trigger& t, const std::string& id) {
  const ir::App& app = stack.app();
  Json props = Json::object();
  Json pattern = Json::object();
  if (t.source.kind == K::kBucket) {
    pattern["source"] = Json::array({"aws.s3"});
    pattern["detail-type"] =
        Json::array({t.event == "deleted" ? "Object Deleted" : "Object Created"});
    Json detail = Json{{"bucket", Json{{"name", Json::array({PhysicalNameOf(app, t.source)})}}}};
    Json key;
    if (t.prefix && t.suffix) {
      key = Json{{"wildcard", EscapeWildcard(*t.prefix) + "*" + EscapeWildcard(*t.suffix)}};
    } else if (t.prefix) {
      key = Json{{"prefix", *t.prefix}};
    } else if (t.suffix) {
      key = Json{{"suffix", *t.suffix}};
    }
    if (!key.is_null()) detail["object"] = Json{{"key", Json::array({std::move(key)})}};
    pattern["detail"] = std::move(detail);
  } else {
    props["EventBusName"] =
        GivenByArn(app.ExistingOf(t.source)) ? ArnOf(app, t.source) : PhysicalNameOf(app, t.source);
    if (t.event_source) pattern["source"] = Json::array({*t.event_source});
    pattern["detail-type"] = Json::array({t.event});
  }
  props["EventPattern"] = std::move(pattern);
  props["State"] = "ENABLED";
  Json target = Json{{"Id", "Target"}, {"Arn", ArnOf(app, t.target.entity)}};
  if (t.target.entity.kind == K::kFlow) {
    const std::string role = id + "Role";
    PolicyBuilder policy;
    policy.Allow({"states:StartExecution"}, {ArnOf(app, t.target.entity)});
    stack.AddResource(
        role, "AWS::IAM::Role",
        RoleProperties("events.amazonaws.com", t.name, policy, /*source_account=*/true), t.span);
    target["RoleArn"] = GetAtt(role, "Arn");
    // A flow's input is an object with a field per parameter: the event goes under the first
    // (a `whole` flow takes the event itself).
    const ir::Flow& flow = app.flows[t.target.entity.index];
    if (!flow.params.empty() && !flow.whole_input) {
      target["InputTransformer"] = Json{
          {"InputTemplate", "{\"" + flow.params.front().name + "\": <aws.events.event.json>}"}};
    }
  }
  props["Targets"] = Json::array({std::move(target)});
  stack.AddResource(id, "AWS::Events::Rule", std::move(props), t.span);
  if (t.target.entity.kind == K::kFunction) {
    EmitInvokePermission(stack, t, id, "events.amazonaws.com", GetAtt(id, "Arn"));
  }
}

void EmitTrigger(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Trigger& t = app.triggers[index];
  if (!t.source.valid() || !t.target.entity.valid()) return;
  const std::string id = LogicalId(app, {K::kTrigger, index});
  const bool to_flow = t.target.entity.kind == K::kFlow;
  switch (t.source.kind) {
    case K::kQueue:
    case K::kStream:
    case K::kTable:
      if (to_flow) {
        EmitPipe(stack, t, id);
      } else {
        EmitEventSourceMapping(stack, t, id);
      }
      break;
    case K::kBucket:
    case K::kEventBus:
      EmitRule(stack, t, id);
      break;
    case K::kTopic:
      if (to_flow) {
        stack.sink()
            .Emit(t.span, diag::TopicStartFlowDirectly, app.NameOf(t.source),
                  app.NameOf(t.target.entity))
            .Note("SNS delivers to functions, queues and HTTP endpoints, not to state machines")
            .Note("send the messages to a queue and use `on QUEUE.message -> start " +
                  app.NameOf(t.target.entity) + "`, or target a function that starts the flow");
        break;
      }
      stack.AddResource(id, "AWS::SNS::Subscription",
                        Json{{"Protocol", "lambda"},
                             {"TopicArn", ArnOf(app, t.source)},
                             {"Endpoint", ArnOf(app, t.target.entity)}},
                        t.span);
      EmitInvokePermission(stack, t, id, "sns.amazonaws.com", ArnOf(app, t.source));
      break;
    default:
      break;
  }
}

}  // namespace

void EmitTriggers(Stack& stack) {
  for (uint32_t i = 0; i < stack.app().triggers.size(); ++i) EmitTrigger(stack, i);
}

}  // namespace caios::aws
