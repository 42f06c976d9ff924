// Mermaid flowcharts (they render in GitHub Markdown): docs/cli.md, `caios graph`.
#include <array>
#include <string>
#include <utility>

#include "backends/graph/diagram.h"
#include "backends/graph/tones.h"

namespace caios::graph {
namespace {

// Text inside a quoted Mermaid label. Mermaid reads entity codes (`#quot;`, `#35;`) in labels,
// so every character with a meaning to Mermaid or to the HTML it renders becomes one, and a
// program's text can neither end the label nor add markup, links or directives.
std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n':
        out += "<br/>";
        break;
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '`':
        out += "#96;";
        break;
      case '|':
        out += "#124;";
        break;
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::pair<const char*, const char*> Brackets(Shape shape) {
  switch (shape) {
    case Shape::kBox:
      return {"[", "]"};
    case Shape::kRounded:
      return {"(", ")"};
    case Shape::kDiamond:
      return {"{", "}"};
    case Shape::kHexagon:
      return {"{{", "}}"};
    case Shape::kCylinder:
      return {"[(", ")]"};
    case Shape::kFlag:
      return {">", "]"};
    case Shape::kParallelogram:
      return {"[/", "/]"};
    case Shape::kSubroutine:
      return {"[[", "]]"};
    case Shape::kCircle:
      return {"((", "))"};
    case Shape::kStadium:
      return {"([", "])"};
  }
  return {"[", "]"};
}

void WriteMermaidCluster(const Diagram& d, uint32_t index, int indent, std::string& out) {
  const Cluster& cluster = d.clusters[index];
  const std::string pad(static_cast<size_t>(indent) * 2, ' ');
  for (uint32_t n : cluster.nodes) {
    const Node& node = d.nodes[n];
    auto [open, close] = Brackets(node.shape);
    out += pad + node.id + open + '"' + Escape(node.label) + '"' + close + '\n';
  }
  // Recursion is bounded: clusters nest at most kMaxClusterDepth deep (diagram.h).
  for (uint32_t c : cluster.clusters) {
    const Cluster& child = d.clusters[c];
    out += pad + "subgraph " + child.id + " [\"" + Escape(child.label) + "\"]\n";
    WriteMermaidCluster(d, c, indent + 1, out);
    out += pad + "end\n";
  }
}

}  // namespace

std::string WriteMermaid(const Diagram& d) {
  std::string out =
      d.direction == Diagram::Direction::kTopDown ? "flowchart TD\n" : "flowchart LR\n";
  WriteMermaidCluster(d, 0, 1, out);
  for (const Edge& e : d.edges) {
    out += "  " + d.nodes[e.from].id + (e.dashed ? " -.->" : " -->");
    if (!e.label.empty()) out += "|\"" + Escape(e.label) + "\"|";
    out += ' ' + d.nodes[e.to].id + '\n';
  }
  // One class per tone that occurs, listing its nodes.
  constexpr std::array kTones = {Tone::kPlain, Tone::kStorage, Tone::kBus,      Tone::kCompute,
                                 Tone::kFlow,  Tone::kPort,    Tone::kExternal, Tone::kSucceed,
                                 Tone::kFail,  Tone::kMark};
  for (Tone tone : kTones) {
    std::string members;
    for (const Node& node : d.nodes) {
      if (node.tone != tone) continue;
      if (!members.empty()) members += ',';
      members += node.id;
    }
    if (members.empty()) continue;
    const Colors colors = ColorsOf(tone);
    out += std::string("  classDef ") + ClassOf(tone) + " fill:" + colors.fill +
           ",stroke:" + colors.stroke + ",color:#1f2328\n";
    out += std::string("  class ") + members + ' ' + ClassOf(tone) + '\n';
  }
  return out;
}

}  // namespace caios::graph
