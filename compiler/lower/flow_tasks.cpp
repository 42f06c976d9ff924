// Flow lowering: task calls (functions, resource operations, nested flows, AWS SDK and HTTP
// calls) with their clauses, the access edges they record, and retry rules.
#include <algorithm>

#include "compiler/base/invariant.h"
#include "compiler/check/resource_ops.h"
#include "compiler/lower/flow_lowerer.h"
#include "compiler/lower/resource_ops.h"
#include "compiler/lower/values.h"

namespace caios::lower {

using ir::State;
using ir::StateId;
namespace {

using ir::ValueKind;

// The roles a service call hands over: every `…RoleArn` parameter, at any depth.
void FindPassedRoles(const ir::Value& v, ir::Access& access) {
  if (v.kind == ValueKind::kObject) {
    for (size_t i = 0; i < v.keys.size(); ++i) {
      const std::string& key = v.keys[i];
      const ir::Value& value = *v.children[i];
      if (key.size() >= 7 && key.compare(key.size() - 7, 7, "RoleArn") == 0) {
        if (value.kind == ValueKind::kString) {
          access.passed_roles.push_back(value.text);
        } else {
          access.passes_unknown_role = true;
        }
        continue;
      }
      FindPassedRoles(value, access);
    }
  } else if (v.kind == ValueKind::kArray) {
    for (const ir::ValuePtr& e : v.children) FindPassedRoles(*e, access);
  }
}

// The entity attribute a parameter's value starts with after literal text, if any
// (ir::Access::EntityParam).
std::optional<ir::Access::EntityParam> EntityParamOf(const ir::Value& v) {
  ir::Access::EntityParam p;
  if (v.kind == ValueKind::kResource) {
    p.entity = v.entity;
    p.attribute = v.attribute;
    p.delimited = p.whole = true;
    return p;
  }
  if (v.kind != ValueKind::kConcat) return std::nullopt;
  size_t i = 0;
  for (; i < v.children.size() && v.children[i]->kind == ValueKind::kString; ++i) {
    p.prefix += v.children[i]->text;
  }
  if (i == v.children.size() || v.children[i]->kind != ValueKind::kResource) return std::nullopt;
  p.entity = v.children[i]->entity;
  p.attribute = v.children[i]->attribute;
  const bool last = i + 1 == v.children.size();
  p.whole = last && p.prefix.empty();
  p.delimited = last || (v.children[i + 1]->kind == ValueKind::kString &&
                         v.children[i + 1]->text.starts_with("/"));
  if (!last && v.children[i + 1]->kind == ValueKind::kString) p.after = v.children[i + 1]->text;
  return p;
}

// The parameters of a service call that name entities, in objects nested in the parameters
// (not in arrays: an element's position names nothing the scoping table could use).
void FindEntityParams(const ir::Value& object, const std::string& path, ir::Access& access) {
  for (size_t i = 0; i < object.keys.size(); ++i) {
    const ir::Value& value = *object.children[i];
    const std::string key = path.empty() ? object.keys[i] : path + "." + object.keys[i];
    if (value.kind == ValueKind::kObject) {
      FindEntityParams(value, key, access);
    } else if (std::optional<ir::Access::EntityParam> p = EntityParamOf(value)) {
      p->path = key;
      access.entity_params.push_back(std::move(*p));
    }
  }
}

// Every parameter of a service call with the literal text its value starts with
// (ir::Access::param_texts), in objects nested in the parameters.
void FindParamTexts(const ir::Value& object, const std::string& path, ir::Access& access) {
  for (size_t i = 0; i < object.keys.size(); ++i) {
    const ir::Value& value = *object.children[i];
    ir::Access::ParamText p;
    p.path = path.empty() ? object.keys[i] : path + "." + object.keys[i];
    p.span = value.span;
    if (value.kind == ValueKind::kString) {
      p.text = value.text;
      p.whole = true;
    } else if (value.kind == ValueKind::kConcat) {
      for (size_t j = 0; j < value.children.size(); ++j) {
        if (value.children[j]->kind != ValueKind::kString) break;
        p.text += value.children[j]->text;
      }
    }
    access.param_texts.push_back(p);
    if (value.kind == ValueKind::kObject) FindParamTexts(value, p.path, access);
  }
}

}  // namespace

const ast::Expr& FlowLowerer::Unwrap(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kPrefix) {
    return Unwrap(*static_cast<const ast::PrefixExpr&>(e).operand);
  }
  return e;
}

