// Flows started by a schedule get an empty object, and flows started by a bucket or event-bus
// trigger get the event under their first parameter: E0608 where a required parameter is left
// without a value.
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::lower {

// After MarkBatchInputs (flows that take a batch are E0607's concern, not this check's).
void CheckEventInputs(const ir::App& app, DiagnosticSink& sink);

}  // namespace caios::lower
