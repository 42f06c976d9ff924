#include "backends/aws/cloudformation/existing_checks.h"

#include <map>
#include <string>
#include <utility>

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
  // The first entity each template parameter names (E0621: it holds a name or an ARN, not both).
  std::map<std::string, std::pair<ir::EntityRef, const ir::Existing*>, std::less<>> first;
  ForEachExisting(app, [&](ir::EntityRef ref, const ir::Existing& existing) {
    Check(ref, existing, IsFifo(app, ref), sink);
    if (existing.parameter.empty()) return;
    auto [it, added] = first.try_emplace(existing.parameter, ref, &existing);
    if (added) return;
    const ir::EntityRef earlier = it->second.first;
    if (!existing.parameter_holds_arn && !it->second.second->parameter_holds_arn &&
        (ref.kind == ir::EntityRef::Kind::kParameter) !=
            (earlier.kind == ir::EntityRef::Kind::kParameter)) {
      // E0622: a path (the parameter store's names) names nothing of another kind.
      const ir::EntityRef path_ref = ref.kind == ir::EntityRef::Kind::kParameter ? ref : earlier;
      const ir::EntityRef other = ref.kind == ir::EntityRef::Kind::kParameter ? earlier : ref;
      sink.Emit(existing.span, diag::ExistingParameterPathShared, existing.parameter,
                app.NameOf(path_ref), ir::KindName(other.kind), app.NameOf(other))
          .Label(it->second.second->span, "first named here")
          .Note("give each its own parameter");
      return;
    }
    if (it->second.second->parameter_holds_arn == existing.parameter_holds_arn) return;
    const ir::EntityRef arn_ref = existing.parameter_holds_arn ? ref : it->second.first;
    const ir::EntityRef name_ref = existing.parameter_holds_arn ? it->second.first : ref;
    sink.Emit(existing.span, diag::ExistingParameterNameAndArn, existing.parameter,
              ir::KindName(arn_ref.kind), app.NameOf(arn_ref), ir::KindName(name_ref.kind),
              app.NameOf(name_ref))
        .Label(it->second.second->span, "first named here")
        .Note("give each its own parameter");
  });
}

}  // namespace caios::aws
