// What making an AST node decodes and checks, shared by both parsers (ast_rules.h).
#include "compiler/parse/ast_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "CaiosLexer.h"

namespace caios {

using L = grammar::CaiosLexer;

// ---------------------------------------------------------------- tokens and their text

std::string AstRules::StringValue(Span token) const {
  std::string_view raw = TextAt(token);
  std::string value = DecodeEscapes(raw.substr(1, raw.size() - 2));
  CheckTemplateText(value, token);
  return value;
}

ast::Ident AstRules::QuotedName(Span token) const {
  std::string_view raw = TextAt(token);
  // A `${` not preceded by a backslash starts an interpolation (the lexer checked the rest).
  for (size_t i = 1; i + 1 < raw.size() - 1; ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == '$' && raw[i + 1] == '{') {
      sink_->Emit(token, diag::FieldNameInterpolates);
      break;
    }
  }
  std::string value = StringValue(token);
  if (value.empty()) sink_->Emit(token, diag::EmptyFieldName);
  return ast::Ident{std::move(value), token};
}

void AstRules::CheckTemplateText(std::string_view decoded, Span literal) const {
  if (decoded.find("{{resolve:") == std::string_view::npos) return;
  sink_->Emit(literal, diag::ThisStringHoldsResolveWhich)
      .Note(
          "to use a secret, pass its name and read it when the code runs (`uses "
          "aws.secretsmanager(getSecretValue)` or `uses aws.ssm(getParameter)`), or give a "
          "`connection` its `secret \"NAME\"`");
}

int64_t AstRules::IntValue(Span token) const {
  int64_t value = 0;
  for (char c : TextAt(token)) {
    value = std::min<int64_t>(value * 10 + (c - '0'), 1'000'000'000'000);
  }
  return value;
}

ast::Duration AstRules::DurationAt(Span token) {
  ast::Duration d;
  d.span = token;
  std::string_view t = TextAt(token);
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  std::string_view unit = t.substr(digits);
  int64_t factor = unit == "ms"  ? 1
                   : unit == "s" ? 1000
                   : unit == "m" ? 60'000
                   : unit == "h" ? 3'600'000
                                 : 86'400'000;
  int64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    if (value > (INT64_MAX / 10 - 9) / factor) {
      sink_->Emit(d.span, diag::DurationTooLarge, t);
      return d;
    }
    value = value * 10 + (t[i] - '0');
  }
  d.millis = value * factor;
  return d;
}

std::string AstRules::PlainText(Span token) {
  std::string_view raw = TextAt(token);
  // A `${` not preceded by a backslash starts an interpolation (the lexer checked the rest).
  for (size_t i = 1; i + 2 < raw.size(); ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == '$' && raw[i + 1] == '{') {
      sink_->Emit(token, diag::TestTextInterpolated);
      break;
    }
  }
  return StringValue(token);
}

// ---------------------------------------------------------------- expressions

ast::ExprPtr AstRules::Finish(ast::ExprPtr e, std::initializer_list<const ast::Expr*> children) {
  uint32_t depth = 0;
  for (const ast::Expr* c : children) {
    if (c != nullptr) depth = std::max(depth, c->depth);
  }
  return FinishAtDepth(std::move(e), depth);
}

ast::ExprPtr AstRules::FinishAtDepth(ast::ExprPtr e, uint32_t children_depth) {
  e->depth = children_depth + 1;
  if (e->depth > ast::kMaxExprDepth) {
    if (!depth_reported_) {
      depth_reported_ = true;
      sink_->Emit(e->span, diag::ExpressionTooComplexMoreThan, ast::kMaxExprDepth)
          .Note("split it into several `let` statements");
    }
    return std::make_unique<ast::Expr>(ast::ExprKind::kError, e->span);
  }
  return e;
}

ast::ExprPtr AstRules::LiteralToken(uint16_t kind, Span span) {
  switch (kind) {
    case L::STRING:
      return StringLiteral(span);
    case L::INT: {
      std::string text(TextAt(span));
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (errno == ERANGE) {
        sink_->Emit(span, diag::IntegerDoesFit64Bits, text);
      }
      return std::make_unique<ast::IntExpr>(span, v);
    }
    case L::NUMBER:
      return std::make_unique<ast::NumberExpr>(
          span, std::strtod(std::string(TextAt(span)).c_str(), nullptr));
    case L::TRUE:
      return std::make_unique<ast::BoolExpr>(span, true);
    case L::FALSE:
      return std::make_unique<ast::BoolExpr>(span, false);
    default:
      return std::make_unique<ast::Expr>(ast::ExprKind::kNull, span);
  }
}

