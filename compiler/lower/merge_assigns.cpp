#include "compiler/lower/merge_assigns.h"

#include <set>
#include <string>
#include <vector>

namespace caios::lower {
namespace {

bool ReadsAny(const ir::Value& value, const std::set<std::string>& vars) {
  bool found = false;
  ir::ForEachVar(value, [&](const std::string& name) { found = found || vars.count(name) > 0; });
  return found;
}

std::string VarList(const ir::State& s) {
  std::string out;
  for (const ir::Assignment& a : s.assign) out += (out.empty() ? "" : ", ") + a.var;
  return out;
}

}  // namespace

void MergeAssignSteps(ir::StateGraph& g) {
  // How many edges lead to each state (a graph's start counts as one).
  std::vector<int> incoming(g.states.size(), 0);
  for (const ir::Graph& graph : g.graphs) {
    if (graph.start.valid()) ++incoming[graph.start.index];
  }
  for (const ir::State& s : g.states) {
    if (s.next.valid()) ++incoming[s.next.index];
    if (s.default_next.valid()) ++incoming[s.default_next.index];
    for (const auto& r : s.rules) ++incoming[r.next.index];
    for (const auto& c : s.catches) ++incoming[c.next.index];
  }
  std::vector<bool> removed(g.states.size(), false);
  for (uint32_t i = 0; i < g.states.size(); ++i) {
    ir::State& p = g.states[i];
    if (p.kind != ir::State::Kind::kAssign || removed[i]) continue;
    const bool named_by_vars = p.name.rfind("Set ", 0) == 0;
    while (p.next.valid()) {
      ir::State& q = g.at(p.next);
      if (q.kind != ir::State::Kind::kAssign || incoming[p.next.index] != 1 || q.assign.empty()) {
        break;
      }
      // Assign evaluates every expression with the values from before the state.
      std::set<std::string> assigned;
      for (const ir::Assignment& a : p.assign) assigned.insert(a.var);
      bool independent = true;
      for (const ir::Assignment& a : q.assign) {
        if (assigned.count(a.var) || ReadsAny(*a.value, assigned)) independent = false;
      }
      if (!independent) break;
      for (ir::Assignment& a : q.assign) p.assign.push_back(std::move(a));
      q.assign.clear();
      removed[p.next.index] = true;
      p.next = q.next;
    }
    if (named_by_vars && p.assign.size() > 1) p.name = "Set " + VarList(p);
  }
  for (ir::Graph& graph : g.graphs) {
    std::erase_if(graph.states, [&](ir::StateId id) { return removed[id.index]; });
  }
}

}  // namespace caios::lower
