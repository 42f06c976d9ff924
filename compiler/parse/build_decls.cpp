// AST building for declarations, types and options.
#include <algorithm>
#include <optional>

#include "compiler/parse/build_ast.h"

namespace caios {

using P = grammar::CaiosParser;

ast::DeclPtr AstBuilder::BuildDecl(P::TopDeclContext* ctx) {
  BeginDeclaration();
  Span span = SpanOf(ctx);
  if (auto* c = ctx->appDecl()) {
    auto d = std::make_unique<ast::AppDecl>(span);
    d->name = IdentOf(c->ident());
    return d;
  }
  if (auto* c = ctx->importDecl()) return BuildImport(c);
  if (auto* c = ctx->typeDecl()) {
    auto d = std::make_unique<ast::TypeDecl>(span);
    d->name = IdentOf(c->ident());
    d->type = c->recordType() ? BuildRecordType(c->recordType()) : BuildType(c->typeRef());
    return d;
  }
  if (auto* c = ctx->resourceDecl()) return BuildResource(c);
  if (auto* c = ctx->policyDecl()) {
    auto d = std::make_unique<ast::PolicyDecl>(span);
    d->name = IdentOf(c->ident());
    d->retry = BuildRetry(c->retryBody());
    return d;
  }
  if (auto* c = ctx->functionDecl()) return BuildFunction(c);
  if (auto* c = ctx->flowDecl()) return BuildFlow(c);
  if (auto* c = ctx->apiDecl()) return BuildApi(c);
  if (auto* c = ctx->scheduleDecl()) return BuildSchedule(c);
  if (auto* c = ctx->testDecl()) return BuildTest(c);
  return BuildTrigger(ctx->triggerDecl());
}

ast::DeclPtr AstBuilder::BuildImport(P::ImportDeclContext* ctx) {
  auto d = std::make_unique<ast::ImportDecl>(SpanOf(ctx));
  if (auto* s = ctx->STRING()) {
    d->path_span = SpanOf(s);
    d->path = StringValue(SpanOf(s));
  } else {
    std::vector<Span> names;
    for (auto* name : ctx->name()) names.push_back(SpanOf(name));
    SetStdlibPath(*d, names);
  }
  return d;
}

ast::DeclPtr AstBuilder::BuildResource(P::ResourceDeclContext* ctx) {
  auto d = std::make_unique<ast::ResourceDecl>(SpanOf(ctx));
  auto* kind = ctx->resourceKind();
  d->keyword_span = SpanOf(kind);
  d->resource = ResourceKindOf(static_cast<uint16_t>(kind->getStart()->getType()));
  d->name = IdentOf(ctx->ident());
  if (auto* type_ref = ctx->typeRef()) d->item_type = BuildType(type_ref);
  if (auto* option_block = ctx->optionBlock()) d->options = BuildOptions(option_block);
  return d;
}

ast::DeclPtr AstBuilder::BuildFunction(P::FunctionDeclContext* ctx) {
  auto d = std::make_unique<ast::FunctionDecl>(SpanOf(ctx));
  d->name = IdentOf(ctx->ident());
  d->params = BuildParams(ctx->paramList(), /*flow=*/false);
  if (auto* type_ref = ctx->typeRef()) d->result = BuildType(type_ref);
  d->options = BuildOptions(ctx->optionBlock());
  return d;
}

ast::DeclPtr AstBuilder::BuildFlow(P::FlowDeclContext* ctx) {
  auto d = std::make_unique<ast::FlowDecl>(SpanOf(ctx));
  d->name = IdentOf(ctx->ident());
  d->params = BuildParams(ctx->paramList(), /*flow=*/true);
  if (auto* type_ref = ctx->typeRef()) d->result = BuildType(type_ref);
  for (auto* o : ctx->flowOption()) {
    if (o->IDENT() != nullptr) {
      // Any word parses here so that a misspelling gets a diagnostic, not a syntax error.
      ast::Option uses;
      uses.name = IdentAt(SpanOf(o->IDENT()));
      uses.span = SpanOf(o);
      for (auto* a : o->optionArg()) uses.args.push_back(BuildOptionArg(a));
      d->uses.push_back(std::move(uses));
      continue;
    }
    ast::FlowOption opt;
    opt.span = SpanOf(o);
    switch (o->getStart()->getType()) {
      case P::EXPRESS:
        opt.kind = ast::FlowOption::Kind::kExpress;
        break;
      case P::STANDARD:
        opt.kind = ast::FlowOption::Kind::kStandard;
        break;
      case P::TIMEOUT:
        opt.kind = ast::FlowOption::Kind::kTimeout;
        opt.duration = DurationAt(SpanOf(o->DURATION()));
        break;
      case P::LOGGING:
        opt.kind = ast::FlowOption::Kind::kLogging;
        opt.value = IdentOf(o->ident());
        break;
      case P::TRACING:
        opt.kind = ast::FlowOption::Kind::kTracing;
        break;
      default:
        opt.kind = ast::FlowOption::Kind::kQuery;
        opt.value = IdentOf(o->ident());
        break;
    }
    d->options.push_back(std::move(opt));
  }
  if (auto* existing = ctx->existingBody()) {
    std::optional<Span> text;
    if (auto* t = existing->STRING()) text = SpanOf(t);
    std::vector<Span> names;
    for (auto* name : existing->name()) names.push_back(SpanOf(name));
    ast::Option option = ExistingOption(SpanOf(existing->EXISTING()), text, names);
    d->existing.push_back(std::move(option));
    d->body.span = SpanOf(existing);  // an empty body where the flow's would be
    return d;
  }
  d->body = BuildBlock(ctx->block());
  return d;
}

ast::DeclPtr AstBuilder::BuildApi(P::ApiDeclContext* ctx) {
  auto d = std::make_unique<ast::ApiDecl>(SpanOf(ctx));
  d->name = IdentOf(ctx->ident());
  for (auto* member : ctx->apiMember()) {
    if (auto* o = member->option()) {
      ast::Option option = BuildOption(o->name(), o->optionArg(), o);
      if (ReportRouteWithoutArrow(option)) continue;
      d->options.push_back(std::move(option));
      continue;
    }
    auto* r = member->route();
    if (r == nullptr) continue;
    ast::Route route;
    route.span = SpanOf(r);
    route.method = IdentOf(r->ident());
    route.path_span = SpanOf(r->STRING());
    route.path = StringValue(route.path_span);
    if (auto* option_block = r->optionBlock()) route.options = BuildOptions(option_block);
    route.target = BuildTarget(r->target());
    d->routes.push_back(std::move(route));
  }
  return d;
}

ast::DeclPtr AstBuilder::BuildSchedule(P::ScheduleDeclContext* ctx) {
  auto d = std::make_unique<ast::ScheduleDecl>(SpanOf(ctx));
  if (auto* ident = ctx->ident()) d->name = IdentOf(ident);
  d->expression_span = SpanOf(ctx->STRING());
  d->expression = StringValue(d->expression_span);
  if (auto* option_block = ctx->optionBlock()) d->options = BuildOptions(option_block);
  d->target = BuildTarget(ctx->target());
  return d;
}

ast::DeclPtr AstBuilder::BuildTrigger(P::TriggerDeclContext* ctx) {
  auto d = std::make_unique<ast::TriggerDecl>(SpanOf(ctx));
  d->source = IdentOf(ctx->ident());
  if (ctx->STRING() != nullptr) {
    d->event = TriggerEvent(SpanOf(ctx->STRING()));
  } else {
    d->event = IdentOf(ctx->name());
  }
  for (auto* o : ctx->triggerOption()) {
    std::vector<P::OptionArgContext*> args;
    if (auto* arg = o->optionArg()) args.push_back(arg);
    d->options.push_back(BuildOption(o->name(), args, o));
  }
  d->target = BuildTarget(ctx->target());
  return d;
}

ast::Target AstBuilder::BuildTarget(P::TargetContext* ctx) {
  ast::Target t;
  t.span = SpanOf(ctx);
  t.name = IdentOf(ctx->ident());
  if (ctx->START()) t.mode = ast::Target::Mode::kStart;
  if (ctx->RUN()) t.mode = ast::Target::Mode::kRun;
  return t;
}

std::vector<ast::Param> AstBuilder::BuildParams(P::ParamListContext* ctx, bool flow) {
  std::vector<ast::Param> params;
  for (auto* p : ctx->param()) {
    ast::Param param;
    param.span = SpanOf(p);
    P::NameContext* name = p->name();
    param.name = FieldNameOf(name, p->STRING());
    // The IDENT child of `param` itself is the word before the name (the name's own is nested).
    if (auto* marker = p->IDENT()) SetParamMarker(param, SpanOf(marker));
    if (flow && (name == nullptr || name->ident() == nullptr)) {
      ReportFlowParamNotVariable(param, name == nullptr);
    }
    param.optional = p->QUESTION() != nullptr;
    param.type = BuildType(p->typeRef());
    params.push_back(std::move(param));
  }
  CheckWholeParam(params, flow);
  return params;
}

std::vector<ast::Option> AstBuilder::BuildOptions(P::OptionBlockContext* ctx) {
  std::vector<ast::Option> options;
  for (auto* o : ctx->option()) options.push_back(BuildOption(o->name(), o->optionArg(), o));
  return options;
}

ast::Option AstBuilder::BuildOption(P::NameContext* name,
                                    const std::vector<P::OptionArgContext*>& args,
                                    antlr4::ParserRuleContext* whole) {
  ast::Option option;
  option.span = SpanOf(whole);
  option.name = IdentOf(name);
  for (auto* a : args) option.args.push_back(BuildOptionArg(a));
  return option;
}

ast::OptionArg AstBuilder::BuildOptionArg(P::OptionArgContext* ctx) {
  using Kind = ast::OptionArg::Kind;
  ast::OptionArg arg;
  arg.span = SpanOf(ctx);
  if (auto* lit = ctx->literal()) {
    return LiteralOptionArg(static_cast<uint16_t>(lit->getStart()->getType()), SpanOf(lit));
  }
  if (auto* d = ctx->DURATION()) {
    arg.kind = Kind::kDuration;
    arg.duration = DurationAt(SpanOf(d));
    arg.text = TextAt(arg.span);
    return arg;
  }
  if (ctx->PERCENT()) {
    arg.kind = Kind::kPercent;
    arg.int_value = IntValue(SpanOf(ctx->INT()));
    arg.text = TextOf(ctx);
    return arg;
  }
  if (auto* o = ctx->objectLit()) {
    arg.kind = Kind::kObject;
    arg.expr = BuildObject(o);
    arg.text = TextOf(ctx);
    return arg;
  }
  if (auto* a = ctx->arrayLit()) {
    arg.kind = Kind::kArray;
    arg.expr = BuildArray(a);
    arg.text = TextOf(ctx);
    return arg;
  }
  auto words = ctx->word();
  arg.text = TextOf(words.front());
  if (ctx->optionType()) {
    arg.kind = Kind::kTyped;
    arg.type = BuildOptionType(ctx->optionType());
    return arg;
  }
  arg.kind = Kind::kWord;
  if (ctx->LPAREN()) {
    arg.has_params = true;
    for (size_t i = 1; i < words.size(); ++i) arg.params.push_back(IdentOf(words[i]));
  }
  return arg;
}

ast::TypeRefPtr AstBuilder::BuildType(P::TypeRefContext* ctx) {
  return WithSuffixesOf(BuildTypeAtom(ctx->typeAtom()), ctx);
}

ast::TypeRefPtr AstBuilder::BuildOptionType(P::OptionTypeContext* ctx) {
  return WithSuffixesOf(BuildTypeAtom(ctx->typeAtom()), ctx);
}

ast::TypeRefPtr AstBuilder::WithSuffixesOf(ast::TypeRefPtr type, antlr4::ParserRuleContext* ctx) {
  std::vector<TypeSuffix> suffixes;
  for (size_t i = 1; i < ctx->children.size(); ++i) {
    auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children[i]);
    if (term == nullptr) continue;
    const auto kind = static_cast<uint16_t>(term->getSymbol()->getType());
    if (kind == P::QUESTION || kind == P::RBRACK) suffixes.push_back({kind, SpanOf(term)});
  }
  return WithSuffixes(std::move(type), suffixes);
}

ast::TypeRefPtr AstBuilder::BuildTypeAtom(P::TypeAtomContext* ctx) {
  if (auto* record = ctx->recordType()) return BuildRecordType(record);
  if (ctx->LPAREN()) return BuildType(ctx->typeRef());
  if (ctx->LBRACK()) {
    ast::TypeRefPtr element = BuildType(ctx->typeRef());
    return ArrayType(SpanOf(ctx), std::move(element));
  }
  if (ctx->NULL_LIT()) return NullType(SpanOf(ctx));
  return NamedType(SpanOf(ctx->ident()));
}

ast::TypeRefPtr AstBuilder::BuildRecordType(P::RecordTypeContext* ctx) {
  std::vector<ast::FieldType> fields;
  uint32_t depth = 0;
  for (auto* f : ctx->fieldType()) {
    ast::FieldType field;
    field.span = SpanOf(f);
    field.name = FieldNameOf(f->name(), f->STRING());
    field.optional = f->QUESTION() != nullptr;
    field.type = BuildType(f->typeRef());
    depth = std::max(depth, type_depth_);
    fields.push_back(std::move(field));
  }
  return RecordType(SpanOf(ctx), std::move(fields), depth);
}

}  // namespace caios