ast::ExprPtr AstRules::StringLiteral(Span span) {
  auto s = std::make_unique<ast::StringExpr>(span);
  std::string_view raw = TextAt(span);
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
    if (!e) e = std::make_unique<ast::Expr>(ast::ExprKind::kError, At(expr_begin, expr_end));
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

int AstRules::Precedence(uint16_t kind) {
  switch (kind) {
    case L::QQ:
      return 1;
    case L::OR:
    case L::OR_OR:
      return 2;
    case L::AND:
    case L::AND_AND:
      return 3;
    case L::EQ:
    case L::NE:
    case L::LT:
    case L::LE:
    case L::GT:
    case L::GE:
    case L::IN:
      return 5;
    case L::PLUS:
    case L::MINUS:
      return 6;
    case L::STAR:
    case L::SLASH:
    case L::PERCENT:
      return 7;
    default:
      return 0;
  }
}

namespace {

ast::BinaryOp BinaryOpOf(uint16_t kind) {
  switch (kind) {
    case L::PLUS:
      return ast::BinaryOp::kAdd;
    case L::MINUS:
      return ast::BinaryOp::kSub;
    case L::STAR:
      return ast::BinaryOp::kMul;
    case L::SLASH:
      return ast::BinaryOp::kDiv;
    case L::PERCENT:
      return ast::BinaryOp::kMod;
    case L::EQ:
      return ast::BinaryOp::kEq;
    case L::NE:
      return ast::BinaryOp::kNe;
    case L::LT:
      return ast::BinaryOp::kLt;
    case L::LE:
      return ast::BinaryOp::kLe;
    case L::GT:
      return ast::BinaryOp::kGt;
    case L::GE:
      return ast::BinaryOp::kGe;
    case L::IN:
      return ast::BinaryOp::kIn;
    case L::AND:
    case L::AND_AND:
      return ast::BinaryOp::kAnd;
    case L::OR:
    case L::OR_OR:
      return ast::BinaryOp::kOr;
    default:
      return ast::BinaryOp::kCoalesce;
  }
}

}  // namespace

ast::ExprPtr AstRules::Binary(uint16_t op, Span op_span, ast::ExprPtr lhs, ast::ExprPtr rhs) {
  Span span = Span::Cover(lhs->span, rhs->span);
  const ast::Expr* l = lhs.get();
  const ast::Expr* r = rhs.get();
  return Finish(std::make_unique<ast::BinaryExpr>(span, BinaryOpOf(op), op_span, std::move(lhs),
                                                  std::move(rhs)),
                {l, r});
}

ast::ExprPtr AstRules::Unary(uint16_t op, Span op_span, ast::ExprPtr operand) {
  const ast::Expr* o = operand.get();
  Span span = Span::Cover(op_span, operand->span);
  return Finish(std::make_unique<ast::UnaryExpr>(
                    span, op == L::MINUS ? ast::UnaryOp::kNeg : ast::UnaryOp::kNot, op_span,
                    std::move(operand)),
                {o});
}

ast::ExprPtr AstRules::Prefix(uint16_t op, Span whole, Span op_span, ast::ExprPtr operand) {
  ast::PrefixOp prefix = op == L::RUN     ? ast::PrefixOp::kRun
                         : op == L::START ? ast::PrefixOp::kStart
                                          : ast::PrefixOp::kAwait;
  const ast::Expr* o = operand.get();
  return Finish(std::make_unique<ast::PrefixExpr>(whole, prefix, op_span, std::move(operand)), {o});
}

// ---------------------------------------------------------------- declarations

ast::ResourceKind AstRules::ResourceKindOf(uint16_t keyword) {
  switch (keyword) {
    case L::TABLE:
      return ast::ResourceKind::kTable;
    case L::BUCKET:
      return ast::ResourceKind::kBucket;
    case L::QUEUE:
      return ast::ResourceKind::kQueue;
    case L::TOPIC:
      return ast::ResourceKind::kTopic;
    case L::STREAM:
      return ast::ResourceKind::kStream;
    case L::EVENTS:
      return ast::ResourceKind::kEvents;
    case L::SECRET:
      return ast::ResourceKind::kSecret;
    case L::PARAMETER:
      return ast::ResourceKind::kParameter;
    default:
      return ast::ResourceKind::kConnection;
  }
}

void AstRules::SetStdlibPath(ast::ImportDecl& d, const std::vector<Span>& names) const {
  d.from_stdlib = true;
  d.path_span = Span::Cover(names.front(), names.back());
  // `import std.a.b` names stdlib/a/b.caios. Without the `std.` prefix the loader reports
  // the module as missing and explains the form.
  size_t first = names.size() > 1 && TextAt(names[0]) == "std" ? 1 : 0;
  for (size_t i = first; i < names.size(); ++i) {
    if (i > first) d.path += '/';
    d.path += TextAt(names[i]);
  }
}

ast::Option AstRules::ExistingOption(Span keyword, std::optional<Span> text,
                                     const std::vector<Span>& names) const {
  // Read as the option `existing` of a resource, so that the option check judges it alike.
  ast::Option option;
  option.name = ast::Ident{"existing", keyword};
  if (text) {
    ast::OptionArg arg;
    arg.kind = ast::OptionArg::Kind::kString;
    arg.span = *text;
    arg.text = StringValue(*text);
    option.args.push_back(std::move(arg));
  }
  for (Span name : names) {
    ast::OptionArg arg;
    arg.kind = ast::OptionArg::Kind::kWord;
    arg.span = name;
    arg.text = TextAt(name);
    option.args.push_back(std::move(arg));
  }
  option.span = option.args.empty() ? option.name.span
                                    : Span::Cover(option.name.span, option.args.back().span);
  return option;
}

bool AstRules::ReportRouteWithoutArrow(const ast::Option& option) {
  // `GET "/x" handle`: a route without its arrow parses as an option (an upper-case name
  // and a path); say what it lacks.
  const std::string& word = option.name.text;
  const bool method_like = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c));
  });
  if (!method_like || option.args.empty() || option.args[0].kind != ast::OptionArg::Kind::kString) {
    return false;
  }
  if (option.args.size() > 1) {
    const ast::OptionArg& next = option.args[1];
    sink_->Emit(next.span, diag::ExpectedToken, "`->`",
                next.kind == ast::OptionArg::Kind::kWord ? "name `" + next.text + "`"
                                                         : std::string("a value"));
  } else {
    sink_->Emit(option.args[0].span, diag::ExpectedToken, "`->` and a target after the path",
                "the end of the route");
  }
  return true;
}

