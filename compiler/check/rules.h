// Syntactic checks of a module that need no types: flow rules (E04xx) and option, quota and
// literal-range checks (E05xx). Called by CheckProgram for each module.
#pragma once

#include <cstdint>
#include <filesystem>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"
#include "compiler/target/limits.h"

namespace caios {

// `limits` are the target's (compiler/target/limits.h): express run length, ranges of values.
void CheckFlowRules(const ast::Module& module, const target::Limits& limits, DiagnosticSink& sink);
void CheckOptionsAndQuotas(const ast::Module& module, const target::Limits& limits,
                           DiagnosticSink& sink);
// W0530/E0530: the `runtime` of every function against the Lambda runtime lifecycle
// (lambda_runtimes.def) on `day`, days since 1970-01-01 UTC (the build date, docs/cli.md).
void CheckRuntimeLifecycle(const ast::Module& module, int64_t day, DiagnosticSink& sink);
// E0520 for a function whose `code` folder does not exist beside `path` (the module's file).
void CheckCodeFolders(const ast::Module& module, const std::filesystem::path& path,
                      DiagnosticSink& sink);

}  // namespace caios
