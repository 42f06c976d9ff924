#include "compiler/lower/state_names.h"

#include <algorithm>
#include <set>
#include <string>
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

std::string Clean(const std::string& raw) {
  std::string out;
  for (char c : raw) out += c == '"' ? '\'' : c;
  return out;
}

}  // namespace

std::string Clip(std::string name, size_t limit) {
  if (name.size() <= limit) return name;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut);
}

void NameStates(ir::StateGraph& g) {
  std::vector<bool> reached(g.states.size(), false);
  if (!g.graphs.empty()) MarkReachable(g, 0, reached);
  for (ir::Graph& graph : g.graphs) {
    std::erase_if(graph.states, [&](ir::StateId id) { return !reached[id.index]; });
  }
  // Source order decides who keeps the plain name, so names stay stable when code is added
  // after a state.
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < g.states.size(); ++i) {
    if (reached[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Span& x = g.states[a].span;
    const Span& y = g.states[b].span;
    return std::pair(x.file.value, x.begin) < std::pair(y.file.value, y.begin);
  });
  std::set<std::string> taken;
  for (uint32_t i : order) {
    std::string base = Clip(Clean(g.states[i].name), kMaxStateName);
    std::string name = base;
    for (int n = 2; taken.count(name); ++n) {
      std::string suffix = " (" + std::to_string(n) + ")";
      name = Clip(base, kMaxStateName - suffix.size()) + suffix;
    }
    taken.insert(name);
    g.states[i].name = std::move(name);
  }
}

}  // namespace caios::lower
