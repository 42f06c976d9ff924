// E0529: a flow that a route runs with `response` returns a literal status outside 100–599
// (docs/language.md §12, "Answering with a status and headers").
#pragma once

#include "compiler/check/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/modules/program.h"

namespace caios::check {

// Each such flow's `return { status: N, … }` statements with a literal N, once per flow.
void CheckResponseStatuses(const Program& program, const Model& model, DiagnosticSink& sink);

}  // namespace caios::check
