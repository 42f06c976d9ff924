// The hand-written parser: blocks, statements, task clauses and retry rules
// (grammar/CaiosParser.g4).
#include <map>

#include "CaiosLexer.h"
#include "compiler/parse/descent_parser.h"
#include "compiler/parse/descent_tokens.h"

namespace caios {

using L = grammar::CaiosLexer;

ast::Block DescentParser::Block(std::vector<ast::MockAnswer>* mocks) {
  // block: LBRACE SEMI* (statement (SEMI+ statement)*)? SEMI* RBRACE
  const size_t first = pos_;
  ast::Block block;
  Take(L::LBRACE);
  Skip(L::SEMI);
  while (Kind() != L::RBRACE) {
    if (ast::StmtPtr s = Statement(mocks)) block.stmts.push_back(std::move(s));
    if (Kind() == L::RBRACE) break;
    Take(L::SEMI);
    Skip(L::SEMI);
  }
  ++pos_;
  block.span = SpanFrom(first);
  return block;
}

ast::StmtPtr DescentParser::Statement(std::vector<ast::MockAnswer>* mocks) {
  const size_t first = pos_;
  switch (Kind()) {
    case L::LET: {
      ++pos_;
      auto s = std::make_unique<ast::LetStmt>(Span{});
      s->name = IdentAt(TakeIdent());
      if (Accept(L::COLON)) s->type = TypeRef();
      Take(L::ASSIGN);
      s->value = Rhs();
      s->span = SpanFrom(first);
      return s;
    }
    case L::IF:
      return If(first);
    case L::SWITCH:
      return Switch(first);
    case L::WHILE: {
      ++pos_;
      auto s = std::make_unique<ast::WhileStmt>(Span{});
      s->cond = Expr();
      s->body = Block();
      s->span = SpanFrom(first);
      return s;
    }
    case L::FOR:
      return For(first);
    case L::PARALLEL:
      return Parallel(first);
    case L::TRY:
      return Try(first);
    case L::FAIL: {
      ++pos_;
      auto s = std::make_unique<ast::FailStmt>(Span{});
      s->error = ErrorNameAt(TakeWord(), /*quoted=*/false);
      if (Accept(L::LPAREN)) {
        if (Kind() != L::RPAREN) s->cause = Expr();
        Take(L::RPAREN);
      }
      s->span = SpanFrom(first);
      return s;
    }
    case L::RETURN: {
      ++pos_;
      auto s = std::make_unique<ast::ReturnStmt>(Span{});
      if (StartsExpr(Kind())) s->value = Expr();
      s->span = SpanFrom(first);
      return s;
    }
    case L::YIELD: {
      ++pos_;
      auto s = std::make_unique<ast::YieldStmt>(Span{});
      s->value = Expr();
      s->span = SpanFrom(first);
      return s;
    }
    case L::WAIT:
      return Wait(first);
    case L::BREAK:
      return std::make_unique<ast::BreakStmt>(SpanAt(pos_++));
    case L::CONTINUE:
      return std::make_unique<ast::ContinueStmt>(SpanAt(pos_++));
    case L::EXPECT:
      // `expect` is also a name: `expect X` checks X when an expression follows. Where `expect`
      // could also start one (`expect (x)…`, `expect [i]…`, `expect - 1`), ANTLR decides.
      if (Kind(1) == L::LPAREN || Kind(1) == L::LBRACK || Kind(1) == L::MINUS) Fail();
      if (StartsExpr(Kind(1))) return ExpectStatement(first);
      break;
    case L::MOCK:
      // `mock F …` when a name follows that cannot go on an expression statement `mock`.
      if (IsNameKind(Kind(1))) {
        switch (Kind(1)) {
          case L::AND:
          case L::OR:
          case L::IN:
          case L::RETRY:
          case L::TIMEOUT:
          case L::HEARTBEAT:
          case L::NAME_WORD:
          case L::DETAILS:
            Fail();
          default:
            break;
        }
        if (mocks != nullptr) {
          mocks->push_back(Mock(first));
          return nullptr;
        }
        // Elsewhere the mock is only reported: its parts are not built.
        Silently([&] { Mock(first); });
        return MisplacedMock(SpanFrom(first), SpanAt(first));
      }
      break;
    default:
      break;
  }
  // assignOrExprStmt: expr (ASSIGN rhs | taskClause*)
  ast::ExprPtr e = Expr();
  if (Accept(L::ASSIGN)) {
    auto s = std::make_unique<ast::AssignStmt>(Span{});
    s->target = std::move(e);
    s->value = Rhs();
    s->span = SpanFrom(first);
    return s;
  }
  auto s = std::make_unique<ast::ExprStmt>(Span{});
  s->expr = std::move(e);
  TaskClauses(s->clauses);
  s->span = SpanFrom(first);
  return s;
}

ast::Rhs DescentParser::Rhs() {
  // rhs: expr taskClause* | parallelStmt | forStmt
  const size_t first = pos_;
  ast::Rhs rhs;
  if (Kind() == L::PARALLEL) {
    rhs.compound = Parallel(first);
  } else if (Kind() == L::FOR) {
    rhs.compound = For(first);
  } else {
    rhs.expr = Expr();
    TaskClauses(rhs.clauses);
  }
  rhs.span = SpanFrom(first);
  return rhs;
}

ast::StmtPtr DescentParser::If(size_t first) {
  // ifStmt: IF expr block (SEMI? ELSE IF expr block)* (SEMI? ELSE block)?
  auto s = std::make_unique<ast::IfStmt>(Span{});
  for (;;) {
    const Span keyword = Take(L::IF);
    ast::IfArm arm;
    arm.cond = Expr();
    arm.body = Block();
    arm.span = Span::Cover(keyword, arm.body.span);
    s->arms.push_back(std::move(arm));
    size_t i = pos_;
    if (KindAt(i) == L::SEMI) ++i;
    if (KindAt(i) != L::ELSE) break;
    pos_ = i + 1;
    if (Kind() != L::IF) {
      s->else_body = Block();
      break;
    }
  }
  s->span = SpanFrom(first);
  return s;
}

ast::StmtPtr DescentParser::Switch(size_t first) {
  // switchStmt: SWITCH expr LBRACE SEMI* (switchCase SEMI*)* RBRACE
  ++pos_;
  auto s = std::make_unique<ast::SwitchStmt>(Span{});
  s->subject = Expr();
  Take(L::LBRACE);
  Skip(L::SEMI);
  while (Kind() != L::RBRACE) {
    const size_t case_first = pos_;
    if (Accept(L::CASE)) {
      ast::SwitchCase c;
      c.values.push_back(Expr());
      while (Accept(L::COMMA)) c.values.push_back(Expr());
      c.body = Block();
      c.span = SpanFrom(case_first);
      s->cases.push_back(std::move(c));
    } else {
      Take(L::DEFAULT);
      ast::Block body = Block();
      if (s->default_body) {
        // A second `default` is kept as a case without values so check can report it.
        ast::SwitchCase dup;
        dup.span = SpanFrom(case_first);
        dup.body = std::move(body);
        s->cases.push_back(std::move(dup));
      } else {
        s->default_span = SpanFrom(case_first);
        s->default_body = std::move(body);
      }
    }
    Skip(L::SEMI);
  }
  ++pos_;
  s->span = SpanFrom(first);
  return s;
}

ast::StmtPtr DescentParser::For(size_t first) {
  // forStmt: FOR ident (COMMA ident)? IN expr forClause* block
  ++pos_;
  auto s = std::make_unique<ast::ForStmt>(Span{});
  const Span name = TakeIdent();
  if (Accept(L::COMMA)) {
    s->index = IdentAt(name);
    s->var = IdentAt(TakeIdent());
  } else {
    s->var = IdentAt(name);
  }
  Take(L::IN);
  s->iterable = Expr();
  for (;;) {
    const size_t clause_first = pos_;
    ast::ForClause clause;
    switch (Kind()) {
      case L::CONCURRENCY:
        ++pos_;
        clause.kind = ast::ForClause::Kind::kConcurrency;
        clause.value = IntValue(Take(L::INT));
        break;
      case L::BATCH:
        // `batch N`, `batch N max_bytes B` or `batch max_bytes B`; the checker checks the word.
        ++pos_;
        clause.kind = ast::ForClause::Kind::kBatch;
        if (Kind() == L::INT) {
          const Span count = SpanAt(pos_++);
          if (Kind() == L::IDENT) {
            clause.limit_word = IdentAt(SpanAt(pos_++));
            clause.value = IntValue(count);
            clause.max_bytes = IntValue(Take(L::INT));
          } else {
            clause.value = IntValue(count);
          }
        } else {
          clause.limit_word = IdentAt(Take(L::IDENT));
          clause.has_count = false;
          clause.max_bytes = IntValue(Take(L::INT));
        }
        break;
      case L::TOLERATE:
        ++pos_;
        clause.kind = ast::ForClause::Kind::kTolerate;
        clause.value = IntValue(Take(L::INT));
        clause.percent = Accept(L::PERCENT);
        break;
      case L::DISTRIBUTED:
        ++pos_;
        clause.kind = ast::ForClause::Kind::kDistributed;
        if (Accept(L::EXPRESS)) {
          clause.express_children = true;
        } else if (Accept(L::STANDARD)) {
          clause.express_children = false;
        }
        break;
      case L::RESULTS:
        ++pos_;
        clause.kind = ast::ForClause::Kind::kResults;
        clause.bucket = IdentAt(TakeIdent());
        if (Kind() == L::STRING) clause.prefix = StringLiteral(SpanAt(pos_++));
        break;
      default:
        s->body = Block();
        s->span = SpanFrom(first);
        return s;
    }
    clause.span = SpanFrom(clause_first);
    s->clauses.push_back(std::move(clause));
  }
}

ast::StmtPtr DescentParser::Parallel(size_t first) {
  // parallelStmt: PARALLEL LBRACE SEMI* (branch SEMI*)* RBRACE; branch: BRANCH block
  ++pos_;
  auto s = std::make_unique<ast::ParallelStmt>(Span{});
  Take(L::LBRACE);
  Skip(L::SEMI);
  while (Kind() != L::RBRACE) {
    const size_t branch_first = pos_;
    Take(L::BRANCH);
    ast::Branch branch;
    branch.body = Block();
    branch.span = SpanFrom(branch_first);
    s->branches.push_back(std::move(branch));
    Skip(L::SEMI);
  }
  ++pos_;
  s->span = SpanFrom(first);
  return s;
}

ast::StmtPtr DescentParser::Try(size_t first) {
  // tryStmt: TRY block (SEMI? catchClause)+; catchClause: CATCH errorList? (AS ident)? block
  ++pos_;
  auto s = std::make_unique<ast::TryStmt>(Span{});
  s->body = Block();
  for (;;) {
    size_t i = pos_;
    if (KindAt(i) == L::SEMI) ++i;
    if (KindAt(i) != L::CATCH) break;
    pos_ = i + 1;
    const size_t catch_first = i;
    ast::CatchClause clause;
    // `catch as e {`: `as` is the binding's keyword when a name follows it, else an error name.
    const bool errors = Kind() == L::STRING || Kind() == L::STAR ||
                        (IsNameKind(Kind()) && !(Kind() == L::AS && IsIdentKind(Kind(1))));
    if (errors) clause.errors = ErrorList();
    if (Accept(L::AS)) clause.binding = IdentAt(TakeIdent());
    clause.body = Block();
    clause.span = SpanFrom(catch_first);
    s->catches.push_back(std::move(clause));
  }
  if (s->catches.empty()) Fail();
  s->span = SpanFrom(first);
  return s;
}

ast::StmtPtr DescentParser::Wait(size_t first) {
  // waitStmt: WAIT (UNTIL expr | DURATION | expr)
  ++pos_;
  auto s = std::make_unique<ast::WaitStmt>(Span{});
  if (Accept(L::UNTIL)) {
    s->mode = ast::WaitStmt::Mode::kUntil;
    s->expr = Expr();
  } else if (Kind() == L::DURATION) {
    s->mode = ast::WaitStmt::Mode::kDuration;
    s->duration = DurationAt(SpanAt(pos_++));
  } else {
    s->mode = ast::WaitStmt::Mode::kSeconds;
    s->expr = Expr();
  }
  s->span = SpanFrom(first);
  return s;
}

ast::StmtPtr DescentParser::ExpectStatement(size_t first) {
  // expectStmt: EXPECT expr (FAILS word (LPAREN STRING RPAREN)?)?
  // The statement is found first without building (its expression is built once or twice by
  // AstRules::Expect, as the ANTLR builder does), then built.
  ExpectParts parts;
  parts.keyword = SpanAt(pos_++);
  const size_t expr_first = pos_;
  Silently([&] { Expr(); });
  parts.expr = SpanFrom(expr_first);
  if (Accept(L::FAILS)) {
    parts.error = TakeWord();
    if (Accept(L::LPAREN)) {
      parts.cause = Take(L::STRING);
      Take(L::RPAREN);
    }
  }
  parts.whole = SpanFrom(first);
  const size_t end = pos_;
  parts.build_expr = [this, expr_first] {
    pos_ = expr_first;
    return Expr();
  };
  ast::StmtPtr s = Expect(parts);
  pos_ = end;
  return s;
}

ast::MockAnswer DescentParser::Mock(size_t first) {
  // mockStmt: MOCK word STRING? (RETURNS expr | FAILS word (LPAREN expr? RPAREN)?) (TIMES INT)?
  ++pos_;
  ast::MockAnswer mock;
  mock.function = IdentAt(TakeWord());
  if (Kind() == L::STRING) {  // the endpoint of an HTTP mock, plain text (E0298)
    mock.url_span = SpanAt(pos_++);
    mock.url = PlainText(mock.url_span);
  }
  if (Accept(L::RETURNS)) {
    mock.returns = Expr();
  } else {
    Take(L::FAILS);
    mock.error = ErrorNameAt(TakeWord(), /*quoted=*/false);
    if (Accept(L::LPAREN)) {
      if (Kind() != L::RPAREN) mock.cause = Expr();
      Take(L::RPAREN);
    }
  }
  if (Accept(L::TIMES)) CheckMockTimes(mock, Take(L::INT));
  mock.span = SpanFrom(first);
  return mock;
}

void DescentParser::TaskClauses(ast::TaskClauses& out) {
  // taskClause: RETRY retryBody | TIMEOUT (DURATION | postfixExpr)
  //           | HEARTBEAT (DURATION | postfixExpr) | NAME_WORD postfixExpr | DETAILS
  for (;;) {
    const size_t first = pos_;
    const uint16_t keyword = Kind();
    switch (keyword) {
      case L::RETRY:
        ++pos_;
        out.retries.push_back(RetryBody());
        break;
      case L::TIMEOUT:
      case L::HEARTBEAT: {
        ++pos_;
        ast::TimeValue value;
        if (Kind() == L::DURATION) {
          value.literal = DurationAt(SpanAt(pos_++));
        } else {
          value.seconds = Postfix();
        }
        value.span = SpanFrom(first);
        AddTimeClause(out, keyword, std::move(value));
        break;
      }
      case L::NAME_WORD: {
        ++pos_;
        ast::ExprPtr name = Postfix();
        AddNameClause(out, SpanFrom(first), std::move(name));
        break;
      }
      case L::DETAILS:
        ++pos_;
        AddDetailsClause(out, SpanFrom(first));
        break;
      default:
        return;
    }
  }
}

ast::RetrySpec DescentParser::RetryBody() {
  // retryBody: LBRACE SEMI* (retryRule (SEMI+ retryRule)*)? SEMI* RBRACE | ident
  // retryRule: ON errorList retrySetting* | ident
  const size_t first = pos_;
  ast::RetrySpec spec;
  if (!Accept(L::LBRACE)) {
    spec.policy = IdentAt(TakeIdent());
    spec.span = SpanFrom(first);
    return spec;
  }
  Skip(L::SEMI);
  while (Kind() != L::RBRACE) {
    const size_t rule_first = pos_;
    ast::RetryRule rule;
    if (Accept(L::ON)) {
      rule.errors = ErrorList();
      std::map<size_t, Span> seen;  // setting keyword → where it was first given
      for (bool more = true; more;) {
        const size_t setting_first = pos_;
        const uint16_t keyword = Kind();
        Span value;
        switch (keyword) {
          case L::ATTEMPTS:
            ++pos_;
            value = Take(L::INT);
            break;
          case L::INTERVAL:
          case L::MAX:
            ++pos_;
            value = Take(L::DURATION);
            break;
          case L::BACKOFF:
            ++pos_;
            if (Kind() != L::NUMBER && Kind() != L::INT) Fail();
            value = SpanAt(pos_++);
            break;
          case L::JITTER:
            value = SpanAt(pos_++);
            break;
          default:
            more = false;
            continue;
        }
        AddRetrySetting(rule, seen, keyword, SpanFrom(setting_first), SpanAt(setting_first), value);
      }
    } else {
      rule.policy = IdentAt(TakeIdent());
    }
    rule.span = SpanFrom(rule_first);
    spec.rules.push_back(std::move(rule));
    if (Kind() == L::RBRACE) break;
    Take(L::SEMI);
    Skip(L::SEMI);
  }
  ++pos_;
  spec.span = SpanFrom(first);
  return spec;
}

std::vector<ast::ErrorName> DescentParser::ErrorList() {
  // errorList: errorName (COMMA errorName)*; errorName: word | STRING | STAR
  std::vector<ast::ErrorName> errors;
  do {
    if (Kind() == L::STRING || Kind() == L::STAR) {
      errors.push_back(ErrorNameAt(SpanAt(pos_), Kind() == L::STRING));
      ++pos_;
    } else {
      errors.push_back(ErrorNameAt(TakeWord(), /*quoted=*/false));
    }
  } while (Accept(L::COMMA));
  return errors;
}

}  // namespace caios
