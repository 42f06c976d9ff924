// Bad input never crashes or hangs the parser: each case gets its diagnostic code.
#include <catch2/catch.hpp>

#include <string>

#include "compiler/parse/parse.h"

namespace {

struct Outcome {
  caios::ast::Module module;
  std::vector<caios::Diagnostic> diagnostics;
};

Outcome Parse(std::string text) {
  static caios::SourceManager sources;  // files must outlive the returned module's spans
  caios::DiagnosticSink sink;
  const auto& file = sources.Get(sources.Add("input.caios", std::move(text)));
  Outcome out;
  out.module = caios::ParseFile(file, sink);
  out.diagnostics = sink.TakeSorted();
  return out;
}

bool Has(const Outcome& o, caios::DiagCode code) {
  for (const auto& d : o.diagnostics) {
    if (d.kind == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("parse: empty and comment-only files", "[parse]") {
  CHECK(Has(Parse(""), caios::DiagCode::kEmptyFile));
  CHECK(Has(Parse("// nothing\n/* here */\n"), caios::DiagCode::kEmptyFile));
}

TEST_CASE("parse: binary garbage and invalid UTF-8", "[parse]") {
  std::string binary("app x\0\x01\x02", 8);
  CHECK(Has(Parse(binary), caios::DiagCode::kBinaryFile));
  CHECK(Has(Parse("app x\n// \xC3\x28 broken\n"), caios::DiagCode::kInvalidUtf8));
  CHECK(Has(Parse("app x\nlet \xED\xA0\x80"), caios::DiagCode::kInvalidUtf8));  // surrogate
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919) % 127 + 1);
  Outcome o = Parse(noise);
  CHECK_FALSE(o.diagnostics.empty());
}

TEST_CASE("parse: nesting 10,000 levels deep is a diagnostic, not a stack overflow", "[parse]") {
  std::string deep = "app x\nflow f() {\n  let a = " + std::string(10000, '(') + "1" +
                     std::string(10000, ')') + "\n}\n";
  CHECK(Has(Parse(deep), caios::DiagCode::kNestingTooDeep));
  std::string blocks = "app x\nflow f() {\n";
  for (int i = 0; i < 10000; ++i) blocks += "if true {\n";
  CHECK(Has(Parse(blocks), caios::DiagCode::kNestingTooDeep));
  std::string nots = "app x\nflow f() {\n  let a = ";
  for (int i = 0; i < 10000; ++i) nots += "not ";
  nots += "true\n}\n";
  CHECK(Has(Parse(nots), caios::DiagCode::kNestingTooDeep));
}

TEST_CASE("parse: a 10 MB single line", "[parse]") {
  std::string chain = "app x\nflow f() { let a = 1";
  while (chain.size() < 10'000'000) chain += " + 1";
  chain += " }";
  CHECK(Has(Parse(chain), caios::DiagCode::kDeclarationTooLarge));
  std::string long_sum = "app x\nflow f() { let a = 1";
  for (int i = 0; i < 1500; ++i) long_sum += " + 1";
  long_sum += " }";
  CHECK(Has(Parse(long_sum), caios::DiagCode::kExpressionTooComplex));
  std::string words = "app x\n";
  while (words.size() < 10'000'000) words += "word ";
  CHECK(Has(Parse(words), caios::DiagCode::kDeclarationTooLarge));
}

TEST_CASE("parse: error reporting stops after 100 errors", "[parse]") {
  std::string lines = "app x\n";
  for (int i = 0; i < 100'000; ++i) lines += "word\n";
  Outcome o = Parse(lines);
  CHECK(Has(o, caios::DiagCode::kSyntaxError));
  // Parsing stops at the first declaration after 100 errors (the driver then says how many
  // were not shown), whatever the number of threads.
  CHECK(o.diagnostics.size() == 101);
  caios::SourceManager sources;
  caios::DiagnosticSink sink;
  caios::ParseFile(sources.Get(sources.Add("input.caios", lines)), sink, 2);
  CHECK(sink.TakeSorted().size() == 101);
}

TEST_CASE("parse: unterminated string, comment and interpolation", "[parse]") {
  CHECK(Has(Parse("app x\nflow f() { let s = \"abc\n}"), caios::DiagCode::kUnterminatedString));
  CHECK(Has(Parse("app x\n/* never closed"), caios::DiagCode::kUnterminatedComment));
  CHECK(Has(Parse("app x\nflow f() { let s = \"a${b\" }"),
            caios::DiagCode::kUnterminatedInterpolation));
}

TEST_CASE("parse: an unclosed block is reported at its opening brace", "[parse]") {
  Outcome o = Parse("app x\nflow f() {\n  let a = 1\n\nflow g() {\n}\n");
  REQUIRE(Has(o, caios::DiagCode::kUnclosedDelimiter));
  const auto& d = o.diagnostics.front();
  REQUIRE(d.labels.size() == 1);
  CHECK(d.labels[0].message == "block opened here");
  // Recovery: `g` still parses.
  REQUIRE(o.module.decls.size() == 2);
}

TEST_CASE("parse: several errors in one run", "[parse]") {
  Outcome o = Parse("app x\nflow f() { let = 1 }\nflow g() { return ) }\ntype T { a: }\n");
  size_t syntax = 0;
  for (const auto& d : o.diagnostics) syntax += d.kind == caios::DiagCode::kSyntaxError;
  CHECK(syntax == 3);
  for (const auto& d : o.diagnostics) {
    CHECK(d.message.find("mismatched") == std::string::npos);
    CHECK(d.message.find("expecting") == std::string::npos);
  }
}

TEST_CASE("parse: the AST keeps structure and spans", "[parse]") {
  Outcome o = Parse(
      "app shop\n"
      "flow f(n: int) -> int {\n"
      "  let a = 1 + 2 * n\n"
      "  if a > 3 { return a } else if a < 0 { fail Negative(\"no\") } else { wait 5s }\n"
      "  return \"v${a}\" ?? 0\n"
      "}\n");
  REQUIRE(o.diagnostics.empty());
  REQUIRE(o.module.decls.size() == 2);
  auto& flow = static_cast<caios::ast::FlowDecl&>(*o.module.decls[1]);
  CHECK(flow.name.text == "f");
  REQUIRE(flow.body.stmts.size() == 3);
  auto& let = static_cast<caios::ast::LetStmt&>(*flow.body.stmts[0]);
  auto& add = static_cast<caios::ast::BinaryExpr&>(*let.value.expr);
  CHECK(add.op == caios::ast::BinaryOp::kAdd);
  CHECK(static_cast<caios::ast::BinaryExpr&>(*add.rhs).op == caios::ast::BinaryOp::kMul);
  auto& ifs = static_cast<caios::ast::IfStmt&>(*flow.body.stmts[1]);
  CHECK(ifs.arms.size() == 2);
  CHECK(ifs.else_body.has_value());
  auto& ret = static_cast<caios::ast::ReturnStmt&>(*flow.body.stmts[2]);
  auto& coalesce = static_cast<caios::ast::BinaryExpr&>(*ret.value);
  auto& str = static_cast<caios::ast::StringExpr&>(*coalesce.lhs);
  CHECK(str.texts == std::vector<std::string>{"v", ""});
  REQUIRE(str.exprs.size() == 1);
  // The interpolated name's span points into the string.
  CHECK(str.exprs[0]->span.begin > str.span.begin);
  CHECK(str.exprs[0]->span.end < str.span.end);
}

TEST_CASE("parse: operator precedence and associativity", "[parse]") {
  using caios::ast::BinaryExpr;
  using caios::ast::BinaryOp;
  using caios::ast::UnaryExpr;
  Outcome o = Parse(
      "app p\n"
      "flow f(a: int, b: int, c: bool) {\n"
      "  let x = not a == b and c ?? d\n"
      "  let y = a - b - -c * 2\n"
      "}\n");
  REQUIRE(o.diagnostics.empty());
  auto& flow = static_cast<caios::ast::FlowDecl&>(*o.module.decls[1]);
  // ((not (a == b)) and c) ?? d
  auto& x = static_cast<caios::ast::LetStmt&>(*flow.body.stmts[0]);
  auto& coalesce = static_cast<BinaryExpr&>(*x.value.expr);
  REQUIRE(coalesce.op == BinaryOp::kCoalesce);
  auto& and_ = static_cast<BinaryExpr&>(*coalesce.lhs);
  REQUIRE(and_.op == BinaryOp::kAnd);
  auto& not_ = static_cast<UnaryExpr&>(*and_.lhs);
  REQUIRE(not_.op == caios::ast::UnaryOp::kNot);
  CHECK(static_cast<BinaryExpr&>(*not_.operand).op == BinaryOp::kEq);
  // (a - b) - ((-c) * 2)
  auto& y = static_cast<caios::ast::LetStmt&>(*flow.body.stmts[1]);
  auto& outer = static_cast<BinaryExpr&>(*y.value.expr);
  REQUIRE(outer.op == BinaryOp::kSub);
  CHECK(static_cast<BinaryExpr&>(*outer.lhs).op == BinaryOp::kSub);
  auto& mul = static_cast<BinaryExpr&>(*outer.rhs);
  REQUIRE(mul.op == BinaryOp::kMul);
  CHECK(static_cast<UnaryExpr&>(*mul.lhs).op == caios::ast::UnaryOp::kNeg);
}

TEST_CASE("parse: a surrogate escape is valid only as a high-low pair", "[parse]") {
  auto program = [](std::string literal) {
    return "app s\nflow f() -> string {\n  return \"" + literal + "\"\n}\n";
  };
  CHECK(Parse(program("\\ud83d\\ude00")).diagnostics.empty());
  CHECK(Parse(program("a\\ud834\\udd1eb\\u00e9")).diagnostics.empty());
  for (std::string lone : {"\\ud83d", "\\ud83dx", "\\ude00", "\\ude00\\ud83d", "\\ud83d\\ud83d",
                           "\\udbff\\u0041", "x\\udfff"}) {
    Outcome o = Parse(program(lone));
    INFO(lone);
    REQUIRE_FALSE(o.diagnostics.empty());  // "\ude00\ud83d" has two lone surrogates
    for (const auto& d : o.diagnostics) {
      CHECK(d.kind == caios::DiagCode::kInvalidEscape);
      CHECK(d.message.starts_with("lone surrogate `\\u"));
      CHECK(d.span.end - d.span.begin == 6);
    }
  }
}

TEST_CASE("parse: every prefix of quoted field names and `whole` parameters", "[parse]") {
  // Half-typed quoted names (an open `"`, a `.` with nothing after it, `whole` without a name)
  // are diagnostics; the complete program parses clean.
  const std::string program =
      "type E { \"test-run-id\": string, type: string, \"q\\\"q\"?: int }\n"
      "function legacy(whole event: json, \"a-b\": string) -> json { runtime python3.12 }\n"
      "flow f(whole e: E) -> json {\n"
      "  let v = e.\"test-run-id\"\n"
      "  return legacy(\"a-b\": e.type, event: { \"k-1\": v, type: e.\"q\\\"q\" })\n"
      "}\n";
  for (size_t n = 0; n < program.size(); ++n) {
    Outcome o = Parse(program.substr(0, n));
    CHECK((n == 0 || !o.diagnostics.empty() || !o.module.decls.empty()));
  }
  Outcome whole = Parse(program);
  CHECK(whole.module.decls.size() == 3);
  CHECK(Has(whole, caios::DiagCode::kWholeParamNotAlone));
  CHECK_FALSE(Has(whole, caios::DiagCode::kUnknownParamMarker));
  CHECK(Has(Parse("flow f(entire e: json) {}\n"), caios::DiagCode::kUnknownParamMarker));
  CHECK(Has(Parse("flow f(e: json) { return e.\"a${e}\" }\n"),
            caios::DiagCode::kFieldNameInterpolates));
  CHECK(Has(Parse("type T { \"\": int }\n"), caios::DiagCode::kEmptyFieldName));
  CHECK(Has(Parse("flow f(\"a-b\": int) {}\n"), caios::DiagCode::kFlowParamNotVariable));
  CHECK(Has(Parse("flow f(type: int) {}\n"), caios::DiagCode::kFlowParamNotVariable));
  CHECK_FALSE(Has(Parse("function g(type: int, \"a-b\": int) { runtime python3.12 }\n"),
                  caios::DiagCode::kFlowParamNotVariable));
}