ast::Ident AstRules::TriggerEvent(Span span) {
  // A detail type as EventBridge spells it: plain text, not empty.
  std::string_view raw = TextAt(span);
  bool interpolates = false;
  for (size_t i = 1; i + 1 < raw.size() - 1; ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == '$' && raw[i + 1] == '{') {
      interpolates = true;
    }
  }
  std::string value = StringValue(span);
  if (interpolates || value.empty()) {
    sink_->Emit(span, diag::EventNameNotPlain, interpolates ? "an interpolation" : "no text");
  }
  CheckTemplateText(value, span);
  return ast::Ident{std::move(value), span};
}

void AstRules::SetParamMarker(ast::Param& param, Span marker) {
  std::string word(TextAt(marker));
  if (word == "whole") {
    param.whole = true;
  } else {
    sink_->Emit(marker, diag::UnknownParamMarker, word, param.name.text);
  }
}

void AstRules::ReportFlowParamNotVariable(const ast::Param& param, bool quoted) {
  sink_
      ->Emit(param.name.span, diag::FlowParamNotVariable, param.name.text,
             quoted ? "a quoted name" : "a reserved keyword")
      .Note(
          "take the whole input as one value (`flow f(whole input: T)`) and read its "
          "fields by name (`input.type`, `input.\"test-run-id\"`)");
}

void AstRules::CheckWholeParam(const std::vector<ast::Param>& params, bool flow) {
  if (params.size() < 2) return;
  for (const ast::Param& p : params) {
    if (!p.whole) continue;
    sink_->Emit(p.span, diag::WholeParamNotAlone, p.name.text,
                flow ? "input of the flow" : "payload of the function");
    return;
  }
}

