// AST building for tests from ANTLR contexts: `test "title" { … }` becomes a flow without
// parameters whose `expect` lines are rewritten to checks that fail it (AstRules::Expect;
// docs/testing.md).
#include "compiler/parse/build_ast.h"

namespace caios {

using P = grammar::CaiosParser;

ast::DeclPtr AstBuilder::BuildTest(P::TestDeclContext* ctx) {
  auto d = TestFlow(SpanOf(ctx), SpanOf(ctx->TEST()), SpanOf(ctx->STRING()), SpanOf(ctx->block()));
  in_test_ = true;
  for (P::StatementContext* stmt : ctx->block()->statement()) {
    if (auto* mock = stmt->mockStmt()) {
      d->test->mocks.push_back(BuildMock(mock));
    } else {
      d->body.stmts.push_back(BuildStmt(stmt));
    }
  }
  in_test_ = false;
  return d;
}

ast::MockAnswer AstBuilder::BuildMock(P::MockStmtContext* ctx) {
  ast::MockAnswer mock;
  mock.span = SpanOf(ctx);
  mock.function = IdentOf(ctx->word(0));
  if (ctx->STRING() != nullptr) {  // the endpoint of an HTTP mock, plain text (E0298)
    mock.url_span = SpanOf(ctx->STRING());
    mock.url = PlainText(mock.url_span);
  }
  if (ctx->RETURNS() != nullptr) {
    mock.returns = BuildExpr(ctx->expr());
  } else {
    mock.error = ErrorNameAt(SpanOf(ctx->word(1)), /*quoted=*/false);
    if (auto* cause = ctx->expr()) mock.cause = BuildExpr(cause);
  }
  if (ctx->TIMES() != nullptr) CheckMockTimes(mock, SpanOf(ctx->INT()));
  return mock;
}

ast::StmtPtr AstBuilder::BuildExpect(P::ExpectStmtContext* ctx) {
  ExpectParts parts;
  parts.whole = SpanOf(ctx);
  parts.keyword = SpanOf(ctx->EXPECT());
  parts.expr = SpanOf(ctx->expr());
  parts.build_expr = [this, ctx] { return BuildExpr(ctx->expr()); };
  if (ctx->FAILS() != nullptr) parts.error = SpanOf(ctx->word());
  if (ctx->STRING() != nullptr) parts.cause = SpanOf(ctx->STRING());
  return Expect(parts);
}

}  // namespace caios
