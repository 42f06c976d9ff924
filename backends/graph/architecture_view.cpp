#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "backends/graph/views.h"

namespace caios::graph {
namespace {

using Kind = ir::EntityRef::Kind;

std::string Join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& w : words) {
    if (!text.empty()) text += ", ";
    text += w;
  }
  return text;
}

const char* ModeText(ir::Target::Mode mode) {
  switch (mode) {
    case ir::Target::Mode::kCall:
      return "";
    case ir::Target::Mode::kStart:
      return " (start)";
    case ir::Target::Mode::kRun:
      return " (run)";
  }
  return "";
}

class ArchitectureView {
 public:
  explicit ArchitectureView(const ir::App& app) : app_(app) {}

  Diagram Build() {
    d_.direction = Diagram::Direction::kLeftRight;
    AddEntities();
    AddPorts();
    AddAccesses();
    AddGrants();
    AddDeadLetters();
    return std::move(d_);
  }

 private:
  void Add(ir::EntityRef ref, const std::string& prefix, std::string label, Shape shape,
           Tone tone) {
    const uint32_t node =
        d_.AddNode(0, {prefix + std::to_string(ref.index), std::move(label), shape, tone, {}});
    node_of_[ref] = node;
  }

  // Ports first, then compute and orchestration, then storage and buses, so that a left-to-
  // right layout reads as a request's way through the application.
  void AddEntities() {
    for (uint32_t i = 0; i < app_.apis.size(); ++i) {
      Add({Kind::kApi, i}, "api", app_.apis[i].name + "\nREST API", Shape::kHexagon, Tone::kPort);
    }
    for (uint32_t i = 0; i < app_.schedules.size(); ++i) {
      const ir::Schedule& s = app_.schedules[i];
      Add({Kind::kSchedule, i}, "sch", s.name + "\n" + s.expression, Shape::kStadium, Tone::kPort);
    }
    for (uint32_t i = 0; i < app_.flows.size(); ++i) {
      const ir::Flow& f = app_.flows[i];
      Add(ir::Ref(ir::FlowId{i}), "flow", f.name + (f.express ? "\nexpress flow" : "\nflow"),
          Shape::kRounded, Tone::kFlow);
    }
    for (uint32_t i = 0; i < app_.functions.size(); ++i) {
      const ir::Function& f = app_.functions[i];
      std::string label = f.name + "\nfunction";
      if (!f.runtime.empty()) label += " · " + f.runtime;
      if (!f.image.empty()) label += " · image";
      Add(ir::Ref(ir::FunctionId{i}), "fn", std::move(label), Shape::kBox, Tone::kCompute);
    }
    for (uint32_t i = 0; i < app_.tables.size(); ++i) {
      Add(ir::Ref(ir::TableId{i}), "tbl", app_.tables[i].name + "\ntable", Shape::kCylinder,
          Tone::kStorage);
    }
    for (uint32_t i = 0; i < app_.buckets.size(); ++i) {
      Add(ir::Ref(ir::BucketId{i}), "bkt", app_.buckets[i].name + "\nbucket", Shape::kCylinder,
          Tone::kStorage);
    }
    for (uint32_t i = 0; i < app_.queues.size(); ++i) {
      const ir::Queue& q = app_.queues[i];
      Add(ir::Ref(ir::QueueId{i}), "que", q.name + (q.fifo ? "\nFIFO queue" : "\nqueue"),
          Shape::kFlag, Tone::kBus);
    }
    for (uint32_t i = 0; i < app_.topics.size(); ++i) {
      const ir::Topic& t = app_.topics[i];
      Add(ir::Ref(ir::TopicId{i}), "top", t.name + (t.fifo ? "\nFIFO topic" : "\ntopic"),
          Shape::kFlag, Tone::kBus);
    }
    for (uint32_t i = 0; i < app_.streams.size(); ++i) {
      Add(ir::Ref(ir::StreamId{i}), "str", app_.streams[i].name + "\nstream", Shape::kFlag,
          Tone::kBus);
    }
    for (uint32_t i = 0; i < app_.buses.size(); ++i) {
      Add(ir::Ref(ir::EventBusId{i}), "bus", app_.buses[i].name + "\nevent bus", Shape::kFlag,
          Tone::kBus);
    }
    for (uint32_t i = 0; i < app_.connections.size(); ++i) {
      Add(ir::Ref(ir::ConnectionId{i}), "con", app_.connections[i].name + "\nHTTP connection",
          Shape::kParallelogram, Tone::kExternal);
    }
    for (uint32_t i = 0; i < app_.secrets.size(); ++i) {
      Add(ir::Ref(ir::SecretId{i}), "sec", app_.secrets[i].name + "\nsecret", Shape::kParallelogram,
          Tone::kExternal);
    }
    for (uint32_t i = 0; i < app_.parameters.size(); ++i) {
      Add(ir::Ref(ir::ParameterId{i}), "par", app_.parameters[i].name + "\nparameter",
          Shape::kParallelogram, Tone::kExternal);
    }
  }

