// Declarations → IR entities: storage, buses, functions, ports and interrupts.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "compiler/base/invariant.h"
#include "compiler/check/option_schema.h"
#include "compiler/lower/lowering.h"

namespace caios::lower {
namespace {

using ast::OptionArg;
using ast::ResourceKind;

ir::KeyAttribute KeyOf(const OptionArg& arg) {
  ir::KeyAttribute key;
  key.name = arg.text;
  if (arg.type && arg.type->kind == ast::TypeRef::Kind::kNamed) {
    const std::string& t = arg.type->name.text;
    if (t == "number" || t == "int") key.type = ir::KeyAttribute::Type::kNumber;
    if (t == "binary") key.type = ir::KeyAttribute::Type::kBinary;
  }
  return key;
}

// The key attribute type of a field of the item type (indexes name attributes, not types).
ir::KeyAttribute AttributeOf(const std::string& name, types::TypeId item_type) {
  ir::KeyAttribute key;
  key.name = name;
  if (item_type != nullptr) {
    if (const types::Field* f = types::TypeTable::StripOptional(item_type)->FindField(name)) {
      if (types::TypeTable::StripOptional(f->type)->is_numeric()) {
        key.type = ir::KeyAttribute::Type::kNumber;
      }
    }
  }
  return key;
}

// The word options as the checker typed them (check::DeclOptions); every switch lists every
// value, so a value added there fails to compile here until it is mapped.
using Typed = check::DeclOptions;

bool Retain(const Context& ctx, const ast::Decl& d) {
  switch (ctx.model.OptionsOf(&d).deletion) {
    case Typed::Deletion::kRetain:
      return true;
    case Typed::Deletion::kDelete:
      return false;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown deletion policy");
  return true;
}

ir::Table::StreamView StreamView(Typed::StreamView view) {
  using V = ir::Table::StreamView;
  switch (view) {
    case Typed::StreamView::kNone:
      return V::kNone;
    case Typed::StreamView::kNewImage:
      return V::kNewImage;
    case Typed::StreamView::kOldImage:
      return V::kOldImage;
    case Typed::StreamView::kNewAndOld:
      return V::kNewAndOld;
    case Typed::StreamView::kKeysOnly:
      return V::kKeysOnly;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown stream view");
  return V::kNone;
}

bool Provisioned(Typed::Billing billing) {
  switch (billing) {
    case Typed::Billing::kOnDemand:
      return false;
    case Typed::Billing::kProvisioned:
      return true;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown billing mode");
  return false;
}

ir::Connection::Auth Auth(Typed::Auth auth) {
  switch (auth) {
    case Typed::Auth::kApiKey:
      return ir::Connection::Auth::kApiKey;
    case Typed::Auth::kBasic:
      return ir::Connection::Auth::kBasic;
    case Typed::Auth::kOAuth:
      return ir::Connection::Auth::kOAuth;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown connection auth");
  return ir::Connection::Auth::kApiKey;
}

ir::Flow::Logging Logging(Typed::Logging logging) {
  switch (logging) {
    case Typed::Logging::kOff:
      return ir::Flow::Logging::kOff;
    case Typed::Logging::kAll:
      return ir::Flow::Logging::kAll;
    case Typed::Logging::kError:
      return ir::Flow::Logging::kError;
    case Typed::Logging::kFatal:
      return ir::Flow::Logging::kFatal;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown logging level");
  return ir::Flow::Logging::kOff;
}

bool Arm64(Typed::Arch arch) {
  switch (arch) {
    case Typed::Arch::kX86_64:
      return false;
    case Typed::Arch::kArm64:
      return true;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown architecture");
  return false;
}

std::optional<int64_t> DurationSeconds(const std::vector<ast::Option>& options,
                                       std::string_view name) {
  const ast::Option* o = FindOption(options, name);
  if (!o || o->args.empty()) return std::nullopt;
  return Seconds(o->args[0].duration);
}

std::optional<int64_t> IntOption(const std::vector<ast::Option>& options, std::string_view name) {
  const ast::Option* o = FindOption(options, name);
  if (!o || o->args.empty()) return std::nullopt;
  return o->args[0].int_value;
}

// `auth iam | none | FUNCTION | cognito "ARN"` of an api or a route.
ir::Auth AuthOf(const Context& ctx, const std::vector<ast::Option>& options) {
  ir::Auth auth;
  const ast::Option* o = FindOption(options, "auth");
  if (!o || o->args.empty()) return auth;
  const std::string& word = o->args[0].text;
  if (o->args.size() == 2) {
    auth.kind = ir::Auth::Kind::kCognito;
    auth.user_pool_arn = o->args[1].text;
  } else if (word == "iam") {
    auth.kind = ir::Auth::Kind::kIam;
  } else if (word == "none") {
    auth.kind = ir::Auth::Kind::kNone;
  } else if (auto it = ctx.model.option_refs.find(&o->args[0]); it != ctx.model.option_refs.end()) {
    const ir::EntityRef ref = ctx.EntityOf(it->second);
    if (ref.kind == ir::EntityRef::Kind::kFunction) {
      auth.kind = ir::Auth::Kind::kFunction;
      auth.function = ir::FunctionId{ref.index};
    }
  }
  return auth;
}

// `existing "TEXT"`, `existing param NAME` or `existing arn param NAME`, as the option check
// accepted it.
std::optional<ir::Existing> ExistingOf(const std::vector<ast::Option>& options) {
  const ast::Option* o = FindOption(options, options::kExistingOption);
  if (!o || o->args.empty()) return std::nullopt;
  ir::Existing existing;
  if (o->args[0].kind == OptionArg::Kind::kString) {
    existing.literal = o->args[0].text;
    existing.span = o->args[0].span;
  } else if (o->args.size() >= 2) {
    existing.parameter = o->args.back().text;
    existing.span = o->args.back().span;
    existing.parameter_holds_arn = o->args.size() == 3;
  }
  return existing;
}

types::TypeId ItemType(const Context& ctx, const ast::ResourceDecl& decl) {
  auto it = ctx.model.symbol_of.find(&decl);
  if (it != ctx.model.symbol_of.end() && it->second->type) return it->second->type;
  return ctx.model.types.Json();
}

void LowerTable(Context& ctx, const ast::ResourceDecl& d) {
  ir::Table t;
  t.name = d.name.text;
  t.span = d.name.span;
  t.existing = ExistingOf(d.options);
  t.item_type = ItemType(ctx, d);
  if (const ast::Option* o = FindOption(d.options, "key"); o && !o->args.empty()) {
    t.key = KeyOf(o->args[0]);
  }
  if (const ast::Option* o = FindOption(d.options, "sort"); o && !o->args.empty()) {
    t.sort = KeyOf(o->args[0]);
  }
  for (const ast::Option* o : FindOptions(d.options, "index")) {
    for (const OptionArg& arg : o->args) {
      if (arg.params.empty()) continue;
      ir::TableIndex index;
      index.name = arg.text;
      index.partition = AttributeOf(arg.params[0].text, t.item_type);
      if (arg.params.size() > 1) index.sort = AttributeOf(arg.params[1].text, t.item_type);
      t.indexes.push_back(std::move(index));
    }
  }
  if (const ast::Option* o = FindOption(d.options, "ttl"); o && !o->args.empty()) {
    t.ttl_attribute = o->args[0].text;
  }
  const Typed& typed = ctx.model.OptionsOf(&d);
  t.stream = StreamView(typed.stream);
  t.provisioned = Provisioned(typed.billing);
  if (const ast::Option* o = FindOption(d.options, "capacity"); o && o->args.size() == 2) {
    t.read_capacity = o->args[0].int_value;
    t.write_capacity = o->args[1].int_value;
  }
  t.point_in_time_recovery = FindOption(d.options, "pitr") != nullptr;
  t.retain = Retain(ctx, d);
  ctx.entities[&d] = ir::Ref(ir::TableId{static_cast<uint32_t>(ctx.app.tables.size())});
  ctx.app.tables.push_back(std::move(t));
}

ir::Bucket::Transition::Class StorageClassOf(check::DeclOptions::StorageClass cls) {
  using C = ir::Bucket::Transition::Class;
  using W = check::DeclOptions::StorageClass;
  switch (cls) {
    case W::kStandardIa:
      return C::kStandardIa;
    case W::kOnezoneIa:
      return C::kOnezoneIa;
    case W::kIntelligentTiering:
      return C::kIntelligentTiering;
    case W::kGlacierIr:
      return C::kGlacierIr;
    case W::kGlacier:
      return C::kGlacier;
    case W::kDeepArchive:
      return C::kDeepArchive;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown storage class");
  return C::kStandardIa;
}

void LowerBucket(Context& ctx, const ast::ResourceDecl& d) {
  ir::Bucket b;
  b.name = d.name.text;
  b.span = d.name.span;
  b.existing = ExistingOf(d.options);
  b.versioned = FindOption(d.options, "versioned") != nullptr;
  const std::vector<check::DeclOptions::StorageClass>& classes =
      ctx.model.OptionsOf(&d).transitions;
  for (const ast::Option* o : FindOptions(d.options, "lifecycle")) {
    if (o->args.size() == 2 && o->args[0].text == "expire") {
      b.expire_days = o->args[1].duration.millis / 86'400'000;
    } else if (o->args.size() == 3) {
      CAIOS_CHECK_INVARIANT(b.transitions.size() < classes.size());
      b.transitions.push_back(
          {StorageClassOf(classes[b.transitions.size()]), o->args[2].duration.millis / 86'400'000});
    }
  }
  if (const ast::Option* o = FindOption(d.options, "cors")) {
    b.cors = true;
    for (const OptionArg& arg : o->args) b.cors_origins.push_back(arg.text);
  }
  b.event_notifications = FindOption(d.options, "events") != nullptr;
  b.retain = Retain(ctx, d);
  ctx.entities[&d] = ir::Ref(ir::BucketId{static_cast<uint32_t>(ctx.app.buckets.size())});
  ctx.app.buckets.push_back(std::move(b));
}

void LowerQueue(Context& ctx, const ast::ResourceDecl& d) {
  ir::Queue q;
  q.name = d.name.text;
  q.span = d.name.span;
  q.existing = ExistingOf(d.options);
  q.item_type = ItemType(ctx, d);
  q.fifo = FindOption(d.options, "fifo") != nullptr;
  q.content_dedup = FindOption(d.options, "content_dedup") != nullptr;
  q.visibility_seconds = DurationSeconds(d.options, "visibility");
  q.retention_seconds = DurationSeconds(d.options, "retention");
  q.delay_seconds = DurationSeconds(d.options, "delay");
  q.receive_wait_seconds = DurationSeconds(d.options, "receive_wait");
  q.max_size_bytes = IntOption(d.options, "max_size");
  q.retain = Retain(ctx, d);
  ctx.entities[&d] = ir::Ref(ir::QueueId{static_cast<uint32_t>(ctx.app.queues.size())});
  ctx.app.queues.push_back(std::move(q));
}

// Dead-letter targets name other queues, so they are resolved once every queue exists.
void LinkDeadLetters(Context& ctx, const ast::ResourceDecl& d, size_t module) {
  const ast::Option* o = FindOption(d.options, "dead_letter");
  if (!o || o->args.size() < 2) return;
  ir::Queue& q = ctx.app.queues[ctx.entities.at(&d).index];
  ir::Queue::DeadLetter dl;
  dl.max_receives = o->args[1].int_value;
  if (o->args.size() == 4) {
    const auto& visible = ctx.model.modules[module].visible;
    auto it = visible.find(o->args[3].text);
    if (it != visible.end()) {
      ir::EntityRef ref = ctx.EntityOf(it->second);
      if (ref.kind == ir::EntityRef::Kind::kQueue) dl.target = ir::QueueId{ref.index};
    }
  }
  q.dead_letter = dl;
}

void LowerTopic(Context& ctx, const ast::ResourceDecl& d) {
  ir::Topic t;
  t.name = d.name.text;
  t.span = d.name.span;
  t.existing = ExistingOf(d.options);
  t.item_type = ItemType(ctx, d);
  t.fifo = FindOption(d.options, "fifo") != nullptr;
  t.content_dedup = FindOption(d.options, "content_dedup") != nullptr;
  ctx.entities[&d] = ir::Ref(ir::TopicId{static_cast<uint32_t>(ctx.app.topics.size())});
  ctx.app.topics.push_back(std::move(t));
}

void LowerStream(Context& ctx, const ast::ResourceDecl& d) {
  ir::Stream s;
  s.name = d.name.text;
  s.span = d.name.span;
  s.existing = ExistingOf(d.options);
  s.item_type = ItemType(ctx, d);
  s.shards = IntOption(d.options, "shards");
  if (auto r = DurationSeconds(d.options, "retention")) s.retention_hours = *r / 3600;
  s.retain = Retain(ctx, d);
  ctx.entities[&d] = ir::Ref(ir::StreamId{static_cast<uint32_t>(ctx.app.streams.size())});
  ctx.app.streams.push_back(std::move(s));
}

void LowerSecret(Context& ctx, const ast::ResourceDecl& d) {
  ir::Secret s;
  s.name = d.name.text;
  s.span = d.name.span;
  s.existing = ExistingOf(d.options);
  ctx.entities[&d] = ir::Ref(ir::SecretId{static_cast<uint32_t>(ctx.app.secrets.size())});
  ctx.app.secrets.push_back(std::move(s));
}

void LowerParameter(Context& ctx, const ast::ResourceDecl& d) {
  ir::Parameter p;
  p.name = d.name.text;
  p.span = d.name.span;
  p.existing = ExistingOf(d.options);
  ctx.entities[&d] = ir::Ref(ir::ParameterId{static_cast<uint32_t>(ctx.app.parameters.size())});
  ctx.app.parameters.push_back(std::move(p));
}

void LowerEvents(Context& ctx, const ast::ResourceDecl& d) {
  ir::EventBus b;
  b.name = d.name.text;
  b.span = d.name.span;
  b.existing = ExistingOf(d.options);
  b.item_type = ItemType(ctx, d);
  if (const ast::Option* o = FindOption(d.options, "archive")) {
    b.archive = true;
    if (!o->args.empty()) b.archive_days = o->args[0].duration.millis / 86'400'000;
  }
  b.retain = Retain(ctx, d);
  ctx.entities[&d] = ir::Ref(ir::EventBusId{static_cast<uint32_t>(ctx.app.buses.size())});
  ctx.app.buses.push_back(std::move(b));
}

void LowerConnection(Context& ctx, const ast::ResourceDecl& d) {
  ir::Connection c;
  c.name = d.name.text;
  c.span = d.name.span;
  c.auth = Auth(ctx.model.OptionsOf(&d).auth);
  if (const ast::Option* o = FindOption(d.options, "url"); o && !o->args.empty()) {
    c.url = o->args[0].text;
  }
  if (const ast::Option* o = FindOption(d.options, "header"); o && !o->args.empty()) {
    c.header = o->args[0].text;
  }
  if (const ast::Option* o = FindOption(d.options, "secret"); o && !o->args.empty()) {
    c.secret = o->args[0].text;
  }
  ctx.entities[&d] = ir::Ref(ir::ConnectionId{static_cast<uint32_t>(ctx.app.connections.size())});
  ctx.app.connections.push_back(std::move(c));
}

std::optional<ir::Permission> PermissionNamed(std::string_view name) {
  for (int p = 0; p <= static_cast<int>(ir::Permission::kCallback); ++p) {
    if (name == ir::Spelling(static_cast<ir::Permission>(p))) return static_cast<ir::Permission>(p);
  }
  return std::nullopt;
}

void LowerFunction(Context& ctx, const ast::FunctionDecl& d, size_t module) {
  ir::Function f;
  f.name = d.name.text;
  f.span = d.name.span;
  f.existing = ExistingOf(d.options);
  for (const ast::Param& p : d.params) f.params.push_back(p.name.text);
  f.whole_payload = d.params.size() == 1 && d.params.front().whole;
  auto text = [&](std::string_view name) -> std::string {
    const ast::Option* o = FindOption(d.options, name);
    return o && !o->args.empty() ? o->args[0].text : std::string();
  };
  f.runtime = text("runtime");
  f.handler = text("handler");
  f.image = text("image");
  if (std::string code = text("code"); !code.empty()) {
    std::filesystem::path base = ctx.program.modules[module].path.parent_path();
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::absolute(base / code, ec);
    f.code_dir = dir.lexically_normal().generic_string();
  }
  if (auto m = IntOption(d.options, "memory")) f.memory_mb = *m;
  if (auto t = DurationSeconds(d.options, "timeout")) f.timeout_seconds = *t;
  f.ephemeral_mb = IntOption(d.options, "ephemeral");
  f.arm64 = Arm64(ctx.model.OptionsOf(&d).arch);
  if (const ast::Option* o = FindOption(d.options, "env")) {
    for (const OptionArg& arg : o->args) {
      if (arg.kind != OptionArg::Kind::kObject || !arg.expr) continue;
      for (const ast::ObjectField& field : static_cast<const ast::ObjectExpr&>(*arg.expr).fields) {
        std::string value;
        if (field.value && field.value->kind == ast::ExprKind::kString) {
          const auto& s = static_cast<const ast::StringExpr&>(*field.value);
          for (const std::string& part : s.texts) value += part;
        }
        f.environment.emplace_back(field.key.text, value);
      }
    }
  }
  f.reserved_concurrency = IntOption(d.options, "concurrency");
  if (const ast::Option* o = FindOption(d.options, "layers")) {
    for (const OptionArg& arg : o->args) {
      if (arg.kind != OptionArg::Kind::kArray || !arg.expr) continue;
      for (const auto& e : static_cast<const ast::ArrayExpr&>(*arg.expr).elements) {
        if (e->kind == ast::ExprKind::kString) {
          f.layers.push_back(static_cast<const ast::StringExpr&>(*e).texts.front());
        }
      }
    }
  }
  f.tracing = FindOption(d.options, "tracing") != nullptr;
  if (auto r = DurationSeconds(d.options, "log_retention")) f.log_retention_days = *r / 86400;
  ctx.entities[&d] = ir::Ref(ir::FunctionId{static_cast<uint32_t>(ctx.app.functions.size())});
  ctx.app.functions.push_back(std::move(f));
}

// `R(perm, ...)` of a `uses`; nothing when R is not an entity of the application.
std::optional<ir::Grant> GrantOf(const Context& ctx, const OptionArg& arg) {
  ir::Grant grant;
  grant.target = ctx.EntityOf(ctx.model.UsesTarget(&arg));
  grant.span = arg.span;
  if (!grant.target.valid()) return std::nullopt;
  for (const ast::Ident& p : arg.params) {
    if (auto perm = PermissionNamed(p.text)) grant.permissions.push_back(*perm);
  }
  return grant;
}

// `uses` names other declarations, so grants are linked once every entity exists.
void LinkGrants(Context& ctx, const ast::FunctionDecl& d) {
  ir::Function& f = ctx.app.functions[ctx.entities.at(&d).index];
  for (const ast::Option* o : FindOptions(d.options, "uses")) {
    for (const OptionArg& arg : o->args) {
      if (options::IsServiceUse(arg)) {
        ir::ServiceGrant grant{arg.text.substr(4), {}, arg.span};
        for (const ast::Ident& p : arg.params) grant.operations.push_back({p.text, p.span});
        f.service_grants.push_back(std::move(grant));
        continue;
      }
      if (auto grant = GrantOf(ctx, arg)) f.grants.push_back(std::move(*grant));
    }
  }
}

// A flow's `uses` (only on declared entities: the checker rejects the others, E0243).
void LinkFlowGrants(Context& ctx, const ast::FlowDecl& d) {
  ir::Flow& f = ctx.app.flows[ctx.entities.at(&d).index];
  for (const ast::Option& o : d.uses) {
    for (const OptionArg& arg : o.args) {
      if (auto grant = GrantOf(ctx, arg)) f.grants.push_back(std::move(*grant));
    }
  }
}

ir::Target TargetOf(const Context& ctx, const ast::Target& t) {
  ir::Target target;
  target.mode = t.mode == ast::Target::Mode::kStart ? ir::Target::Mode::kStart
                : t.mode == ast::Target::Mode::kRun ? ir::Target::Mode::kRun
                                                    : ir::Target::Mode::kCall;
  target.entity = ctx.EntityOf(ctx.model.Resolved(&t.name));
  return target;
}

void LowerFlowDecl(Context& ctx, const ast::FlowDecl& d) {
  ir::Flow f;
  f.name = d.name.text;
  f.span = d.name.span;
  f.express = d.express();
  f.test = d.test != nullptr;
  // Its starters pass the value itself; MarkBatchInputs binds it like a batch (the whole input).
  f.whole_input = d.params.size() == 1 && d.params.front().whole;
  f.existing = ExistingOf(d.existing);
  for (const ast::FlowOption& o : d.options) {
    using K = ast::FlowOption::Kind;
    if (o.kind == K::kTimeout) f.timeout_seconds = Seconds(o.duration);
    if (o.kind == K::kTracing) f.tracing = true;
    if (o.kind == K::kQuery) f.target_hints.push_back({"query", o.value.text, o.value.span});
  }
  f.logging = Logging(ctx.model.OptionsOf(&d).logging);
  if (const check::Signature* sig = ctx.model.SignatureOf(&d)) {
    for (const check::ParamInfo& p : sig->params) f.params.push_back({p.name, p.type, p.optional});
    f.result = sig->result;
  }
  ctx.entities[&d] = ir::Ref(ir::FlowId{static_cast<uint32_t>(ctx.app.flows.size())});
  ctx.app.flows.push_back(std::move(f));
}

std::string UniqueName(std::set<std::string>& taken, std::string base) {
  std::string name = base;
  for (int n = 2; !taken.insert(name).second; ++n) name = base + std::to_string(n);
  return name;
}

}  // namespace

void LowerDeclarations(Context& ctx) {
  // Pass 1: every entity, in module then declaration order.
  for (size_t m : ctx.modules) {
    for (const ast::DeclPtr& decl : ctx.program.modules[m].ast.decls) {
      ctx.module_of[decl.get()] = m;
      switch (decl->kind) {
        case ast::DeclKind::kResource: {
          const auto& r = static_cast<const ast::ResourceDecl&>(*decl);
          switch (r.resource) {
            case ResourceKind::kTable:
              LowerTable(ctx, r);
              break;
            case ResourceKind::kBucket:
              LowerBucket(ctx, r);
              break;
            case ResourceKind::kQueue:
              LowerQueue(ctx, r);
              break;
            case ResourceKind::kTopic:
              LowerTopic(ctx, r);
              break;
            case ResourceKind::kStream:
              LowerStream(ctx, r);
              break;
            case ResourceKind::kEvents:
              LowerEvents(ctx, r);
              break;
            case ResourceKind::kConnection:
              LowerConnection(ctx, r);
              break;
            case ResourceKind::kSecret:
              LowerSecret(ctx, r);
              break;
            case ResourceKind::kParameter:
              LowerParameter(ctx, r);
              break;
          }
          break;
        }
        case ast::DeclKind::kFunction:
          LowerFunction(ctx, static_cast<const ast::FunctionDecl&>(*decl), m);
          break;
        case ast::DeclKind::kFlow:
          LowerFlowDecl(ctx, static_cast<const ast::FlowDecl&>(*decl));
          break;
        default:
          break;
      }
    }
  }
  // Pass 2: references between entities, ports and interrupts.
  std::set<std::string> schedule_names, trigger_names;
  for (size_t m : ctx.modules) {
    for (const ast::DeclPtr& decl : ctx.program.modules[m].ast.decls) {
      switch (decl->kind) {
        case ast::DeclKind::kResource: {
          const auto& r = static_cast<const ast::ResourceDecl&>(*decl);
          if (r.resource == ResourceKind::kQueue) LinkDeadLetters(ctx, r, m);
          break;
        }
        case ast::DeclKind::kFunction:
          LinkGrants(ctx, static_cast<const ast::FunctionDecl&>(*decl));
          break;
        case ast::DeclKind::kFlow:
          LinkFlowGrants(ctx, static_cast<const ast::FlowDecl&>(*decl));
          break;
        case ast::DeclKind::kApi: {
          const auto& a = static_cast<const ast::ApiDecl&>(*decl);
          ir::Api api;
          api.name = a.name.text;
          api.span = a.name.span;
          api.throttle = {IntOption(a.options, "rate"), IntOption(a.options, "burst")};
          api.auth = AuthOf(ctx, a.options);
          if (const ast::Option* o = FindOption(a.options, "cors")) {
            api.cors = true;
            api.cors_origin = o->args.empty() ? "*" : o->args[0].text;
          }
          for (const ast::Route& r : a.routes) {
            ir::Route route;
            route.method = HttpMethodOf(r.method.text);
            route.path = r.path;
            route.target = TargetOf(ctx, r.target);
            route.span = r.span;
            route.throttle = {IntOption(r.options, "rate"), IntOption(r.options, "burst")};
            route.auth = AuthOf(ctx, r.options);
            if (const ast::Option* o = FindOption(r.options, "response")) {
              route.response.on = true;
              route.response.span = o->span;
            }
            api.routes.push_back(std::move(route));
          }
          ctx.entities[decl.get()] = {ir::EntityRef::Kind::kApi,
                                      static_cast<uint32_t>(ctx.app.apis.size())};
          ctx.app.apis.push_back(std::move(api));
          break;
        }
        case ast::DeclKind::kSchedule: {
          const auto& s = static_cast<const ast::ScheduleDecl&>(*decl);
          ir::Schedule schedule;
          schedule.name =
              UniqueName(schedule_names, s.name ? s.name->text : s.target.name.text + "_schedule");
          schedule.span = s.name ? s.name->span : s.expression_span;
          schedule.expression = s.expression;
          schedule.target = TargetOf(ctx, s.target);
          if (const ast::Option* o = FindOption(s.options, "timezone"); o && !o->args.empty()) {
            schedule.timezone = o->args[0].text;
          }
          schedule.retries = IntOption(s.options, "retries");
          schedule.max_age_seconds = DurationSeconds(s.options, "max_age");
          if (const ast::Option* o = FindOption(s.options, "dead_letter"); o && !o->args.empty()) {
            auto it = ctx.model.option_refs.find(&o->args[0]);
            if (it != ctx.model.option_refs.end()) {
              ir::EntityRef ref = ctx.EntityOf(it->second);
              if (ref.kind == ir::EntityRef::Kind::kQueue) {
                schedule.dead_letter = ir::QueueId{ref.index};
              }
            }
          }
          ctx.app.schedules.push_back(std::move(schedule));
          break;
        }
        case ast::DeclKind::kTrigger: {
          const auto& t = static_cast<const ast::TriggerDecl&>(*decl);
          ir::Trigger trigger;
          trigger.name = UniqueName(trigger_names,
                                    t.source.text + "_" + t.event.text + "_" + t.target.name.text);
          trigger.span = t.span;
          trigger.source = ctx.EntityOf(ctx.model.Resolved(&t.source));
          trigger.event = t.event.text;
          trigger.batch_size = IntOption(t.options, "batch");
          trigger.window_seconds = DurationSeconds(t.options, "window");
          trigger.concurrency = IntOption(t.options, "concurrency");
          trigger.retries = IntOption(t.options, "retries");
          trigger.parallelization = IntOption(t.options, "parallelization");
          trigger.bisect = FindOption(t.options, "bisect") != nullptr;
          trigger.max_record_age_seconds = DurationSeconds(t.options, "max_age");
          if (const ast::Option* o = FindOption(t.options, "on_failure"); o && !o->args.empty()) {
            auto it = ctx.model.option_refs.find(&o->args[0]);
            if (it != ctx.model.option_refs.end()) trigger.on_failure = ctx.EntityOf(it->second);
          }
          if (std::optional<check::DeclOptions::Starting> starting =
                  ctx.model.OptionsOf(&t).starting) {
            trigger.starting_position = *starting == check::DeclOptions::Starting::kTrimHorizon
                                            ? ir::Trigger::Starting::kTrimHorizon
                                            : ir::Trigger::Starting::kLatest;
          }
          if (const ast::Option* o = FindOption(t.options, "prefix"); o && !o->args.empty()) {
            trigger.prefix = o->args[0].text;
          }
          if (const ast::Option* o = FindOption(t.options, "suffix"); o && !o->args.empty()) {
            trigger.suffix = o->args[0].text;
          }
          if (const ast::Option* o = FindOption(t.options, "source"); o && !o->args.empty()) {
            trigger.event_source = o->args[0].text;
          }
          trigger.target = TargetOf(ctx, t.target);
          ctx.app.triggers.push_back(std::move(trigger));
          break;
        }
        default:
          break;
      }
    }
  }
}

}  // namespace caios::lower
