// The JSON value of a constant expression: literals, and objects and arrays of them (a mock's
// answer in a test, docs/testing.md).
#pragma once

#include <optional>

#include "compiler/ast/ast.h"
#include "nlohmann/json.hpp"

namespace caios::ast {

// The value of `e`, or nullopt when it is not a constant (a name, a call, an interpolated
// string, a computation). Nesting is bounded by the parser's expression depth limit.
std::optional<nlohmann::json> ConstantJson(const Expr& e);

}  // namespace caios::ast
