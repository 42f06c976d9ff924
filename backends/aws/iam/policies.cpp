#include "backends/aws/iam/policies.h"

#include <map>
#include <set>
#include <tuple>

#include "backends/aws/common/existing.h"
#include "backends/aws/common/names.h"
#include "backends/aws/iam/athena_calls.h"
#include "backends/aws/iam/bedrock_calls.h"
#include "backends/aws/iam/code_list.h"
#include "backends/aws/iam/scoped_calls.h"
#include "compiler/aws_models/bedrock.h"

namespace caios::aws {
namespace {

using K = ir::EntityRef::Kind;

const std::vector<std::string> kTracingActions = {
    "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords",
    "xray:PutTraceSegments"};

// CloudWatch Logs vended-log delivery: AWS documents these for a state machine's logging and
// none of them can be scoped to a log group.
const std::vector<std::string> kLogDeliveryActions = {
    "logs:CreateLogDelivery",        "logs:DeleteLogDelivery", "logs:DescribeLogGroups",
    "logs:DescribeResourcePolicies", "logs:GetLogDelivery",    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",        "logs:UpdateLogDelivery"};

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// `Unscoped` + letters and digits of the service and operation (a Sid allows nothing else).
std::string UnscopedSid(std::string_view service, std::string_view operation, bool sync) {
  return "Unscoped" + PascalCase(service) + PascalCase(operation) + (sync ? "Sync" : "");
}

Json ManagedRuleArn(std::string_view rule) {
  return Sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/" +
             std::string(rule));
}

// The grants of a function's or a flow's `uses` (`from`: who holds the role).
void GrantPolicy(PolicyBuilder& policy, const ir::App& app, const std::vector<ir::Grant>& grants,
                 Referrer from, DiagnosticSink& sink) {
  for (const ir::Grant& grant : grants) {
    const bool express = grant.target.kind == K::kFlow && app.flows.at(grant.target.index).express;
    for (ir::Permission p : grant.permissions) {
      std::vector<ActionSet> sets = GrantActions(p, grant.target.kind, express);
      if (!sets.empty()) {
        AllowOn(policy, app, grant.target, sets, from);
        continue;
      }
      const char* kind = ir::KindName(grant.target.kind);
      Diagnostic& d = sink.Emit(grant.span, diag::PermissionNotApplicable, ir::Spelling(p), kind,
                                app.NameOf(grant.target));
      std::vector<std::string> names;
      for (ir::Permission q : PermissionsFor(grant.target.kind)) {
        names.push_back(std::string("`") + ir::Spelling(q) + "`");
      }
      if (names.empty()) {
        d.Note(std::string("no permission applies to a ") + kind + "; remove it from `uses`");
      } else {
        d.Note(std::string("the permissions of a ") + kind + " are " + Join(names));
      }
    }
  }
}

// `uses aws.<service>(action, …)`: SDK actions on services outside the program, which no
// declared resource scopes.
void ServiceGrantPolicy(PolicyBuilder& policy, const ir::Function& f, DiagnosticSink& sink) {
  std::set<std::pair<std::string, std::string>> granted;  // once per service and action
  for (const ir::ServiceGrant& grant : f.service_grants) {
    for (const auto& [operation, span] : grant.operations) {
      if (!granted.emplace(grant.service, operation).second) continue;
      const std::vector<std::string> actions = ServiceCallActions(grant.service, operation);
      const std::string sid = UnscopedSid(grant.service, operation, false);
      policy.AllowEverywhere(sid, actions);
      sink.Emit(span, diag::AwsAllowedEveryResource, grant.service, operation)
          .Note("function `" + f.name + "`'s role gets " + CodeList(actions) +
                " on `\"Resource\": \"*\"` in statement `" + sid + "`");
    }
  }
}

using CallKey = std::tuple<std::string, std::string, bool>;  // service, operation, sync

// The ARNs a call is scoped to by a literal parameter that names its resource
// (scoped_calls.h), or nothing when it stays on `*`: a `.sync` call is scoped only when its
// job's actions are too.
std::optional<ScopedCall> CallScope(const ir::App& app, const ir::Access& a, const SyncJob& job) {
  std::optional<ScopedCall> scoped = ScopeServiceCall(a.service, a.operation, a.literal_params);
  if (!scoped) scoped = ScopeEntityCall(app, a);
  if (scoped && !job.actions.empty() && scoped->sync_resources.empty()) return std::nullopt;
  return scoped;
}

SyncJob JobOf(const ir::Access& a) {
  return a.sync ? SyncJobActions(a.service, a.operation) : SyncJob{};
}

// The first unscoped call of each action in the source, where W0601 points: a flow's accesses
// are recorded as its statements are lowered, back to front.
std::map<CallKey, const ir::Access*> FirstCalls(const ir::App& app, ir::FlowId flow_id) {
  std::map<CallKey, const ir::Access*> first;
  for (const ir::Access& a : app.AccessesOf(flow_id)) {
    if (a.kind != ir::Access::Kind::kServiceCall) continue;
    if (aws_models::IsBedrockInvoke(a.service, a.operation)) continue;  // BedrockInvokePolicy
    if (CallScope(app, a, JobOf(a))) continue;
    auto [it, inserted] = first.emplace(CallKey{a.service, a.operation, a.sync}, &a);
    const Span& s = it->second->span;
    if (!inserted && std::tie(a.span.file.value, a.span.begin) < std::tie(s.file.value, s.begin)) {
      it->second = &a;
    }
  }
  return first;
}

void ServiceCallPolicy(PolicyBuilder& policy, const ir::App& app, const ir::Access& a,
                       DiagnosticSink& sink, const std::map<CallKey, const ir::Access*>& first) {
  if (aws_models::IsBedrockInvoke(a.service, a.operation)) {
    BedrockInvokePolicy(policy, app, a, sink);
    return;
  }
  std::vector<std::string> actions = ServiceCallActions(a.service, a.operation);
  const SyncJob job = JobOf(a);
  const std::optional<ScopedCall> scoped = CallScope(app, a, job);
  if (scoped) {
    if (scoped->split.empty()) policy.Allow(actions, scoped->resources);
    for (const ScopedStatement& st : scoped->split) policy.Allow(st.actions, st.resources);
    for (const ScopedStatement& st : scoped->data) policy.Allow(st.actions, st.resources);
    if (!job.actions.empty()) policy.Allow(job.actions, scoped->sync_resources);
  } else {
    actions.insert(actions.end(), job.actions.begin(), job.actions.end());
    policy.AllowEverywhere(UnscopedSid(a.service, a.operation, a.sync), actions);
  }
  if (!job.events_rule.empty())
    policy.Allow(ManagedRuleActions(), {ManagedRuleArn(job.events_rule)});
  AthenaQueryPolicy(policy, app, a, sink);  // what Athena reads with the caller's credentials
  // Handing a role to a service needs iam:PassRole on that role.
  if (!a.passed_roles.empty()) {
    std::vector<Json> roles(a.passed_roles.begin(), a.passed_roles.end());
    policy.Allow({"iam:PassRole"}, roles);
  }
  if (a.passes_unknown_role) {
    policy.AllowEverywhere("UnscopedPassRole", {"iam:PassRole"});
    sink.Emit(a.span, diag::AwsHandsOverRoleCompiler, a.service, a.operation)
        .Note(
            "the role gets `iam:PassRole` on `\"Resource\": \"*\"` in statement "
            "`UnscopedPassRole`; write the role ARN as a string literal to scope it");
  }
  if (scoped) return;
  if (first.at(CallKey{a.service, a.operation, a.sync}) != &a) return;
  Diagnostic& d =
      sink.Emit(a.span, diag::AwsAllowedEveryResource, a.service, a.operation)
          .Note("the role gets " + CodeList(actions) + " on `\"Resource\": \"*\"` in statement `" +
                UnscopedSid(a.service, a.operation, a.sync) + "`");
  if (std::optional<ExistingSuggestion> existing = SuggestExisting(app, a)) {
    if (existing->declared) {
      d.Note("`" + existing->literal + "` is the " + existing->kind + " `" +
             existing->value.substr(0, existing->value.find('.')) + "`: write `" +
             existing->parameter + ": " + existing->value + "` to scope the grant to it");
      return;
    }
    d.Note("if `" + existing->literal + "` is a " + existing->kind +
           " that exists outside the application, declare it `" + existing->declaration + "`" +
           (existing->kind == "table" ? " with its key" : "") + " and write `" +
           existing->parameter + ": " + existing->value +
           "`: the grant is then scoped to it (docs/language.md, \"Resources that already "
           "exist\")");
  }
}

}  // namespace

Json ScopeArn(const ir::App& app, ir::EntityRef ref, Scope scope, Referrer from) {
  switch (scope) {
    case Scope::kEntity:
      // A secret's ARN ends in 6 random characters that its name does not give.
      if (const ir::Existing* secret = ref.kind == K::kSecret ? app.ExistingOf(ref) : nullptr) {
        return ExistingSecretPolicyArn(*secret);
      }
      return ArnOf(app, ref, from);
    case Scope::kObjects:
      return ArnWithSuffix(app, ref, "/*");
    case Scope::kIndexes:
      return ArnWithSuffix(app, ref, "/index/*");
    case Scope::kVersions:
      return ArnWithSuffix(app, ref, ":*", from);
    case Scope::kTableStream:
      return GetAtt(LogicalId(app, ref), "StreamArn");
    case Scope::kExecutions:
      return ExecutionsArn(app, ref);
  }
  return ArnOf(app, ref);
}

void AllowOn(PolicyBuilder& policy, const ir::App& app, ir::EntityRef ref,
             const std::vector<ActionSet>& sets, Referrer from) {
  for (const ActionSet& set : sets) {
    std::vector<Json> resources;
    for (Scope scope : set.scopes) {
      // A table without indexes has nothing under /index/.
      if (scope == Scope::kIndexes && app.tables.at(ref.index).indexes.empty()) continue;
      resources.push_back(ScopeArn(app, ref, scope, from));
    }
    policy.Allow(set.actions, resources);
  }
}

PolicyBuilder FunctionPolicy(const ir::App& app, ir::FunctionId fn, const Json& log_group_arn,
                             DiagnosticSink& sink) {
  const ir::Function& f = app.function(fn);
  PolicyBuilder policy;
  policy.Allow({"logs:CreateLogStream", "logs:PutLogEvents"}, {log_group_arn});
  GrantPolicy(policy, app, f.grants, Referrer::kFunction, sink);
  ServiceGrantPolicy(policy, f, sink);
  // Event source mappings poll their source with the function's role.
  for (const ir::Trigger& t : app.triggers) {
    if (t.target.entity != ir::Ref(fn)) continue;
    if (t.source.kind == K::kQueue || t.source.kind == K::kStream || t.source.kind == K::kTable) {
      AllowOn(policy, app, t.source, ConsumeActions(t.source.kind));
    }
    if (t.on_failure.valid()) {
      AllowOn(policy, app, t.on_failure, FailureDestinationActions(t.on_failure.kind));
    }
  }
  if (f.tracing)
    policy.AllowEverywhere("Tracing", {"xray:PutTelemetryRecords", "xray:PutTraceSegments"});
  return policy;
}

PolicyBuilder StateMachinePolicy(const ir::App& app, ir::FlowId flow_id, DiagnosticSink& all_sink) {
  const ir::Flow& flow = app.flow(flow_id);
  // A test's role is never deployed: its warnings (W0601 for an unscoped call) say nothing.
  DiagnosticSink test_sink;
  DiagnosticSink& sink = flow.test ? test_sink : all_sink;
  struct KeepErrors {
    DiagnosticSink& from;
    DiagnosticSink& to;
    ~KeepErrors() {
      if (&from != &to) to.AbsorbErrors(from);
    }
  } keep{sink, all_sink};
  const ir::EntityRef self = ir::Ref(flow_id);
  PolicyBuilder policy;
  const std::map<CallKey, const ir::Access*> first_calls = FirstCalls(app, flow_id);
  GrantPolicy(policy, app, flow.grants, Referrer::kOther, sink);
  using A = ir::Access::Kind;
  for (const ir::Access& a : app.AccessesOf(flow_id)) {
    switch (a.kind) {
      case A::kResourceOp:
        AllowOn(policy, app, a.to, ResourceOpActions(a.resource_op));
        break;
      case A::kInvoke:
        AllowOn(policy, app, a.to, GrantActions(ir::Permission::kInvoke, K::kFunction));
        break;
      case A::kStartFlow:
        policy.Allow({"states:StartExecution"}, {ArnOf(app, a.to)});
        break;
      case A::kRunFlow:
        // startExecution.sync:2 polls the child and watches it through a managed rule.
        policy.Allow({"states:StartExecution"}, {ArnOf(app, a.to)});
        policy.Allow({"states:DescribeExecution", "states:StopExecution"},
                     {ExecutionsArn(app, a.to)});
        policy.Allow(ManagedRuleActions(),
                     {ManagedRuleArn("StepFunctionsGetEventsForStepFunctionsExecutionRule")});
        break;
      case A::kServiceCall:
        ServiceCallPolicy(policy, app, a, sink, first_calls);
        break;
      case A::kHttp:
        policy.Allow({"states:InvokeHTTPEndpoint"}, {ArnOf(app, self)});
        if (a.to.kind == K::kConnection) {
          policy.Allow({"events:RetrieveConnectionCredentials"}, {ArnOf(app, a.to)});
          policy.Allow({"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"},
                       {GetAtt(LogicalId(app, a.to), "SecretArn")});
        }
        break;
      case A::kItemRead:
        // A bucket named at run time with `within: "*"`: the program opted into every bucket
        // (docs/iam.md, "Buckets named at run time"); otherwise `to` is the bucket.
        switch (a.item_source) {
          case ir::ItemSource::Kind::kObjects:
            policy.Allow({"s3:ListBucket"},
                         {a.any_bucket ? Sub("arn:${AWS::Partition}:s3:::*") : ArnOf(app, a.to)});
            break;
          case ir::ItemSource::Kind::kCsv:
          case ir::ItemSource::Kind::kJsonl:
          case ir::ItemSource::Kind::kJson:
          case ir::ItemSource::Kind::kManifest:
            policy.Allow({"s3:GetObject"}, {a.any_bucket ? Sub("arn:${AWS::Partition}:s3:::*/*")
                                                         : ScopeArn(app, a.to, Scope::kObjects)});
            break;
        }
        break;
      case A::kResultWrite:
        policy.Allow({"s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts",
                      "s3:PutObject"},
                     {ScopeArn(app, a.to, Scope::kObjects)});
        break;
      case A::kChildFlows: {
        // A distributed map starts executions of its own state machine; their ARNs are
        // `execution:<name>/<map run>:<execution>`.
        policy.Allow({"states:StartExecution"}, {ArnOf(app, self)});
        policy.Allow({"states:DescribeExecution", "states:StopExecution"},
                     {Sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:"
                          "execution:" +
                          StateMachineNameText(app, self) + "/*")});
        break;
      }
    }
  }
  if (flow.logging != ir::Flow::Logging::kOff)
    policy.AllowEverywhere("Logging", kLogDeliveryActions);
  if (flow.tracing) policy.AllowEverywhere("Tracing", kTracingActions);
  return policy;
}

}  // namespace caios::aws
