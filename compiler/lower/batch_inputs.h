// Flows started by a queue, stream or table trigger receive the batch of records, an array, as
// their whole input. Marks them (Flow::batch_input) and reports E0607 where that cannot work: a
// second required parameter, or other starters that pass an object with a field per parameter.
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::lower {

// Before the flows' bodies are lowered: marks the flows and checks their parameters and the
// declared starters (routes, schedules, event triggers).
void MarkBatchInputs(ir::App& app, DiagnosticSink& sink);

// After: flows that `run` or `start` a batch-input flow pass an object; E0607 there too.
void CheckBatchInputStarts(const ir::App& app, DiagnosticSink& sink);

}  // namespace caios::lower
