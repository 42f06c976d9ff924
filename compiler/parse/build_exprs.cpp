// AST building for expressions: one function per precedence level of the grammar.
#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>

#include "compiler/parse/build_ast.h"

namespace caios {

using P = grammar::CaiosParser;

ast::ExprPtr AstBuilder::Finish(ast::ExprPtr e, std::initializer_list<const ast::Expr*> children) {
  uint32_t depth = 0;
  for (const ast::Expr* c : children) {
    if (c != nullptr) depth = std::max(depth, c->depth);
  }
  e->depth = depth + 1;
  if (e->depth > ast::kMaxExprDepth) {
    if (!depth_reported_) {
      depth_reported_ = true;
      sink_
          .Report(DiagCode::kExpressionTooComplex, e->span,
                  fmt::format("expression too complex: more than {} nested operations",
                              ast::kMaxExprDepth))
          .Note("split it into several `let` statements");
    }
    return std::make_unique<ast::Expr>(ast::ExprKind::kError, e->span);
  }
  return e;
}

ast::ExprPtr AstBuilder::BuildExpr(P::ExprContext* ctx) {
  return BuildCoalesce(ctx->coalesceExpr());
}

namespace {

ast::BinaryOp BinaryOpOf(size_t token) {
  switch (token) {
    case P::PLUS:
      return ast::BinaryOp::kAdd;
    case P::MINUS:
      return ast::BinaryOp::kSub;
    case P::STAR:
      return ast::BinaryOp::kMul;
    case P::SLASH:
      return ast::BinaryOp::kDiv;
    case P::PERCENT:
      return ast::BinaryOp::kMod;
    case P::EQ:
      return ast::BinaryOp::kEq;
    case P::NE:
      return ast::BinaryOp::kNe;
    case P::LT:
      return ast::BinaryOp::kLt;
    case P::LE:
      return ast::BinaryOp::kLe;
    case P::GT:
      return ast::BinaryOp::kGt;
    case P::GE:
      return ast::BinaryOp::kGe;
    case P::IN:
      return ast::BinaryOp::kIn;
    case P::AND:
    case P::AND_AND:
      return ast::BinaryOp::kAnd;
    case P::OR:
    case P::OR_OR:
      return ast::BinaryOp::kOr;
    default:
      return ast::BinaryOp::kCoalesce;
  }
}

}  // namespace

template <typename Operand, typename BuildFn>
ast::ExprPtr AstBuilder::FoldBinary(antlr4::ParserRuleContext* ctx, BuildFn build) {
  // Children alternate: operand (op operand)*.
  ast::ExprPtr result;
  antlr4::tree::TerminalNode* pending_op = nullptr;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      pending_op = term;
      continue;
    }
    ast::ExprPtr operand = build(static_cast<Operand*>(child));
    if (!result) {
      result = std::move(operand);
      continue;
    }
    Span span = Span::Cover(result->span, operand->span);
    const ast::Expr* l = result.get();
    const ast::Expr* r = operand.get();
    auto node = std::make_unique<ast::BinaryExpr>(
        span, BinaryOpOf(pending_op->getSymbol()->getType()), SpanOf(pending_op), std::move(result),
        std::move(operand));
    result = Finish(std::move(node), {l, r});
  }
  return result;
}

ast::ExprPtr AstBuilder::BuildCoalesce(P::CoalesceExprContext* ctx) {
  return FoldBinary<P::OrExprContext>(ctx, [this](P::OrExprContext* c) { return BuildOr(c); });
}
ast::ExprPtr AstBuilder::BuildOr(P::OrExprContext* ctx) {
  return FoldBinary<P::AndExprContext>(ctx, [this](P::AndExprContext* c) { return BuildAnd(c); });
}
ast::ExprPtr AstBuilder::BuildAnd(P::AndExprContext* ctx) {
  return FoldBinary<P::NotExprContext>(ctx, [this](P::NotExprContext* c) { return BuildNot(c); });
}
ast::ExprPtr AstBuilder::BuildCompare(P::CompareExprContext* ctx) {
  return FoldBinary<P::AddExprContext>(ctx, [this](P::AddExprContext* c) { return BuildAdd(c); });
}
ast::ExprPtr AstBuilder::BuildAdd(P::AddExprContext* ctx) {
  return FoldBinary<P::MulExprContext>(ctx, [this](P::MulExprContext* c) { return BuildMul(c); });
}
ast::ExprPtr AstBuilder::BuildMul(P::MulExprContext* ctx) {
  return FoldBinary<P::UnaryExprContext>(ctx,
                                         [this](P::UnaryExprContext* c) { return BuildUnary(c); });
}

