// Drops the states of a lowered state graph that nothing reaches from its start.
#pragma once

#include "compiler/ir/graph.h"

namespace caios::lower {

void DropUnreachableStates(ir::StateGraph& graph);

}  // namespace caios::lower
