// Clean-up passes over a lowered state graph: drop states nothing reaches, and give every
// state a readable, unique name of at most 80 bytes in source order.
#pragma once

#include "compiler/ir/graph.h"

namespace caios::lower {

inline constexpr size_t kMaxStateName = 80;  // ASL: state names ≤ 80 characters

void NameStates(ir::StateGraph& graph);

}  // namespace caios::lower