ast::OptionArg AstRules::LiteralOptionArg(uint16_t kind, Span token) {
  using Kind = ast::OptionArg::Kind;
  ast::OptionArg arg;
  arg.span = token;
  ast::ExprPtr e = LiteralToken(kind, token);
  switch (e->kind) {
    case ast::ExprKind::kString: {
      auto* s = static_cast<ast::StringExpr*>(e.get());
      arg.kind = Kind::kString;
      for (const auto& t : s->texts) arg.text += t;
      if (!s->is_plain()) {
        arg.kind = Kind::kObject;  // an interpolated string is an expression value
        arg.expr = std::move(e);
      }
      break;
    }
    case ast::ExprKind::kInt:
      arg.kind = Kind::kInt;
      arg.int_value = static_cast<ast::IntExpr*>(e.get())->value;
      arg.number_value = static_cast<double>(arg.int_value);
      break;
    case ast::ExprKind::kNumber:
      arg.kind = Kind::kNumber;
      arg.number_value = static_cast<ast::NumberExpr*>(e.get())->value;
      break;
    case ast::ExprKind::kBool:
      arg.kind = Kind::kBool;
      arg.bool_value = static_cast<ast::BoolExpr*>(e.get())->value;
      break;
    default:
      arg.kind = Kind::kNull;
      break;
  }
  if (arg.kind != Kind::kString) arg.text = TextAt(token);
  return arg;
}

// ---------------------------------------------------------------- types

ast::TypeRefPtr AstRules::WithSuffixes(ast::TypeRefPtr type,
                                       const std::vector<TypeSuffix>& suffixes) {
  uint32_t depth = type_depth_;
  // Suffixes in order: `?` makes optional, `[]` makes an array.
  for (const TypeSuffix& suffix : suffixes) {
    // Every later phase walks types recursively: a run of thousands of `[]` is not a program.
    if (++depth > ast::kMaxTypeDepth) {
      if (!type_depth_reported_) {
        type_depth_reported_ = true;
        sink_->Emit(suffix.span, diag::TypeNestedTooDeeplyMore, ast::kMaxTypeDepth);
      }
      depth = ast::kMaxTypeDepth;
      break;
    }
    auto wrapped = std::make_unique<ast::TypeRef>();
    wrapped->kind =
        suffix.kind == L::QUESTION ? ast::TypeRef::Kind::kOptional : ast::TypeRef::Kind::kArray;
    wrapped->span = Span::Cover(type->span, suffix.span);
    wrapped->element = std::move(type);
    type = std::move(wrapped);
  }
  type_depth_ = depth;
  return type;
}

ast::TypeRefPtr AstRules::NamedType(Span ident) {
  auto type = std::make_unique<ast::TypeRef>();
  type->span = ident;
  type->kind = ast::TypeRef::Kind::kNamed;
  type->name = IdentAt(ident);
  type_depth_ = 0;  // the levels are what is built around it
  return type;
}

ast::TypeRefPtr AstRules::NullType(Span token) {
  auto type = std::make_unique<ast::TypeRef>();
  type->span = token;
  type->kind = ast::TypeRef::Kind::kNull;
  type_depth_ = 0;
  return type;
}

ast::TypeRefPtr AstRules::ArrayType(Span whole, ast::TypeRefPtr element) {
  auto type = std::make_unique<ast::TypeRef>();
  type->span = whole;
  type->kind = ast::TypeRef::Kind::kArray;
  type->element = std::move(element);
  type_depth_ = std::min(type_depth_ + 1, ast::kMaxTypeDepth);
  return type;
}

ast::TypeRefPtr AstRules::RecordType(Span whole, std::vector<ast::FieldType> fields,
                                     uint32_t fields_depth) {
  auto type = std::make_unique<ast::TypeRef>();
  type->kind = ast::TypeRef::Kind::kRecord;
  type->span = whole;
  type->fields = std::move(fields);
  type_depth_ = std::min(fields_depth + 1, ast::kMaxTypeDepth);
  return type;
}

// ---------------------------------------------------------------- clauses and statements

void AstRules::AddTimeClause(ast::TaskClauses& out, uint16_t keyword, ast::TimeValue value) {
  std::optional<ast::TimeValue>& slot = keyword == L::TIMEOUT ? out.timeout : out.heartbeat;
  if (slot)
    ReportDuplicate(value.span, slot->span, keyword == L::TIMEOUT ? "timeout" : "heartbeat");
  slot = std::move(value);
}

void AstRules::AddNameClause(ast::TaskClauses& out, Span clause, ast::ExprPtr value) {
  if (out.name) ReportDuplicate(clause, out.name->span, "name");
  out.name = ast::ExecutionName{clause, std::move(value)};
}

