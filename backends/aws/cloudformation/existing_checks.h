// AWS's rules for the names and ARNs of existing entities (`existing "…"`, `existing param P`).
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// E0619 for a literal that is neither a name nor an ARN AWS accepts for the entity's kind (or
// whose `.fifo` suffix disagrees with `fifo`); E0620 for a parameter name that is not a
// template logical ID.
void CheckExistingEntities(const ir::App& app, DiagnosticSink& sink);

}  // namespace caios::aws
