// What making an AST node decodes and checks, whichever parser recognised its syntax: the
// hand-written parser (descent_parser.h) and the ANTLR tree builder (build_ast.h) both derive
// from AstRules, so they give the same tree and the same diagnostics (docs/architecture.md,
// "Parse").
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

// Parses the expression text [begin, end) of an interpolation `${...}`; null on syntax errors.
using SubExpressionParser = std::function<ast::ExprPtr(uint32_t begin, uint32_t end)>;

// One suffix of a written type: `?` (kind QUESTION) or `[]` (kind RBRACK, the span of `]`).
struct TypeSuffix {
  uint16_t kind;
  Span span;
};

// The parts of `expect C` or `expect X fails E("cause")`, found by either parser.
struct ExpectParts {
  Span whole;    // the statement
  Span keyword;  // `expect`
  Span expr;     // the checked expression's tokens (with any brackets around it)
  std::function<ast::ExprPtr()> build_expr;  // builds that expression (twice without `fails`)
  std::optional<Span> error;                 // `fails E`: the word E
  std::optional<Span> cause;                 // `("cause")`: the string token
};

class AstRules {
 public:
  AstRules(const SourceFile& file, DiagnosticSink& sink, SubExpressionParser parse_sub)
      : file_(file), text_(file.text()), sink_(&sink), parse_sub_(std::move(parse_sub)) {}

 protected:
  // ---- tokens and their text
  Span At(uint32_t begin, uint32_t end) const { return Span{file_.id(), begin, end}; }
  std::string_view TextAt(Span s) const { return text_.substr(s.begin, s.end - s.begin); }
  ast::Ident IdentAt(Span s) const { return ast::Ident{std::string(TextAt(s)), s}; }
  // The value of a plain STRING token: quotes removed, escapes decoded (E0640 checked).
  std::string StringValue(Span token) const;
  // A field or parameter name written in quotes (`"test-run-id"`): E0260 for an
  // interpolation, E0261 for an empty name.
  ast::Ident QuotedName(Span token) const;
  // E0640 when decoded string text holds a CloudFormation dynamic reference (`{{resolve:`),
  // which the template would resolve at deployment whatever position the text reaches.
  void CheckTemplateText(std::string_view decoded, Span literal) const;
  // The value of an INT token in a clause or option, saturated at 10^12: range checks
  // report anything that large, so the exact value does not matter.
  int64_t IntValue(Span token) const;
  // A DURATION token in milliseconds (reported when it does not fit).
  ast::Duration DurationAt(Span token);
  // A STRING's value where text is fixed (a test's title, an expected cause): E0298 for `${…}`.
  std::string PlainText(Span token);

  // ---- expressions
  // Sets `e->depth` from its children and enforces kMaxExprDepth (E0109).
  ast::ExprPtr Finish(ast::ExprPtr e, std::initializer_list<const ast::Expr*> children);
  // The same, for a node whose children's greatest depth is `children_depth`.
  ast::ExprPtr FinishAtDepth(ast::ExprPtr e, uint32_t children_depth);
  // STRING, INT, NUMBER, TRUE, FALSE or NULL_LIT.
  ast::ExprPtr LiteralToken(uint16_t kind, Span token);
  // A string literal, its `${…}` parts parsed by the SubExpressionParser.
  ast::ExprPtr StringLiteral(Span token);
  // Binding strength of a binary operator token (1 `??` … 7 `* / %`); 0 for other tokens.
  static int Precedence(uint16_t kind);
  // `not` sits between `and` and the comparisons.
  static constexpr int kNotPrecedence = 4;
  ast::ExprPtr Binary(uint16_t op, Span op_span, ast::ExprPtr lhs, ast::ExprPtr rhs);
  // NOT, BANG or MINUS.
  ast::ExprPtr Unary(uint16_t op, Span op_span, ast::ExprPtr operand);
  // RUN, START or AWAIT.
  ast::ExprPtr Prefix(uint16_t op, Span whole, Span op_span, ast::ExprPtr operand);

