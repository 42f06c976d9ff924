#include "compiler/lower/function_cycles.h"

#include <vector>

namespace caios::lower {

void MarkFunctionCycles(ir::App& app) {
  const size_t n = app.functions.size();
  std::vector<std::vector<uint32_t>> edges(n);
  for (size_t i = 0; i < n; ++i) {
    for (const ir::Grant& g : app.functions[i].grants) {
      if (g.target.kind == ir::EntityRef::Kind::kFunction) edges[i].push_back(g.target.index);
    }
  }
  // Tarjan's strongly connected components, iteratively: a function is in a cycle when its
  // component has more than one member or it references itself.
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<uint32_t> stack;
  int counter = 0;
  struct Frame {
    uint32_t node;
    size_t next_edge;
  };
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    std::vector<Frame> frames = {{root, 0}};
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      Frame& f = frames.back();
      if (f.next_edge < edges[f.node].size()) {
        const uint32_t to = edges[f.node][f.next_edge++];
        if (index[to] < 0) {
          index[to] = low[to] = counter++;
          stack.push_back(to);
          on_stack[to] = true;
          frames.push_back({to, 0});
        } else if (on_stack[to]) {
          low[f.node] = std::min(low[f.node], index[to]);
        }
        continue;
      }
      const uint32_t node = f.node;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().node] = std::min(low[frames.back().node], low[node]);
      if (low[node] != index[node]) continue;
      std::vector<uint32_t> component;
      uint32_t member;
      do {
        member = stack.back();
        stack.pop_back();
        on_stack[member] = false;
        component.push_back(member);
      } while (member != node);
      for (uint32_t m : component) {
        bool self = false;
        for (uint32_t to : edges[m]) self = self || to == m;
        if (component.size() > 1 || self) app.functions[m].in_reference_cycle = true;
      }
    }
  }
}

}  // namespace caios::lower
