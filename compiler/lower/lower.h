// The lowering phase (docs/architecture.md): a checked program becomes the cloud-computer IR, one
// ir::App per application, with a state graph per flow. Entry point of compiler/lower.
#pragma once

#include <memory>
#include <vector>

#include "compiler/check/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"
#include "compiler/modules/program.h"

namespace caios {

// Lowers application `program_index` (an index into Program::roots). Runs only on a program
// the check phase accepted; the App refers to the model's type table. The flows' bodies are
// lowered on up to `jobs` threads (0: one per core); the result does not depend on `jobs`.
std::unique_ptr<ir::App> Lower(const Program& program, size_t program_index,
                               const check::Model& model, const SourceManager& sources,
                               DiagnosticSink& sink, unsigned jobs = 1, bool with_tests = false);

}  // namespace caios