bool FlowLowerer::IsTask(const ast::Expr& e) const {
  if (e.kind == ast::ExprKind::kPrefix) return true;
  if (e.kind != ast::ExprKind::kCall) return false;
  const check::CallInfo* info = ctx_.model.Call(static_cast<const ast::CallExpr*>(&e));
  return info && info->kind != check::CallInfo::Kind::kBuiltin;
}

ir::ValuePtr FlowLowerer::Result(types::TypeId type, Span span) {
  return ir::MakeValue(ValueKind::kResult, type ? type : types().Json(), span);
}

void FlowLowerer::AddAccess(ir::Access::Kind kind, ir::EntityRef to, std::string operation,
                            Span span, std::string service, bool sync, bool callback) {
  ir::Access a;
  a.from = id_;
  a.kind = kind;
  a.to = to;
  a.operation = std::move(operation);
  a.service = std::move(service);
  a.sync = sync;
  a.callback = callback;
  a.span = span;
  accesses_.push_back(std::move(a));
}

std::vector<std::pair<std::string, ir::ValuePtr>> FlowLowerer::NamedArgs(
    const check::CallInfo& info, const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, ir::ValuePtr>> args;
  for (size_t i = 0; i < info.args.size() && i < names.size(); ++i) {
    if (info.args[i] == nullptr) continue;
    args.emplace_back(names[i], LowerValue(ctx_, *info.args[i]));
  }
  return args;
}

// Whether a function or flow takes its whole payload or input as its one parameter.
static bool TakesWhole(const ast::Decl* decl) {
  const std::vector<ast::Param>* params = nullptr;
  if (decl->kind == ast::DeclKind::kFunction) {
    params = &static_cast<const ast::FunctionDecl*>(decl)->params;
  } else if (decl->kind == ast::DeclKind::kFlow) {
    params = &static_cast<const ast::FlowDecl*>(decl)->params;
  }
  return params != nullptr && params->size() == 1 && params->front().whole;
}

std::vector<std::string> FlowLowerer::ParamNames(const ast::Decl* decl) const {
  std::vector<std::string> names;
  if (const check::Signature* sig = ctx_.model.SignatureOf(decl)) {
    for (const check::ParamInfo& p : sig->params) names.push_back(p.name);
  }
  return names;
}

