#include "backends/aws/lambda/function_names.h"

#include <string>

namespace caios::aws {

void CheckFunctionNames(const ir::App& app, DiagnosticSink& sink) {
  for (const ir::Function& f : app.functions) {
    if (!f.in_reference_cycle || f.name.size() <= kMaxCycleFunctionName) continue;
    sink.Emit(f.span, diag::FunctionInvokesItselfThroughGrants, f.name, f.name)
        .Note("give it a name of at most " + std::to_string(kMaxCycleFunctionName) +
              " characters, less the length of the stack name");
  }
}

}  // namespace caios::aws