void AstRules::AddDetailsClause(ast::TaskClauses& out, Span clause) {
  if (out.details) ReportDuplicate(clause, *out.details, "details");
  out.details = clause;
}

void AstRules::AddRetrySetting(ast::RetryRule& rule, std::map<size_t, Span>& seen, uint16_t keyword,
                               Span setting, Span keyword_token, Span value_token) {
  auto [first, inserted] = seen.emplace(keyword, setting);
  if (!inserted) ReportDuplicate(setting, first->second, TextAt(keyword_token));
  switch (keyword) {
    case L::ATTEMPTS:
      rule.attempts = IntValue(value_token);
      rule.attempts_span = setting;
      break;
    case L::INTERVAL:
      rule.interval = DurationAt(value_token);
      break;
    case L::BACKOFF:
      rule.backoff = std::strtod(std::string(TextAt(value_token)).c_str(), nullptr);
      rule.backoff_span = setting;
      break;
    case L::MAX:
      rule.max_delay = DurationAt(value_token);
      break;
    default:
      rule.jitter = true;
      break;
  }
}

ast::ErrorName AstRules::ErrorNameAt(Span name, bool quoted) const {
  return ast::ErrorName{quoted ? StringValue(name) : std::string(TextAt(name)), name};
}

void AstRules::ReportDuplicate(Span second, Span first, std::string_view what) {
  sink_->Emit(second, diag::ClauseGivenTwice, what).Label(first, "first given here");
}

ast::StmtPtr AstRules::MisplacedMock(Span statement, Span keyword) {
  // A test's top-level mocks are taken by the test; this one is elsewhere.
  sink_->Emit(keyword, diag::MockNotAtTestTop);
  auto s = std::make_unique<ast::ExprStmt>(statement);
  s->expr = std::make_unique<ast::Expr>(ast::ExprKind::kError, statement);
  return s;
}

// ---------------------------------------------------------------- tests

namespace {

// The error an unmet `expect` fails the test with (docs/testing.md).
constexpr const char* kExpectationFailed = "ExpectationFailed";
// The name `expect X fails E("cause")` binds E's error to, to compare its cause.
constexpr const char* kCaught = "expect_caught";

// The flow a test compiles to is named after its title: `test_` and the title's letters and
// digits in lower case, other runs of characters as one `_` (at most 60 characters), so that
// state machines and traces read like the tests. The checker reports two tests that get
// the same name (E0293).
std::string TestFlowName(std::string_view title) {
  std::string name = "test_";
  for (char c : title) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (word) {
      if (name.size() < 60) name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (name.back() != '_' && name.size() < 60) {
      name += '_';
    }
  }
  while (name.back() == '_') name.pop_back();
  return name;
}

bool IsComparison(ast::BinaryOp op) {
  using O = ast::BinaryOp;
  return op == O::kEq || op == O::kNe || op == O::kLt || op == O::kLe || op == O::kGt ||
         op == O::kGe || op == O::kIn;
}

// Whether the failure message may quote the value of `e`: a name or a path below one, whose
// value tells what went wrong (a literal is in the message already).
bool IsPath(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kName:
      return true;
    case ast::ExprKind::kField:
      return IsPath(*static_cast<const ast::FieldExpr&>(e).object);
    case ast::ExprKind::kIndex: {
      const auto& index = static_cast<const ast::IndexExpr&>(e);
      return IsPath(*index.object) && (index.index->kind == ast::ExprKind::kInt ||
                                       index.index->kind == ast::ExprKind::kString);
    }
    default:
      return false;
  }
}

}  // namespace

std::unique_ptr<ast::FlowDecl> AstRules::TestFlow(Span whole, Span test_keyword, Span title,
                                                  Span block) {
  auto d = std::make_unique<ast::FlowDecl>(whole);
  d->test = std::make_unique<ast::TestInfo>();
  d->test->title = PlainText(title);
  d->test->title_span = title;
  d->name = ast::Ident{TestFlowName(d->test->title), title};
  // A test always compiles to JSONata: its checks quote values, which JSONPath cannot format.
  ast::FlowOption query;
  query.kind = ast::FlowOption::Kind::kQuery;
  query.span = test_keyword;
  query.value = ast::Ident{"jsonata", query.span};
  d->options.push_back(std::move(query));
  d->body.span = block;
  return d;
}

