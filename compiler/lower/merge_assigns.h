// A clean-up pass over a lowered state graph: consecutive assignment steps whose assignments do not
// depend on each other become one state (one transition instead of several).
#pragma once

#include "compiler/ir/graph.h"

namespace caios::lower {

void MergeAssignSteps(ir::StateGraph& graph);

}  // namespace caios::lower
