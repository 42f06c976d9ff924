// AST building for declarations, types and options.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "compiler/parse/build_ast.h"

namespace caios {

using P = grammar::CaiosParser;

ast::DeclPtr AstBuilder::BuildDecl(P::TopDeclContext* ctx) {
  depth_reported_ = false;
  type_depth_reported_ = false;
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
    d->path = StringValue(s);
  } else {
    auto idents = ctx->name();
    d->from_stdlib = true;
    d->path_span = Span::Cover(SpanOf(idents.front()), SpanOf(idents.back()));
    // `import std.a.b` names stdlib/a/b.caios. Without the `std.` prefix the loader reports
    // the module as missing and explains the form.
    size_t first = idents.size() > 1 && TextOf(idents[0]) == "std" ? 1 : 0;
    for (size_t i = first; i < idents.size(); ++i) {
      if (i > first) d->path += '/';
      d->path += TextOf(idents[i]);
    }
  }
  return d;
}

ast::DeclPtr AstBuilder::BuildResource(P::ResourceDeclContext* ctx) {
  auto d = std::make_unique<ast::ResourceDecl>(SpanOf(ctx));
  auto* kind = ctx->resourceKind();
  d->keyword_span = SpanOf(kind);
  switch (kind->getStart()->getType()) {
    case P::TABLE:
      d->resource = ast::ResourceKind::kTable;
      break;
    case P::BUCKET:
      d->resource = ast::ResourceKind::kBucket;
      break;
    case P::QUEUE:
      d->resource = ast::ResourceKind::kQueue;
      break;
    case P::TOPIC:
      d->resource = ast::ResourceKind::kTopic;
      break;
    case P::STREAM:
      d->resource = ast::ResourceKind::kStream;
      break;
    case P::EVENTS:
      d->resource = ast::ResourceKind::kEvents;
      break;
    case P::SECRET:
      d->resource = ast::ResourceKind::kSecret;
      break;
    case P::PARAMETER:
      d->resource = ast::ResourceKind::kParameter;
      break;
    default:
      d->resource = ast::ResourceKind::kConnection;
      break;
  }
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
      uses.name = ast::Ident{std::string(TextOf(o->IDENT()->getSymbol())), SpanOf(o->IDENT())};
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
        opt.duration = BuildDuration(o->DURATION());
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
    // Read as the option `existing` of a resource, so that the option check judges it alike.
    ast::Option option;
    option.name = ast::Ident{"existing", SpanOf(existing->EXISTING())};
    if (auto* text = existing->STRING()) {
      ast::OptionArg arg;
      arg.kind = ast::OptionArg::Kind::kString;
      arg.span = SpanOf(text);
      arg.text = StringValue(text);
      option.args.push_back(std::move(arg));
    }
    for (auto* name : existing->name()) {
      ast::OptionArg arg;
      arg.kind = ast::OptionArg::Kind::kWord;
      arg.span = SpanOf(name);
      arg.text = IdentOf(name).text;
      option.args.push_back(std::move(arg));
    }
    option.span = option.args.empty() ? option.name.span
                                      : Span::Cover(option.name.span, option.args.back().span);
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
      // `GET "/x" handle`: a route without its arrow parses as an option (an upper-case name
      // and a path); say what it lacks.
      const std::string& word = option.name.text;
      const bool method_like = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isupper(static_cast<unsigned char>(c));
      });
      if (method_like && !option.args.empty() &&
          option.args[0].kind == ast::OptionArg::Kind::kString) {
        if (option.args.size() > 1) {
          const ast::OptionArg& next = option.args[1];
          sink_.Emit(next.span, diag::ExpectedToken, "`->`",
                     next.kind == ast::OptionArg::Kind::kWord ? "name `" + next.text + "`"
                                                              : std::string("a value"));
        } else {
          sink_.Emit(option.args[0].span, diag::ExpectedToken, "`->` and a target after the path",
                     "the end of the route");
        }
        continue;
      }
      d->options.push_back(std::move(option));
      continue;
    }
    auto* r = member->route();
    if (r == nullptr) continue;
    ast::Route route;
    route.span = SpanOf(r);
    route.method = IdentOf(r->ident());
    route.path_span = SpanOf(r->STRING());
    route.path = StringValue(r->STRING());
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
  d->expression = StringValue(ctx->STRING());
  if (auto* option_block = ctx->optionBlock()) d->options = BuildOptions(option_block);
  d->target = BuildTarget(ctx->target());
  return d;
}

