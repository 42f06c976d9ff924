#include <algorithm>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "backends/graph/views.h"
#include "compiler/base/utf8.h"
#include "compiler/ir/dump.h"

namespace caios::graph {
namespace {

using ir::State;

// Conditions and item lists longer than this are clipped in labels, to keep the boxes small.
constexpr size_t kMaxConditionBytes = 48;

std::string Short(std::string text) {
  if (text.size() <= kMaxConditionBytes) return text;
  return Clip(std::move(text), kMaxConditionBytes - 3) + "…";
}

// A condition without the parentheses that enclose all of it: `a > 1`, not `(a > 1)`.
std::string Condition(const ir::Value& value) {
  std::string text = ir::ToText(value);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    int depth = 0;
    bool encloses = true;
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
      if (depth == 0) encloses = false;
    }
    if (encloses) text = text.substr(1, text.size() - 2);
  }
  return Short(std::move(text));
}

Tone ToneOf(const ir::Action& a) {
  switch (a.kind) {
    case ir::Action::Kind::kInvoke:
      return Tone::kCompute;
    case ir::Action::Kind::kResourceOp:
      return a.target.kind == ir::EntityRef::Kind::kTable ||
                     a.target.kind == ir::EntityRef::Kind::kBucket
                 ? Tone::kStorage
                 : Tone::kBus;
    case ir::Action::Kind::kRunFlow:
    case ir::Action::Kind::kStartFlow:
      return Tone::kFlow;
    case ir::Action::Kind::kServiceCall:
    case ir::Action::Kind::kHttp:
      return Tone::kExternal;
  }
  return Tone::kPlain;
}

// What a task does, in the program's words: `call reserveInventory`, `Orders.put`.
std::string ActionText(const ir::App& app, const ir::Action& a) {
  std::string text;
  switch (a.kind) {
    case ir::Action::Kind::kInvoke:
      text = "call " + app.NameOf(a.target);
      break;
    case ir::Action::Kind::kResourceOp:
      text = app.NameOf(a.target) + "." + ir::Spelling(a.resource_op);
      break;
    case ir::Action::Kind::kRunFlow:
      text = "run " + app.NameOf(a.target);
      break;
    case ir::Action::Kind::kStartFlow:
      text = "start " + app.NameOf(a.target);
      break;
    case ir::Action::Kind::kServiceCall:
      text = "aws." + a.service + "." + a.operation + (a.sync ? " (waits for the job)" : "");
      break;
    case ir::Action::Kind::kHttp:
      text = std::string("http ") + ir::Spelling(a.http_method);
      if (a.target.valid()) text += " via " + app.NameOf(a.target);
      break;
  }
  if (a.callback) text += "\nwaits for a callback";
  return text;
}

// A state's name without the ` (2)` the target adds to make names unique.
std::string BaseName(const std::string& name) {
  const size_t open = name.rfind(" (");
  if (open == std::string::npos || name.back() != ')') return name;
  for (size_t i = open + 2; i + 1 < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return name;
  }
  return name.substr(0, open);
}

std::string ErrorsText(const ir::CatchEdge& edge) {
  std::string text;
  for (const std::string& e : edge.errors) {
    if (!text.empty()) text += ", ";
    text += e == "*" ? "any error" : e;
  }
  if (edge.binding) text += " as " + *edge.binding;
  return text;
}

class FlowView {
 public:
  FlowView(const ir::App& app, const ir::Flow& flow)
      : app_(app), g_(flow.graph), node_of_(g_.states.size(), kNone) {}

  Diagram Build() {
    const uint32_t entry = d_.AddNode(0, {"entry", "start", Shape::kCircle, Tone::kMark, {}});
    const uint32_t exit = d_.AddNode(0, {"exit", "end", Shape::kCircle, Tone::kMark, {}});
    d_.clusters[0].nodes.pop_back();  // declared last, so that layouts put it at the bottom
    // Regions are visited from a work list, not by recursion: the depth of nested parallels and
    // loops is the program's.
    std::deque<Region> work{{0, 0, exit}};
    if (!g_.graphs.empty()) pending_.push_back({entry, g_.graphs[0].start, {}, false});
    while (!work.empty()) {
      Region region = work.front();
      work.pop_front();
      AddRegion(region, work);
    }
    for (const Pending& p : pending_) {
      if (p.to.valid() && node_of_[p.to.index] != kNone) {
        d_.AddEdge(p.from, node_of_[p.to.index], p.label, p.dashed);
      }
    }
    d_.clusters[0].nodes.push_back(exit);
    return std::move(d_);
  }

 private:
  static constexpr uint32_t kNone = ~0u;
  struct Region {
    uint32_t graph;
    uint32_t cluster;
    uint32_t exit;  // the node a run of this region ends at: the end, or a join
  };
  // An edge to a state whose node may not exist yet (the first state of a nested region).
  struct Pending {
    uint32_t from;
    ir::StateId to;
    std::string label;
    bool dashed;
  };

  // The region's states: its start first, then in source order (as the ASL lists them).
  std::vector<ir::StateId> Ordered(const ir::Graph& graph) const {
    std::vector<ir::StateId> order = graph.states;
    std::stable_sort(order.begin(), order.end(), [&](ir::StateId a, ir::StateId b) {
      if ((a == graph.start) != (b == graph.start)) return a == graph.start;
      const Span& x = g_.at(a).span;
      const Span& y = g_.at(b).span;
      return std::pair(x.file.value, x.begin) < std::pair(y.file.value, y.begin);
    });
    return order;
  }

