// Authorizers of REST APIs (`auth` of an api or a route): `AWS_IAM`, a Lambda TOKEN authorizer
// (with the permission for API Gateway to call the function) or a Cognito user pool authorizer.
#pragma once

#include <map>
#include <string>

#include "backends/aws/cloudformation/stack.h"

namespace caios::aws {

class ApiAuthorizers {
 public:
  ApiAuthorizers(Stack& stack, const std::string& api_id, const ir::Api& api)
      : stack_(stack), api_id_(api_id), api_(api) {}

  // Sets AuthorizationType (and AuthorizerId) of the method of `route`, creating its
  // authorizer the first time one is used.
  void Apply(const ir::Route& route, Json& method_properties);

 private:
  std::string AuthorizerFor(const ir::Auth& auth, Span span);

  Stack& stack_;
  const std::string api_id_;
  const ir::Api& api_;
  std::map<std::string, std::string> created_;  // function name or pool ARN → logical ID
};

}  // namespace caios::aws
