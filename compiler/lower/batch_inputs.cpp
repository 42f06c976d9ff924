#include "compiler/lower/batch_inputs.h"

#include <map>

namespace caios::lower {
namespace {

using K = ir::EntityRef::Kind;

bool DeliversBatches(const ir::Trigger& t) {
  return t.source.kind == K::kQueue || t.source.kind == K::kStream || t.source.kind == K::kTable;
}

// The first batch trigger of each batch-input flow, for the diagnostics' labels. A flow that
// declares its whole input (`whole`) is not one: every starter passes it the value itself.
std::map<uint32_t, const ir::Trigger*> BatchTriggers(const ir::App& app) {
  std::map<uint32_t, const ir::Trigger*> out;
  for (const ir::Trigger& t : app.triggers) {
    if (DeliversBatches(t) && t.target.entity.kind == K::kFlow &&
        !app.flows[t.target.entity.index].whole_input) {
      out.emplace(t.target.entity.index, &t);
    }
  }
  return out;
}

void Conflict(const ir::App& app, DiagnosticSink& sink, const ir::Trigger& batch, Span other,
              const std::string& how) {
  const std::string& flow = app.NameOf(batch.target.entity);
  sink.Emit(other, diag::StartsFlowObjectButTrigger, how, flow, app.NameOf(batch.source))
      .Label(batch.span, "this trigger's batch (an array) is the flow's whole input")
      .Note("give each kind of start a flow of its own, or let the trigger target a function");
}

}  // namespace

void MarkBatchInputs(ir::App& app, DiagnosticSink& sink) {
  for (ir::Flow& flow : app.flows) {
    if (!flow.whole_input) continue;
    // Bound as a batch is: the whole input is the one parameter.
    flow.batch_input = true;
    const types::TypeId type = flow.params.front().type
                                   ? types::TypeTable::StripOptional(flow.params.front().type)
                                   : nullptr;
    using TK = types::TypeKind;
    if (type && !type->is(TK::kJson) && !type->is(TK::kRecord) && !type->is(TK::kArray) &&
        !type->is(TK::kError)) {
      sink.Emit(flow.span, diag::WholeFlowInputScalar, flow.name,
                types::TypeTable::ToString(flow.params.front().type));
    }
  }
  const auto batch = BatchTriggers(app);
  for (const auto& [index, trigger] : batch) {
    ir::Flow& flow = app.flows[index];
    flow.batch_input = true;
    for (size_t i = 1; i < flow.params.size(); ++i) {
      if (flow.params[i].optional) continue;
      sink.Emit(trigger->span, diag::FlowGetsBatchRecordsWhole, flow.name, flow.params[i].name)
          .Label(flow.span, "declared here")
          .Note("make the other parameters optional (`" + flow.params[i].name +
                "?: …`), or start the flow from a function that reads the batch");
      break;
    }
  }
  auto target_of = [&](const ir::Target& t) -> const ir::Trigger* {
    if (t.entity.kind != K::kFlow) return nullptr;
    auto it = batch.find(t.entity.index);
    return it == batch.end() ? nullptr : it->second;
  };
  for (const ir::Api& api : app.apis) {
    for (const ir::Route& r : api.routes) {
      if (const ir::Trigger* t = target_of(r.target)) {
        Conflict(app, sink, *t, r.span,
                 "route `" + std::string(ir::Spelling(r.method)) + " " + r.path + "`");
      }
    }
  }
  for (const ir::Schedule& s : app.schedules) {
    if (const ir::Trigger* t = target_of(s.target)) {
      Conflict(app, sink, *t, s.span, "schedule `" + s.name + "`");
    }
  }
  for (const ir::Trigger& other : app.triggers) {
    if (DeliversBatches(other)) continue;
    if (const ir::Trigger* t = target_of(other.target)) {
      Conflict(app, sink, *t, other.span, "the " + app.NameOf(other.source) + " trigger");
    }
  }
}

void CheckBatchInputStarts(const ir::App& app, DiagnosticSink& sink) {
  const auto batch = BatchTriggers(app);
  if (batch.empty()) return;
  for (const ir::Flow& flow : app.flows) {
    for (const ir::State& s : flow.graph.states) {
      if (!s.action) continue;
      const ir::Action& a = *s.action;
      if (a.kind != ir::Action::Kind::kRunFlow && a.kind != ir::Action::Kind::kStartFlow) continue;
      auto it = batch.find(a.target.index);
      if (a.target.kind != K::kFlow || it == batch.end()) continue;
      Conflict(app, sink, *it->second, s.span, "flow `" + flow.name + "`");
    }
  }
}

}  // namespace caios::lower
