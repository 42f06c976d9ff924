// Whether control can continue after a statement or block: shared by the flow rules (E0408,
// W0401) and null narrowing after early exits (docs/language.md §8, §9).
#pragma once

#include "compiler/ast/ast.h"

namespace caios {

// True when control never continues after `stmt`: `return`, `fail`, `break`, `continue`, a
// `while true` without a `break` of its own, or an `if`/`switch`/`try` all of whose paths end
// so. The depth is bounded by the lexer's nesting limit (docs/architecture.md).
bool StmtTerminates(const ast::Stmt& stmt);
// True when some statement of `block` terminates (what follows it is unreachable).
bool BlockTerminates(const ast::Block& block);

}  // namespace caios
