// Spans, text and names of ANTLR tokens and contexts, for the AST builder files.
#include "compiler/parse/build_ast.h"

namespace caios {

Span AstBuilder::SpanOf(antlr4::Token* token) const {
  if (token == nullptr) return At(0, 0);
  size_t start = token->getStartIndex();
  size_t stop = token->getStopIndex();
  if (token->getType() == antlr4::Token::EOF || stop + 1 < start) {
    return At(uint32_t(start), uint32_t(start));
  }
  return At(uint32_t(start), uint32_t(stop + 1));
}

Span AstBuilder::SpanOf(antlr4::tree::TerminalNode* node) const {
  return node == nullptr ? At(0, 0) : SpanOf(node->getSymbol());
}

Span AstBuilder::SpanOf(antlr4::ParserRuleContext* ctx) const {
  if (ctx == nullptr) return At(0, 0);
  Span a = SpanOf(ctx->getStart());
  Span b = SpanOf(ctx->getStop());
  if (ctx->getStop() == nullptr || b.end < a.begin) return a;
  return At(a.begin, b.end);
}

std::string_view AstBuilder::TextOf(antlr4::ParserRuleContext* ctx) const {
  return TextAt(SpanOf(ctx));
}

ast::Ident AstBuilder::IdentOf(antlr4::ParserRuleContext* ctx) const {
  return IdentAt(SpanOf(ctx));
}

ast::Ident AstBuilder::FieldNameOf(P::NameContext* name, antlr4::tree::TerminalNode* quoted) const {
  return quoted == nullptr ? IdentOf(name) : QuotedName(SpanOf(quoted));
}

}  // namespace caios
