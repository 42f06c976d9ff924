// APIs: a REST API (AWS::ApiGateway::RestApi) with a resource per path prefix, a method per
// route (Lambda proxy, or a Step Functions StartExecution / StartSyncExecution integration whose
// responses give the route's status), a deployment and a stage.
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "backends/aws/iam/policy.h"

#include "backends/aws/cloudformation/api_auth.h"
#include "backends/aws/cloudformation/api_cors.h"
#include "backends/aws/cloudformation/request_templates.h"
#include "backends/aws/cloudformation/response_templates.h"
#include "backends/aws/cloudformation/stack.h"
#include "backends/aws/common/existing.h"

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

// The stage every API is deployed to: its URL is
// `https://<id>.execute-api.<region>.<suffix>/prod/`.
constexpr const char* kStageName = "prod";

// FNV-1a: a stable short hash of the API's methods for the deployment's logical ID (a REST API
// is redeployed only when its Deployment resource is replaced).
std::string ShortHash(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) out += kHex[(h >> (60 - 4 * i)) & 0xf];
  return out;
}

// A Step Functions integration: the request (its body, or the parts the flow's parameters name)
// becomes the input of StartExecution (`start`) or StartSyncExecution (`run`), and the
// integration responses give the route's status.
Json FlowIntegration(const ir::App& app, const ir::Route& r, const std::string& role) {
  const bool run = r.target.mode == ir::Target::Mode::kRun;
  Json responses = Json::array();
  if (run) {
    // The flow's output, or a `response` flow's status, headers and body; a failed execution
    // answers 500 (504 when it timed out) with its error and cause (response_templates.h).
    responses.push_back(
        Json{{"StatusCode", "200"},
             {"ResponseTemplates", Json{{"application/json", RunResponseTemplate(r.response)}}}});
  } else {
    responses.push_back(Json{{"StatusCode", "202"}});
  }
  // Step Functions' own refusals (an input that is not JSON, throttling) keep their class.
  responses.push_back(Json{{"StatusCode", "400"}, {"SelectionPattern", "4\\d{2}"}});
  responses.push_back(Json{{"StatusCode", "500"}, {"SelectionPattern", "5\\d{2}"}});
  // The request as the execution's input (request_templates.h). The whole request is also
  // taken as text; the other forms read JSON bodies only (415 for other content types).
  auto sub = [&](bool json_body) {
    return Json{{"Fn::Sub", Json::array({StartRequestTemplate(r.input, json_body),
                                         Json{{"StateMachineArn", ArnOf(app, r.target.entity)}}})}};
  };
  Json templates = Json{{"application/json", sub(true)}};
  if (r.input.kind == ir::RouteInput::Kind::kRequest) {
    templates["application/x-www-form-urlencoded"] = sub(false);
    templates["text/plain"] = sub(false);
  }
  return Json{
      {"Type", "AWS"},
      {"IntegrationHttpMethod", "POST"},
      {"Uri", Sub(std::string("arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/") +
                  (run ? "StartSyncExecution" : "StartExecution"))},
      {"Credentials", GetAtt(role, "Arn")},
      {"PassthroughBehavior", "NEVER"},
      {"RequestTemplates", std::move(templates)},
      {"IntegrationResponses", std::move(responses)}};
}

// A stage MethodSetting that throttles `method` on `path` (`/*` and `*`: every method).
Json ThrottleSetting(const std::string& path, const std::string& method, const ir::Throttle& t) {
  Json setting = Json{{"ResourcePath", path}, {"HttpMethod", method}};
  if (t.rate) setting["ThrottlingRateLimit"] = *t.rate;
  if (t.burst) setting["ThrottlingBurstLimit"] = *t.burst;
  return setting;
}

