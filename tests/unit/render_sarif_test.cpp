// Tests of the SARIF 2.1.0 renderer: rules from the registry, results, locations, fixes.
#include <catch2/catch.hpp>
#include <sstream>

#include "compiler/diag/render_sarif.h"
#include "tests/unit/render_test_util.h"

namespace caios {
namespace {

using nlohmann::json;
using testing::MakeDiag;
using testing::SpanOf;

json Sarif(const std::vector<Diagnostic>& diags, const SourceManager& sources) {
  std::ostringstream out;
  RenderSarif(diags, sources, "/repo", out);
  return json::parse(out.str());
}

TEST_CASE("sarif: log, run and rules", "[render_sarif]") {
  SourceManager sources;
  json log = Sarif({}, sources);
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["results"].empty());
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "caios");
  CHECK(driver["version"] == CAIOS_VERSION);
  CHECK_FALSE(driver.contains("informationUri"));
  const auto& kinds = AllDiagKinds();
  REQUIRE(driver["rules"].size() == kinds.size());
  for (size_t i = 0; i < kinds.size(); ++i) {
    const json& rule = driver["rules"][i];
    CHECK(rule["id"] == kinds[i].code);
    CHECK(rule["shortDescription"]["text"] == kinds[i].title);
    CHECK(rule["fullDescription"]["text"] == kinds[i].explanation);
    CHECK_FALSE(rule["help"]["text"].get<std::string>().empty());
    CHECK_FALSE(rule["name"].get<std::string>().empty());
  }
  CHECK(driver["rules"][static_cast<size_t>(DiagCode::kUnexpectedChar)]["name"] ==
        "UnexpectedChar");
}

TEST_CASE("sarif: results with locations, related locations and fixes", "[render_sarif]") {
  SourceManager sources;
  FileId f = sources.Add("/repo/my app/a.caios", "flow f() {\n  let x = 1 #\n");
  FileId g = sources.Add("/elsewhere/b.caios", "app b\n");
  auto d = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "#"), "unexpected `#`");
  d.Label(SpanOf(sources, f, "{"), "in this block").Label(SpanOf(sources, g, "app"), "there");
  d.Note("comments start with //").Fix(SpanOf(sources, f, "#"), "//");
  auto none = MakeDiag(DiagCode::kNoSourceFiles, Span{}, "no .caios files in `x`");
  json results = Sarif({d, none}, sources)["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  const json& r = results[0];
  CHECK(r["ruleId"] == "E0101");
  CHECK(r["ruleIndex"] == static_cast<size_t>(DiagCode::kUnexpectedChar));
  CHECK(r["level"] == "error");
  CHECK(r["message"]["text"] == "unexpected `#`\nnote: comments start with //");
  const json& loc = r["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"] == json{{"uri", "my%20app/a.caios"}, {"uriBaseId", "%SRCROOT%"}});
  CHECK(loc["region"] ==
        json{{"startLine", 2}, {"startColumn", 13}, {"endLine", 2}, {"endColumn", 14}});
  REQUIRE(r["relatedLocations"].size() == 2);
  CHECK(r["relatedLocations"][0]["id"] == 1);
  CHECK(r["relatedLocations"][0]["message"]["text"] == "in this block");
  CHECK(r["relatedLocations"][1]["physicalLocation"]["artifactLocation"] ==
        json{{"uri", "file:///elsewhere/b.caios"}});
  const json& fix = r["fixes"][0];
  CHECK(fix["description"]["text"] == "replace with `//`");
  const json& change = fix["artifactChanges"][0];
  CHECK(change["artifactLocation"]["uri"] == "my%20app/a.caios");
  CHECK(change["replacements"][0]["insertedContent"]["text"] == "//");
  CHECK(change["replacements"][0]["deletedRegion"]["startColumn"] == 13);

  const json& n = results[1];
  CHECK(n["locations"].empty());
  CHECK_FALSE(n.contains("fixes"));
  CHECK_FALSE(n.contains("relatedLocations"));
}

TEST_CASE("sarif: uri encoding", "[render_sarif]") {
  CHECK(PercentEncodePath("a b/c%d#é.caios") == "a%20b/c%25d%23%C3%A9.caios");
}

}  // namespace
}  // namespace caios
