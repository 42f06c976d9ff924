#include "backends/aws/cloudformation/api_auth.h"

namespace caios::aws {

std::string ApiAuthorizers::AuthorizerFor(const ir::Auth& auth, Span span) {
  const ir::App& app = stack_.app();
  const bool function = auth.kind == ir::Auth::Kind::kFunction;
  const std::string key =
      function ? "function " + app.NameOf(ir::Ref(auth.function)) : "pool " + auth.user_pool_arn;
  if (auto it = created_.find(key); it != created_.end()) return it->second;
  std::string name;
  std::string id;
  if (function) {
    name = app.NameOf(ir::Ref(auth.function));
    id = api_id_ + PascalCase(name) + "Authorizer";
  } else {
    size_t pools = 1;
    for (const auto& [k, v] : created_) pools += k.starts_with("pool ") ? 1 : 0;
    name = pools == 1 ? "cognito" : "cognito" + std::to_string(pools);
    id = api_id_ +
         (pools == 1 ? "CognitoAuthorizer" : "Cognito" + std::to_string(pools) + "Authorizer");
  }
  const std::string base = id;
  for (int n = 2; stack_.HasResource(id); ++n) id = base + std::to_string(n);
  Json props = Json{{"RestApiId", Ref(api_id_)},
                    {"Name", name},
                    {"IdentitySource", "method.request.header.Authorization"}};
  if (function) {
    props["Type"] = "TOKEN";
    props["AuthorizerUri"] = LambdaInvocationUri(app, ir::Ref(auth.function));
    stack_.AddResource(id, "AWS::ApiGateway::Authorizer", std::move(props), span);
    // API Gateway calls the function for this authorizer only.
    stack_.AddResource(id + "Permission", "AWS::Lambda::Permission",
                       Json{{"Action", "lambda:InvokeFunction"},
                            {"FunctionName", ArnOf(app, ir::Ref(auth.function))},
                            {"Principal", "apigateway.amazonaws.com"},
                            {"SourceArn", Sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:"
                                              "${AWS::AccountId}:${" +
                                              api_id_ + "}/authorizers/${" + id + "}")}},
                       span);
  } else {
    props["Type"] = "COGNITO_USER_POOLS";
    props["ProviderARNs"] = Json::array({auth.user_pool_arn});
    stack_.AddResource(id, "AWS::ApiGateway::Authorizer", std::move(props), span);
  }
  created_[key] = id;
  return id;
}

void ApiAuthorizers::Apply(const ir::Route& route, Json& method_properties) {
  const ir::Auth& auth = route.auth.kind == ir::Auth::Kind::kInherit ? api_.auth : route.auth;
  switch (auth.kind) {
    case ir::Auth::Kind::kInherit:
    case ir::Auth::Kind::kNone:
      method_properties["AuthorizationType"] = "NONE";
      return;
    case ir::Auth::Kind::kIam:
      method_properties["AuthorizationType"] = "AWS_IAM";
      return;
    case ir::Auth::Kind::kFunction:
      method_properties["AuthorizationType"] = "CUSTOM";
      break;
    case ir::Auth::Kind::kCognito:
      method_properties["AuthorizationType"] = "COGNITO_USER_POOLS";
      break;
  }
  method_properties["AuthorizerId"] = Ref(AuthorizerFor(auth, route.span));
}

}  // namespace caios::aws
