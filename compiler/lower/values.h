// Expressions of the AST → IR values.
#pragma once

#include "compiler/ir/values.h"
#include "compiler/lower/lowering.h"

namespace caios::lower {

// Lowers a pure expression (no task calls: the checker keeps those out of expressions).
// `ctx` maps the declarations a value reads an attribute of (`Docs.name`) to their entities.
ir::ValuePtr LowerValue(const Context& ctx, const ast::Expr& expr);

}  // namespace caios::lower
