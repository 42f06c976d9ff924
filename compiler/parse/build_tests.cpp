// AST building for tests: `test "title" { … }` becomes a flow without parameters whose
// `expect` lines are rewritten to checks that fail it (docs/testing.md).
#include <fmt/format.h>

#include "compiler/parse/build_ast.h"

namespace caios {

using P = grammar::CaiosParser;

namespace {

// The error an unmet `expect` fails the test with (docs/testing.md).
constexpr const char* kExpectationFailed = "ExpectationFailed";
// The name `expect X fails E("cause")` binds E's error to, to compare its cause.
constexpr const char* kCaught = "expect_caught";

// The flow a test compiles to is named after its title: `test_` and the title's letters and
// digits in lower case, other runs of characters as one `_` (at most 60 characters), so that
// state machines and traces read like the tests. The checker reports two tests that get
// the same name (E0293).
std::string TestFlowName(std::string_view title) {
  std::string name = "test_";
  for (char c : title) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (word) {
      if (name.size() < 60) name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (name.back() != '_' && name.size() < 60) {
      name += '_';
    }
  }
  while (name.back() == '_') name.pop_back();
  return name;
}

bool IsComparison(ast::BinaryOp op) {
  using O = ast::BinaryOp;
  return op == O::kEq || op == O::kNe || op == O::kLt || op == O::kLe || op == O::kGt ||
         op == O::kGe || op == O::kIn;
}

// Whether the failure message may quote the value of `e`: a name or a path below one, whose
// value tells what went wrong (a literal is in the message already).
bool IsPath(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kName:
      return true;
    case ast::ExprKind::kField:
      return IsPath(*static_cast<const ast::FieldExpr&>(e).object);
    case ast::ExprKind::kIndex: {
      const auto& index = static_cast<const ast::IndexExpr&>(e);
      return IsPath(*index.object) && (index.index->kind == ast::ExprKind::kInt ||
                                       index.index->kind == ast::ExprKind::kString);
    }
    default:
      return false;
  }
}

}  // namespace

std::string AstBuilder::PlainText(antlr4::tree::TerminalNode* node) {
  std::string_view raw = TextOf(node->getSymbol());
  // A `${` not preceded by a backslash starts an interpolation (the lexer checked the rest).
  for (size_t i = 1; i + 2 < raw.size(); ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == '$' && raw[i + 1] == '{') {
      sink_.Emit(SpanOf(node), diag::TestTextInterpolated);
      break;
    }
  }
  return StringValue(node);
}

ast::DeclPtr AstBuilder::BuildTest(P::TestDeclContext* ctx) {
  auto d = std::make_unique<ast::FlowDecl>(SpanOf(ctx));
  d->test = std::make_unique<ast::TestInfo>();
  d->test->title = PlainText(ctx->STRING());
  d->test->title_span = SpanOf(ctx->STRING());
  d->name = ast::Ident{TestFlowName(d->test->title), d->test->title_span};
  // A test always compiles to JSONata: its checks quote values, which JSONPath cannot format.
  ast::FlowOption query;
  query.kind = ast::FlowOption::Kind::kQuery;
  query.span = SpanOf(ctx->TEST());
  query.value = ast::Ident{"jsonata", query.span};
  d->options.push_back(std::move(query));
  d->body.span = SpanOf(ctx->block());
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
    mock.url = PlainText(ctx->STRING());
    mock.url_span = SpanOf(ctx->STRING());
  }
  if (ctx->RETURNS() != nullptr) {
    mock.returns = BuildExpr(ctx->expr());
  } else {
    mock.error = ast::ErrorName{std::string(TextOf(ctx->word(1))), SpanOf(ctx->word(1))};
    if (auto* cause = ctx->expr()) mock.cause = BuildExpr(cause);
  }
  if (ctx->TIMES() != nullptr) {
    mock.times = IntValue(ctx->INT());
    mock.times_span = SpanOf(ctx->INT());
    if (mock.times < 1 || mock.times > 1000) {
      sink_.Emit(*mock.times_span, diag::MockTimesRange, mock.times);
    }
  }
  return mock;
}