// A route's resource path as MethodSettings name it: `/orders/{id}` → `/~1orders~1{id}`.
std::string SettingPath(std::string_view path) {
  std::string out = "/";
  for (char c : path) {
    if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out == "/~1" ? "/" : out;
}

// The stage's throttles: the API's for every method, then each route's own, where a value the
// route leaves out is the API's.
Json MethodSettings(const ir::Api& api) {
  Json out = Json::array();
  if (!api.throttle.empty()) out.push_back(ThrottleSetting("/*", "*", api.throttle));
  for (const ir::Route& r : api.routes) {
    if (r.throttle.empty()) continue;
    ir::Throttle t = r.throttle;
    if (!t.rate) t.rate = api.throttle.rate;
    if (!t.burst) t.burst = api.throttle.burst;
    const std::string method = r.method == ir::HttpMethod::kAny ? "*" : ir::Spelling(r.method);
    out.push_back(ThrottleSetting(SettingPath(r.path), method, t));
  }
  return out;
}

Json MethodResponses(const ir::Route& r) {
  Json out = Json::array();
  if (!IsFlowRoute(r)) return out;
  const bool run = r.target.mode == ir::Target::Mode::kRun;
  for (const char* code : run ? std::vector<const char*>{"200", "400", "500", "504"}
                              : std::vector<const char*>{"202", "400", "500"}) {
    Json response = Json{{"StatusCode", code}};
    // The headers a `response` flow sets, declared on the method's responses.
    for (const std::string& name : r.response.headers) {
      if (!IsSettableHeaderName(name)) continue;
      response["ResponseParameters"]["method.response.header." + name] = false;
    }
    out.push_back(std::move(response));
  }
  return out;
}

void EmitApi(Stack& stack, uint32_t index) {
  const ir::App& app = stack.app();
  const ir::Api& api = app.apis[index];
  const std::string id = LogicalId(app, {K::kApi, index});
  stack.AddResource(id, "AWS::ApiGateway::RestApi",
                    Json{{"Name", Sub("${AWS::StackName}-" + api.name)},
                         {"EndpointConfiguration", Json{{"Types", Json::array({"REGIONAL"})}}}},
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

  // The resource tree: one AWS::ApiGateway::Resource per path prefix, created once, in route
  // order; the root is the API's own.
  std::map<std::string, Json> resource_of{{"", GetAtt(id, "RootResourceId")}};
  std::set<std::string> names;
  auto unique = [&](const std::string& base) {
    std::string name = base;
    for (int n = 2; stack.HasResource(name) || !names.insert(name).second; ++n) {
      name = base + std::to_string(n);
    }
    return name;
  };
  auto resource = [&](const std::string& path, Span span) {
    std::string prefix;
    for (size_t at = 1; at <= path.size(); ++at) {
      const size_t slash = std::min(path.find('/', at), path.size());
      if (slash == at) continue;  // an empty segment (a trailing `/`)
      const std::string parent = prefix;
      prefix = path.substr(0, slash);
      if (!resource_of.count(prefix)) {
        const std::string name = unique(id + PascalCase(prefix) + "Resource");
        stack.AddResource(name, "AWS::ApiGateway::Resource",
                          Json{{"RestApiId", Ref(id)},
                               {"ParentId", resource_of.at(parent)},
                               {"PathPart", path.substr(at, slash - at)}},
                          span);
        resource_of[prefix] = Ref(name);
      }
      at = slash;
    }
    return resource_of.at(prefix);
  };

  std::vector<std::string> methods;
  std::string fingerprint;
  const std::string origin = api.cors ? CorsOrigin(api) : "";
  ApiAuthorizers authorizers(stack, id, api);
  for (const ir::Route& r : api.routes) {
    if (!r.target.entity.valid()) continue;
    // StartSyncExecution accepts express state machines only: on a standard flow every
    // request would fail.
    if (IsFlowRoute(r) && r.target.mode == ir::Target::Mode::kRun &&
        !app.flows.at(r.target.entity.index).express) {
      const std::string& flow = app.NameOf(r.target.entity);
      stack.sink()
          .Emit(r.span, diag::RunRouteNotExpress, ir::Spelling(r.method), r.path, flow, flow)
          .Note("StartSyncExecution runs express flows only: add `express` to the options of `" +
                flow + "` (at most five minutes), or write `-> start " + flow +
                "` to answer at once with the execution's ARN");
    }
    if (r.response.on) CheckResponseHeaders(app, api, r, stack.sink());
    Json parent = resource(r.path, r.span);
    const std::string name =
        unique(id + MethodName(ir::Spelling(r.method)) + PascalCase(r.path) + "Method");
    Json integration;
    if (IsFlowRoute(r)) {
      integration = FlowIntegration(app, r, role);
    } else {
      integration = Json{{"Type", "AWS_PROXY"},
                         {"IntegrationHttpMethod", "POST"},
                         {"Uri", LambdaInvocationUri(app, r.target.entity)}};
      // The execute-api ARN names every method `*`.
      const std::string method = r.method == ir::HttpMethod::kAny ? "*" : ir::Spelling(r.method);
      stack.AddResource(name + "Permission", "AWS::Lambda::Permission",
                        Json{{"Action", "lambda:InvokeFunction"},
                             {"FunctionName", ArnOf(app, r.target.entity)},
                             {"Principal", "apigateway.amazonaws.com"},
                             {"SourceArn", Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
                                               "${AWS::AccountId}:${" +
                                               id + "}/*/" + method + "/" + ArnPath(r.path))}},
                        r.span);
    }
    Json props = Json{{"RestApiId", Ref(id)},
                      {"ResourceId", std::move(parent)},
                      {"HttpMethod", ir::Spelling(r.method)},
                      {"AuthorizationType", "NONE"},
                      {"Integration", std::move(integration)}};
    authorizers.Apply(r, props);
    Json responses = MethodResponses(r);
    if (api.cors && IsFlowRoute(r)) {
      AddCorsOrigin(props["Integration"], responses, origin);
      AddCorsExposedHeaders(props["Integration"], responses, r.response.headers);
    }
    if (!responses.empty()) props["MethodResponses"] = std::move(responses);
    fingerprint += std::string(ir::Spelling(r.method)) + " " + r.path + " " + props.dump() + "\n";
    stack.AddResource(name, "AWS::ApiGateway::Method", std::move(props), r.span);
    methods.push_back(name);
  }
  // A REST API needs at least one method before it can be deployed.
  if (methods.empty()) return;
  if (api.cors) {
    // A preflight method on each path that has no OPTIONS route of its own, in route order.
    std::vector<std::string> paths;
    std::map<std::string, std::vector<ir::HttpMethod>> served;
    for (const ir::Route& r : api.routes) {
      if (!r.target.entity.valid()) continue;
      if (!served.count(r.path)) paths.push_back(r.path);
      served[r.path].push_back(r.method);
    }
    for (const std::string& path : paths) {
      const std::vector<ir::HttpMethod>& on_path = served[path];
      if (std::find(on_path.begin(), on_path.end(), ir::HttpMethod::kOptions) != on_path.end()) {
        continue;
      }
      const std::string name = unique(id + "Options" + PascalCase(path) + "Method");
      Json props = PreflightMethod(id, resource(path, api.span), on_path, origin);
      fingerprint += "OPTIONS " + path + " " + props.dump() + "\n";
      stack.AddResource(name, "AWS::ApiGateway::Method", std::move(props), api.span);
      methods.push_back(name);
    }
    EmitCorsGatewayResponses(stack, id, api, origin);
    methods.push_back(id + "Default4xxResponse");
    methods.push_back(id + "Default5xxResponse");
    fingerprint += "CORS " + origin + "\n";
  }
  const std::string deployment = id + "Deployment" + ShortHash(fingerprint);
  Json& d = stack.AddResource(deployment, "AWS::ApiGateway::Deployment",
                              Json{{"RestApiId", Ref(id)}}, api.span);
  d["DependsOn"] = methods;
  Json stage =
      Json{{"RestApiId", Ref(id)}, {"DeploymentId", Ref(deployment)}, {"StageName", kStageName}};
  Json settings = MethodSettings(api);
  if (!settings.empty()) stage["MethodSettings"] = std::move(settings);
  stack.AddResource(id + "Stage", "AWS::ApiGateway::Stage", std::move(stage), api.span);
  stack.AddOutput(id + "Url", "URL of API " + api.name,
                  Sub("https://${" + id + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" +
                      kStageName + "/"));
}

}  // namespace

void EmitApis(Stack& stack) {
  for (uint32_t i = 0; i < stack.app().apis.size(); ++i) EmitApi(stack, i);
}

Json LambdaInvocationUri(const ir::App& app, ir::EntityRef function) {
  if (app.ExistingOf(function)) {
    return JoinParts(
        Json::array({"arn:", Ref("AWS::Partition"), ":apigateway:", Ref("AWS::Region"),
                     ":lambda:path/2015-03-31/functions/", ArnOf(app, function), "/invocations"}));
  }
  return Sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" +
             LogicalId(app, function) + ".Arn}/invocations");
}

}  // namespace caios::aws
