// The AWS services and actions `aws.<service>.<action>(…)` calls may name, with an action's
// input and output, from the service models the checker types those calls with; for tools that
// list them (`caios lsp` completion and signature help, docs/editors.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caios::check {

struct AwsServiceEntry {
  std::string name;        // as calls spell it (`s3`, `sfn`)
  std::string iam_prefix;  // `s3`, `states`
};
// Every service, sorted by name (aliases left out).
std::vector<AwsServiceEntry> AwsServices();
// The actions of `service` (a name or an alias) in lowerCamelCase; empty when there is none.
std::vector<std::string> AwsActions(std::string_view service);

struct AwsMember {
  std::string name;  // PascalCase, as the call's input object spells it
  std::string type;  // `string`, `int`, `[…]`, `{…}`, …
  bool required = false;
};
struct AwsActionShape {
  std::vector<AwsMember> input;  // the members of the input object, in model order
  std::string output;            // `{…}` for a structure, `null` when there is none
};
// The input and output of `aws.<service>.<action>`; nullopt when there is no such action.
std::optional<AwsActionShape> AwsAction(std::string_view service, std::string_view action);

}  // namespace caios::check
