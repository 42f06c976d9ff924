// The hand-written parser's entry points, token cursor and interpolations (descent_parser.h).
#include "compiler/parse/descent_parser.h"

#include "CaiosLexer.h"
#include "compiler/parse/descent_tokens.h"
#include "compiler/parse/lexer.h"

namespace caios {

using L = grammar::CaiosLexer;

DescentParser::DescentParser(const SourceFile& file, DiagnosticSink& sink)
    : AstRules(file, sink,
               [this](uint32_t begin, uint32_t end) { return SubExpression(begin, end); }) {}

ast::DeclPtr DescentParser::ParseDeclaration(const Token* begin, const Token* end) {
  tokens_ = begin;
  count_ = static_cast<size_t>(end - begin);
  pos_ = 0;
  in_test_ = false;
  BeginDeclaration();
  try {
    ast::DeclPtr decl = TopDecl();
    if (pos_ != count_) return nullptr;  // `declaration: topDecl EOF`
    return decl;
  } catch (const GiveUp&) {
    return nullptr;
  }
}

ast::ExprPtr DescentParser::ParseStandaloneExpr(const Token* begin, const Token* end) {
  tokens_ = begin;
  count_ = static_cast<size_t>(end - begin);
  pos_ = 0;
  try {
    ast::ExprPtr e = Expr();
    if (pos_ != count_) return nullptr;  // `standaloneExpr: expr EOF`
    return e;
  } catch (const GiveUp&) {
    return nullptr;
  }
}

ast::ExprPtr DescentParser::SubExpression(uint32_t begin, uint32_t end) {
  // The text was lexed as part of a string: lex it as code now. A lexical error or a syntax
  // error inside is the ANTLR path's to report.
  LexResult lexed = Lex(file_, *sink_, begin, end);
  if (!lexed.ok) Fail();
  DescentParser sub(file_, *sink_);
  const Token* first = lexed.tokens.data();
  ast::ExprPtr e = sub.ParseStandaloneExpr(first, first + lexed.tokens.size() - 1);  // no EOF
  if (!e) Fail();
  return e;
}

Span DescentParser::Take(uint16_t kind) {
  if (Kind() != kind) Fail();
  return SpanAt(pos_++);
}

bool DescentParser::Accept(uint16_t kind) {
  if (Kind() != kind) return false;
  ++pos_;
  return true;
}

void DescentParser::Skip(uint16_t kind) {
  while (Kind() == kind) ++pos_;
}

void DescentParser::SkipSeparators() {
  while (Kind() == L::SEMI || Kind() == L::COMMA) ++pos_;
}

Span DescentParser::TakeIdent() {
  if (!IsIdentKind(Kind())) Fail();
  return SpanAt(pos_++);
}

Span DescentParser::TakeName() {
  if (!IsNameKind(Kind())) Fail();
  return SpanAt(pos_++);
}

Span DescentParser::TakeWord() {
  const size_t first = pos_;
  TakeName();
  while (Accept(L::DOT)) {
    if (!IsNameKind(Kind()) && Kind() != L::INT) Fail();
    ++pos_;
  }
  return SpanFrom(first);
}

ast::Ident DescentParser::NameOrQuoted() {
  if (Kind() == L::STRING) return QuotedName(SpanAt(pos_++));
  return IdentAt(TakeName());
}

void DescentParser::Silently(const std::function<void()>& parse) {
  DiagnosticSink scratch;
  struct Restore {
    DescentParser& p;
    DiagnosticSink* sink;
    bool depth_reported;
    bool type_depth_reported;
    uint32_t type_depth;
    ~Restore() {
      p.sink_ = sink;
      p.depth_reported_ = depth_reported;
      p.type_depth_reported_ = type_depth_reported;
      p.type_depth_ = type_depth;
    }
  } restore{*this, sink_, depth_reported_, type_depth_reported_, type_depth_};
  sink_ = &scratch;
  parse();
}

}  // namespace caios
