// The hand-written recursive-descent parser: it recognises one declaration of
// grammar/CaiosParser.g4 (the specification) and builds its AST as it goes, without a parse
// tree (docs/architecture.md, "Parse"). It does not recover from syntax errors: at the first
// one it gives up, and compiler/parse/parse.cpp parses that declaration again with ANTLR, whose
// error recovery and messages the syntax diagnostics keep.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "compiler/parse/ast_rules.h"
#include "compiler/parse/token.h"

namespace caios {

class DescentParser : AstRules {
 public:
  DescentParser(const SourceFile& file, DiagnosticSink& sink);

  // The declaration tokens [begin, end) hold, or null at the first syntax error or lexical
  // error in an interpolation. What was reported into the sink until then belongs to the
  // abandoned attempt: the caller drops it.
  ast::DeclPtr ParseDeclaration(const Token* begin, const Token* end);
  // The expression of an interpolation `${…}` (rule standaloneExpr), or null.
  ast::ExprPtr ParseStandaloneExpr(const Token* begin, const Token* end);

 private:
  struct GiveUp {};  // thrown at a syntax error, caught by the two entry points
  [[noreturn]] static void Fail() { throw GiveUp{}; }

  // ---- the token cursor
  uint16_t KindAt(size_t index) const { return index < count_ ? tokens_[index].kind : kEofToken; }
  uint16_t Kind(size_t ahead = 0) const { return KindAt(pos_ + ahead); }
  Span SpanAt(size_t index) const { return At(tokens_[index].begin, tokens_[index].end); }
  // From token `first` to the last token consumed.
  Span SpanFrom(size_t first) const { return At(tokens_[first].begin, tokens_[pos_ - 1].end); }
  // Consumes a token of `kind` and returns its span; a syntax error otherwise.
  Span Take(uint16_t kind);
  bool Accept(uint16_t kind);
  void Skip(uint16_t kind);
  void SkipSeparators();      // `;` and `,` between record fields and object fields
  Span TakeIdent();           // rule `ident`
  Span TakeName();            // rule `name`
  Span TakeWord();            // rule `word`: name (. name|INT)*
  ast::Ident NameOrQuoted();  // (name | STRING) of fields, parameters and arguments

  // Runs `parse` with its diagnostics dropped and the once-per-declaration flags kept: for
  // syntax the ANTLR builder does not build (a misplaced `mock`), or builds later (`expect`).
  void Silently(const std::function<void()>& parse);

  // ---- declarations (descent_decls.cpp)
  ast::DeclPtr TopDecl();
  ast::DeclPtr Import(size_t first);
  ast::DeclPtr Resource(size_t first);
  ast::DeclPtr Function(size_t first);
  ast::DeclPtr Flow(size_t first);
  bool FlowOption(ast::FlowDecl& d);
  bool AtExistingBody() const;
  ast::DeclPtr Api(size_t first);
  bool AtRoute() const;
  ast::DeclPtr Schedule(size_t first);
  ast::DeclPtr Trigger(size_t first);
  ast::DeclPtr Test(size_t first);
  ast::Target Target();
  std::vector<ast::Param> Params(bool flow);
  std::vector<ast::Option> OptionBlock();
  ast::Option Option();
  ast::OptionArg OptionArg();
  ast::TypeRefPtr TypeRef();
  ast::TypeRefPtr OptionType();
  ast::TypeRefPtr TypeAtom();
  ast::TypeRefPtr Record();  // rule recordType

  // ---- statements (descent_stmts.cpp)
  // `mocks`: the test whose top level this block is, which takes its `mock` lines.
  ast::Block Block(std::vector<ast::MockAnswer>* mocks = nullptr);
  ast::StmtPtr Statement(std::vector<ast::MockAnswer>* mocks);
  ast::Rhs Rhs();
  ast::StmtPtr If(size_t first);
  ast::StmtPtr Switch(size_t first);
  ast::StmtPtr For(size_t first);
  ast::StmtPtr Parallel(size_t first);
  ast::StmtPtr Try(size_t first);
  ast::StmtPtr Wait(size_t first);
  ast::StmtPtr ExpectStatement(size_t first);
  ast::MockAnswer Mock(size_t first);
  void TaskClauses(ast::TaskClauses& out);
  ast::RetrySpec RetryBody();
  std::vector<ast::ErrorName> ErrorList();

  // ---- expressions (descent_exprs.cpp)
  ast::ExprPtr Expr();
  ast::ExprPtr ClimbBinary(int min_precedence);
  ast::ExprPtr ClimbUnary();
  ast::ExprPtr Postfix();
  ast::ExprPtr Primary();
  ast::ExprPtr ObjectLit();
  ast::ExprPtr ArrayLit();
  // Parses `${…}` text [begin, end) with a parser of its own (fresh once-per-declaration
  // flags, as the ANTLR builder's); gives up when it does not lex or parse.
  ast::ExprPtr SubExpression(uint32_t begin, uint32_t end);

  const Token* tokens_ = nullptr;
  size_t count_ = 0;
  size_t pos_ = 0;
};

}  // namespace caios