StateId FlowLowerer::LowerTask(const ast::Expr& expr, const ast::TaskClauses& clauses, Span span,
                               std::optional<Target> var, bool is_return, StateId next,
                               Scope& scope) {
  ast::PrefixOp prefix = ast::PrefixOp::kRun;
  bool has_prefix = expr.kind == ast::ExprKind::kPrefix;
  if (has_prefix) prefix = static_cast<const ast::PrefixExpr&>(expr).op;
  const ast::Expr& inner = Unwrap(expr);
  CAIOS_CHECK_INVARIANT(inner.kind == ast::ExprKind::kCall);
  const auto& call = static_cast<const ast::CallExpr&>(inner);
  const check::CallInfo* info = ctx_.model.Call(&call);
  CAIOS_CHECK_INVARIANT(info != nullptr);

  auto action = std::make_unique<ir::Action>();
  action->callback = has_prefix && prefix == ast::PrefixOp::kAwait;
  action->result_type = ctx_.model.TypeOf(&expr);
  std::string name = SourceText(call.callee->span);
  using CK = check::CallInfo::Kind;
  using AK = ir::Access::Kind;
  switch (info->kind) {
    case CK::kFunction: {
      action->kind = ir::Action::Kind::kInvoke;
      action->target = ctx_.EntityOf(info->target);
      action->args = NamedArgs(*info, ParamNames(info->target->decl));
      action->whole = TakesWhole(info->target->decl);
      AddAccess(AK::kInvoke, action->target, "invoke", call.span, {}, false, action->callback);
      break;
    }
    case CK::kFlow: {
      const bool run = !has_prefix || prefix == ast::PrefixOp::kRun;
      action->kind = run ? ir::Action::Kind::kRunFlow : ir::Action::Kind::kStartFlow;
      action->target = ctx_.EntityOf(info->target);
      action->args = NamedArgs(*info, ParamNames(info->target->decl));
      action->whole = TakesWhole(info->target->decl);
      AddAccess(run ? AK::kRunFlow : AK::kStartFlow, action->target, run ? "run" : "start",
                call.span);
      name = (run ? "run " : "start ") + name;
      break;
    }
    case CK::kResourceOp: {
      // The checker rejected an operation its table lacks (E-code kUnknownOperation).
      CAIOS_CHECK_INVARIANT(info->resource_op != nullptr);
      action->kind = ir::Action::Kind::kResourceOp;
      action->target = ctx_.EntityOf(info->target);
      action->resource_op = LowerResourceOp(info->resource_op->id);
      std::vector<std::string> names;
      for (const check::OpParam& p : info->resource_op->params) names.emplace_back(p.name);
      // The clauses of table operations are not values: the condition's own values become
      // arguments `if.0`, `if.1`, … (LowerTableClauses).
      check::CallInfo values = *info;
      for (size_t i = 0; i < values.args.size() && i < names.size(); ++i) {
        const check::OpType t = info->resource_op->params[i].type;
        if (t == check::OpType::kCondition || t == check::OpType::kFieldNames ||
            t == check::OpType::kProjection || t == check::OpType::kReturns) {
          values.args[i] = nullptr;
        }
      }
      action->args = NamedArgs(values, names);
      LowerTableClauses(*info, *action);
      AddAccess(AK::kResourceOp, action->target, "", call.span, {}, false, action->callback);
      accesses_.back().resource_op = action->resource_op;
      break;
    }
    case CK::kAws: {
      action->kind = ir::Action::Kind::kServiceCall;
      action->service = info->service;
      action->operation = info->operation;
      action->sync = has_prefix && prefix == ast::PrefixOp::kRun;
      if (!info->args.empty() && info->args[0]) {
        action->args.emplace_back("parameters", LowerValue(ctx_, *info->args[0]));
      }
      AddAccess(AK::kServiceCall, {}, info->operation, call.span, info->service, action->sync,
                action->callback);
      if (!action->args.empty()) {
        FindPassedRoles(*action->args[0].second, accesses_.back());
        const ir::Value& params = *action->args[0].second;
        if (params.kind == ValueKind::kObject) {
          for (size_t i = 0; i < params.keys.size(); ++i) {
            if (params.children[i]->kind != ValueKind::kString) continue;
            accesses_.back().literal_params.emplace_back(params.keys[i], params.children[i]->text);
          }
          FindEntityParams(params, "", accesses_.back());
          FindParamTexts(params, "", accesses_.back());
          accesses_.back().param_keys = params.keys;
        }
      }
      if (action->sync) name = "run " + name;
      break;
    }
    case CK::kHttp: {
      action->kind = ir::Action::Kind::kHttp;
      action->http_method = HttpMethodOf(info->operation);
      action->target = ctx_.EntityOf(info->connection);
      static const std::vector<std::string> kNames = {"url", "connection", "body", "headers",
                                                      "query"};
      for (size_t i = 0; i < info->args.size() && i < kNames.size(); ++i) {
        if (i == 1 || info->args[i] == nullptr) continue;
        action->args.emplace_back(kNames[i], LowerValue(ctx_, *info->args[i]));
      }
      AddAccess(AK::kHttp, action->target, info->operation, call.span);
      break;
    }
    case CK::kBuiltin:
      CAIOS_CHECK_INVARIANT(false && "a builtin call lowered as a task");
  }
  if (action->callback) name = "await " + name;

  StateId task = NewState(State::Kind::kAction, name, span, scope.graph);
  State& st = At(task);
  const bool is_invoke = action->kind == ir::Action::Kind::kInvoke && !action->callback;
  st.action = std::move(action);
  if (clauses.name && clauses.name->value) {
    st.action->execution_name = LowerValue(ctx_, *clauses.name->value);
  }
  // The checker accepts `details` only on `run` of a flow (E0291).
  st.action->details = clauses.details.has_value();
  for (const ast::RetrySpec& spec : clauses.retries) {
    for (ir::RetryRule& rule : LowerRetry(ctx_, spec)) st.retries.push_back(std::move(rule));
  }
  if (is_invoke) AddTransientRetry(st.retries);
  if (clauses.timeout) {
    if (clauses.timeout->literal) {
      st.timeout_seconds = Seconds(*clauses.timeout->literal);
    } else if (clauses.timeout->seconds) {
      st.timeout_value = LowerValue(ctx_, *clauses.timeout->seconds);
    }
  }
  if (clauses.heartbeat) {
    if (clauses.heartbeat->literal) {
      st.heartbeat_seconds = Seconds(*clauses.heartbeat->literal);
    } else if (clauses.heartbeat->seconds) {
      st.heartbeat_value = LowerValue(ctx_, *clauses.heartbeat->seconds);
    }
  }
  st.catches = scope.catches;
  if (var) st.assign.push_back({var->name, Result(var->type, span)});
  if (is_return) {
    st.output = Result(ctx_.model.TypeOf(&expr), span);
  } else {
    st.next = next;
  }
  return task;
}

