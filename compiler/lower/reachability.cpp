#include "compiler/lower/reachability.h"

#include <set>
#include <vector>

namespace caios::lower {
namespace {

void MarkReachable(ir::StateGraph& g, uint32_t graph, std::vector<bool>& reached) {
  std::vector<ir::StateId> work = {g.graphs[graph].start};
  std::set<uint32_t> seen;
  while (!work.empty()) {
    ir::StateId id = work.back();
    work.pop_back();
    if (!id.valid() || !seen.insert(id.index).second) continue;
    reached[id.index] = true;
    const ir::State& s = g.at(id);
    work.push_back(s.next);
    work.push_back(s.default_next);
    for (const auto& r : s.rules) work.push_back(r.next);
    for (const auto& c : s.catches) work.push_back(c.next);
    for (uint32_t b : s.branches) MarkReachable(g, b, reached);
    if (s.loop) MarkReachable(g, s.loop->body, reached);
  }
}

}  // namespace

void DropUnreachableStates(ir::StateGraph& g) {
  std::vector<bool> reached(g.states.size(), false);
  if (!g.graphs.empty()) MarkReachable(g, 0, reached);
  for (ir::Graph& graph : g.graphs) {
    std::erase_if(graph.states, [&](ir::StateId id) { return !reached[id.index]; });
  }
}

}  // namespace caios::lower
