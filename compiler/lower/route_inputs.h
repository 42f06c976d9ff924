// What each route hands the flow it starts: the body, the whole request (`whole req: Request`
// of std.http) or path parameters beside body fields, decided by the flow's parameters and
// checked (E0286, E0287).
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::lower {

// Fills every flow route's `input`. After MarkBatchInputs (batch flows are E0607's concern).
void BindRouteInputs(ir::App& app, DiagnosticSink& sink);

}  // namespace caios::lower
