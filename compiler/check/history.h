// The build-time check of a standard execution's event history: Step Functions keeps at most
// 25,000 events per execution. Estimates the events of a flow's longest run where loop bounds
// are known, and warns about `while` loops whose bound is not.
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace caios::check {

inline constexpr int64_t kMaxHistoryEvents = 25'000;

void CheckHistory(const ast::FlowDecl& flow, DiagnosticSink& sink);

}  // namespace caios::check
