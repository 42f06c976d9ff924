#include "compiler/lower/event_inputs.h"

#include <string>

namespace caios::lower {
namespace {

using K = ir::EntityRef::Kind;

// Reports the first required parameter from `first` on of the flow `target` names.
void RequireOptional(const ir::App& app, const ir::Target& target, size_t first, Span starter,
                     const std::string& starter_text, const std::string& what_it_gives,
                     DiagnosticSink& sink) {
  if (target.entity.kind != K::kFlow) return;
  const ir::Flow& flow = app.flows[target.entity.index];
  if (flow.batch_input) return;
  for (size_t i = first; i < flow.params.size(); ++i) {
    const ir::Param& p = flow.params[i];
    // Optional and `json` parameters read an absent argument as null.
    if (p.optional || !p.type ||
        types::TypeTable::StripOptional(p.type)->is(types::TypeKind::kJson)) {
      continue;
    }
    sink.Emit(starter, diag::StartsFlowSoRequiredParameter, starter_text, flow.name, what_it_gives,
              p.name)
        .Label(flow.span, "declared here")
        .Note("make `" + p.name + "` optional (`" + p.name +
              "?: …`) and handle its absence, or start the flow from a function or flow that "
              "passes it");
    return;
  }
}

}  // namespace

void CheckEventInputs(const ir::App& app, DiagnosticSink& sink) {
  for (const ir::Schedule& s : app.schedules) {
    RequireOptional(app, s.target, 0, s.span, "schedule `" + s.name + "`", "an empty object", sink);
  }
  for (const ir::Trigger& t : app.triggers) {
    if (t.source.kind != K::kBucket && t.source.kind != K::kEventBus) continue;
    const std::string starter = "the " + app.NameOf(t.source) + " trigger";
    RequireOptional(app, t.target, 1, t.span, starter, "the event as its first parameter", sink);
    if (t.target.entity.kind != K::kFlow) continue;
    // The event is an object: the first parameter must take one.
    const ir::Flow& flow = app.flows[t.target.entity.index];
    if (flow.params.empty()) continue;
    const ir::Param& first = flow.params.front();
    const types::TypeId type = first.type ? types::TypeTable::StripOptional(first.type) : nullptr;
    if (!type || type->is(types::TypeKind::kJson) || type->is(types::TypeKind::kRecord) ||
        type->is(types::TypeKind::kError)) {
      continue;
    }
    sink.Emit(t.span, diag::HandsFlowEventObjectWhich, starter, flow.name, first.name,
              types::TypeTable::ToString(first.type))
        .Label(flow.span, "declared here")
        .Note("declare `" + first.name + ": json`, or a record type with the event's fields");
  }
}

}  // namespace caios::lower
