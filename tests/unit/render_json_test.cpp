// Tests of the JSON diagnostics renderer: document shape, positions, labels, fix-its.
#include <catch2/catch.hpp>
#include <sstream>

#include "compiler/diag/render_json.h"
#include "tests/unit/render_test_util.h"

namespace caios {
namespace {

using nlohmann::json;
using testing::MakeDiag;
using testing::SpanOf;

TEST_CASE("json: document shape", "[render_json]") {
  SourceManager sources;
  FileId f = sources.Add("/repo/src/a.caios", "flow f() {\n  let é = x\n");
  auto d = MakeDiag(DiagCode::kSyntaxError, SpanOf(sources, f, "x"), "unknown name `x`");
  d.Label(SpanOf(sources, f, "{"), "opened here").Note("a note").Fix(SpanOf(sources, f, "x"), "y");
  auto none = MakeDiag(DiagCode::kFileUnreadable, Span{}, "cannot read `b.caios`");

  std::ostringstream out;
  RenderJson({d, none}, sources, "/repo", out);
  json doc = json::parse(out.str());
  CHECK(doc["version"] == 1);
  CHECK(doc["summary"] == json{{"errors", 2}, {"warnings", 0}});
  REQUIRE(doc["diagnostics"].size() == 2);
  const json& j = doc["diagnostics"][0];
  CHECK(j["code"] == "E0106");
  CHECK(j["severity"] == "error");
  CHECK(j["title"] == "syntax error");
  CHECK(j["message"] == "unknown name `x`");
  CHECK(j["file"] == "src/a.caios");
  // Columns count code points: `é` is two bytes but one column.
  CHECK(j["range"]["start"] == json{{"line", 2}, {"column", 11}, {"offset", 22}});
  CHECK(j["range"]["end"] == json{{"line", 2}, {"column", 12}, {"offset", 23}});
  REQUIRE(j["labels"].size() == 1);
  CHECK(j["labels"][0]["message"] == "opened here");
  CHECK(j["labels"][0]["range"]["start"]["column"] == 10);
  CHECK(j["notes"] == json::array({"a note"}));
  CHECK(j["fixit"]["replacement"] == "y");
  CHECK(j["fixit"]["description"] == "replace with `y`");
  CHECK(j["fixit"]["range"]["start"]["offset"] == 22);

  const json& n = doc["diagnostics"][1];
  CHECK(n["file"].is_null());
  CHECK(n["range"].is_null());
  CHECK(n["fixit"].is_null());
  CHECK(n["labels"].empty());
}

TEST_CASE("json: empty list and invalid UTF-8 in messages", "[render_json]") {
  SourceManager sources;
  std::ostringstream out;
  RenderJson({}, sources, "/", out);
  json doc = json::parse(out.str());
  CHECK(doc["diagnostics"].empty());
  CHECK(doc["summary"]["errors"] == 0);

  std::ostringstream bad;
  RenderJson({MakeDiag(DiagCode::kInvalidUtf8, Span{}, "byte \xFF here")}, sources, "/", bad);
  CHECK(json::parse(bad.str())["diagnostics"][0]["message"] == "byte \xEF\xBF\xBD here");
}

}  // namespace
}  // namespace caios

namespace caios {
namespace {

TEST_CASE("json: related notes and several fix-its appear only when used", "[render_json]") {
  SourceManager sources;
  FileId f = sources.Add("/repo/a.caios", "flow f() {\n  return totl\n}\nqueue Jobs\n");
  auto d = testing::MakeDiag(DiagCode::kUnknownName, testing::SpanOf(sources, f, "totl"),
                             "unknown name `totl`");
  d.Note(testing::SpanOf(sources, f, "Jobs"), "declared here").Note("plain");
  d.Fix(testing::SpanOf(sources, f, "totl"), "total")
      .Fix(testing::SpanOf(sources, f, "totl"), "tota");
  auto one = testing::MakeDiag(DiagCode::kUnknownName, testing::SpanOf(sources, f, "totl"), "m");
  one.Fix(testing::SpanOf(sources, f, "totl"), "total");
  std::ostringstream out;
  RenderJson({d, one}, sources, "/repo", out);
  json doc = json::parse(out.str());
  const json& j = doc["diagnostics"][0];
  CHECK(j["notes"] == json::array({"declared here", "plain"}));
  REQUIRE(j["related"].size() == 1);
  CHECK(j["related"][0]["message"] == "declared here");
  CHECK(j["related"][0]["range"]["start"]["line"] == 4);
  CHECK(j["fixit"]["replacement"] == "total");
  REQUIRE(j["fixits"].size() == 2);
  CHECK(j["fixits"][1]["replacement"] == "tota");
  const json& k = doc["diagnostics"][1];
  CHECK_FALSE(k.contains("related"));
  CHECK_FALSE(k.contains("fixits"));
  CHECK(k["fixit"]["replacement"] == "total");
}

}  // namespace
}  // namespace caios