void AstRules::CheckMockTimes(ast::MockAnswer& mock, Span times_token) {
  mock.times = IntValue(times_token);
  mock.times_span = times_token;
  if (mock.times < 1 || mock.times > 1000) {
    sink_->Emit(*mock.times_span, diag::MockTimesRange, mock.times);
  }
}

ast::ExprPtr AstRules::JsonString(ast::ExprPtr value) {
  const Span at = value->span;
  auto callee = std::make_unique<ast::NameExpr>(at, ast::Ident{"json_string", at});
  auto call = std::make_unique<ast::CallExpr>(at, std::move(callee));
  call->args_span = at;
  ast::Arg arg;
  arg.span = at;
  arg.value = std::move(value);
  call->args.push_back(std::move(arg));
  const ast::Expr* inner = call->args[0].value.get();
  return Finish(std::move(call), {inner});
}

// `expect C` is `if C {} else { fail ExpectationFailed("…") }`, the message quoting C, its line
// and, for a comparison, the values of its sides that are paths. `expect X fails E("c")` is
// `try { X; fail ExpectationFailed("…") } catch E as e { if e.cause != "c" { fail … } }`.
ast::StmtPtr AstRules::Expect(const ExpectParts& parts) {
  const Span span = parts.whole;
  const Span keyword = parts.keyword;
  if (!in_test_) sink_->Emit(keyword, diag::ExpectOutsideTest);
  const std::string source(TextAt(parts.expr));
  const uint32_t line = file_.Position(span.begin).line;
  auto make_fail = [&](std::vector<std::string> texts, std::vector<ast::ExprPtr> exprs) {
    auto message = std::make_unique<ast::StringExpr>(keyword);
    message->texts = std::move(texts);
    message->exprs = std::move(exprs);
    auto fail = std::make_unique<ast::FailStmt>(keyword);
    fail->error = ast::ErrorName{kExpectationFailed, keyword};
    fail->cause = std::move(message);
    return fail;
  };

  if (!parts.error) {
    ast::ExprPtr cond = parts.build_expr();
    // The sides are built a second time for the message: a path's errors are reported once
    // (the driver drops repeated diagnostics).
    std::vector<std::string> texts = {fmt::format("expect {} (line {})", source, line)};
    std::vector<ast::ExprPtr> exprs;
    ast::ExprPtr copy = parts.build_expr();
    if (copy->kind == ast::ExprKind::kBinary) {
      auto& binary = static_cast<ast::BinaryExpr&>(*copy);
      if (IsComparison(binary.op)) {
        for (ast::ExprPtr* side : {&binary.lhs, &binary.rhs}) {
          if (!IsPath(**side)) continue;
          texts.back() +=
              fmt::format("{} {} is ", exprs.empty() ? ":" : ",", TextAt((*side)->span));
          exprs.push_back(JsonString(std::move(*side)));
          texts.emplace_back();
        }
      }
    }
    // `if C {} else { fail … }`: C is checked as any condition (E0309), and what it
    // establishes (`x != null`) holds after it.
    auto s = std::make_unique<ast::IfStmt>(span);
    ast::IfArm arm;
    arm.span = span;
    arm.cond = std::move(cond);
    arm.body.span = span;
    s->arms.push_back(std::move(arm));
    s->else_body.emplace();
    s->else_body->span = span;
    s->else_body->stmts.push_back(make_fail(std::move(texts), std::move(exprs)));
    return s;
  }

  const Span error_span = *parts.error;
  const std::string error(TextAt(error_span));
  if (error == "States.ALL" || error == "States.TaskFailed") {
    sink_->Emit(error_span, diag::ExpectFailsEveryError, error);
  } else if (error == kExpectationFailed) {
    sink_->Emit(error_span, diag::ExpectFailsExpectation);
  }
  std::optional<std::string> cause;
  if (parts.cause) cause = PlainText(*parts.cause);
  const std::string expected = cause ? fmt::format("{}({})", error, TextAt(*parts.cause)) : error;

  auto s = std::make_unique<ast::TryStmt>(span);
  s->body.span = span;
  auto run = std::make_unique<ast::ExprStmt>(parts.expr);
  run->expr = parts.build_expr();
  // `run f(x)` of a flow (a call of a plain name; `run aws.…` is a job) turns the child's
  // `States.…` errors into ChildExecutionFailed (docs/language.md, "Nested flows").
  if (error.rfind("States.", 0) == 0 && error != "States.ALL" && error != "States.TaskFailed" &&
      run->expr->kind == ast::ExprKind::kPrefix) {
    const auto& prefix = static_cast<const ast::PrefixExpr&>(*run->expr);
    if (prefix.op == ast::PrefixOp::kRun && prefix.operand->kind == ast::ExprKind::kCall &&
        static_cast<const ast::CallExpr&>(*prefix.operand).callee->kind == ast::ExprKind::kName) {
      // The fix drops a cause too: ChildExecutionFailed's names the child's execution.
      const Span whole{error_span.file, error_span.begin, span.end};
      sink_->Emit(error_span, diag::ExpectRunFailsStatesError, error)
          .Fix(parts.cause ? whole : error_span, "ChildExecutionFailed");
    }
  }
  s->body.stmts.push_back(std::move(run));
  s->body.stmts.push_back(make_fail(
      {fmt::format("expect {} fails {} (line {}): it succeeded", source, expected, line)}, {}));
  ast::CatchClause handler;
  handler.span = error_span;
  handler.errors.push_back(ast::ErrorName{error, error_span});
  handler.body.span = error_span;
  if (cause) {
    handler.binding = ast::Ident{kCaught, error_span};
    // if e.cause != "c" { fail ExpectationFailed("… the cause was ${json_string(e.cause)}") }
    auto caught_cause = [&] {
      auto e = std::make_unique<ast::NameExpr>(error_span, ast::Ident{kCaught, error_span});
      const ast::Expr* inner = e.get();
      return Finish(std::make_unique<ast::FieldExpr>(error_span, std::move(e),
                                                     ast::Ident{"cause", error_span}),
                    {inner});
    };
    auto want = std::make_unique<ast::StringExpr>(*parts.cause);
    want->texts = {*cause};
    ast::ExprPtr lhs = caught_cause();
    const ast::Expr* l = lhs.get();
    const ast::Expr* r = want.get();
    auto differs =
        Finish(std::make_unique<ast::BinaryExpr>(error_span, ast::BinaryOp::kNe, error_span,
                                                 std::move(lhs), std::move(want)),
               {l, r});
    auto check = std::make_unique<ast::IfStmt>(error_span);
    ast::IfArm arm;
    arm.span = error_span;
    arm.cond = std::move(differs);
    arm.body.span = error_span;
    std::vector<ast::ExprPtr> exprs;
    exprs.push_back(JsonString(caught_cause()));
    arm.body.stmts.push_back(make_fail(
        {fmt::format("expect {} fails {} (line {}): the cause was ", source, expected, line), ""},
        std::move(exprs)));
    check->arms.push_back(std::move(arm));
    handler.body.stmts.push_back(std::move(check));
  }
  s->catches.push_back(std::move(handler));
  return s;
}

