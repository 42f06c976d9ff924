// Graphviz DOT (rendered to SVG or PNG by `dot`): docs/cli.md, `caios graph`.
#include <string>

#include "backends/graph/diagram.h"
#include "backends/graph/tones.h"

namespace caios::graph {
namespace {

// A DOT double-quoted string: `"` and `\` escaped, so that a program's text can neither end
// the string nor form one of DOT's label escapes (`\N`, `\G`, `\l`); lines become `\n`.
std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out + '"';
}

const char* ShapeOf(Shape shape) {
  switch (shape) {
    case Shape::kBox:
      return "shape=box";
    case Shape::kRounded:
      return "shape=box, style=\"rounded,filled\"";
    case Shape::kDiamond:
      return "shape=diamond";
    case Shape::kHexagon:
      return "shape=hexagon";
    case Shape::kCylinder:
      return "shape=cylinder";
    case Shape::kFlag:
      return "shape=cds";
    case Shape::kParallelogram:
      return "shape=parallelogram";
    case Shape::kSubroutine:
      return "shape=box, peripheries=2";
    case Shape::kCircle:
      return "shape=circle";
    case Shape::kStadium:
      return "shape=oval";
  }
  return "shape=box";
}

void WriteDotCluster(const Diagram& d, uint32_t index, int indent, std::string& out) {
  const std::string pad(static_cast<size_t>(indent) * 2, ' ');
  const Cluster& cluster = d.clusters[index];
  for (uint32_t n : cluster.nodes) {
    const Node& node = d.nodes[n];
    const Colors colors = ColorsOf(node.tone);
    out += pad + node.id + " [label=" + Quote(node.label) + ", " + ShapeOf(node.shape) +
           ", fillcolor=\"" + colors.fill + "\", color=\"" + colors.stroke + '"';
    if (!node.tooltip.empty()) out += ", tooltip=" + Quote(node.tooltip);
    out += "];\n";
  }
  // Recursion is bounded: clusters nest at most kMaxClusterDepth deep (diagram.h).
  for (uint32_t c : cluster.clusters) {
    const Cluster& child = d.clusters[c];
    out += pad + "subgraph cluster_" + child.id + " {\n";
    out += pad + "  label=" + Quote(child.label) + ";\n";
    out += pad + "  style=\"rounded,dashed\"; color=\"#8c959f\";\n";
    WriteDotCluster(d, c, indent + 1, out);
    out += pad + "}\n";
  }
}

}  // namespace

std::string WriteDot(const Diagram& d, const std::string& title) {
  std::string out = "digraph " + Quote(title) + " {\n";
  out += std::string("  graph [rankdir=") +
         (d.direction == Diagram::Direction::kTopDown ? "TB" : "LR") +
         ", fontname=\"Helvetica\", fontsize=11, nodesep=0.4, ranksep=0.45];\n";
  out += "  node [fontname=\"Helvetica\", fontsize=11, style=filled, fontcolor=\"#1f2328\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#57606a\"];\n";
  WriteDotCluster(d, 0, 1, out);
  for (const Edge& e : d.edges) {
    out += "  " + d.nodes[e.from].id + " -> " + d.nodes[e.to].id;
    if (!e.label.empty() || e.dashed) {
      out += " [";
      if (!e.label.empty()) out += "label=" + Quote(e.label);
      if (e.dashed) out += std::string(e.label.empty() ? "" : ", ") + "style=dashed";
      out += ']';
    }
    out += ";\n";
  }
  return out + "}\n";
}

}  // namespace caios::graph
