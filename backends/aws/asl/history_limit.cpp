#include "backends/aws/asl/history_limit.h"

#include <algorithm>
#include <limits>

#include "fmt/format.h"

namespace caios::aws {
namespace {

// Events a state adds to the history, from the Step Functions history event types: a task is
// entered, scheduled, started, succeeds and is exited; other states are entered and exited. An
// execution starts and succeeds.
// A `run` of a flow is a task in a one-branch Parallel (asl/child_errors.h), which is entered,
// started, succeeds and is exited.
constexpr int64_t kTaskEvents = 5;
constexpr int64_t kStateEvents = 2;
constexpr int64_t kRunWrapperEvents = 4;
constexpr int64_t kExecutionEvents = 2;

int64_t Events(int64_t tasks, int64_t steps, int64_t runs) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (tasks > kMax / (3 * kTaskEvents) || steps > kMax / (3 * kStateEvents) ||
      runs > kMax / (3 * kRunWrapperEvents)) {
    return kMax;
  }
  return kTaskEvents * tasks + kStateEvents * steps + kRunWrapperEvents * runs;
}

}  // namespace

void CheckHistoryLimit(const ir::Flow& flow, DiagnosticSink& sink) {
  // Express executions keep no event history (they are limited by time).
  if (flow.express) return;
  const ir::RunLength& run = flow.run_length;
  for (const ir::RunLength::Unbounded& loop : run.unbounded) {
    const int64_t per_iteration = Events(loop.tasks, loop.steps, loop.runs);
    sink.Emit(loop.condition, diag::NumberIterationsThisLoopKnown)
        .Note(fmt::format("each iteration adds about {} events to the execution's history, "
                          "which holds at most {}: about {} iterations fit",
                          per_iteration, kMaxHistoryEvents,
                          kMaxHistoryEvents / std::max<int64_t>(1, per_iteration)))
        .Note(
            "count iterations in a variable and stop at a literal limit (`while i < 100` "
            "with `i = i + 1`), or move the work into a `for` or a nested flow");
  }
  const int64_t events = std::min(Events(run.tasks, run.steps, run.runs),
                                  std::numeric_limits<int64_t>::max() - kExecutionEvents) +
                         kExecutionEvents;
  if (events > kMaxHistoryEvents) {
    sink.Emit(flow.span, diag::HistoryTooLong, flow.name, events, kMaxHistoryEvents)
        .Note(
            "move loops into a `for … distributed` or a nested flow (`run`), whose "
            "executions have histories of their own");
  }
}

}  // namespace caios::aws
