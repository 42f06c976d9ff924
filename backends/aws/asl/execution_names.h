// Step Functions' rules for the name of an execution a flow starts (`run f(x) name EXPR`):
// judged on names known when compiling (docs/language.md, "Task clauses").
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// StartExecution: "name: 1-80 characters" (the Step Functions API reference).
inline constexpr size_t kMaxExecutionNameChars = 80;

// E0611 for each constant execution name of `flow`'s tasks that Step Functions would reject.
void CheckExecutionNames(const ir::Flow& flow, DiagnosticSink& sink);

}  // namespace caios::aws