// `expect C` is `if C {} else { fail ExpectationFailed("…") }`, the message quoting C, its line
// and, for a comparison, the values of its sides that are paths. `expect X fails E("c")` is
// `try { X; fail ExpectationFailed("…") } catch E as e { if e.cause != "c" { fail … } }`.
ast::StmtPtr AstBuilder::BuildExpect(P::ExpectStmtContext* ctx) {
  const Span span = SpanOf(ctx);
  if (!in_test_) sink_.Emit(SpanOf(ctx->EXPECT()), diag::ExpectOutsideTest);
  const Span keyword = SpanOf(ctx->EXPECT());
  const std::string source(TextOf(ctx->expr()));
  const uint32_t line = file_.Position(span.begin).line;
  auto make_fail = [&](std::vector<std::string> texts, std::vector<ast::ExprPtr> exprs) {
    auto message = std::make_unique<ast::StringExpr>(keyword);
    message->texts = std::move(texts);
    message->exprs = std::move(exprs);
    auto fail = std::make_unique<ast::FailStmt>(keyword);
    fail->error = ast::ErrorName{kExpectationFailed, keyword};
    fail->cause = std::move(message);
    return fail;
  };
  auto json_string = [&](ast::ExprPtr value) -> ast::ExprPtr {
    const Span at = value->span;
    auto callee = std::make_unique<ast::NameExpr>(at, ast::Ident{"json_string", at});
    auto call = std::make_unique<ast::CallExpr>(at, std::move(callee));
    call->args_span = at;
    ast::Arg arg;
    arg.span = at;
    arg.value = std::move(value);
    call->args.push_back(std::move(arg));
    const ast::Expr* inner = call->args[0].value.get();
    return Finish(std::move(call), {inner});
  };

  if (ctx->FAILS() == nullptr) {
    ast::ExprPtr cond = BuildExpr(ctx->expr());
    // The sides are built a second time for the message: a path's errors are reported once
    // (the driver drops repeated diagnostics).
    std::vector<std::string> texts = {fmt::format("expect {} (line {})", source, line)};
    std::vector<ast::ExprPtr> exprs;
    ast::ExprPtr copy = BuildExpr(ctx->expr());
    if (copy->kind == ast::ExprKind::kBinary) {
      auto& binary = static_cast<ast::BinaryExpr&>(*copy);
      if (IsComparison(binary.op)) {
        for (ast::ExprPtr* side : {&binary.lhs, &binary.rhs}) {
          if (!IsPath(**side)) continue;
          texts.back() += fmt::format(
              "{} {} is ", exprs.empty() ? ":" : ",",
              text_.substr((*side)->span.begin, (*side)->span.end - (*side)->span.begin));
          exprs.push_back(json_string(std::move(*side)));
          texts.emplace_back();
        }
      }
    }
    // `if C {} else { fail … }`: C is checked as any condition (E0309), and what it
    // establishes (`x != null`) holds after it.
    auto s = std::make_unique<ast::IfStmt>(span);
    ast::IfArm arm;
    arm.span = span;
    arm.cond = std::move(cond);
    arm.body.span = span;
    s->arms.push_back(std::move(arm));
    s->else_body.emplace();
    s->else_body->span = span;
    s->else_body->stmts.push_back(make_fail(std::move(texts), std::move(exprs)));
    return s;
  }

  const std::string error(TextOf(ctx->word()));
  const Span error_span = SpanOf(ctx->word());
  if (error == "States.ALL" || error == "States.TaskFailed") {
    sink_.Emit(error_span, diag::ExpectFailsEveryError, error);
  } else if (error == kExpectationFailed) {
    sink_.Emit(error_span, diag::ExpectFailsExpectation);
  }
  std::optional<std::string> cause;
  if (ctx->STRING() != nullptr) cause = PlainText(ctx->STRING());
  const std::string expected =
      cause ? fmt::format("{}({})", error, TextOf(ctx->STRING()->getSymbol())) : error;

  auto s = std::make_unique<ast::TryStmt>(span);
  s->body.span = span;
  auto run = std::make_unique<ast::ExprStmt>(SpanOf(ctx->expr()));
  run->expr = BuildExpr(ctx->expr());
  // `run f(x)` of a flow (a call of a plain name; `run aws.…` is a job) turns the child's
  // `States.…` errors into ChildExecutionFailed (docs/language.md, "Nested flows").
  if (error.rfind("States.", 0) == 0 && error != "States.ALL" && error != "States.TaskFailed" &&
      run->expr->kind == ast::ExprKind::kPrefix) {
    const auto& prefix = static_cast<const ast::PrefixExpr&>(*run->expr);
    if (prefix.op == ast::PrefixOp::kRun && prefix.operand->kind == ast::ExprKind::kCall &&
        static_cast<const ast::CallExpr&>(*prefix.operand).callee->kind == ast::ExprKind::kName) {
      // The fix drops a cause too: ChildExecutionFailed's names the child's execution.
      const Span whole{error_span.file, error_span.begin, SpanOf(ctx->getStop()).end};
      sink_.Emit(error_span, diag::ExpectRunFailsStatesError, error)
          .Fix(ctx->STRING() != nullptr ? whole : error_span, "ChildExecutionFailed");
    }
  }
  s->body.stmts.push_back(std::move(run));
  s->body.stmts.push_back(make_fail(
      {fmt::format("expect {} fails {} (line {}): it succeeded", source, expected, line)}, {}));
  ast::CatchClause handler;
  handler.span = error_span;
  handler.errors.push_back(ast::ErrorName{error, error_span});
  handler.body.span = error_span;
  if (cause) {
    handler.binding = ast::Ident{kCaught, error_span};
    // if e.cause != "c" { fail ExpectationFailed("… the cause was ${json_string(e.cause)}") }
    auto caught_cause = [&] {
      auto e = std::make_unique<ast::NameExpr>(error_span, ast::Ident{kCaught, error_span});
      const ast::Expr* inner = e.get();
      return Finish(std::make_unique<ast::FieldExpr>(error_span, std::move(e),
                                                     ast::Ident{"cause", error_span}),
                    {inner});
    };
    auto want = std::make_unique<ast::StringExpr>(SpanOf(ctx->STRING()));
    want->texts = {*cause};
    ast::ExprPtr lhs = caught_cause();
    const ast::Expr* l = lhs.get();
    const ast::Expr* r = want.get();
    auto differs =
        Finish(std::make_unique<ast::BinaryExpr>(error_span, ast::BinaryOp::kNe, error_span,
                                                 std::move(lhs), std::move(want)),
               {l, r});
    auto check = std::make_unique<ast::IfStmt>(error_span);
    ast::IfArm arm;
    arm.span = error_span;
    arm.cond = std::move(differs);
    arm.body.span = error_span;
    std::vector<ast::ExprPtr> exprs;
    exprs.push_back(json_string(caught_cause()));
    arm.body.stmts.push_back(make_fail(
        {fmt::format("expect {} fails {} (line {}): the cause was ", source, expected, line), ""},
        std::move(exprs)));
    check->arms.push_back(std::move(arm));
    handler.body.stmts.push_back(std::move(check));
  }
  s->catches.push_back(std::move(handler));
  return s;
}

}  // namespace caios
