// CORS for REST APIs (`cors` of an api): the preflight OPTIONS method of each path (a MOCK
// integration), the allowed origin on flow routes' answers, and API Gateway's own errors.
#pragma once

#include <string>
#include <vector>

#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {

// The header value as API Gateway's static mappings write it: `'https://shop.example.com'`.
// The origin is `*` or a checked `scheme://host[:port]` (E0525): no quote can reach it.
std::string CorsOrigin(const ir::Api& api);

// The preflight method of a path whose routes serve `methods`.
Json PreflightMethod(const std::string& api_id, Json resource,
                     const std::vector<ir::HttpMethod>& methods, const std::string& origin);

// Declares Access-Control-Allow-Origin on every method response and sets it on every
// integration response of a flow route.
void AddCorsOrigin(Json& integration, Json& method_responses, const std::string& origin);

// Access-Control-Expose-Headers with the headers a `response` flow sets (letters, digits and
// `-` only), so that a browser's script can read them; nothing when there are none.
void AddCorsExposedHeaders(Json& integration, Json& method_responses,
                           const std::vector<std::string>& headers);

// DEFAULT_4XX and DEFAULT_5XX gateway responses (throttling, a missing route, an authorizer's
// refusal) with the allowed origin, so that a browser can read them.
void EmitCorsGatewayResponses(Stack& stack, const std::string& api_id, const ir::Api& api,
                              const std::string& origin);

}  // namespace caios::aws