void FlowLowerer::AddTransientRetry(std::vector<ir::RetryRule>& rules) {
  // A rule that decides every task error (`*`, `States.ALL`, `States.TaskFailed`; `retry
  // NoRetry` means no retry at all) leaves the target's transient retry nothing to decide.
  auto names = [](const ir::RetryRule& r, std::string_view e) {
    return std::find(r.errors.begin(), r.errors.end(), e) != r.errors.end();
  };
  for (const ir::RetryRule& r : rules) {
    if (names(r, "*") || names(r, "States.ALL") || names(r, "States.TaskFailed")) return;
  }
  ir::RetryRule rule;
  rule.transient = true;
  rule.attempts = 3;
  rule.interval_seconds = 1;
  rule.backoff = 2;
  rule.jitter = true;
  rules.push_back(std::move(rule));
}

std::vector<ir::RetryRule> LowerRetry(const Context& ctx, const ast::RetrySpec& spec) {
  std::vector<ir::RetryRule> rules;
  auto from_policy = [&](const ast::Ident& name) {
    const check::Symbol* symbol = ctx.model.Resolved(&name);
    if (!symbol || symbol->kind != check::Symbol::Kind::kPolicy) return;
    for (ir::RetryRule& r :
         LowerRetry(ctx, static_cast<const ast::PolicyDecl*>(symbol->decl)->retry)) {
      rules.push_back(std::move(r));
    }
  };
  if (spec.policy) from_policy(*spec.policy);
  for (const ast::RetryRule& rule : spec.rules) {
    if (rule.policy) {
      from_policy(*rule.policy);
      continue;
    }
    ir::RetryRule r;
    for (const ast::ErrorName& e : rule.errors) r.errors.push_back(e.text);
    if (rule.attempts) r.attempts = *rule.attempts;
    if (rule.interval) r.interval_seconds = Seconds(*rule.interval);
    if (rule.backoff) r.backoff = *rule.backoff;
    if (rule.max_delay) r.max_delay_seconds = Seconds(*rule.max_delay);
    r.jitter = rule.jitter;
    rules.push_back(std::move(r));
  }
  return rules;
}

}  // namespace caios::lower
