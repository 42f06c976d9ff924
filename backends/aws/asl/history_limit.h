// Step Functions keeps at most 25,000 events in a standard execution's history: judges each
// flow's run length (ir::RunLength, counted by lowering) against it, and warns about loops
// whose bound is not known when compiling.
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

inline constexpr int64_t kMaxHistoryEvents = 25'000;

void CheckHistoryLimit(const ir::Flow& flow, DiagnosticSink& sink);

}  // namespace caios::aws
