#include "backends/aws/cloudformation/api_cors.h"

#include <algorithm>

#include "backends/aws/cloudformation/response_templates.h"

namespace caios::aws {
namespace {

constexpr const char* kOrigin = "method.response.header.Access-Control-Allow-Origin";
constexpr const char* kMethods = "method.response.header.Access-Control-Allow-Methods";
constexpr const char* kHeaders = "method.response.header.Access-Control-Allow-Headers";
constexpr const char* kExposed = "method.response.header.Access-Control-Expose-Headers";
// The request headers API Gateway's console allows by default.
constexpr const char* kAllowedHeaders =
    "'Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token'";

std::string AllowedMethods(const std::vector<ir::HttpMethod>& methods) {
  std::vector<std::string> names = {"OPTIONS"};
  for (ir::HttpMethod m : methods) {
    if (m == ir::HttpMethod::kAny) {
      names = {"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"};
      break;
    }
    names.push_back(ir::Spelling(m));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out = "'";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? "," : "") + names[i];
  return out + "'";
}

}  // namespace

std::string CorsOrigin(const ir::Api& api) { return "'" + api.cors_origin + "'"; }

Json PreflightMethod(const std::string& api_id, Json resource,
                     const std::vector<ir::HttpMethod>& methods, const std::string& origin) {
  return Json{
      {"RestApiId", Ref(api_id)},
      {"ResourceId", std::move(resource)},
      {"HttpMethod", "OPTIONS"},
      {"AuthorizationType", "NONE"},
      {"Integration",
       Json{{"Type", "MOCK"},
            {"RequestTemplates", Json{{"application/json", "{\"statusCode\": 200}"}}},
            {"IntegrationResponses",
             Json::array({Json{{"StatusCode", "200"},
                               {"ResponseParameters", Json{{kOrigin, origin},
                                                           {kMethods, AllowedMethods(methods)},
                                                           {kHeaders, kAllowedHeaders}}}}})}}},
      {"MethodResponses",
       Json::array({Json{{"StatusCode", "200"},
                         {"ResponseParameters",
                          Json{{kOrigin, false}, {kMethods, false}, {kHeaders, false}}}}})}};
}

void AddCorsOrigin(Json& integration, Json& method_responses, const std::string& origin) {
  for (Json& r : integration["IntegrationResponses"]) r["ResponseParameters"][kOrigin] = origin;
  for (Json& r : method_responses) r["ResponseParameters"][kOrigin] = false;
}

void AddCorsExposedHeaders(Json& integration, Json& method_responses,
                           const std::vector<std::string>& headers) {
  std::string value;
  for (const std::string& name : headers) {
    if (!IsSettableHeaderName(name)) continue;
    value += (value.empty() ? "" : ",") + name;
  }
  if (value.empty()) return;
  for (Json& r : integration["IntegrationResponses"]) {
    r["ResponseParameters"][kExposed] = "'" + value + "'";
  }
  for (Json& r : method_responses) r["ResponseParameters"][kExposed] = false;
}

void EmitCorsGatewayResponses(Stack& stack, const std::string& api_id, const ir::Api& api,
                              const std::string& origin) {
  for (const char* type : {"DEFAULT_4XX", "DEFAULT_5XX"}) {
    const bool client = std::string_view(type) == "DEFAULT_4XX";
    std::string name = api_id + (client ? "Default4xx" : "Default5xx") + "Response";
    stack.AddResource(
        name, "AWS::ApiGateway::GatewayResponse",
        Json{{"RestApiId", Ref(api_id)},
             {"ResponseType", type},
             {"ResponseParameters",
              Json{{"gatewayresponse.header.Access-Control-Allow-Origin", origin},
                   {"gatewayresponse.header.Access-Control-Allow-Headers", kAllowedHeaders}}}},
        api.span);
  }
}

}  // namespace caios::aws
