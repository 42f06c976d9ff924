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
      sink_.Emit(e->span, diag::ExpressionTooComplexMoreThan, ast::kMaxExprDepth)
          .Note("split it into several `let` statements");
    }
    return std::make_unique<ast::Expr>(ast::ExprKind::kError, e->span);
  }
  return e;
}

namespace {

// Binding strength of binary operators; `not` sits between `and` and the comparisons.
constexpr int kNotPrecedence = 4;

int Precedence(size_t token) {
  switch (token) {
    case P::QQ:
      return 1;
    case P::OR:
    case P::OR_OR:
      return 2;
    case P::AND:
    case P::AND_AND:
      return 3;
    case P::EQ:
    case P::NE:
    case P::LT:
    case P::LE:
    case P::GT:
    case P::GE:
    case P::IN:
      return 5;
    case P::PLUS:
    case P::MINUS:
      return 6;
    default:
      return 7;  // * / %
  }
}

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

// Position in `expr`'s children: operand, op, operand, op, ...; inside the current operand,
// `prefix` counts the prefix operators already applied.
struct AstBuilder::ExprCursor {
  const std::vector<antlr4::tree::ParseTree*>& children;
  size_t index = 0;   // the current operand's index in children (even)
  size_t prefix = 0;  // prefix operators of the current operand already consumed

