// The build-time check of payload sizes: Step Functions passes at most 256 KiB between states
// (task arguments, state output, the values of one `Assign`). Values are measured from below —
// the literal parts of a value are known when compiling, variables count as empty — so an error
// means every execution would fail.
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

inline constexpr size_t kMaxPayloadBytes = 256 * 1024;

// The fewest bytes `value` can take as JSON.
size_t MinimumJsonSize(const ir::Value& value);

void CheckPayloads(const ir::Flow& flow, DiagnosticSink& sink);

}  // namespace caios::aws
