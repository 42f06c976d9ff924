// The hand-written parser: declarations, options and types (grammar/CaiosParser.g4).
#include "CaiosLexer.h"
#include "compiler/parse/descent_parser.h"
#include "compiler/parse/descent_tokens.h"

namespace caios {

using L = grammar::CaiosLexer;

ast::DeclPtr DescentParser::TopDecl() {
  const size_t first = pos_;
  switch (Kind()) {
    case L::APP: {
      ++pos_;
      Span name = TakeIdent();
      auto d = std::make_unique<ast::AppDecl>(SpanFrom(first));
      d->name = IdentAt(name);
      return d;
    }
    case L::IMPORT:
      return Import(first);
    case L::TYPE: {
      ++pos_;
      Span name = TakeIdent();
      ast::TypeRefPtr type;
      if (Kind() == L::LBRACE) {
        type = Record();
      } else {
        Take(L::ASSIGN);
        type = TypeRef();
      }
      auto d = std::make_unique<ast::TypeDecl>(SpanFrom(first));
      d->name = IdentAt(name);
      d->type = std::move(type);
      return d;
    }
    case L::TABLE:
    case L::BUCKET:
    case L::QUEUE:
    case L::TOPIC:
    case L::STREAM:
    case L::EVENTS:
    case L::CONNECTION:
    case L::SECRET:
    case L::PARAMETER:
      return Resource(first);
    case L::POLICY: {
      ++pos_;
      auto d = std::make_unique<ast::PolicyDecl>(Span{});
      d->name = IdentAt(TakeIdent());
      Take(L::RETRY);
      d->retry = RetryBody();
      d->span = SpanFrom(first);
      return d;
    }
    case L::FUNCTION:
      return Function(first);
    case L::FLOW:
      return Flow(first);
    case L::API:
      return Api(first);
    case L::SCHEDULE:
      return Schedule(first);
    case L::ON:
      return Trigger(first);
    case L::TEST:
      return Test(first);
    default:
      Fail();
  }
}

ast::DeclPtr DescentParser::Import(size_t first) {
  ++pos_;
  auto d = std::make_unique<ast::ImportDecl>(Span{});
  if (Kind() == L::STRING) {
    d->path_span = SpanAt(pos_++);
    d->path = StringValue(d->path_span);
  } else {
    std::vector<Span> names = {TakeName()};
    while (Accept(L::DOT)) names.push_back(TakeName());
    SetStdlibPath(*d, names);
  }
  d->span = SpanFrom(first);
  return d;
}

ast::DeclPtr DescentParser::Resource(size_t first) {
  auto d = std::make_unique<ast::ResourceDecl>(Span{});
  d->keyword_span = SpanAt(pos_);
  d->resource = ResourceKindOf(Kind());
  ++pos_;
  d->name = IdentAt(TakeIdent());
  if (Accept(L::COLON)) d->item_type = TypeRef();
  if (Kind() == L::LBRACE) d->options = OptionBlock();
  d->span = SpanFrom(first);
  return d;
}

ast::DeclPtr DescentParser::Function(size_t first) {
  ++pos_;
  auto d = std::make_unique<ast::FunctionDecl>(Span{});
  d->name = IdentAt(TakeIdent());
  d->params = Params(/*flow=*/false);
  if (Accept(L::ARROW)) d->result = TypeRef();
  d->options = OptionBlock();
  d->span = SpanFrom(first);
  return d;
}

ast::DeclPtr DescentParser::Flow(size_t first) {
  ++pos_;
  auto d = std::make_unique<ast::FlowDecl>(Span{});
  d->name = IdentAt(TakeIdent());
  d->params = Params(/*flow=*/true);
  if (Accept(L::ARROW)) d->result = TypeRef();
  while (FlowOption(*d)) {
  }
  if (AtExistingBody()) {
    // existingBody: LBRACE SEMI* EXISTING (STRING | name name name?) SEMI* RBRACE
    const size_t body_first = pos_;
    Take(L::LBRACE);
    Skip(L::SEMI);
    const Span keyword = Take(L::EXISTING);
    std::optional<Span> text;
    std::vector<Span> names;
    if (Kind() == L::STRING) {
      text = SpanAt(pos_++);
    } else {
      names.push_back(TakeName());
      names.push_back(TakeName());
      if (IsNameKind(Kind())) names.push_back(TakeName());
    }
    Skip(L::SEMI);
    Take(L::RBRACE);
    d->existing.push_back(ExistingOption(keyword, text, names));
    d->body.span = SpanFrom(body_first);  // an empty body where the flow's would be
  } else {
    d->body = Block();
  }
  d->span = SpanFrom(first);
  return d;
}

// flowOption: express | standard | timeout D | logging L | tracing | query Q | IDENT args;
// false when none is ahead.
bool DescentParser::FlowOption(ast::FlowDecl& d) {
  const size_t first = pos_;
  ast::FlowOption opt;
  switch (Kind()) {
    case L::EXPRESS:
      opt.kind = ast::FlowOption::Kind::kExpress;
      ++pos_;
      break;
    case L::STANDARD:
      opt.kind = ast::FlowOption::Kind::kStandard;
      ++pos_;
      break;
    case L::TRACING:
      opt.kind = ast::FlowOption::Kind::kTracing;
      ++pos_;
      break;
    case L::TIMEOUT:
      ++pos_;
      opt.kind = ast::FlowOption::Kind::kTimeout;
      opt.duration = DurationAt(Take(L::DURATION));
      break;
    case L::LOGGING:
    case L::QUERY:
      opt.kind =
          Kind() == L::LOGGING ? ast::FlowOption::Kind::kLogging : ast::FlowOption::Kind::kQuery;
      ++pos_;
      opt.value = IdentAt(TakeIdent());
      break;
    case L::IDENT: {
      // `uses R(perm, …), …`; any word parses here so that a misspelling gets a diagnostic.
      ast::Option uses;
      uses.name = IdentAt(SpanAt(pos_++));
      uses.args.push_back(OptionArg());
      while (Accept(L::COMMA)) uses.args.push_back(OptionArg());
      uses.span = SpanFrom(first);
      d.uses.push_back(std::move(uses));
      return true;
    }
    default:
      return false;
  }
  opt.span = SpanFrom(first);
  d.options.push_back(std::move(opt));
  return true;
}

// Whether the `{` ahead opens `{ existing … }` rather than a block whose statement starts
// with the name `existing`. A word after `existing` that could go on as an expression
// statement (an operator or a task clause) makes both readings possible: the parser gives up
// there and leaves the choice to ANTLR.
bool DescentParser::AtExistingBody() const {
  if (Kind() != L::LBRACE) return false;
  size_t i = pos_ + 1;
  while (KindAt(i) == L::SEMI) ++i;
  if (KindAt(i) != L::EXISTING) return false;
  const uint16_t next = KindAt(i + 1);
  if (next == L::STRING) return true;
  if (!IsNameKind(next)) return false;
  switch (next) {
    case L::AND:
    case L::OR:
    case L::IN:
    case L::RETRY:
    case L::TIMEOUT:
    case L::HEARTBEAT:
    case L::NAME_WORD:
    case L::DETAILS:
      Fail();
    default:
      return true;
  }
}

ast::DeclPtr DescentParser::Api(size_t first) {
  ++pos_;
  auto d = std::make_unique<ast::ApiDecl>(Span{});
  d->name = IdentAt(TakeIdent());
  Take(L::LBRACE);
  Skip(L::SEMI);
  while (Kind() != L::RBRACE) {
    if (AtRoute()) {
      // route: ident STRING optionBlock? ARROW target
      const size_t route_first = pos_;
      ast::Route route;
      route.method = IdentAt(TakeIdent());
      route.path_span = Take(L::STRING);
      route.path = StringValue(route.path_span);
      if (Kind() == L::LBRACE) route.options = OptionBlock();
      Take(L::ARROW);
      route.target = Target();
      route.span = SpanFrom(route_first);
      d->routes.push_back(std::move(route));
    } else {
      ast::Option option = Option();
      if (!ReportRouteWithoutArrow(option)) d->options.push_back(std::move(option));
    }
    if (Kind() == L::RBRACE) break;
    Take(L::SEMI);
    Skip(L::SEMI);
  }
  ++pos_;
  d->span = SpanFrom(first);
  return d;
}

// Whether the API member ahead is a route: `ident STRING`, an option block perhaps, then
// `->` (an option is never followed by `->`, and a route always is).
bool DescentParser::AtRoute() const {
  if (!IsIdentKind(Kind()) || Kind(1) != L::STRING) return false;
  size_t i = pos_ + 2;
  if (KindAt(i) == L::LBRACE) {
    int depth = 0;
    for (; i < count_; ++i) {
      if (KindAt(i) == L::LBRACE) ++depth;
      if (KindAt(i) == L::RBRACE && --depth == 0) break;
    }
    ++i;
  }
  return KindAt(i) == L::ARROW;
}

ast::DeclPtr DescentParser::Schedule(size_t first) {
  ++pos_;
  auto d = std::make_unique<ast::ScheduleDecl>(Span{});
  if (IsIdentKind(Kind())) d->name = IdentAt(TakeIdent());
  d->expression_span = Take(L::STRING);
  d->expression = StringValue(d->expression_span);
  if (Kind() == L::LBRACE) d->options = OptionBlock();
  Take(L::ARROW);
  d->target = Target();
  d->span = SpanFrom(first);
  return d;
}

ast::DeclPtr DescentParser::Trigger(size_t first) {
  ++pos_;
  auto d = std::make_unique<ast::TriggerDecl>(Span{});
  d->source = IdentAt(TakeIdent());
  Take(L::DOT);
  if (Kind() == L::STRING) {
    d->event = TriggerEvent(SpanAt(pos_++));
  } else {
    d->event = IdentAt(TakeName());
  }
  // triggerOption: name optionArg?  (an argument is taken whenever one can start)
  while (Kind() != L::ARROW) {
    const size_t option_first = pos_;
    ast::Option option;
    option.name = IdentAt(TakeName());
    if (StartsOptionArg(Kind())) option.args.push_back(OptionArg());
    option.span = SpanFrom(option_first);
    d->options.push_back(std::move(option));
  }
  ++pos_;
  d->target = Target();
  d->span = SpanFrom(first);
  return d;
}

ast::DeclPtr DescentParser::Test(size_t first) {
  const Span keyword = SpanAt(pos_++);
  const Span title = Take(L::STRING);
  in_test_ = true;
  std::vector<ast::MockAnswer> mocks;
  ast::Block body = Block(&mocks);
  in_test_ = false;
  auto d = TestFlow(SpanFrom(first), keyword, title, body.span);
  d->test->mocks = std::move(mocks);
  d->body.stmts = std::move(body.stmts);
  return d;
}

ast::Target DescentParser::Target() {
  const size_t first = pos_;
  ast::Target t;
  if (Accept(L::START)) t.mode = ast::Target::Mode::kStart;
  if (t.mode == ast::Target::Mode::kCall && Accept(L::RUN)) t.mode = ast::Target::Mode::kRun;
  t.name = IdentAt(TakeIdent());
  t.span = SpanFrom(first);
  return t;
}

std::vector<ast::Param> DescentParser::Params(bool flow) {
  std::vector<ast::Param> params;
  Take(L::LPAREN);
  while (Kind() != L::RPAREN) {
    // param: IDENT? (name | STRING) QUESTION? COLON typeRef
    const size_t param_first = pos_;
    ast::Param param;
    std::optional<Span> marker;
    if (Kind() == L::IDENT && (IsNameKind(Kind(1)) || Kind(1) == L::STRING)) {
      marker = SpanAt(pos_++);
    }
    const bool quoted = Kind() == L::STRING;
    const bool reserved = !quoted && !IsIdentKind(Kind());
    param.name = NameOrQuoted();
    if (marker) SetParamMarker(param, *marker);
    if (flow && (quoted || reserved)) ReportFlowParamNotVariable(param, quoted);
    param.optional = Accept(L::QUESTION);
    Take(L::COLON);
    param.type = TypeRef();
    param.span = SpanFrom(param_first);
    params.push_back(std::move(param));
    if (Accept(L::COMMA)) continue;
    if (Kind() != L::RPAREN) Fail();
  }
  ++pos_;
  CheckWholeParam(params, flow);
  return params;
}

std::vector<ast::Option> DescentParser::OptionBlock() {
  std::vector<ast::Option> options;
  Take(L::LBRACE);
  Skip(L::SEMI);
  while (Kind() != L::RBRACE) {
    options.push_back(Option());
    if (Kind() == L::RBRACE) break;
    Take(L::SEMI);
    Skip(L::SEMI);
  }
  ++pos_;
  return options;
}

ast::Option DescentParser::Option() {
  // option: name (optionArg (COMMA? optionArg)*)?
  const size_t first = pos_;
  ast::Option option;
  option.name = IdentAt(TakeName());
  while (StartsOptionArg(Kind()) || (Kind() == L::COMMA && !option.args.empty())) {
    Accept(L::COMMA);
    option.args.push_back(OptionArg());
  }
  option.span = SpanFrom(first);
  return option;
}

ast::OptionArg DescentParser::OptionArg() {
  using Kind = ast::OptionArg::Kind;
  const size_t first = pos_;
  const uint16_t k = this->Kind();
  ast::OptionArg arg;
  if (k == L::INT && this->Kind(1) == L::PERCENT) {
    pos_ += 2;
    arg.kind = Kind::kPercent;
    arg.int_value = IntValue(SpanAt(first));
    arg.span = SpanFrom(first);
    arg.text = TextAt(arg.span);
    return arg;
  }
  if (k == L::DURATION) {
    ++pos_;
    arg.kind = Kind::kDuration;
    arg.span = SpanAt(first);
    arg.duration = DurationAt(arg.span);
    arg.text = TextAt(arg.span);
    return arg;
  }
  // `true`, `false` and `null` are also names: a word when `.`, `:` or `(` follows (a literal
  // cannot be followed by them), else the literal (ANTLR takes the first alternative of an
  // ambiguity).
  const uint16_t after = this->Kind(1);
  const bool word_follows = after == L::DOT || after == L::COLON || after == L::LPAREN;
  if (IsLiteralKind(k) && !(IsNameKind(k) && word_follows)) {
    ++pos_;
    return LiteralOptionArg(k, SpanAt(first));
  }
  if (k == L::LBRACE || k == L::LBRACK) {
    arg.kind = k == L::LBRACE ? Kind::kObject : Kind::kArray;
    arg.expr = k == L::LBRACE ? ObjectLit() : ArrayLit();
    arg.span = SpanFrom(first);
    arg.text = TextAt(arg.span);
    return arg;
  }
  const Span word = TakeWord();
  arg.text = TextAt(word);
  if (Accept(L::COLON)) {
    arg.kind = Kind::kTyped;
    arg.type = OptionType();
    arg.span = SpanFrom(first);
    return arg;
  }
  arg.kind = Kind::kWord;
  if (Accept(L::LPAREN)) {
    arg.has_params = true;
    if (this->Kind() != L::RPAREN) {
      arg.params.push_back(IdentAt(TakeWord()));
      while (Accept(L::COMMA)) arg.params.push_back(IdentAt(TakeWord()));
    }
    Take(L::RPAREN);
  }
  arg.span = SpanFrom(first);
  return arg;
}

ast::TypeRefPtr DescentParser::TypeRef() {
  // typeRef: typeAtom (QUESTION | LBRACK RBRACK)*
  ast::TypeRefPtr atom = TypeAtom();
  std::vector<TypeSuffix> suffixes;
  for (;;) {
    if (Kind() == L::QUESTION) {
      suffixes.push_back({L::QUESTION, SpanAt(pos_++)});
    } else if (Accept(L::LBRACK)) {
      suffixes.push_back({L::RBRACK, Take(L::RBRACK)});
    } else {
      break;
    }
  }
  return WithSuffixes(std::move(atom), suffixes);
}

ast::TypeRefPtr DescentParser::OptionType() {
  // optionType: typeAtom QUESTION*
  ast::TypeRefPtr atom = TypeAtom();
  std::vector<TypeSuffix> suffixes;
  while (Kind() == L::QUESTION) suffixes.push_back({L::QUESTION, SpanAt(pos_++)});
  return WithSuffixes(std::move(atom), suffixes);
}

ast::TypeRefPtr DescentParser::TypeAtom() {
  const size_t first = pos_;
  switch (Kind()) {
    case L::NULL_LIT:
      return NullType(SpanAt(pos_++));
    case L::LBRACK: {
      ++pos_;
      ast::TypeRefPtr element = TypeRef();
      Take(L::RBRACK);
      return ArrayType(SpanFrom(first), std::move(element));
    }
    case L::LBRACE:
      return Record();
    case L::LPAREN: {
      ++pos_;
      ast::TypeRefPtr inner = TypeRef();  // brackets only group
      Take(L::RPAREN);
      return inner;
    }
    default:
      return NamedType(TakeIdent());
  }
}

ast::TypeRefPtr DescentParser::Record() {
  // recordType: { (;|,)* (fieldType ((;|,)+ fieldType)*)? (;|,)* }
  const size_t first = pos_;
  Take(L::LBRACE);
  SkipSeparators();
  std::vector<ast::FieldType> fields;
  uint32_t depth = 0;
  while (Kind() != L::RBRACE) {
    // fieldType: (name | STRING) QUESTION? COLON typeRef
    const size_t field_first = pos_;
    ast::FieldType field;
    field.name = NameOrQuoted();
    field.optional = Accept(L::QUESTION);
    Take(L::COLON);
    field.type = TypeRef();
    depth = std::max(depth, type_depth_);
    field.span = SpanFrom(field_first);
    fields.push_back(std::move(field));
    if (Kind() == L::RBRACE) break;
    if (Kind() != L::SEMI && Kind() != L::COMMA) Fail();
    SkipSeparators();
  }
  ++pos_;
  return RecordType(SpanFrom(first), std::move(fields), depth);
}

}  // namespace caios
