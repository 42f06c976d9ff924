// A Lambda function's settings as AWS sees them: the environment its `uses` grants add, and
// functions/<name>.json (the input of `aws lambda create-function --cli-input-json` without
// Role and Code).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/aws/common/names.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// `ProductStats` → `PRODUCT_STATS`, `order_events` → `ORDER_EVENTS`.
std::string UpperSnake(std::string_view name);

// One environment variable: a declared literal, or an attribute of a granted entity.
struct EnvironmentEntry {
  std::string key;
  std::optional<std::string> literal;
  ir::EntityRef target;  // when not a literal
  Attribute attribute = Attribute::kName;
};

// The declared `env` in order, then per granted entity `<NAME>_NAME`, (queues) `<NAME>_URL`
// and `<NAME>_ARN`. The first definition of a key wins.
std::vector<EnvironmentEntry> FunctionEnvironment(const ir::App& app, ir::FunctionId fn);

// The text of functions/<name>.json (two-space indented JSON with a trailing newline, written
// as it is produced); the function's own name and granted entities' values are `${…}`
// placeholders (PlaceholderName) for what the stack deploys.
std::string LambdaConfiguration(const ir::App& app, ir::FunctionId fn);

}  // namespace caios::aws
