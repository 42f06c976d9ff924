#include "backends/aws/cloudformation/existing_checks.h"

#include "backends/aws/common/existing.h"

namespace caios::aws {
namespace {

void Check(ir::EntityRef ref, const ir::Existing& existing, bool fifo, DiagnosticSink& sink) {
  if (!existing.parameter.empty()) {
    if (auto problem = ExistingParameterProblem(existing.parameter)) {
      sink.Emit(existing.span, diag::ExistingParameterName, *problem);
    }
    return;
  }
  if (auto problem = ExistingLiteralProblem(ref.kind, existing.literal, fifo)) {
    sink.Emit(existing.span, diag::ExistingNameInvalid, *problem);
  }
}

}  // namespace

void CheckExistingEntities(const ir::App& app, DiagnosticSink& sink) {
  ForEachExisting(app, [&](ir::EntityRef ref, const ir::Existing& existing) {
    Check(ref, existing, IsFifo(app, ref), sink);
  });
}

}  // namespace caios::aws