  Node NodeFor(const ir::StateId id, const State& s) const {
    Node node{"s" + std::to_string(id.index), s.name, Shape::kBox, Tone::kPlain, s.name};
    switch (s.kind) {
      case State::Kind::kAction: {
        // The IR names a task after what it does (`Orders.put`, `reserveInventory`); the target
        // may add a suffix to make it unique (`Orders.put (2)`), which is kept: it is the name
        // the execution history shows.
        const ir::Action& a = *s.action;
        std::string what = ActionText(app_, a);
        const std::string base = BaseName(s.name);
        const bool names_function =
            a.kind == ir::Action::Kind::kInvoke &&
            (base == app_.NameOf(a.target) || base == "await " + app_.NameOf(a.target));
        if (names_function) {
          node.label = (base == app_.NameOf(a.target) ? "call " : "") + s.name +
                       (a.callback ? "\nwaits for a callback" : "");
        } else if (what != base) {
          node.label += "\n" + what;
        }
        node.tone = ToneOf(a);
        break;
      }
      case State::Kind::kAssign:
        node.shape = Shape::kRounded;
        break;
      case State::Kind::kBranch:
        node.shape = Shape::kDiamond;
        break;
      case State::Kind::kWait:
        node.shape = Shape::kHexagon;  // its name says how long (`wait 1h`)
        break;
      case State::Kind::kParallel:
        node.shape = Shape::kSubroutine;
        node.label += "\nparallel, " + std::to_string(s.branches.size()) + " branches";
        break;
      case State::Kind::kForEach: {
        node.shape = Shape::kSubroutine;
        const ir::Loop& loop = *s.loop;
        std::string items =
            loop.items ? Short(ir::ToText(*loop.items))
            : loop.source
                ? std::string(ir::ItemSource::Spelling(loop.source->kind)) + " of " +
                      (loop.source->bucket.valid() ? app_.buckets[loop.source->bucket.index].name
                                                   : std::string("a bucket named at run time"))
                : std::string("items");
        node.label += "\nover " + items;
        if (loop.distributed) node.label += "\n(distributed)";
        break;
      }
      case State::Kind::kSucceed:
        node.shape = Shape::kStadium;
        node.tone = Tone::kSucceed;
        break;
      case State::Kind::kFail:
        node.shape = Shape::kStadium;
        node.tone = Tone::kFail;
        break;
    }
    return node;
  }

  void AddRegion(const Region& region, std::deque<Region>& work) {
    const ir::Graph& graph = g_.graphs[region.graph];
    const std::vector<ir::StateId> order = Ordered(graph);
    for (ir::StateId id : order)
      node_of_[id.index] = d_.AddNode(region.cluster, NodeFor(id, g_.at(id)));
    for (ir::StateId id : order) {
      const State& s = g_.at(id);
      const uint32_t node = node_of_[id.index];
      auto then = [&](uint32_t from, ir::StateId next, std::string label = {}) {
        if (next.valid()) {
          pending_.push_back({from, next, std::move(label), false});
        } else {
          d_.AddEdge(from, region.exit, std::move(label));
        }
      };
      switch (s.kind) {
        case State::Kind::kAction:
        case State::Kind::kAssign:
        case State::Kind::kWait:
          then(node, s.next);
          break;
        case State::Kind::kBranch:
          for (const State::Rule& rule : s.rules) {
            pending_.push_back({node, rule.next, Condition(*rule.condition), false});
          }
          if (s.default_next.valid()) pending_.push_back({node, s.default_next, "else", false});
          break;
        case State::Kind::kParallel: {
          const uint32_t join =
              d_.AddNode(region.cluster,
                         {"j" + std::to_string(id.index), "join", Shape::kCircle, Tone::kMark, {}});
          for (size_t b = 0; b < s.branches.size(); ++b) {
            const uint32_t cluster =
                d_.AddCluster(region.cluster, s.name + ": branch " + std::to_string(b + 1));
            work.push_back({s.branches[b], cluster, join});
            pending_.push_back({node, g_.graphs[s.branches[b]].start, {}, false});
          }
          then(join, s.next);
          break;
        }
        case State::Kind::kForEach: {
          const ir::Loop& loop = *s.loop;
          const uint32_t join = d_.AddNode(
              region.cluster,
              {"j" + std::to_string(id.index), "all done", Shape::kCircle, Tone::kMark, {}});
          const uint32_t cluster = d_.AddCluster(region.cluster, "each " + loop.var);
          work.push_back({loop.body, cluster, join});
          pending_.push_back({node, g_.graphs[loop.body].start, {}, false});
          then(join, s.next);
          break;
        }
        case State::Kind::kSucceed:
          d_.AddEdge(node, region.exit);
          break;
        case State::Kind::kFail:
          break;
      }
      for (const ir::CatchEdge& edge : s.catches) {
        pending_.push_back({node, edge.next, ErrorsText(edge), true});
      }
    }
  }

  const ir::App& app_;
  const ir::StateGraph& g_;
  Diagram d_;
  std::vector<uint32_t> node_of_;
  std::vector<Pending> pending_;
};

}  // namespace

Diagram FlowDiagram(const ir::App& app, const ir::Flow& flow) {
  return FlowView(app, flow).Build();
}

}  // namespace caios::graph
