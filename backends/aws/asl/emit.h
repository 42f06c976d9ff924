// IR flow → Amazon States Language: JSONata with workflow variables (the default) or classic
// JSONPath without them. Entry points of backends/aws/asl.
#pragma once

#include "backends/aws/asl/definition.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

FlowDefinition EmitAsl(const ir::App& app, ir::FlowId flow);

// The JSONPath form; a value or construct with none is reported as E0606 in `sink`.
FlowDefinition EmitJsonPathAsl(const ir::App& app, ir::FlowId flow, DiagnosticSink& sink);

}  // namespace caios::aws
