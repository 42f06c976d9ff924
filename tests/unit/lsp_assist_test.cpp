// What `caios lsp` completion reads from half-typed text: the keywords a construct starts with
// (from the grammar) and what each open bracket before the cursor opens (docs/editors.md).
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "compiler/driver/lsp_assist.h"
#include "compiler/parse/vocabulary.h"

namespace caios::lsp {
namespace {

std::set<std::string> Set(const std::vector<std::string>& words) {
  return {words.begin(), words.end()};
}

TEST_CASE("the keywords a declaration starts with are the grammar's", "[lsp]") {
  CHECK(Set(StartKeywords(GrammarRule::kTopDecl)) ==
        std::set<std::string>{"api", "app", "bucket", "connection", "events", "flow", "function",
                              "import", "on", "policy", "queue", "schedule", "stream", "table",
                              "topic", "type"});
}

TEST_CASE("statement, expression and right-hand side keywords differ as the grammar says",
          "[lsp]") {
  std::set<std::string> statement = Set(StartKeywords(GrammarRule::kStatement));
  for (const char* word : {"let", "if", "switch", "while", "for", "parallel", "try", "fail",
                           "return", "yield", "wait", "break", "continue", "true", "not"}) {
    CHECK(statement.count(word) == 1);
  }
  CHECK(statement.count("flow") == 0);
  CHECK(statement.count("else") == 0);
  // Contextual keywords are names where a statement starts; they are not offered as keywords.
  CHECK(statement.count("timeout") == 0);
  std::set<std::string> expr = Set(StartKeywords(GrammarRule::kExpr));
  std::set<std::string> rhs = Set(StartKeywords(GrammarRule::kRhs));
  CHECK(expr.count("parallel") == 0);
  CHECK(expr.count("let") == 0);
  CHECK(rhs.count("parallel") == 1);
  CHECK(rhs.count("for") == 1);
  CHECK(expr.count("true") == 1);
  CHECK(rhs.count("run") == 1);
}

// The roles of the brackets open at the end of `text` (which need not parse).
std::vector<Opener> RolesAtEnd(const std::string& text) {
  AssistContext context("main.caios", text, nullptr, nullptr);
  return ScopeBefore(context, context.tokens().size()).roles;
}

TEST_CASE("the brackets before the cursor are told apart by the tokens before them", "[lsp]") {
  using O = Opener;
  CHECK(RolesAtEnd("flow f(a: { x: [") ==
        std::vector<O>{O::kParams, O::kRecordType, O::kTypeGroup});
  CHECK(RolesAtEnd("flow f() -> { y: int } {\n  let o = { a: [1, (2") ==
        std::vector<O>{O::kBody, O::kObject, O::kExprGroup, O::kExprGroup});
  CHECK(RolesAtEnd("flow f() {\n  if x {\n    let y: { a: ") ==
        std::vector<O>{O::kBody, O::kBlock, O::kRecordType});
  CHECK(RolesAtEnd("flow f() {\n  parallel {\n    branch {\n      g() retry {") ==
        std::vector<O>{O::kBody, O::kBranches, O::kBlock, O::kRetry});
  CHECK(RolesAtEnd("type T { a: { b: [") ==
        std::vector<O>{O::kRecordType, O::kRecordType, O::kTypeGroup});
  CHECK(RolesAtEnd("api A {\n  GET \"/\" -> ") == std::vector<O>{O::kRoutes});
  CHECK(RolesAtEnd("function g(x: int) -> { r: int } {\n  env { A: ") ==
        std::vector<O>{O::kOptions, O::kOther});
  CHECK(RolesAtEnd("policy P retry {") == std::vector<O>{O::kRetry});
  // Closed brackets are popped, a stray closer changes nothing.
  CHECK(RolesAtEnd("flow f() {\n  g(1)\n  }) x = [1]\n  h(") == std::vector<O>{O::kOther});
  CHECK(RolesAtEnd("flow f() {\n  g(1)\n  ) let x = [1]\n  h(") ==
        std::vector<O>{O::kBody, O::kExprGroup});
}

}  // namespace
}  // namespace caios::lsp