  uint32_t NodeOf(ir::EntityRef ref) const { return node_of_.at(ref); }

  // An AWS service the program calls without a resource of its own (`aws.ses.sendEmail`).
  uint32_t ServiceNode(const std::string& service) {
    auto [it, added] = services_.try_emplace(service, 0);
    if (added) {
      it->second = d_.AddNode(0, {"svc" + std::to_string(services_.size() - 1),
                                  "aws." + service,
                                  Shape::kParallelogram,
                                  Tone::kExternal,
                                  {}});
    }
    return it->second;
  }

  // One edge per pair of nodes and style, whose label lists what passes along it, in the
  // order the program first does it (`put, update`).
  void Connect(uint32_t from, uint32_t to, const std::string& what, bool dashed = false) {
    auto [it, added] = edges_.try_emplace({from, to, dashed}, d_.edges.size());
    if (added) {
      d_.AddEdge(from, to, what, dashed);
      words_.push_back(what.empty() ? std::vector<std::string>{} : std::vector<std::string>{what});
      return;
    }
    std::vector<std::string>& words = words_[it->second];
    if (what.empty() || std::find(words.begin(), words.end(), what) != words.end()) return;
    words.push_back(what);
    d_.edges[it->second].label = Join(words);
  }

  void AddPorts() {
    for (uint32_t i = 0; i < app_.apis.size(); ++i) {
      for (const ir::Route& route : app_.apis[i].routes) {
        Connect(NodeOf({Kind::kApi, i}), NodeOf(route.target.entity),
                std::string(ir::Spelling(route.method)) + " " + route.path +
                    ModeText(route.target.mode));
      }
    }
    for (uint32_t i = 0; i < app_.schedules.size(); ++i) {
      const ir::Schedule& s = app_.schedules[i];
      Connect(NodeOf({Kind::kSchedule, i}), NodeOf(s.target.entity),
              s.target.mode == ir::Target::Mode::kCall ? "calls" : "starts");
      if (s.dead_letter.valid()) {
        Connect(NodeOf({Kind::kSchedule, i}), NodeOf(ir::Ref(s.dead_letter)), "undelivered", true);
      }
    }
    for (const ir::Trigger& t : app_.triggers) {
      Connect(NodeOf(t.source), NodeOf(t.target.entity), "on " + t.event + ModeText(t.target.mode));
      if (t.on_failure.valid())
        Connect(NodeOf(t.source), NodeOf(t.on_failure), "failed batches", true);
    }
  }

