#include "backends/aws/asl/state_names.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/base/utf8.h"

namespace caios::aws {
namespace {

std::string Clean(const std::string& raw) {
  std::string out = raw;
  std::replace(out.begin(), out.end(), '"', '\'');
  return out;
}

// Per stem (the clipped base in front of ` (n)`): every n below the counter gives a name that
// is already taken. Names are never released, so skipping those n gives the same first free
// name as trying n = 2, 3, … each time, in time linear in the number of states.
using SuffixCounters = std::unordered_map<std::string, uint64_t>;

uint64_t PowerOfTen(size_t digits) {
  uint64_t p = 1;
  for (size_t k = 0; k < digits; ++k) p *= 10;
  return p;
}

// The first `base (n)`, n ≥ 2, that is not taken; the base is clipped so the name fits
// kMaxStateName. A stem is only valid for the n with as many digits as the n that found it,
// so jumps stop at the next power of ten, where the stem of a long base changes.
std::string UniqueName(const std::string& base, const std::unordered_set<std::string>& taken,
                       SuffixCounters& counters) {
  uint64_t n = 2;
  while (true) {
    const std::string digits = std::to_string(n);
    const std::string suffix = " (" + digits + ")";
    std::string stem = Clip(base, kMaxStateName - suffix.size());
    uint64_t& next = counters[stem];
    if (next > n) {
      n = std::min(next, PowerOfTen(digits.size()));
      continue;
    }
    std::string name = stem + suffix;
    next = n + 1;
    if (!taken.count(name)) return name;
    ++n;
  }
}

}  // namespace

void NameStates(ir::StateGraph& g) {
  // Source order decides who keeps the plain name, so names stay stable when code is added
  // after a state. Only the states of some graph are named (lowering dropped the others).
  std::vector<bool> kept(g.states.size(), false);
  for (const ir::Graph& graph : g.graphs) {
    for (ir::StateId id : graph.states) kept[id.index] = true;
  }
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < g.states.size(); ++i) {
    if (kept[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Span& x = g.states[a].span;
    const Span& y = g.states[b].span;
    return std::pair(x.file.value, x.begin) < std::pair(y.file.value, y.begin);
  });
  std::unordered_set<std::string> taken;
  SuffixCounters counters;
  for (uint32_t i : order) {
    std::string base = Clip(Clean(g.states[i].name), kMaxStateName);
    std::string name = taken.count(base) ? UniqueName(base, taken, counters) : base;
    taken.insert(name);
    g.states[i].name = std::move(name);
  }
}

std::string DerivedStateName(const std::string& base, const std::string& suffix,
                             std::set<std::string>& used) {
  const std::string label = Clip(suffix, kMaxStateName / 2 - 8);
  for (int n = 1;; ++n) {
    std::string tail = " (" + label + (n == 1 ? "" : " " + std::to_string(n)) + ")";
    std::string name = Clip(base, kMaxStateName - tail.size()) + tail;
    if (used.insert(name).second) return name;
  }
}

}  // namespace caios::aws
