// Internal interfaces between the option and quota checks of compiler/check (options.cpp,
// quotas.cpp, quotas_flow.cpp); the public entry point is CheckOptionsAndQuotas in rules.h.
#pragma once

#include <string>
#include <string_view>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/target/limits.h"

namespace caios::quotas {

// Options of resources, functions and triggers against compiler/check/option_schema, their
// numbers and durations against the target's `limits`.
void CheckDeclarationOptions(const ast::Module& module, const target::Limits& limits,
                             DiagnosticSink& sink);

// Retry rules of a statement's `retry { ... }` or of a `policy`.
void CheckRetrySpec(const ast::RetrySpec& retry, const target::Limits& limits,
                    DiagnosticSink& sink);

// Flow options, and the retry, catch, for-clause, timeout and wait values inside a flow body.
void CheckFlowQuotas(const ast::FlowDecl& flow, const target::Limits& limits, DiagnosticSink& sink);

// Reports E0518 when `d` is not a multiple of the range's granularity and E0503 when it lies
// outside [min, max]; `what` names the value ("`wait`", "the retry interval"). Returns true if
// valid.
bool CheckDurationRange(const ast::Duration& d, const target::Range& range, std::string_view what,
                        DiagnosticSink& sink);

}  // namespace caios::quotas
