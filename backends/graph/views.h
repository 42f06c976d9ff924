// The diagrams of an application, drawn from its IR: its architecture (entities, ports and the
// access edges that become IAM) and each flow's state graph (docs/cli.md, `caios graph`).
#pragma once

#include "backends/graph/diagram.h"
#include "compiler/ir/ir.h"

namespace caios::graph {

// Functions, flows, storage, buses, connections, outside services, APIs, schedules; edges for
// routes, schedules, triggers, dead letters, the flows' tasks and the functions' `uses`.
Diagram ArchitectureDiagram(const ir::App& app);

// The states of `flow` with their transitions, choices (labelled with their conditions), error
// paths (dashed, labelled with the errors they catch), and a frame per parallel branch and loop
// body. The state names are the IR's: after the target has named them, the deployed ones.
Diagram FlowDiagram(const ir::App& app, const ir::Flow& flow);

}  // namespace caios::graph
