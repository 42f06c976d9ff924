#include "compiler/lower/fold_ends.h"

namespace caios::lower {

void FoldEndStates(ir::StateGraph& g) {
  auto is_null_end = [&](ir::StateId id) {
    if (!id.valid()) return false;
    const ir::State& s = g.at(id);
    return s.kind == ir::State::Kind::kSucceed && s.output &&
           s.output->kind == ir::ValueKind::kNull;
  };
  for (ir::State& s : g.states) {
    using K = ir::State::Kind;
    // A branch cannot end a graph; succeed and fail steps have no successor.
    if (s.kind == K::kBranch || s.kind == K::kSucceed || s.kind == K::kFail) continue;
    if (!is_null_end(s.next) || s.output) continue;
    s.output = ir::Clone(*g.at(s.next).output);
    s.next = ir::StateId{};
  }
}

}  // namespace caios::lower
