// Generic service calls whose resource a string-literal parameter names (docs/iam.md,
// "Scoped service calls"): the table of which parameter names it and the ARN it makes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backends/aws/common/intrinsics.h"

namespace caios::aws {

struct ScopedCall {
  std::vector<Json> resources;       // for the call's own actions
  std::vector<Json> sync_resources;  // for the describe/stop actions of its `.sync` variant
};

// The resources of `aws.<service>.<operation>` given its literal parameters (name, text);
// nothing when the table has no entry or the parameter is not a literal the table accepts
// (then the call stays unscoped, with W0601).
std::optional<ScopedCall> ScopeServiceCall(
    std::string_view service, std::string_view operation,
    const std::vector<std::pair<std::string, std::string>>& literal_params);

}  // namespace caios::aws
