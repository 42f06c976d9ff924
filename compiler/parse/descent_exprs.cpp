// The hand-written parser: expressions, by precedence climbing over operands as they are
// parsed (grammar/CaiosParser.g4, rule `expr`; the same climbing as build_exprs.cpp).
#include "CaiosLexer.h"
#include "compiler/parse/descent_parser.h"
#include "compiler/parse/descent_tokens.h"

namespace caios {

using L = grammar::CaiosLexer;

ast::ExprPtr DescentParser::Expr() { return ClimbBinary(1); }

ast::ExprPtr DescentParser::ClimbBinary(int min_precedence) {
  ast::ExprPtr lhs = ClimbUnary();
  for (;;) {
    const uint16_t op = Kind();
    const int precedence = Precedence(op);
    if (precedence == 0 || precedence < min_precedence) return lhs;
    const Span op_span = SpanAt(pos_++);
    // Left-associative: the right operand only takes tighter operators.
    ast::ExprPtr rhs = ClimbBinary(precedence + 1);
    lhs = Binary(op, op_span, std::move(lhs), std::move(rhs));
  }
}

ast::ExprPtr DescentParser::ClimbUnary() {
  // operand: (NOT | BANG | MINUS)* postfixExpr
  const uint16_t op = Kind();
  if (op != L::NOT && op != L::BANG && op != L::MINUS) return Postfix();
  const Span op_span = SpanAt(pos_++);
  // `not` covers comparisons and everything tighter; `-` only its operand.
  ast::ExprPtr inner = op != L::MINUS ? ClimbBinary(kNotPrecedence) : ClimbUnary();
  return Unary(op, op_span, std::move(inner));
}

ast::ExprPtr DescentParser::Postfix() {
  // postfixExpr: primary postfixOp*
  ast::ExprPtr e = Primary();
  for (;;) {
    // A node spans from its operand's node (inside any brackets) to the end of the operator.
    const size_t op_first = pos_;
    const auto span = [&] { return Span::Cover(e->span, SpanFrom(op_first)); };
    const ast::Expr* inner = e.get();
    switch (Kind()) {
      case L::DOT: {
        ++pos_;
        ast::Ident field = NameOrQuoted();
        e = Finish(std::make_unique<ast::FieldExpr>(span(), std::move(e), std::move(field)),
                   {inner});
        break;
      }
      case L::LBRACK: {
        ++pos_;
        ast::ExprPtr index = Expr();
        Take(L::RBRACK);
        const ast::Expr* i = index.get();
        e = Finish(std::make_unique<ast::IndexExpr>(span(), std::move(e), std::move(index)),
                   {inner, i});
        break;
      }
      case L::LPAREN: {
        ++pos_;
        std::vector<ast::Arg> args;
        uint32_t depth = inner->depth;
        while (Kind() != L::RPAREN) {
          // arg: ((name | STRING) COLON)? expr
          const size_t arg_first = pos_;
          ast::Arg arg;
          if ((IsNameKind(Kind()) || Kind() == L::STRING) && Kind(1) == L::COLON) {
            arg.name = NameOrQuoted();
            ++pos_;
          }
          arg.value = Expr();
          arg.span = SpanFrom(arg_first);
          depth = std::max(depth, arg.value->depth);
          args.push_back(std::move(arg));
          if (Accept(L::COMMA)) continue;
          if (Kind() != L::RPAREN) Fail();
        }
        ++pos_;
        auto call = std::make_unique<ast::CallExpr>(span(), std::move(e));
        call->args_span = SpanFrom(op_first);
        call->args = std::move(args);
        e = FinishAtDepth(std::move(call), depth);
        break;
      }
      default:
        return e;
    }
  }
}

ast::ExprPtr DescentParser::Primary() {
  const size_t first = pos_;
  const uint16_t k = Kind();
  if (IsLiteralKind(k)) {
    ++pos_;
    return LiteralToken(k, SpanAt(first));
  }
  if (IsIdentKind(k)) {
    const Span span = SpanAt(pos_++);
    return std::make_unique<ast::NameExpr>(span, IdentAt(span));
  }
  switch (k) {
    case L::TASK_TOKEN:
      return std::make_unique<ast::Expr>(ast::ExprKind::kTaskToken, SpanAt(pos_++));
    case L::LBRACE:
      return ObjectLit();
    case L::LBRACK:
      return ArrayLit();
    case L::LPAREN: {
      // Parentheses only group; the node keeps the inner span.
      ++pos_;
      ast::ExprPtr inner = Expr();
      Take(L::RPAREN);
      return inner;
    }
    case L::RUN:
    case L::START:
    case L::AWAIT: {
      ++pos_;
      ast::ExprPtr operand = Postfix();
      return Prefix(k, SpanFrom(first), SpanAt(first), std::move(operand));
    }
    default:
      Fail();
  }
}

ast::ExprPtr DescentParser::ObjectLit() {
  // objectLit: { (;|,)* (objectField ((;|,)+ objectField)*)? (;|,)* }
  // objectField: (name | STRING) (COLON expr)?
  const size_t first = pos_;
  Take(L::LBRACE);
  SkipSeparators();
  std::vector<ast::ObjectField> fields;
  uint32_t depth = 0;
  while (Kind() != L::RBRACE) {
    const size_t field_first = pos_;
    ast::ObjectField field;
    field.key = NameOrQuoted();
    if (Accept(L::COLON)) {
      field.value = Expr();
    } else {
      field.shorthand = true;
      field.value = std::make_unique<ast::NameExpr>(field.key.span, field.key);
    }
    field.span = SpanFrom(field_first);
    depth = std::max(depth, field.value->depth);
    fields.push_back(std::move(field));
    if (Kind() == L::RBRACE) break;
    if (Kind() != L::SEMI && Kind() != L::COMMA) Fail();
    SkipSeparators();
  }
  ++pos_;
  auto o = std::make_unique<ast::ObjectExpr>(SpanFrom(first));
  o->fields = std::move(fields);
  return FinishAtDepth(std::move(o), depth);
}

ast::ExprPtr DescentParser::ArrayLit() {
  // arrayLit: [ (expr (comprehension | (COMMA expr)* COMMA?))? ]
  // comprehension: FOR ident IN expr (IF expr)?
  const size_t first = pos_;
  Take(L::LBRACK);
  std::vector<ast::ExprPtr> elements;
  uint32_t depth = 0;
  if (Kind() != L::RBRACK) {
    ast::ExprPtr element = Expr();
    if (Accept(L::FOR)) {
      const Span var = TakeIdent();
      Take(L::IN);
      ast::ExprPtr source = Expr();
      ast::ExprPtr condition;
      if (Accept(L::IF)) condition = Expr();
      Take(L::RBRACK);
      auto c = std::make_unique<ast::ComprehensionExpr>(SpanFrom(first));
      const ast::Expr* e = element.get();
      const ast::Expr* s = source.get();
      const ast::Expr* f = condition.get();
      c->element = std::move(element);
      c->var = IdentAt(var);
      c->source = std::move(source);
      c->condition = std::move(condition);
      return Finish(std::move(c), {e, s, f});
    }
    depth = element->depth;
    elements.push_back(std::move(element));
    while (Accept(L::COMMA)) {
      if (Kind() == L::RBRACK) break;
      elements.push_back(Expr());
      depth = std::max(depth, elements.back()->depth);
    }
  }
  Take(L::RBRACK);
  auto a = std::make_unique<ast::ArrayExpr>(SpanFrom(first));
  a->elements = std::move(elements);
  return FinishAtDepth(std::move(a), depth);
}

}  // namespace caios
