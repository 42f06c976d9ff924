// AST building for expressions: precedence climbing over the grammar's flat operand lists.
#include "compiler/parse/build_ast.h"

namespace caios {

using P = grammar::CaiosParser;

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
    const auto token = static_cast<uint16_t>(op->getSymbol()->getType());
    int precedence = Precedence(token);
    if (precedence < min_precedence) return lhs;
    cursor.index += 2;
    cursor.prefix = 0;
    // Left-associative: the right operand only takes tighter operators.
    ast::ExprPtr rhs = ClimbBinary(cursor, precedence + 1);
    lhs = Binary(token, SpanOf(op), std::move(lhs), std::move(rhs));
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
  const auto kind = static_cast<uint16_t>(op->getSymbol()->getType());
  // `not` covers comparisons and everything tighter; `-` only its operand.
  ast::ExprPtr inner = kind != P::MINUS ? ClimbBinary(cursor, kNotPrecedence) : ClimbUnary(cursor);
  return Unary(kind, SpanOf(op), std::move(inner));
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
      e = FinishAtDepth(std::move(call), depth);
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
      return LiteralToken(static_cast<uint16_t>(ctx->getStart()->getType()),
                          SpanOf(ctx->getStart()));
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
      ast::ExprPtr operand = BuildPostfix(static_cast<P::PostfixExprContext*>(ctx->children[1]));
      return Prefix(static_cast<uint16_t>(ctx->getStart()->getType()), span,
                    SpanOf(ctx->getStart()), std::move(operand));
    }
    default:  // a name (possibly a contextual keyword)
      return std::make_unique<ast::NameExpr>(span, IdentOf(ctx));
  }
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
  return FinishAtDepth(std::move(o), depth);
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
  return FinishAtDepth(std::move(a), depth);
}

}  // namespace caios