// ---------------------------------------------------------------- escapes

std::string DecodeEscapes(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        // The lexer guarantees four hex digits.
        unsigned cp = std::stoul(std::string(body.substr(i + 1, 4)), nullptr, 16);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          // The lexer accepts a surrogate only as a high-low pair: combine it into one code
          // point (a lone one, already reported as E0104, becomes U+FFFD to stay UTF-8).
          unsigned low = 0;
          if (cp <= 0xDBFF && i + 6 < body.size() && body[i + 1] == '\\' && body[i + 2] == 'u') {
            low = std::stoul(std::string(body.substr(i + 3, 4)), nullptr, 16);
          }
          if (low >= 0xDC00 && low <= 0xDFFF) {
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else {
            cp = 0xFFFD;
          }
        }
        if (cp < 0x80) {
          out += char(cp);
        } else if (cp < 0x800) {
          out += char(0xC0 | (cp >> 6));
          out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          out += char(0xE0 | (cp >> 12));
          out += char(0x80 | ((cp >> 6) & 0x3F));
          out += char(0x80 | (cp & 0x3F));
        } else {
          out += char(0xF0 | (cp >> 18));
          out += char(0x80 | ((cp >> 12) & 0x3F));
          out += char(0x80 | ((cp >> 6) & 0x3F));
          out += char(0x80 | (cp & 0x3F));
        }
        break;
      }
      default:
        out += e;
        break;  // \" \\ \/ \$
    }
  }
  return out;
}

}  // namespace caios
