// Lambda's limit on function names, for the functions the template names itself.
#pragma once

#include <cstddef>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// Lambda: "function name … 64 characters" (CreateFunction API); the stack name takes at least
// one character and the dash another.
inline constexpr size_t kMaxCycleFunctionName = 64 - 2;

// A function in a reference cycle (ir::Function::in_reference_cycle) is named
// `<stack name>-<name>` (cloudformation/compute.cpp): E0508 when that can never fit Lambda's
// 64 characters.
void CheckFunctionNames(const ir::App& app, DiagnosticSink& sink);

}  // namespace caios::aws
