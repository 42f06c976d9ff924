// Expressions of the AST → IR values.
#pragma once

#include "compiler/check/model.h"
#include "compiler/ir/values.h"

namespace caios::lower {

// Lowers a pure expression (no task calls: the checker keeps those out of expressions).
ir::ValuePtr LowerValue(const check::Model& model, const ast::Expr& expr);

}  // namespace caios::lower