  P::OperandContext* Operand() const { return static_cast<P::OperandContext*>(children[index]); }
  // The operator after the current operand, or nullptr at the end.
  antlr4::tree::TerminalNode* NextOp() const {
    return index + 1 < children.size()
               ? static_cast<antlr4::tree::TerminalNode*>(children[index + 1])
               : nullptr;
  }
};

ast::ExprPtr AstBuilder::BuildExpr(P::ExprContext* ctx) {
  ExprCursor cursor{ctx->children};
  return ClimbBinary(cursor, 1);
}

ast::ExprPtr AstBuilder::ClimbBinary(ExprCursor& cursor, int min_precedence) {
  ast::ExprPtr lhs = ClimbUnary(cursor);
  for (;;) {
    antlr4::tree::TerminalNode* op = cursor.NextOp();
    if (op == nullptr) return lhs;
    size_t token = op->getSymbol()->getType();
    int precedence = Precedence(token);
    if (precedence < min_precedence) return lhs;
    cursor.index += 2;
    cursor.prefix = 0;
    // Left-associative: the right operand only takes tighter operators.
    ast::ExprPtr rhs = ClimbBinary(cursor, precedence + 1);
    Span span = Span::Cover(lhs->span, rhs->span);
    const ast::Expr* l = lhs.get();
    const ast::Expr* r = rhs.get();
    lhs = Finish(std::make_unique<ast::BinaryExpr>(span, BinaryOpOf(token), SpanOf(op),
                                                   std::move(lhs), std::move(rhs)),
                 {l, r});
  }
}

ast::ExprPtr AstBuilder::ClimbUnary(ExprCursor& cursor) {
  P::OperandContext* operand = cursor.Operand();
  // Children: prefix operator tokens, then the postfix expression.
  size_t prefixes = operand->children.size() - 1;
  if (cursor.prefix == prefixes) {
    return BuildPostfix(static_cast<P::PostfixExprContext*>(operand->children.back()));
  }
  auto* op = static_cast<antlr4::tree::TerminalNode*>(operand->children[cursor.prefix]);
  ++cursor.prefix;
  bool is_not = op->getSymbol()->getType() != P::MINUS;
  // `not` covers comparisons and everything tighter; `-` only its operand.
  ast::ExprPtr inner = is_not ? ClimbBinary(cursor, kNotPrecedence) : ClimbUnary(cursor);
  const ast::Expr* o = inner.get();
  Span span = Span::Cover(SpanOf(op), inner->span);
  return Finish(
      std::make_unique<ast::UnaryExpr>(span, is_not ? ast::UnaryOp::kNot : ast::UnaryOp::kNeg,
                                       SpanOf(op), std::move(inner)),
      {o});
}

ast::ExprPtr AstBuilder::BuildPostfix(P::PostfixExprContext* ctx) {
  // children: primary postfixOp*
  ast::ExprPtr e = BuildPrimary(static_cast<P::PrimaryContext*>(ctx->children[0]));
  for (size_t k = 1; k < ctx->children.size(); ++k) {
    auto* op = static_cast<P::PostfixOpContext*>(ctx->children[k]);
    Span span = Span::Cover(e->span, SpanOf(op));
    const ast::Expr* inner = e.get();
    size_t first = op->getStart()->getType();
    if (first == P::DOT) {
      e = Finish(std::make_unique<ast::FieldExpr>(span, std::move(e),
                                                  FieldNameOf(op->name(), op->STRING())),
                 {inner});
    } else if (first == P::LBRACK) {
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
        if (a->COLON()) arg.name = FieldNameOf(a->name(), a->STRING());
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
  // Dispatch on the first token instead of probing each alternative's accessor.
  switch (ctx->getStart()->getType()) {
    case P::STRING:
    case P::INT:
    case P::NUMBER:
    case P::TRUE:
    case P::FALSE:
    case P::NULL_LIT:
      return BuildLiteralToken(ctx->getStart());
    case P::TASK_TOKEN:
      return std::make_unique<ast::Expr>(ast::ExprKind::kTaskToken, span);
    case P::LBRACE:
      return BuildObject(static_cast<P::ObjectLitContext*>(ctx->children[0]));
    case P::LBRACK:
      return BuildArray(static_cast<P::ArrayLitContext*>(ctx->children[0]));
    case P::LPAREN:
      // Parentheses only group; the node keeps the inner span.
      return BuildExpr(static_cast<P::ExprContext*>(ctx->children[1]));
    case P::RUN:
    case P::START:
    case P::AWAIT: {
      size_t first = ctx->getStart()->getType();
      ast::PrefixOp op = first == P::RUN     ? ast::PrefixOp::kRun
                         : first == P::START ? ast::PrefixOp::kStart
                                             : ast::PrefixOp::kAwait;
      ast::ExprPtr operand = BuildPostfix(static_cast<P::PostfixExprContext*>(ctx->children[1]));
      const ast::Expr* o = operand.get();
      return Finish(
          std::make_unique<ast::PrefixExpr>(span, op, SpanOf(ctx->getStart()), std::move(operand)),
          {o});
    }
    default:  // a name (possibly a contextual keyword)
      return std::make_unique<ast::NameExpr>(span, IdentOf(ctx));
  }
}

ast::ExprPtr AstBuilder::BuildLiteral(P::LiteralContext* ctx) {
  return BuildLiteralToken(ctx->getStart());
}

ast::ExprPtr AstBuilder::BuildLiteralToken(antlr4::Token* t) {
  Span span = SpanOf(t);
  std::string text(TextOf(t));
  switch (t->getType()) {
    case P::STRING:
      return BuildString(t);
    case P::INT: {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (errno == ERANGE) {
        sink_.Emit(span, diag::IntegerDoesFit64Bits, text);
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
  for (const std::string& text : s->texts) CheckTemplateText(text, span);
  s->depth = depth + 1;
  return s;
}

ast::ExprPtr AstBuilder::BuildObject(P::ObjectLitContext* ctx) {
  auto o = std::make_unique<ast::ObjectExpr>(SpanOf(ctx));
  uint32_t depth = 0;
  for (auto* f : ctx->objectField()) {
    ast::ObjectField field;
    field.span = SpanOf(f);
    field.key = FieldNameOf(f->name(), f->STRING());
    if (auto* value = f->expr()) {  // each accessor scans the children
      field.value = BuildExpr(value);
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
  if (auto* comp = ctx->comprehension()) {
    std::vector<P::ExprContext*> parts = comp->expr();
    // A comprehension the parser recovered from (already reported).
    if (parts.empty() || comp->ident() == nullptr || ctx->expr(0) == nullptr) {
      return std::make_unique<ast::Expr>(ast::ExprKind::kError, SpanOf(ctx));
    }
    auto c = std::make_unique<ast::ComprehensionExpr>(SpanOf(ctx));
    c->element = BuildExpr(ctx->expr(0));
    c->var = IdentOf(comp->ident());
    c->source = BuildExpr(parts[0]);
    if (parts.size() > 1) c->condition = BuildExpr(parts[1]);
    const ast::Expr* element = c->element.get();
    const ast::Expr* source = c->source.get();
    const ast::Expr* condition = c->condition.get();
    return Finish(std::move(c), {element, source, condition});
  }
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
