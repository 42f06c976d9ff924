// State names as Step Functions takes them: readable, unique within a state machine, at most
// 80 bytes (ASL), in source order.
#pragma once

#include <set>
#include <string>

#include "compiler/ir/graph.h"

namespace caios::aws {

inline constexpr size_t kMaxStateName = 80;  // ASL: state names ≤ 80 characters

// Names the states of every graph of `graph` (lowering has dropped those nothing reaches).
void NameStates(ir::StateGraph& graph);

// A state the emitter adds next to IR state `base`: `base (suffix)`, or `base (suffix 2)`, …,
// the first not in `used` (which it joins), cut to kMaxStateName on UTF-8 boundaries (the
// suffix keeps at most half of it).
std::string DerivedStateName(const std::string& base, const std::string& suffix,
                             std::set<std::string>& used);

}  // namespace caios::aws
