#include "backends/graph/diagram.h"

#include <utility>

namespace caios::graph {

uint32_t Diagram::AddNode(uint32_t cluster, Node node) {
  const auto index = static_cast<uint32_t>(nodes.size());
  nodes.push_back(std::move(node));
  clusters[cluster].nodes.push_back(index);
  return index;
}

uint32_t Diagram::AddCluster(uint32_t parent, std::string label) {
  const int depth = clusters[parent].depth + 1;
  if (depth > kMaxClusterDepth) return parent;
  const auto index = static_cast<uint32_t>(clusters.size());
  Cluster cluster;
  cluster.id = "c" + std::to_string(index);
  cluster.label = std::move(label);
  cluster.depth = depth;
  clusters.push_back(std::move(cluster));
  clusters[parent].clusters.push_back(index);
  return index;
}

void Diagram::AddEdge(uint32_t from, uint32_t to, std::string label, bool dashed) {
  edges.push_back(Edge{from, to, std::move(label), dashed});
}

}  // namespace caios::graph
