// Clean-up passes over a lowered state graph: drop states nothing reaches, and give every
// state a readable, unique name of at most 80 bytes in source order.
#pragma once

#include <string>

#include "compiler/ir/graph.h"

namespace caios::lower {

inline constexpr size_t kMaxStateName = 80;  // ASL: state names ≤ 80 characters

// Cuts `name` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string Clip(std::string name, size_t limit);

void NameStates(ir::StateGraph& graph);

}  // namespace caios::lower
