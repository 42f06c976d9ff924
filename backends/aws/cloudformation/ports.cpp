// APIs: an HTTP API (AWS::ApiGatewayV2::Api) with a `$default` stage and, per route, an
// integration (Lambda proxy, or Step Functions StartExecution / StartSyncExecution) and a route.
#include <set>

#include "backends/aws/iam/policy.h"

#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {
namespace {

using K = ir::EntityRef::Kind;

std::string MethodName(std::string_view method) {
  std::string out;
  for (size_t i = 0; i < method.size(); ++i) {
    out += static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(method[i]))
                                    : std::tolower(static_cast<unsigned char>(method[i])));
  }
  return out;
}

// `/orders/{id}` → `orders/*`: the resource path of an execute-api ARN.
std::string ArnPath(std::string_view path) {
  std::string out;
  bool in_param = false;
  for (char c : path.substr(path.starts_with('/') ? 1 : 0)) {
    if (c == '{') {
      in_param = true;
      out += '*';
    } else if (c == '}') {
      in_param = false;
    } else if (!in_param) {
      out += c;
    }
  }
  return out;
}

bool IsFlowRoute(const ir::Route& r) { return r.target.entity.kind == K::kFlow; }

void EmitApi(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Api& api = app.apis[index];
  const std::string id = LogicalId(app, {K::kApi, index});
  stack.AddResource(id, "AWS::ApiGatewayV2::Api",
                    Json{{"Name", Sub("${AWS::StackName}-" + api.name)}, {"ProtocolType", "HTTP"}},
                    api.span);
  stack.AddResource(id + "DefaultStage", "AWS::ApiGatewayV2::Stage",
                    Json{{"ApiId", Ref(id)}, {"StageName", "$default"}, {"AutoDeploy", true}},
                    api.span);

  // One role for the API's Step Functions integrations, allowed exactly their calls.
  const std::string role = id + "Role";
  PolicyBuilder policy;
  for (const ir::Route& r : api.routes) {
    if (!IsFlowRoute(r)) continue;
    const bool run = r.target.mode == ir::Target::Mode::kRun;
    policy.Allow({run ? "states:StartSyncExecution" : "states:StartExecution"},
                 {ArnOf(app, r.target.entity)});
  }
  if (!policy.empty()) {
    stack.AddResource(role, "AWS::IAM::Role",
                      RoleProperties("apigateway.amazonaws.com", api.name, policy), api.span);
  }

  std::set<std::string> names;
  for (const ir::Route& r : api.routes) {
    if (!r.target.entity.valid()) continue;
    std::string base = id + MethodName(r.method) + PascalCase(r.path);
    std::string name = base;
    for (int n = 2; !names.insert(name).second; ++n) name = base + std::to_string(n);
    const std::string integration = name + "Integration";
    Json props = Json{{"ApiId", Ref(id)}, {"IntegrationType", "AWS_PROXY"}};
    if (IsFlowRoute(r)) {
      const bool run = r.target.mode == ir::Target::Mode::kRun;
      props["IntegrationSubtype"] =
          run ? "StepFunctions-StartSyncExecution" : "StepFunctions-StartExecution";
      props["CredentialsArn"] = GetAtt(role, "Arn");
      props["PayloadFormatVersion"] = "1.0";
      props["RequestParameters"] =
          Json{{"StateMachineArn", ArnOf(app, r.target.entity)}, {"Input", "$request.body"}};
    } else {
      props["IntegrationUri"] = ArnOf(app, r.target.entity);
      props["PayloadFormatVersion"] = "2.0";
      const std::string method = r.method == "ANY" ? "*" : r.method;
      stack.AddResource(name + "Permission", "AWS::Lambda::Permission",
                        Json{{"Action", "lambda:InvokeFunction"},
                             {"FunctionName", ArnOf(app, r.target.entity)},
                             {"Principal", "apigateway.amazonaws.com"},
                             {"SourceArn", Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
                                               "${AWS::AccountId}:${" +
                                               id + "}/*/" + method + "/" + ArnPath(r.path))}},
                        r.span);
    }
    stack.AddResource(integration, "AWS::ApiGatewayV2::Integration", std::move(props), r.span);
    stack.AddResource(name + "Route", "AWS::ApiGatewayV2::Route",
                      Json{{"ApiId", Ref(id)},
                           {"RouteKey", r.method + " " + r.path},
                           {"Target", Sub("integrations/${" + integration + "}")}},
                      r.span);
  }
  stack.AddOutput(id + "Url", "URL of API " + api.name,
                  Sub("https://${" + id + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"));
}

}  // namespace

void EmitApis(Stack& stack) {
  for (uint32_t i = 0; i < stack.app().apis.size(); ++i) EmitApi(stack, i);
}

}  // namespace caios::aws
