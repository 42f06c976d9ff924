// Converts one declaration's ANTLR parse tree into the owned AST (the parse tree never leaves
// compiler/parse).
#pragma once

#include <functional>

#include "CaiosParser.h"
#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

// Parses the expression text [begin, end) of an interpolation `${...}`; null on syntax errors.
using SubExpressionParser = std::function<ast::ExprPtr(uint32_t begin, uint32_t end)>;

class AstBuilder {
 public:
  AstBuilder(const SourceFile& file, DiagnosticSink& sink, SubExpressionParser parse_sub)
      : file_(file), text_(file.text()), sink_(sink), parse_sub_(std::move(parse_sub)) {}

  ast::DeclPtr BuildDecl(grammar::CaiosParser::TopDeclContext* ctx);
  ast::ExprPtr BuildExpr(grammar::CaiosParser::ExprContext* ctx);

 private:
  using P = grammar::CaiosParser;

  Span SpanOf(antlr4::ParserRuleContext* ctx) const;
  Span SpanOf(antlr4::tree::TerminalNode* node) const;
  Span SpanOf(antlr4::Token* token) const;
  std::string_view TextOf(antlr4::Token* token) const;
  std::string_view TextOf(antlr4::ParserRuleContext* ctx) const;
  ast::Ident IdentOf(antlr4::ParserRuleContext* ctx) const;
  // The value of a plain STRING token: quotes removed, escapes decoded.
  std::string StringValue(antlr4::tree::TerminalNode* node) const;
  // A field name written as a word, or in quotes (`"test-run-id"`): E0260 for an
  // interpolation, E0261 for an empty name.
  ast::Ident FieldNameOf(P::NameContext* name, antlr4::tree::TerminalNode* quoted) const;
  // E0640 when decoded string text holds a CloudFormation dynamic reference (`{{resolve:`),
  // which the template would resolve at deployment whatever position the text reaches.
  void CheckTemplateText(std::string_view decoded, Span literal) const;
  // The value of an INT token in a clause or option, saturated at 10^12: range checks
  // report anything that large, so the exact value does not matter.
  int64_t IntValue(antlr4::tree::TerminalNode* node) const;

  ast::DeclPtr BuildImport(P::ImportDeclContext* ctx);
  ast::DeclPtr BuildResource(P::ResourceDeclContext* ctx);
  ast::DeclPtr BuildFunction(P::FunctionDeclContext* ctx);
  ast::DeclPtr BuildFlow(P::FlowDeclContext* ctx);
  ast::DeclPtr BuildApi(P::ApiDeclContext* ctx);
  ast::DeclPtr BuildSchedule(P::ScheduleDeclContext* ctx);
  ast::DeclPtr BuildTrigger(P::TriggerDeclContext* ctx);
  ast::DeclPtr BuildTest(P::TestDeclContext* ctx);
  ast::MockAnswer BuildMock(P::MockStmtContext* ctx);
  ast::StmtPtr BuildExpect(P::ExpectStmtContext* ctx);
  // A STRING's value where text is fixed (a test's title, an expected cause): E0298 for `${…}`.
  std::string PlainText(antlr4::tree::TerminalNode* node);

  ast::TypeRefPtr BuildType(P::TypeRefContext* ctx);
  ast::TypeRefPtr BuildOptionType(P::OptionTypeContext* ctx);
  // Wraps `type` (the first child of `ctx`) in the `?` and `[]` suffixes that follow it.
  ast::TypeRefPtr WithSuffixes(ast::TypeRefPtr type, antlr4::ParserRuleContext* ctx);
  ast::TypeRefPtr BuildTypeAtom(P::TypeAtomContext* ctx);
  ast::TypeRefPtr BuildRecordType(P::RecordTypeContext* ctx);
  // `flow`: the parameters are also variables (E0262 for a keyword or a quoted name).
  std::vector<ast::Param> BuildParams(P::ParamListContext* ctx, bool flow);
  std::vector<ast::Option> BuildOptions(P::OptionBlockContext* ctx);
  ast::Option BuildOption(P::NameContext* name, const std::vector<P::OptionArgContext*>& args,
                          antlr4::ParserRuleContext* whole);
  ast::OptionArg BuildOptionArg(P::OptionArgContext* ctx);
  ast::Target BuildTarget(P::TargetContext* ctx);
  ast::Duration BuildDuration(antlr4::tree::TerminalNode* node);
  ast::RetrySpec BuildRetry(P::RetryBodyContext* ctx);
  std::vector<ast::ErrorName> BuildErrors(P::ErrorListContext* ctx);
  void BuildTaskClauses(const std::vector<P::TaskClauseContext*>& clauses, ast::TaskClauses& out);
  ast::TimeValue BuildTimeValue(P::TaskClauseContext* ctx);
  void ReportDuplicate(Span second, Span first, std::string_view what);

  ast::Block BuildBlock(P::BlockContext* ctx);
  ast::StmtPtr BuildStmt(P::StatementContext* ctx);
  ast::Rhs BuildRhs(P::RhsContext* ctx);
  ast::StmtPtr BuildIf(P::IfStmtContext* ctx);
  ast::StmtPtr BuildSwitch(P::SwitchStmtContext* ctx);
  ast::StmtPtr BuildFor(P::ForStmtContext* ctx);
  ast::StmtPtr BuildParallel(P::ParallelStmtContext* ctx);
  ast::StmtPtr BuildTry(P::TryStmtContext* ctx);
  ast::StmtPtr BuildWait(P::WaitStmtContext* ctx);
  ast::StmtPtr BuildAssignOrExpr(P::AssignOrExprStmtContext* ctx);

  // Precedence climbing over the flat operand/operator list of an `expr` (see the grammar).
  struct ExprCursor;
  ast::ExprPtr ClimbBinary(ExprCursor& cursor, int min_precedence);
  ast::ExprPtr ClimbUnary(ExprCursor& cursor);
  ast::ExprPtr BuildPostfix(P::PostfixExprContext* ctx);
  ast::ExprPtr BuildPrimary(P::PrimaryContext* ctx);
  ast::ExprPtr BuildLiteral(P::LiteralContext* ctx);
  ast::ExprPtr BuildLiteralToken(antlr4::Token* token);
  ast::ExprPtr BuildString(antlr4::Token* token);
  ast::ExprPtr BuildObject(P::ObjectLitContext* ctx);
  ast::ExprPtr BuildArray(P::ArrayLitContext* ctx);
  // Sets `e->depth` from its children and enforces kMaxExprDepth (E0109).
  ast::ExprPtr Finish(ast::ExprPtr e, std::initializer_list<const ast::Expr*> children);

  const SourceFile& file_;
  std::string_view text_;
  DiagnosticSink& sink_;
  SubExpressionParser parse_sub_;
  bool depth_reported_ = false;  // E0109 once per declaration
  bool in_test_ = false;         // building the body of a `test` (`expect` is allowed)
  // The nesting depth of the type BuildType/BuildTypeAtom/BuildRecordType built last, limited
  // to ast::kMaxTypeDepth (E0030, once per declaration).
  uint32_t type_depth_ = 0;
  bool type_depth_reported_ = false;
};

// Decodes the escapes of a string literal body (no interpolation handling).
std::string DecodeEscapes(std::string_view body);

}  // namespace caios
