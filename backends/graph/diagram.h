// A drawing-neutral diagram: nodes with a shape and a tone, edges, and nested clusters. The
// architecture and flow views build one; the Mermaid and DOT writers print it
// (docs/architecture.md, "Diagrams").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace caios::graph {

// What a node looks like; each writer maps it to its notation's nearest shape.
enum class Shape {
  kBox,            // a step, a function
  kRounded,        // a flow
  kDiamond,        // a choice
  kHexagon,        // a wait, an API
  kCylinder,       // a table or a bucket
  kFlag,           // a queue, topic, stream or event bus
  kParallelogram,  // a connection, an outside service
  kSubroutine,     // a parallel or a loop (it has a cluster of its own)
  kCircle,         // the start and the end of a run, a join
  kStadium,        // a schedule, a succeed state
};

// The colour family of a node, the same in both notations.
enum class Tone {
  kPlain,
  kStorage,
  kBus,
  kCompute,
  kFlow,
  kPort,
  kExternal,
  kSucceed,
  kFail,
  kMark
};

struct Node {
  std::string id;     // made by the builder ([a-z]+[0-9]*), never text from a program
  std::string label;  // lines separated by '\n'; the writers escape it
  Shape shape = Shape::kBox;
  Tone tone = Tone::kPlain;
  // What the node stands for, exactly (a flow state's deployed name): DOT's tooltip, which
  // SVG viewers show on hover and tests use to match nodes with the ASL's states.
  std::string tooltip;
};

struct Edge {
  uint32_t from = 0, to = 0;  // node indices
  std::string label;          // may be empty
  bool dashed = false;        // an error path, a dead letter, a grant used by a service
};

// A group of nodes drawn in one frame (a parallel branch, a loop body).
struct Cluster {
  std::string id;
  std::string label;
  std::vector<uint32_t> nodes;     // node indices directly in this cluster
  std::vector<uint32_t> clusters;  // child cluster indices
  int depth = 0;                   // 0 for the whole diagram
};

// Clusters nest at most this deep; the nodes of deeper regions are drawn in their ancestor at
// this depth, so that writers recurse a bounded number of times and pictures stay readable.
inline constexpr int kMaxClusterDepth = 12;

struct Diagram {
  enum class Direction { kTopDown, kLeftRight };
  Direction direction = Direction::kTopDown;
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  // clusters[0] is the whole diagram (no frame); every node is in exactly one cluster.
  std::vector<Cluster> clusters{Cluster{}};

  uint32_t AddNode(uint32_t cluster, Node node);
  // A frame inside `parent`; `parent` itself when it is kMaxClusterDepth deep.
  uint32_t AddCluster(uint32_t parent, std::string label);
  void AddEdge(uint32_t from, uint32_t to, std::string label = {}, bool dashed = false);
};

// The two notations (docs/cli.md, `caios graph`).
std::string WriteMermaid(const Diagram& diagram);
std::string WriteDot(const Diagram& diagram, const std::string& title);

}  // namespace caios::graph
