// IR flow → Amazon States Language (JSONata query language with workflow variables). Entry point
// of backends/aws/asl.
#pragma once

#include "backends/aws/asl/definition.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

FlowDefinition EmitAsl(const ir::App& app, ir::FlowId flow);

}  // namespace caios::aws