ast::ExprPtr AstBuilder::BuildNot(P::NotExprContext* ctx) {
  if (ctx->compareExpr()) return BuildCompare(ctx->compareExpr());
  ast::ExprPtr operand = BuildNot(ctx->notExpr());
  const ast::Expr* o = operand.get();
  return Finish(std::make_unique<ast::UnaryExpr>(SpanOf(ctx), ast::UnaryOp::kNot,
                                                 SpanOf(ctx->getStart()), std::move(operand)),
                {o});
}

ast::ExprPtr AstBuilder::BuildUnary(P::UnaryExprContext* ctx) {
  if (ctx->postfixExpr()) return BuildPostfix(ctx->postfixExpr());
  ast::ExprPtr operand = BuildUnary(ctx->unaryExpr());
  const ast::Expr* o = operand.get();
  return Finish(std::make_unique<ast::UnaryExpr>(SpanOf(ctx), ast::UnaryOp::kNeg,
                                                 SpanOf(ctx->getStart()), std::move(operand)),
                {o});
}

ast::ExprPtr AstBuilder::BuildPostfix(P::PostfixExprContext* ctx) {
  ast::ExprPtr e = BuildPrimary(ctx->primary());
  for (auto* op : ctx->postfixOp()) {
    Span span = Span::Cover(e->span, SpanOf(op));
    const ast::Expr* inner = e.get();
    if (op->DOT()) {
      e = Finish(std::make_unique<ast::FieldExpr>(span, std::move(e), IdentOf(op->name())),
                 {inner});
    } else if (op->LBRACK()) {
      ast::ExprPtr index = BuildExpr(op->expr());
      const ast::Expr* i = index.get();
      e = Finish(std::make_unique<ast::IndexExpr>(span, std::move(e), std::move(index)),
                 {inner, i});
    } else {
      auto call = std::make_unique<ast::CallExpr>(span, std::move(e));
      call->args_span = SpanOf(op);
      uint32_t depth = inner->depth;
      for (auto* a : op->arg()) {
        ast::Arg arg;
        arg.span = SpanOf(a);
        if (a->name()) arg.name = IdentOf(a->name());
        arg.value = BuildExpr(a->expr());
        depth = std::max(depth, arg.value->depth);
        call->args.push_back(std::move(arg));
      }
      ast::IntExpr marker(span, 0);
      marker.depth = depth;
      e = Finish(std::move(call), {&marker});
    }
  }
  return e;
}

ast::ExprPtr AstBuilder::BuildPrimary(P::PrimaryContext* ctx) {
  Span span = SpanOf(ctx);
  if (ctx->literal()) return BuildLiteral(ctx->literal());
  if (ctx->TASK_TOKEN()) return std::make_unique<ast::Expr>(ast::ExprKind::kTaskToken, span);
  if (ctx->ident()) return std::make_unique<ast::NameExpr>(span, IdentOf(ctx->ident()));
  if (ctx->objectLit()) return BuildObject(ctx->objectLit());
  if (ctx->arrayLit()) return BuildArray(ctx->arrayLit());
  if (ctx->expr()) {
    // Parentheses only group; the node keeps the inner span.
    return BuildExpr(ctx->expr());
  }
  ast::PrefixOp op = ctx->RUN()     ? ast::PrefixOp::kRun
                     : ctx->START() ? ast::PrefixOp::kStart
                                    : ast::PrefixOp::kAwait;
  ast::ExprPtr operand = BuildPostfix(ctx->postfixExpr());
  const ast::Expr* o = operand.get();
  return Finish(
      std::make_unique<ast::PrefixExpr>(span, op, SpanOf(ctx->getStart()), std::move(operand)),
      {o});
}

