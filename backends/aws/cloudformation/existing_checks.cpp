#include "backends/aws/cloudformation/existing_checks.h"

#include "backends/aws/common/existing.h"

namespace caios::aws {
namespace {

using K = ir::EntityRef::Kind;

void Check(const ir::App& app, ir::EntityRef ref, bool fifo, DiagnosticSink& sink) {
  const ir::Existing* existing = app.ExistingOf(ref);
  if (!existing) return;
  if (!existing->parameter.empty()) {
    if (auto problem = ExistingParameterProblem(existing->parameter)) {
      sink.Emit(existing->span, diag::ExistingParameterName, *problem);
    }
    return;
  }
  if (auto problem = ExistingLiteralProblem(ref.kind, existing->literal, fifo)) {
    sink.Emit(existing->span, diag::ExistingNameInvalid, *problem);
  }
}

}  // namespace

void CheckExistingEntities(const ir::App& app, DiagnosticSink& sink) {
  auto each = [&](K kind, size_t count, auto fifo_of) {
    for (uint32_t i = 0; i < count; ++i) Check(app, ir::EntityRef{kind, i}, fifo_of(i), sink);
  };
  auto no_fifo = [](uint32_t) { return false; };
  each(K::kTable, app.tables.size(), no_fifo);
  each(K::kBucket, app.buckets.size(), no_fifo);
  each(K::kQueue, app.queues.size(), [&](uint32_t i) { return app.queues[i].fifo; });
  each(K::kTopic, app.topics.size(), [&](uint32_t i) { return app.topics[i].fifo; });
  each(K::kStream, app.streams.size(), no_fifo);
  each(K::kEventBus, app.buses.size(), no_fifo);
  each(K::kFunction, app.functions.size(), no_fifo);
  each(K::kFlow, app.flows.size(), no_fifo);
}

}  // namespace caios::aws
