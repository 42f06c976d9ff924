// `caios lsp` navigation helpers that need no project: folding ranges from the tokens, the
// workspace symbol query match, and the checks of a new name (docs/editors.md).
#include <catch2/catch.hpp>
#include <string>

#include "compiler/driver/lsp_navigation.h"

namespace caios::lsp {
namespace {

TEST_CASE("folding ranges: blocks, comment runs, block comments and import runs", "[lsp]") {
  std::string text =
      "// one\n"                       // 0
      "// two\n"                       // 1
      "import std.retry\n"             // 2
      "import \"./types.caios\"\n"     // 3
      "flow f(x: string) {\n"          // 4
      "  if x == \"\" {\n"             // 5
      "    fail E(\"{\")\n"            // 6
      "  }\n"                          // 7
      "  /* a\n"                       // 8
      "     b */\n"                    // 9
      "  let y = { a: 1 }\n"           // 10
      "}\n"                            // 11
      "table T { key id: string }\n";  // 12
  std::vector<FoldingRange> expected = {
      {0, 1, "comment"}, {2, 3, "imports"}, {4, 10, ""}, {5, 6, ""}, {8, 9, "comment"}};
  CHECK(FoldingRanges(text) == expected);
}

TEST_CASE("folding ranges of a half-typed file: unclosed blocks are left out", "[lsp]") {
  std::string text = "flow f() {\n  try {\n    let a = 1\n  }\n  let s = \"unterminated\n";
  std::vector<FoldingRange> expected = {{1, 2, ""}};
  CHECK(FoldingRanges(text) == expected);
  CHECK(FoldingRanges("").empty());
  CHECK(FoldingRanges("}}}{{{\n\n").empty());
}

TEST_CASE("a single import or a trailing comment does not fold", "[lsp]") {
  std::string text = "import std.retry\nflow f() { // a\n  // b\n}\n";
  CHECK(FoldingRanges(text) == std::vector<FoldingRange>{{1, 2, ""}});
}

TEST_CASE("workspace symbol queries match case-insensitive subsequences", "[lsp]") {
  CHECK(MatchesQuery("", "anything"));
  CHECK(MatchesQuery("rsvinv", "reserveInventory"));
  CHECK_FALSE(MatchesQuery("rsvinv", "releaseInventory"));
  CHECK(MatchesQuery("ORD", "OrderRecord"));
  CHECK(MatchesQuery("orec", "OrderRecord"));
  CHECK_FALSE(MatchesQuery("orderx", "Order"));
  CHECK_FALSE(MatchesQuery("ba", "ab"));
}

TEST_CASE("a new name must be an identifier that is not reserved", "[lsp]") {
  CHECK(NewNameProblem("purchase").empty());
  CHECK(NewNameProblem("_x9").empty());
  CHECK(NewNameProblem("").find("not a name") != std::string::npos);
  CHECK(NewNameProblem("9x").find("not a name") != std::string::npos);
  CHECK(NewNameProblem("a-b").find("not a name") != std::string::npos);
  CHECK(NewNameProblem("a b").find("not a name") != std::string::npos);
  CHECK(NewNameProblem("flow").find("keyword") != std::string::npos);
  CHECK(NewNameProblem("let").find("keyword") != std::string::npos);
  CHECK(NewNameProblem("string").find("built-in type") != std::string::npos);
  CHECK(NewNameProblem("len").find("builtin function") != std::string::npos);
}

}  // namespace
}  // namespace caios::lsp
