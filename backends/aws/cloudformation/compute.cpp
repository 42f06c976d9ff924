// Functions: AWS::Lambda::Function with its own log group and execution role.
#include <algorithm>
#include <array>

#include "backends/aws/iam/policies.h"
#include "backends/aws/lambda/configuration.h"

#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {
namespace {

constexpr int64_t kDefaultLogRetentionDays = 30;

}  // namespace

int64_t LogRetentionDays(std::optional<int64_t> days) {
  // CloudWatch Logs accepts only these periods: round up to the next one.
  static constexpr std::array<int64_t, 22> kAllowed = {1,    3,    5,    7,    14,   30,  60,  90,
                                                       120,  150,  180,  365,  400,  545, 731, 1096,
                                                       1827, 2192, 2557, 2922, 3288, 3653};
  const int64_t want = days.value_or(kDefaultLogRetentionDays);
  for (int64_t allowed : kAllowed) {
    if (allowed >= want) return allowed;
  }
  return kAllowed.back();
}

Json FunctionRoleProperties(const ir::App& app, ir::FunctionId fn, DiagnosticSink& sink) {
  const ir::Function& f = app.function(fn);
  const std::string log_group = LogicalId(app, ir::Ref(fn)) + "LogGroup";
  PolicyBuilder policy = FunctionPolicy(app, fn, GetAtt(log_group, "Arn"), sink);
  return RoleProperties("lambda.amazonaws.com", f.name, policy);
}

namespace {

void EmitFunction(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::FunctionId fn{index};
  const ir::Function& f = app.function(fn);
  if (f.existing) return;  // outside the application: nothing to create
  const std::string id = LogicalId(app, ir::Ref(fn));
  const std::string log_group = id + "LogGroup";
  const std::string role = id + "Role";

  stack.AddResource(log_group, "AWS::Logs::LogGroup",
                    Json{{"RetentionInDays", LogRetentionDays(f.log_retention_days)}}, f.span);
  const std::vector<std::string>& prepared = stack.options().function_roles;
  stack.AddResource(role, "AWS::IAM::Role",
                    prepared.empty() ? FunctionRoleProperties(app, fn, stack.sink())
                                     : MakeTextStandIn(prepared.at(index)),
                    f.span);

  Json props = Json::object();
  if (auto name = FunctionNameText(app, ir::Ref(fn))) props["FunctionName"] = Sub(*name);
  const bool image = !f.image.empty();
  if (image) {
    props["PackageType"] = "Image";
    props["Code"] = Json{{"ImageUri", f.image}};
  } else {
    props["Runtime"] = f.runtime;
    props["Handler"] = f.handler;
    // A local folder, relative to the template, for `aws cloudformation package` to upload.
    std::filesystem::path code(f.code_dir);
    std::string relative = code.lexically_relative(stack.options().output_dir).generic_string();
    props["Code"] = relative.empty() ? f.code_dir : relative;
  }
  props["Role"] = GetAtt(role, "Arn");
  props["MemorySize"] = f.memory_mb;
  props["Timeout"] = f.timeout_seconds;
  props["Architectures"] = Json::array({f.arm64 ? "arm64" : "x86_64"});
  if (f.ephemeral_mb) props["EphemeralStorage"] = Json{{"Size", *f.ephemeral_mb}};
  Json variables = Json::object();
  for (const EnvironmentEntry& e : FunctionEnvironment(app, fn)) {
    variables[e.key] =
        e.literal ? Json(*e.literal) : AddressOf(app, e.target, e.attribute, Referrer::kFunction);
  }
  if (!variables.empty()) props["Environment"] = Json{{"Variables", std::move(variables)}};
  if (f.reserved_concurrency) props["ReservedConcurrentExecutions"] = *f.reserved_concurrency;
  if (!image && !f.layers.empty()) props["Layers"] = f.layers;
  if (f.tracing) props["TracingConfig"] = Json{{"Mode", "Active"}};
  props["LoggingConfig"] = Json{{"LogFormat", "Text"}, {"LogGroup", Ref(log_group)}};
  stack.AddResource(id, "AWS::Lambda::Function", std::move(props), f.span);
}

}  // namespace

void EmitFunctions(Stack& stack) {
  for (uint32_t i = 0; i < stack.app().functions.size(); ++i) EmitFunction(stack, i);
}

}  // namespace caios::aws
