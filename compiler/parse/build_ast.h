// Converts one declaration's ANTLR parse tree into the owned AST (the parse tree never leaves
// compiler/parse). The compiler builds with the hand-written parser (descent_parser.h); this
// builder makes the AST of the declarations it hands to ANTLR and is the tests' oracle.
#pragma once

#include "CaiosParser.h"
#include "compiler/parse/ast_rules.h"

namespace caios {

class AstBuilder : AstRules {
 public:
  using AstRules::AstRules;

  ast::DeclPtr BuildDecl(grammar::CaiosParser::TopDeclContext* ctx);
  ast::ExprPtr BuildExpr(grammar::CaiosParser::ExprContext* ctx);

 private:
  using P = grammar::CaiosParser;

  Span SpanOf(antlr4::ParserRuleContext* ctx) const;
  Span SpanOf(antlr4::tree::TerminalNode* node) const;
  Span SpanOf(antlr4::Token* token) const;
  std::string_view TextOf(antlr4::ParserRuleContext* ctx) const;
  ast::Ident IdentOf(antlr4::ParserRuleContext* ctx) const;
  // A field name written as a word, or in quotes (`"test-run-id"`): E0260 for an
  // interpolation, E0261 for an empty name.
  ast::Ident FieldNameOf(P::NameContext* name, antlr4::tree::TerminalNode* quoted) const;

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

  ast::TypeRefPtr BuildType(P::TypeRefContext* ctx);
  ast::TypeRefPtr BuildOptionType(P::OptionTypeContext* ctx);
  // Wraps `type` (the first child of `ctx`) in the `?` and `[]` suffixes that follow it.
  ast::TypeRefPtr WithSuffixesOf(ast::TypeRefPtr type, antlr4::ParserRuleContext* ctx);
  ast::TypeRefPtr BuildTypeAtom(P::TypeAtomContext* ctx);
  ast::TypeRefPtr BuildRecordType(P::RecordTypeContext* ctx);
  // `flow`: the parameters are also variables (E0262 for a keyword or a quoted name).
  std::vector<ast::Param> BuildParams(P::ParamListContext* ctx, bool flow);
  std::vector<ast::Option> BuildOptions(P::OptionBlockContext* ctx);
  ast::Option BuildOption(P::NameContext* name, const std::vector<P::OptionArgContext*>& args,
                          antlr4::ParserRuleContext* whole);
  ast::OptionArg BuildOptionArg(P::OptionArgContext* ctx);
  ast::Target BuildTarget(P::TargetContext* ctx);
  ast::RetrySpec BuildRetry(P::RetryBodyContext* ctx);
  std::vector<ast::ErrorName> BuildErrors(P::ErrorListContext* ctx);
  void BuildTaskClauses(const std::vector<P::TaskClauseContext*>& clauses, ast::TaskClauses& out);
  ast::TimeValue BuildTimeValue(P::TaskClauseContext* ctx);

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
  ast::ExprPtr BuildObject(P::ObjectLitContext* ctx);
  ast::ExprPtr BuildArray(P::ArrayLitContext* ctx);
};

}  // namespace caios