  void AddAccesses() {
    using A = ir::Access::Kind;
    // In the order the program writes them, so that labels read `put, update`.
    std::vector<const ir::Access*> accesses;
    for (const ir::Access& a : app_.accesses) accesses.push_back(&a);
    std::stable_sort(accesses.begin(), accesses.end(),
                     [](const ir::Access* x, const ir::Access* y) {
                       return std::pair(x->span.file.value, x->span.begin) <
                              std::pair(y->span.file.value, y->span.begin);
                     });
    for (const ir::Access* access : accesses) {
      const ir::Access& a = *access;
      const uint32_t from = NodeOf(ir::Ref(a.from));
      switch (a.kind) {
        case A::kResourceOp:
          Connect(from, NodeOf(a.to), ir::Spelling(a.resource_op));
          break;
        case A::kInvoke:
          Connect(from, NodeOf(a.to), a.callback ? "call, waits for callback" : "call");
          break;
        case A::kStartFlow:
          Connect(from, NodeOf(a.to), "start");
          break;
        case A::kRunFlow:
          Connect(from, NodeOf(a.to), "run");
          break;
        case A::kServiceCall:
          Connect(from, ServiceNode(a.service), a.operation);
          break;
        case A::kHttp:
          Connect(from, NodeOf(a.to), "http " + a.operation);
          break;
        case A::kItemRead:
          if (a.any_bucket) {
            Connect(from, ServiceNode("s3"), "read items (any bucket)");
          } else {
            Connect(from, NodeOf(a.to), "read items");
          }
          break;
        case A::kResultWrite:
          Connect(from, NodeOf(a.to), "write results");
          break;
        case A::kChildFlows:
          Connect(from, from, "child runs");
          break;
      }
    }
  }

  void AddGrant(uint32_t from, const ir::Grant& grant, bool dashed) {
    std::vector<std::string> words;
    for (ir::Permission p : grant.permissions) words.push_back(ir::Spelling(p));
    Connect(from, NodeOf(grant.target), "uses " + Join(words), dashed);
  }

  void AddGrants() {
    for (uint32_t i = 0; i < app_.functions.size(); ++i) {
      const ir::Function& f = app_.functions[i];
      const uint32_t from = NodeOf(ir::Ref(ir::FunctionId{i}));
      for (const ir::Grant& g : f.grants) AddGrant(from, g, false);
      for (const ir::ServiceGrant& g : f.service_grants) {
        for (const ir::ServiceGrant::Operation& op : g.operations) {
          Connect(from, ServiceNode(g.service), op.name);
        }
      }
    }
    // A flow's `uses` is what services act on with its role (Textract reading a bucket).
    for (uint32_t i = 0; i < app_.flows.size(); ++i) {
      for (const ir::Grant& g : app_.flows[i].grants)
        AddGrant(NodeOf(ir::Ref(ir::FlowId{i})), g, true);
    }
  }

  void AddDeadLetters() {
    for (uint32_t i = 0; i < app_.queues.size(); ++i) {
      const ir::Queue& q = app_.queues[i];
      if (!q.dead_letter) continue;
      const std::string what =
          "dead letters after " + std::to_string(q.dead_letter->max_receives) + " receives";
      uint32_t to;
      if (q.dead_letter->target.valid()) {
        to = NodeOf(ir::Ref(q.dead_letter->target));
      } else {
        to = d_.AddNode(0, {"dlq" + std::to_string(i),
                            q.name + " dead letters\ngenerated queue",
                            Shape::kFlag,
                            Tone::kBus,
                            {}});
      }
      Connect(NodeOf(ir::Ref(ir::QueueId{i})), to, what, true);
    }
  }

  struct EdgeKey {
    uint32_t from, to;
    bool dashed;
    auto operator<=>(const EdgeKey&) const = default;
  };

  const ir::App& app_;
  Diagram d_;
  std::map<ir::EntityRef, uint32_t> node_of_;
  std::map<std::string, uint32_t> services_;
  std::map<EdgeKey, size_t> edges_;
  std::vector<std::vector<std::string>> words_;  // per edge, the words of its label
};

}  // namespace

Diagram ArchitectureDiagram(const ir::App& app) { return ArchitectureView(app).Build(); }

}  // namespace caios::graph