ast::DeclPtr AstBuilder::BuildTrigger(P::TriggerDeclContext* ctx) {
  auto d = std::make_unique<ast::TriggerDecl>(SpanOf(ctx));
  d->source = IdentOf(ctx->ident());
  if (ctx->STRING() != nullptr) {
    // A detail type as EventBridge spells it: plain text, not empty (E0275).
    const Span span = SpanOf(ctx->STRING()->getSymbol());
    std::string_view raw = TextOf(ctx->STRING()->getSymbol());
    bool interpolates = false;
    for (size_t i = 1; i + 1 < raw.size() - 1; ++i) {
      if (raw[i] == '\\') {
        ++i;
      } else if (raw[i] == '$' && raw[i + 1] == '{') {
        interpolates = true;
      }
    }
    std::string value = StringValue(ctx->STRING());
    if (interpolates || value.empty()) {
      sink_.Emit(span, diag::EventNameNotPlain, interpolates ? "an interpolation" : "no text");
    }
    CheckTemplateText(value, span);
    d->event = ast::Ident{std::move(value), span};
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
  std::optional<size_t> whole;
  for (auto* p : ctx->param()) {
    ast::Param param;
    param.span = SpanOf(p);
    P::NameContext* name = p->name();
    param.name = FieldNameOf(name, p->STRING());
    // The IDENT child of `param` itself is the word before the name (the name's own is nested).
    if (auto* marker = p->IDENT()) {
      std::string word(TextOf(marker->getSymbol()));
      if (word == "whole") {
        param.whole = true;
      } else {
        sink_.Emit(SpanOf(marker), diag::UnknownParamMarker, word, param.name.text);
      }
    }
    if (flow && (name == nullptr || name->ident() == nullptr)) {
      sink_
          .Emit(param.name.span, diag::FlowParamNotVariable, param.name.text,
                name == nullptr ? "a quoted name" : "a reserved keyword")
          .Note(
              "take the whole input as one value (`flow f(whole input: T)`) and read its "
              "fields by name (`input.type`, `input.\"test-run-id\"`)");
    }
    param.optional = p->QUESTION() != nullptr;
    param.type = BuildType(p->typeRef());
    params.push_back(std::move(param));
    if (params.back().whole && !whole) whole = params.size() - 1;
  }
  if (whole && params.size() > 1) {
    sink_.Emit(params[*whole].span, diag::WholeParamNotAlone, params[*whole].name.text,
               flow ? "input of the flow" : "payload of the function");
  }
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
    ast::ExprPtr e = BuildLiteral(lit);
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
    arg.text = arg.kind == Kind::kString ? arg.text : std::string(TextOf(lit));
    return arg;
  }
  if (auto* d = ctx->DURATION()) {
    arg.kind = Kind::kDuration;
    arg.duration = BuildDuration(d);
    arg.text = TextOf(d->getSymbol());
    return arg;
  }
  if (ctx->PERCENT()) {
    arg.kind = Kind::kPercent;
    arg.int_value = IntValue(ctx->INT());
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
  return WithSuffixes(BuildTypeAtom(ctx->typeAtom()), ctx);
}

ast::TypeRefPtr AstBuilder::BuildOptionType(P::OptionTypeContext* ctx) {
  return WithSuffixes(BuildTypeAtom(ctx->typeAtom()), ctx);
}

ast::TypeRefPtr AstBuilder::WithSuffixes(ast::TypeRefPtr type, antlr4::ParserRuleContext* ctx) {
  uint32_t depth = type_depth_;
  // Suffixes in order: `?` makes optional, `[]` makes an array.
  for (size_t i = 1; i < ctx->children.size(); ++i) {
    auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children[i]);
    if (term == nullptr) continue;
    size_t kind = term->getSymbol()->getType();
    if (kind != P::QUESTION && kind != P::RBRACK) continue;
    // Every later phase walks types recursively: a run of thousands of `[]` is not a program.
    if (++depth > ast::kMaxTypeDepth) {
      if (!type_depth_reported_) {
        type_depth_reported_ = true;
        sink_.Emit(SpanOf(term), diag::TypeNestedTooDeeplyMore, ast::kMaxTypeDepth);
      }
      depth = ast::kMaxTypeDepth;
      break;
    }
    auto wrapped = std::make_unique<ast::TypeRef>();
    wrapped->kind =
        kind == P::QUESTION ? ast::TypeRef::Kind::kOptional : ast::TypeRef::Kind::kArray;
    wrapped->span = Span::Cover(type->span, SpanOf(term));
    wrapped->element = std::move(type);
    type = std::move(wrapped);
  }
  type_depth_ = depth;
  return type;
}

ast::TypeRefPtr AstBuilder::BuildTypeAtom(P::TypeAtomContext* ctx) {
  if (auto* record = ctx->recordType()) return BuildRecordType(record);
  if (ctx->LPAREN()) return BuildType(ctx->typeRef());
  auto type = std::make_unique<ast::TypeRef>();
  type->span = SpanOf(ctx);
  type_depth_ = 0;  // a name or `null`: the levels are what is built around it
  if (ctx->LBRACK()) {
    type->kind = ast::TypeRef::Kind::kArray;
    type->element = BuildType(ctx->typeRef());
    type_depth_ = std::min(type_depth_ + 1, ast::kMaxTypeDepth);
  } else if (ctx->NULL_LIT()) {
    type->kind = ast::TypeRef::Kind::kNull;
  } else {
    type->kind = ast::TypeRef::Kind::kNamed;
    type->name = IdentOf(ctx->ident());
  }
  return type;
}

ast::TypeRefPtr AstBuilder::BuildRecordType(P::RecordTypeContext* ctx) {
  auto type = std::make_unique<ast::TypeRef>();
  type->kind = ast::TypeRef::Kind::kRecord;
  type->span = SpanOf(ctx);
  uint32_t depth = 0;
  for (auto* f : ctx->fieldType()) {
    ast::FieldType field;
    field.span = SpanOf(f);
    field.name = FieldNameOf(f->name(), f->STRING());
    field.optional = f->QUESTION() != nullptr;
    field.type = BuildType(f->typeRef());
    depth = std::max(depth, type_depth_);
    type->fields.push_back(std::move(field));
  }
  type_depth_ = std::min(depth + 1, ast::kMaxTypeDepth);
  return type;
}

}  // namespace caios
