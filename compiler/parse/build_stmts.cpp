// AST building for blocks, statements, task clauses and retry rules.
#include <map>

#include "compiler/parse/build_ast.h"

namespace caios {

using P = grammar::CaiosParser;

ast::Block AstBuilder::BuildBlock(P::BlockContext* ctx) {
  ast::Block block;
  block.span = SpanOf(ctx);
  // Children are `{`, `;`s, statements and `}`.
  for (P::StatementContext* stmt : ctx->statement()) block.stmts.push_back(BuildStmt(stmt));
  return block;
}

ast::StmtPtr AstBuilder::BuildStmt(P::StatementContext* ctx) {
  Span span = SpanOf(ctx);
  antlr4::tree::ParseTree* child = ctx->children[0];
  // Every alternative starts with its own keyword except assignOrExprStmt; dispatching on it
  // avoids probing twelve accessors (each a scan of the children) per statement.
  switch (ctx->getStart()->getType()) {
    case P::LET: {
      auto* c = static_cast<P::LetStmtContext*>(child);
      auto s = std::make_unique<ast::LetStmt>(span);
      s->name = IdentOf(c->ident());
      if (auto* type_ref = c->typeRef()) s->type = BuildType(type_ref);
      s->value = BuildRhs(c->rhs());
      return s;
    }
    case P::IF:
      return BuildIf(static_cast<P::IfStmtContext*>(child));
    case P::SWITCH:
      return BuildSwitch(static_cast<P::SwitchStmtContext*>(child));
    case P::WHILE: {
      auto* c = static_cast<P::WhileStmtContext*>(child);
      auto s = std::make_unique<ast::WhileStmt>(span);
      s->cond = BuildExpr(c->expr());
      s->body = BuildBlock(c->block());
      return s;
    }
    case P::FOR:
      return BuildFor(static_cast<P::ForStmtContext*>(child));
    case P::PARALLEL:
      return BuildParallel(static_cast<P::ParallelStmtContext*>(child));
    case P::TRY:
      return BuildTry(static_cast<P::TryStmtContext*>(child));
    case P::FAIL: {
      auto* c = static_cast<P::FailStmtContext*>(child);
      auto s = std::make_unique<ast::FailStmt>(span);
      s->error = ErrorNameAt(SpanOf(c->word()), /*quoted=*/false);
      if (auto* expr = c->expr()) s->cause = BuildExpr(expr);
      return s;
    }
    case P::RETURN: {
      auto* c = static_cast<P::ReturnStmtContext*>(child);
      auto s = std::make_unique<ast::ReturnStmt>(span);
      if (auto* expr = c->expr()) s->value = BuildExpr(expr);
      return s;
    }
    case P::YIELD: {
      auto* c = static_cast<P::YieldStmtContext*>(child);
      auto s = std::make_unique<ast::YieldStmt>(span);
      s->value = BuildExpr(c->expr());
      return s;
    }
    case P::WAIT:
      return BuildWait(static_cast<P::WaitStmtContext*>(child));
    case P::BREAK:
      return std::make_unique<ast::BreakStmt>(span);
    case P::CONTINUE:
      return std::make_unique<ast::ContinueStmt>(span);
    case P::EXPECT:
    case P::MOCK:
      // Contextual words: the statement may also be an expression (`expect = 3`).
      if (auto* expect = ctx->expectStmt()) return BuildExpect(expect);
      if (auto* mock = ctx->mockStmt()) return MisplacedMock(span, SpanOf(mock->MOCK()));
      break;
    default:
      break;
  }
  return BuildAssignOrExpr(static_cast<P::AssignOrExprStmtContext*>(child));
}

ast::Rhs AstBuilder::BuildRhs(P::RhsContext* ctx) {
  ast::Rhs rhs;
  rhs.span = SpanOf(ctx);
  if (ctx->parallelStmt()) {
    rhs.compound = BuildParallel(ctx->parallelStmt());
  } else if (ctx->forStmt()) {
    rhs.compound = BuildFor(ctx->forStmt());
  } else {
    rhs.expr = BuildExpr(ctx->expr());
    BuildTaskClauses(ctx->taskClause(), rhs.clauses);
  }
  return rhs;
}

ast::StmtPtr AstBuilder::BuildAssignOrExpr(P::AssignOrExprStmtContext* ctx) {
  Span span = SpanOf(ctx);
  if (auto* rhs = ctx->rhs()) {
    auto s = std::make_unique<ast::AssignStmt>(span);
    s->target = BuildExpr(ctx->expr());
    s->value = BuildRhs(rhs);
    return s;
  }
  auto s = std::make_unique<ast::ExprStmt>(span);
  s->expr = BuildExpr(ctx->expr());
  BuildTaskClauses(ctx->taskClause(), s->clauses);
  return s;
}

ast::StmtPtr AstBuilder::BuildIf(P::IfStmtContext* ctx) {
  auto s = std::make_unique<ast::IfStmt>(SpanOf(ctx));
  auto conds = ctx->expr();
  auto blocks = ctx->block();
  auto ifs = ctx->IF();
  for (size_t i = 0; i < conds.size(); ++i) {
    ast::IfArm arm;
    arm.span = Span::Cover(SpanOf(ifs[i]), SpanOf(blocks[i]));
    arm.cond = BuildExpr(conds[i]);
    arm.body = BuildBlock(blocks[i]);
    s->arms.push_back(std::move(arm));
  }
  if (blocks.size() > conds.size()) s->else_body = BuildBlock(blocks.back());
  return s;
}

ast::StmtPtr AstBuilder::BuildSwitch(P::SwitchStmtContext* ctx) {
  auto s = std::make_unique<ast::SwitchStmt>(SpanOf(ctx));
  s->subject = BuildExpr(ctx->expr());
  for (auto* c : ctx->switchCase()) {
    if (c->DEFAULT()) {
      // A second `default` is kept as a case without values so check can report it.
      if (s->default_body) {
        ast::SwitchCase dup;
        dup.span = SpanOf(c);
        dup.body = BuildBlock(c->block());
        s->cases.push_back(std::move(dup));
        continue;
      }
      s->default_span = SpanOf(c);
      s->default_body = BuildBlock(c->block());
      continue;
    }
    ast::SwitchCase sc;
    sc.span = SpanOf(c);
    for (auto* v : c->expr()) sc.values.push_back(BuildExpr(v));
    sc.body = BuildBlock(c->block());
    s->cases.push_back(std::move(sc));
  }
  return s;
}

ast::StmtPtr AstBuilder::BuildFor(P::ForStmtContext* ctx) {
  auto s = std::make_unique<ast::ForStmt>(SpanOf(ctx));
  const auto idents = ctx->ident();
  if (idents.size() == 2) s->index = IdentOf(idents[0]);
  s->var = IdentOf(idents.back());
  s->iterable = BuildExpr(ctx->expr());
  for (auto* c : ctx->forClause()) {
    ast::ForClause clause;
    clause.span = SpanOf(c);
    switch (c->getStart()->getType()) {
      case P::CONCURRENCY:
        clause.kind = ast::ForClause::Kind::kConcurrency;
        clause.value = IntValue(SpanOf(c->INT(0)));
        break;
      case P::BATCH:
        clause.kind = ast::ForClause::Kind::kBatch;
        // `batch N`, `batch N max_bytes B` or `batch max_bytes B`; the checker checks the word.
        if (auto* word = c->IDENT()) {
          clause.limit_word = IdentAt(SpanOf(word));
          const auto ints = c->INT();
          clause.has_count = ints.size() == 2;
          if (clause.has_count) clause.value = IntValue(SpanOf(ints[0]));
          clause.max_bytes = IntValue(SpanOf(ints.back()));
        } else {
          clause.value = IntValue(SpanOf(c->INT(0)));
        }
        break;
      case P::TOLERATE:
        clause.kind = ast::ForClause::Kind::kTolerate;
        clause.value = IntValue(SpanOf(c->INT(0)));
        clause.percent = c->PERCENT() != nullptr;
        break;
      case P::DISTRIBUTED:
        clause.kind = ast::ForClause::Kind::kDistributed;
        if (c->EXPRESS()) clause.express_children = true;
        if (c->STANDARD()) clause.express_children = false;
        break;
      default: {
        clause.kind = ast::ForClause::Kind::kResults;
        clause.bucket = IdentOf(c->ident());
        if (auto* str = c->STRING()) {
          clause.prefix = StringLiteral(SpanOf(str));
        }
        break;
      }
    }
    s->clauses.push_back(std::move(clause));
  }
  s->body = BuildBlock(ctx->block());
  return s;
}

ast::StmtPtr AstBuilder::BuildParallel(P::ParallelStmtContext* ctx) {
  auto s = std::make_unique<ast::ParallelStmt>(SpanOf(ctx));
  for (auto* b : ctx->branch()) {
    ast::Branch branch;
    branch.span = SpanOf(b);
    branch.body = BuildBlock(b->block());
    s->branches.push_back(std::move(branch));
  }
  return s;
}

ast::StmtPtr AstBuilder::BuildTry(P::TryStmtContext* ctx) {
  auto s = std::make_unique<ast::TryStmt>(SpanOf(ctx));
  s->body = BuildBlock(ctx->block());
  for (auto* c : ctx->catchClause()) {
    ast::CatchClause clause;
    clause.span = SpanOf(c);
    if (auto* errors = c->errorList()) clause.errors = BuildErrors(errors);
    if (auto* ident = c->ident()) clause.binding = IdentOf(ident);
    clause.body = BuildBlock(c->block());
    s->catches.push_back(std::move(clause));
  }
  return s;
}

ast::StmtPtr AstBuilder::BuildWait(P::WaitStmtContext* ctx) {
  auto s = std::make_unique<ast::WaitStmt>(SpanOf(ctx));
  if (ctx->UNTIL()) {
    s->mode = ast::WaitStmt::Mode::kUntil;
    s->expr = BuildExpr(ctx->expr());
  } else if (ctx->DURATION()) {
    s->mode = ast::WaitStmt::Mode::kDuration;
    s->duration = DurationAt(SpanOf(ctx->DURATION()));
  } else {
    s->mode = ast::WaitStmt::Mode::kSeconds;
    s->expr = BuildExpr(ctx->expr());
  }
  return s;
}

void AstBuilder::BuildTaskClauses(const std::vector<P::TaskClauseContext*>& clauses,
                                  ast::TaskClauses& out) {
  for (auto* c : clauses) {
    const auto keyword = static_cast<uint16_t>(c->getStart()->getType());
    switch (keyword) {
      case P::RETRY:
        out.retries.push_back(BuildRetry(c->retryBody()));
        break;
      case P::NAME_WORD:
        AddNameClause(out, SpanOf(c), BuildPostfix(c->postfixExpr()));
        break;
      case P::DETAILS:
        AddDetailsClause(out, SpanOf(c));
        break;
      default:  // timeout, heartbeat
        AddTimeClause(out, keyword, BuildTimeValue(c));
        break;
    }
  }
}

ast::TimeValue AstBuilder::BuildTimeValue(P::TaskClauseContext* ctx) {
  ast::TimeValue v;
  v.span = SpanOf(ctx);
  if (ctx->DURATION()) {
    v.literal = DurationAt(SpanOf(ctx->DURATION()));
  } else {
    // A postfix expression is not an `expr` context; build it through the same path.
    v.seconds = BuildPostfix(ctx->postfixExpr());
  }
  return v;
}

ast::RetrySpec AstBuilder::BuildRetry(P::RetryBodyContext* ctx) {
  ast::RetrySpec spec;
  spec.span = SpanOf(ctx);
  if (ctx->LBRACE() == nullptr) {
    spec.policy = IdentOf(ctx->ident());
    return spec;
  }
  for (auto* r : ctx->retryRule()) {
    ast::RetryRule rule;
    rule.span = SpanOf(r);
    if (r->errorList() == nullptr) {
      rule.policy = IdentOf(r->ident());
      spec.rules.push_back(std::move(rule));
      continue;
    }
    rule.errors = BuildErrors(r->errorList());
    std::map<size_t, Span> seen;  // setting keyword → where it was first given
    for (auto* setting : r->retrySetting()) {
      AddRetrySetting(rule, seen, static_cast<uint16_t>(setting->getStart()->getType()),
                      SpanOf(setting), SpanOf(setting->getStart()), SpanOf(setting->getStop()));
    }
    spec.rules.push_back(std::move(rule));
  }
  return spec;
}

std::vector<ast::ErrorName> AstBuilder::BuildErrors(P::ErrorListContext* ctx) {
  std::vector<ast::ErrorName> errors;
  for (auto* e : ctx->errorName()) {
    errors.push_back(ErrorNameAt(SpanOf(e), e->STRING() != nullptr));
  }
  return errors;
}

}  // namespace caios
