// IAM policy documents built statement by statement: statements on the same resources merge,
// actions are sorted, and the result is the same for the same calls in the same order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backends/aws/common/intrinsics.h"

namespace caios::aws {

class PolicyBuilder {
 public:
  // Allows `actions` on each of `resources`.
  void Allow(const std::vector<std::string>& actions, const std::vector<Json>& resources);
  // Allows `actions` on `"Resource": "*"` in the statement named `sid` (letters and digits).
  // For a generic call the compiler cannot scope, `sid` starts with `Unscoped`; otherwise the
  // actions must be ones AWS never scopes (X-Ray, log delivery).
  void AllowEverywhere(std::string_view sid, const std::vector<std::string>& actions);

  bool empty() const { return scoped_.empty() && everywhere_.empty(); }
  // { Version: 2012-10-17, Statement: [...] }: the merged statements, scoped ones first
  // (resources with the same actions share one statement, in first-use order), then the `*`
  // ones by first use of their Sid.
  Json Document() const;

 private:
  struct Entry {
    Json resource;  // an ARN string or an intrinsic (compared as values: the same JSON)
    std::vector<std::string> actions;
  };
  struct Everywhere {
    std::string sid;
    std::vector<std::string> actions;
  };
  std::vector<Entry> scoped_;
  std::vector<Everywhere> everywhere_;
};

// The properties of an AWS::IAM::Role trusting `service` (e.g. lambda.amazonaws.com) with
// `policy` inline as `policy_name`. `source_account` adds the confused-deputy condition
// aws:SourceAccount to the trust statement.
Json RoleProperties(std::string_view service, std::string_view policy_name,
                    const PolicyBuilder& policy, bool source_account = false);

}  // namespace caios::aws
