// Functions whose grants reach back to themselves (`a` uses `b(invoke)` and `b` uses
// `a(invoke)`, or a function that invokes itself) are marked, so that the backend can name them
// without referring to the resources (a reference would make a dependency cycle).
#pragma once

#include "compiler/ir/ir.h"

namespace caios::lower {

// Sets ir::Function::in_reference_cycle.
void MarkFunctionCycles(ir::App& app);

}  // namespace caios::lower
