// State names as Step Functions takes them: readable, unique within a state machine, at most
// 80 bytes (ASL), in source order.
#pragma once

#include <string>

#include "compiler/ir/graph.h"

namespace caios::aws {

inline constexpr size_t kMaxStateName = 80;  // ASL: state names ≤ 80 characters

// Names the states of every graph of `graph` (lowering has dropped those nothing reaches).
void NameStates(ir::StateGraph& graph);

}  // namespace caios::aws
