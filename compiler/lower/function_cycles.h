// Functions whose grants reach back to themselves (`a` uses `b(invoke)` and `b` uses
// `a(invoke)`, or a function that invokes itself) are marked, so that the backend can name them
// without referring to the resources (a reference would make a dependency cycle).
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::lower {

// Such a function is named `<stack name>-<name>`: E0508 when that can never fit Lambda's
// 64 characters.
void MarkFunctionCycles(ir::App& app, DiagnosticSink& sink);

}  // namespace caios::lower
