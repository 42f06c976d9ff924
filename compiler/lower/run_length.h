// The run length of a flow (ir::RunLength): the steps of its longest run, counted on the
// program with the loop bounds that are known when compiling. A neutral fact; the target
// judges it against its limits (docs/architecture.md, "Run length").
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/ir/ir.h"

namespace caios {

ir::RunLength MeasureRunLength(const ast::FlowDecl& flow);

}  // namespace caios
