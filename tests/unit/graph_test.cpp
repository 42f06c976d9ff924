// Tests of `caios graph`: what each view draws, the notations' escaping, and the command's
// usage errors and output folder. Mermaid's and Graphviz's own parsers judge every sample's
// diagrams in tests/validate/diagrams.mjs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "backends/graph/diagram.h"
#include "compiler/driver/cli.h"
#include "tests/unit/cli_test_util.h"
#include "tests/unit/scratch_test_util.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

using testing::CliResult;
using testing::Run;
using testing::Scratch;
using testing::Write;

const char* const kShopApp = R"(app shop
table Orders { key id: string }
queue Mail
flow place(id: string) -> string {
  try {
    Orders.put({ id: id })
  } catch as e {
    fail PutFailed("no")
  }
  if id == "vip" {
    Mail.send({ id: id })
  }
  return id
}
)";

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("graph: the architecture shows entities and the access edges", "[graph]") {
  Scratch s;
  Write(s.dir / "main.caios", kShopApp);
  CliResult r = Run({"graph", (s.dir / "main.caios").string()});
  INFO(r.err);
  REQUIRE(r.exit == 0);
  CHECK(r.out.starts_with("flowchart LR\n"));
  CHECK(Has(r.out, "flow0(\"place<br/>flow\")"));
  CHECK(Has(r.out, "tbl0[(\"Orders<br/>table\")]"));
  CHECK(Has(r.out, "que0>\"Mail<br/>queue\"]"));
  CHECK(Has(r.out, "flow0 -->|\"put\"| tbl0"));
  CHECK(Has(r.out, "flow0 -->|\"send\"| que0"));
}

TEST_CASE("graph: a flow shows its states, conditions and error paths", "[graph]") {
  Scratch s;
  Write(s.dir / "main.caios", kShopApp);
  CliResult r = Run({"graph", (s.dir / "main.caios").string(), "--flow", "place"});
  INFO(r.err);
  REQUIRE(r.exit == 0);
  CHECK(r.out.starts_with("flowchart TD\n"));
  CHECK(Has(r.out, "-->|\"id == #quot;vip#quot;\"|"));  // the condition, escaped
  CHECK(Has(r.out, "-->|\"else\"|"));
  CHECK(Has(r.out, "-.->|\"any error as e\"|"));  // the catch, dashed
  CHECK(Has(r.out, "([\"Fail PutFailed\"])"));
  CliResult dot =
      Run({"graph", (s.dir / "main.caios").string(), "--flow", "place", "--format", "dot"});
  REQUIRE(dot.exit == 0);
  CHECK(dot.out.starts_with("digraph \"place\" {\n"));
  CHECK(Has(dot.out, "label=\"id == \\\"vip\\\"\""));
  CHECK(Has(dot.out, "style=dashed"));
}

TEST_CASE("graph: labels cannot break out of either notation", "[graph]") {
  graph::Diagram d;
  const uint32_t a = d.AddNode(0, {"a", "x\"] --> b; click a \"javascript:1\" #35; <i>`|`\\N",
                                   graph::Shape::kBox, graph::Tone::kPlain, "t\"\\"});
  const uint32_t b = d.AddNode(0, {"b", "b", graph::Shape::kBox, graph::Tone::kPlain, {}});
  d.AddEdge(a, b, "e|\"x\"");
  const std::string mermaid = graph::WriteMermaid(d);
  CHECK(Has(mermaid,
            "a[\"x#quot;] --#gt; b; click a #quot;javascript:1#quot; #35;35; "
            "#lt;i#gt;#96;#124;#96;\\N\"]"));
  CHECK(Has(mermaid, "a -->|\"e#124;#quot;x#quot;\"| b"));
  const std::string dot = graph::WriteDot(d, "q\"");
  CHECK(dot.starts_with("digraph \"q\\\"\" {"));
  CHECK(Has(dot, "label=\"x\\\"] --> b; click a \\\"javascript:1\\\" #35; <i>`|`\\\\N\""));
  CHECK(Has(dot, "tooltip=\"t\\\"\\\\\""));
}

TEST_CASE("graph: clusters nest at most kMaxClusterDepth deep", "[graph]") {
  graph::Diagram d;
  uint32_t cluster = 0;
  for (int i = 0; i < 100; ++i) cluster = d.AddCluster(cluster, "level");
  CHECK(d.clusters.size() == graph::kMaxClusterDepth + 1);
  CHECK(d.clusters[cluster].depth == graph::kMaxClusterDepth);
}

TEST_CASE("graph: usage errors name what exists", "[graph]") {
  Scratch s;
  Write(s.dir / "main.caios", kShopApp);
  const std::string file = (s.dir / "main.caios").string();
  CliResult flow = Run({"graph", file, "--flow", "plac"});
  CHECK(flow.exit == 2);
  CHECK(flow.err == "error: application `shop` has no flow `plac`; its flows: `place`\n");
  CliResult app = Run({"graph", file, "--app", "shoo"});
  CHECK(app.exit == 2);
  CHECK(app.err == "error: no application `shoo`; the applications: `shop`\n");
  CHECK(Run({"graph", file, "--format", "gif"}).exit == 2);

  // Two applications: one must be chosen for a single diagram; Markdown shows both.
  Write(s.dir / "two" / "a.caios", "app first\nqueue Q\n");
  Write(s.dir / "two" / "b.caios", "app second\ntable T { key id: string }\n");
  CliResult two = Run({"graph", (s.dir / "two").string()});
  CHECK(two.exit == 2);
  CHECK(Has(two.err, "the inputs hold 2 applications (`first`, `second`): choose one with --app"));
  CliResult chosen = Run({"graph", (s.dir / "two").string(), "--app", "second"});
  CHECK(chosen.exit == 0);
  CHECK(Has(chosen.out, "T<br/>table"));
  CliResult md = Run({"graph", (s.dir / "two").string(), "--format", "markdown"});
  CHECK(md.exit == 0);
  CHECK(Has(md.out, "### `first`: architecture\n\n```mermaid\nflowchart LR\n"));
  CHECK(Has(md.out, "### `second`: architecture"));
}

TEST_CASE("graph: a program with errors draws nothing", "[graph]") {
  Scratch s;
  Write(s.dir / "main.caios", "app shop\nflow f() { Nope.put({}) }\n");
  CliResult r = Run({"graph", (s.dir / "main.caios").string(), "--color", "never"});
  CHECK(r.exit == 1);
  CHECK(r.out.empty());
  CHECK(Has(r.err, "error["));
}

TEST_CASE("graph: -o writes every diagram into a folder, and never over the sources", "[graph]") {
  Scratch s;
  Write(s.dir / "main.caios", kShopApp);
  const fs::path out = s.dir / "diagrams";
  CliResult r =
      Run({"graph", (s.dir / "main.caios").string(), "-o", out.string(), "--format", "dot"});
  INFO(r.err);
  REQUIRE(r.exit == 0);
  CHECK(fs::exists(out / "architecture.dot"));
  CHECK(fs::exists(out / "flows" / "place.dot"));
  CliResult refused = Run({"graph", (s.dir / "main.caios").string(), "-o", s.dir.string()});
  CHECK(refused.exit == 2);
  CHECK(fs::exists(s.dir / "main.caios"));
}

}  // namespace
}  // namespace caios
