// The check phase: names, types, flow rules and quotas over a loaded program. Entry point of
// compiler/check. Reports diagnostics; never throws.
#pragma once

#include "compiler/check/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/modules/program.h"

namespace caios {

// Checks every module of `program` and returns the semantic model for lowering (see
// check/model.h). The model refers to the AST of `program` and is valid while it lives.
check::CheckResult Check(const Program& program, const SourceManager& sources,
                         DiagnosticSink& sink);

// Checks every module of `program`. Returns true when no errors were reported.
bool CheckProgram(const Program& program, const SourceManager& sources, DiagnosticSink& sink);

}  // namespace caios