ast::ExprPtr AstBuilder::BuildLiteral(P::LiteralContext* ctx) {
  Span span = SpanOf(ctx);
  antlr4::Token* t = ctx->getStart();
  std::string text(TextOf(t));
  switch (t->getType()) {
    case P::STRING:
      return BuildString(t);
    case P::INT: {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (errno == ERANGE) {
        sink_.Report(DiagCode::kInvalidNumber, span,
                     fmt::format("integer `{}` does not fit in 64 bits", text));
      }
      return std::make_unique<ast::IntExpr>(span, v);
    }
    case P::NUMBER:
      return std::make_unique<ast::NumberExpr>(span, std::strtod(text.c_str(), nullptr));
    case P::TRUE:
      return std::make_unique<ast::BoolExpr>(span, true);
    case P::FALSE:
      return std::make_unique<ast::BoolExpr>(span, false);
    default:
      return std::make_unique<ast::Expr>(ast::ExprKind::kNull, span);
  }
}

ast::ExprPtr AstBuilder::BuildString(antlr4::Token* token) {
  Span span = SpanOf(token);
  auto s = std::make_unique<ast::StringExpr>(span);
  std::string_view raw = text_.substr(span.begin, span.end - span.begin);
  // Split the body into text and `${...}` parts; the lexer has validated the structure.
  size_t body_begin = 1;
  size_t body_end = raw.size() - 1;
  size_t part_begin = body_begin;
  uint32_t depth = 0;
  for (size_t i = body_begin; i < body_end; ++i) {
    if (raw[i] == '\\') {
      ++i;
      continue;
    }
    if (raw[i] != '$' || i + 1 >= body_end || raw[i + 1] != '{') continue;
    s->texts.push_back(DecodeEscapes(raw.substr(part_begin, i - part_begin)));
    size_t j = i + 2;
    while (j < body_end && raw[j] != '}') {
      if (raw[j] == '"') {
        ++j;
        while (j < body_end && raw[j] != '"') ++j;
      }
      ++j;
    }
    uint32_t expr_begin = span.begin + uint32_t(i + 2);
    uint32_t expr_end = span.begin + uint32_t(j);
    ast::ExprPtr e = parse_sub_(expr_begin, expr_end);
    if (!e)
      e = std::make_unique<ast::Expr>(ast::ExprKind::kError,
                                      Span{file_.id(), expr_begin, expr_end});
    depth = std::max(depth, e->depth);
    s->exprs.push_back(std::move(e));
    i = j;
    part_begin = j + 1;
  }
  s->texts.push_back(DecodeEscapes(raw.substr(part_begin, body_end - part_begin)));
  s->depth = depth + 1;
  return s;
}

ast::ExprPtr AstBuilder::BuildObject(P::ObjectLitContext* ctx) {
  auto o = std::make_unique<ast::ObjectExpr>(SpanOf(ctx));
  uint32_t depth = 0;
  for (auto* f : ctx->objectField()) {
    ast::ObjectField field;
    field.span = SpanOf(f);
    if (f->STRING()) {
      std::string_view raw = TextOf(f->STRING()->getSymbol());
      field.key = ast::Ident{DecodeEscapes(raw.substr(1, raw.size() - 2)), SpanOf(f->STRING())};
    } else {
      field.key = IdentOf(f->name());
    }
    if (f->expr()) {
      field.value = BuildExpr(f->expr());
    } else {
      field.shorthand = true;
      field.value = std::make_unique<ast::NameExpr>(field.key.span, field.key);
    }
    depth = std::max(depth, field.value->depth);
    o->fields.push_back(std::move(field));
  }
  ast::IntExpr marker(o->span, 0);
  marker.depth = depth;
  return Finish(std::move(o), {&marker});
}

ast::ExprPtr AstBuilder::BuildArray(P::ArrayLitContext* ctx) {
  auto a = std::make_unique<ast::ArrayExpr>(SpanOf(ctx));
  uint32_t depth = 0;
  for (auto* e : ctx->expr()) {
    a->elements.push_back(BuildExpr(e));
    depth = std::max(depth, a->elements.back()->depth);
  }
  ast::IntExpr marker(a->span, 0);
  marker.depth = depth;
  return Finish(std::move(a), {&marker});
}

}  // namespace caios