  // ---- declarations
  static ast::ResourceKind ResourceKindOf(uint16_t keyword);
  // `import std.a.b` names stdlib/a/b.caios.
  void SetStdlibPath(ast::ImportDecl& d, const std::vector<Span>& names) const;
  // `{ existing "NAME" }` / `{ existing [arn] param P }`, read as the option `existing`.
  ast::Option ExistingOption(Span keyword, std::optional<Span> text,
                             const std::vector<Span>& names) const;
  // An API option that is a route without its arrow (`GET "/x" handle`): reported, true.
  bool ReportRouteWithoutArrow(const ast::Option& option);
  // `on Bus."Order Placed"`: the quoted detail type (E0275 when not plain text).
  ast::Ident TriggerEvent(Span string_token);
  // A parameter's word before its name (only `whole` is one).
  void SetParamMarker(ast::Param& param, Span marker);
  // A flow parameter is a variable: E0262 for a quoted name or a reserved keyword.
  void ReportFlowParamNotVariable(const ast::Param& param, bool quoted);
  // A `whole` parameter must be the only one.
  void CheckWholeParam(const std::vector<ast::Param>& params, bool flow);
  // An option argument that is a literal token.
  ast::OptionArg LiteralOptionArg(uint16_t kind, Span token);

  // ---- types (the nesting limit, E0030, counts through type_depth_)
  ast::TypeRefPtr WithSuffixes(ast::TypeRefPtr type, const std::vector<TypeSuffix>& suffixes);
  ast::TypeRefPtr NamedType(Span ident);
  ast::TypeRefPtr NullType(Span token);
  // `[T]`: call after building the element.
  ast::TypeRefPtr ArrayType(Span whole, ast::TypeRefPtr element);
  // A record: `fields_depth` is the greatest type_depth_ seen after each field's type.
  ast::TypeRefPtr RecordType(Span whole, std::vector<ast::FieldType> fields, uint32_t fields_depth);

  // ---- clauses and statements
  void AddTimeClause(ast::TaskClauses& out, uint16_t keyword, ast::TimeValue value);
  void AddNameClause(ast::TaskClauses& out, Span clause, ast::ExprPtr value);
  void AddDetailsClause(ast::TaskClauses& out, Span clause);
  // One setting of a retry rule; `seen` maps each setting keyword to where it was first given.
  // `value_token` is the setting's number or duration (its keyword for `jitter`).
  void AddRetrySetting(ast::RetryRule& rule, std::map<size_t, Span>& seen, uint16_t keyword,
                       Span setting, Span keyword_token, Span value_token);
  ast::ErrorName ErrorNameAt(Span name, bool quoted) const;
  void ReportDuplicate(Span second, Span first, std::string_view what);
  // `mock` below a test's top level: reported, and a statement standing for nothing.
  ast::StmtPtr MisplacedMock(Span statement, Span keyword);

  // ---- tests (docs/testing.md)
  // `test "title" { … }` is a flow without parameters, named after its title, in JSONata.
  std::unique_ptr<ast::FlowDecl> TestFlow(Span whole, Span test_keyword, Span title, Span block);
  void CheckMockTimes(ast::MockAnswer& mock, Span times_token);
  ast::StmtPtr Expect(const ExpectParts& parts);

  // Called at the start of each declaration: E0109 and E0030 are reported once per declaration.
  void BeginDeclaration() {
    depth_reported_ = false;
    type_depth_reported_ = false;
  }

  const SourceFile& file_;
  std::string_view text_;
  DiagnosticSink* sink_;  // where diagnostics go (the hand-written parser redirects it at times)
  SubExpressionParser parse_sub_;
  bool depth_reported_ = false;  // E0109 once per declaration
  bool in_test_ = false;         // building the body of a `test` (`expect` is allowed)
  // The nesting depth of the type built last, limited to ast::kMaxTypeDepth (E0030, once per
  // declaration).
  uint32_t type_depth_ = 0;
  bool type_depth_reported_ = false;

 private:
  ast::ExprPtr JsonString(ast::ExprPtr value);
};

// Decodes the escapes of a string literal body (no interpolation handling).
std::string DecodeEscapes(std::string_view body);

}  // namespace caios
