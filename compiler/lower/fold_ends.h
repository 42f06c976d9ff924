// A clean-up pass over a lowered state graph: a state whose successor is only "succeed with
// null" ends the graph itself (`End` with a null output), saving a state transition.
#pragma once

#include "compiler/ir/graph.h"

namespace caios::lower {

void FoldEndStates(ir::StateGraph& graph);

}  // namespace caios::lower
