// Calls: user functions and flows (with run/start/await), argument matching, `aws.*` and
// `http.*` integrations, and where task calls may appear. Builtins are in builtin_calls.cpp and
// resource operations in resource_calls.cpp.
#include <algorithm>

#include "compiler/base/invariant.h"
#include "compiler/check/aws_names.h"
#include "compiler/check/builtins.h"
#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {
const char* PrefixWord(ast::PrefixOp op) {
  switch (op) {
    case ast::PrefixOp::kRun:
      return "run";
    case ast::PrefixOp::kStart:
      return "start";
    case ast::PrefixOp::kAwait:
      return "await";
  }
  return "?";
}

ExprContext ArgContext(ExprContext ctx, const ast::PrefixOp* prefix) {
  ctx.task_allowed = false;
  ctx.item_source = false;
  if (prefix != nullptr && *prefix == ast::PrefixOp::kAwait) ctx.in_await = true;
  return ctx;
}

bool IsCallableSymbol(const Symbol& s) {
  return s.kind == Symbol::Kind::kFunction || s.kind == Symbol::Kind::kFlow;
}

}  // namespace

TypeId Checker::CheckPrefix(const ast::PrefixExpr& prefix, ExprContext ctx) {
  const std::string word = PrefixWord(prefix.op);
  if (!ctx.task_allowed) {
    Error(DiagCode::kNestedTaskCall, prefix.span,
          "`" + word + "` cannot be nested inside another expression")
        .Note("bind the result first: `let r = " + word + " ...`, then use `r`");
  }
  if (prefix.operand->kind != ast::ExprKind::kCall) {
    CheckExpr(*prefix.operand, ArgContext(ctx, nullptr));
    if (prefix.op == ast::PrefixOp::kAwait) {
      Error(DiagCode::kInvalidAwaitOperand, prefix.operand->span,
            "`await` needs a call of a function, a resource operation or an `aws` action");
    } else {
      Error(DiagCode::kInvalidRunOperand, prefix.operand->span,
            "`" + word + "` needs a flow call such as `" + word + " f(x)`");
    }
    return types_.Error();
  }
  ctx.task_allowed = true;
  ctx.item_source = false;
  const auto& call = static_cast<const ast::CallExpr&>(*prefix.operand);
  TypeId t = CheckCall(call, ctx, &prefix.op);
  RecordType(call, t);
  return t;
}

void Checker::CheckArgsUnchecked(const ast::CallExpr& call, ExprContext ctx) {
  for (const ast::Arg& arg : call.args) CheckExpr(*arg.value, ArgContext(ctx, nullptr));
}

void Checker::MatchArguments(const ast::CallExpr& call, const std::vector<ParamInfo>& params,
                             std::string_view callee, ExprContext ctx, CallInfo& info) {
  info.args.assign(params.size(), nullptr);
  size_t next = 0;
  bool named_seen = false;
  std::vector<std::string> names;
  for (const ParamInfo& p : params) names.push_back(p.name);
  for (const ast::Arg& arg : call.args) {
    std::optional<size_t> index;
    if (arg.name) {
      named_seen = true;
      auto it = std::find(names.begin(), names.end(), arg.name->text);
      if (it == names.end()) {
        auto& d = Error(DiagCode::kUnknownArgument, arg.name->span,
                        "`" + std::string(callee) + "` has no parameter `" + arg.name->text + "`");
        std::string hint = DidYouMean(arg.name->text, names);
        if (!hint.empty()) {
          d.Note(hint);
        } else if (!names.empty()) {
          d.Note("its parameters are " + JoinQuoted(names));
        }
      } else {
        index = static_cast<size_t>(it - names.begin());
      }
    } else if (named_seen) {
      Error(DiagCode::kDuplicateArgument, arg.span,
            "a positional argument cannot follow a named argument");
    } else if (next >= params.size()) {
      Error(DiagCode::kWrongArgumentCount, arg.span,
            "too many arguments: `" + std::string(callee) + "` takes " +
                std::to_string(params.size()) + (params.size() == 1 ? " argument" : " arguments"));
    } else {
      index = next++;
    }
    if (index && info.args[*index] != nullptr) {
      Error(DiagCode::kDuplicateArgument, arg.span,
            "parameter `" + params[*index].name + "` is given more than once")
          .Label(info.args[*index]->span, "first given here");
      index.reset();
    }
    if (!index) {
      CheckExpr(*arg.value, ArgContext(ctx, nullptr));
      continue;
    }
    info.args[*index] = arg.value.get();
    const ParamInfo& p = params[*index];
    if (p.type == nullptr) continue;  // checked by the caller (e.g. `connection:`)
    CheckExpr(*arg.value, ctx, p.optional ? types_.Optional(p.type) : p.type);
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < params.size(); ++i) {
    if (info.args[i] == nullptr && !params[i].optional) missing.push_back(params[i].name);
  }
  if (!missing.empty()) {
    Error(DiagCode::kMissingArgument, call.args_span.valid() ? call.args_span : call.span,
          std::string(missing.size() == 1 ? "missing argument " : "missing arguments ") +
              JoinQuoted(missing) + " in the call of `" + std::string(callee) + "`");
  }
}

TypeId Checker::CheckCall(const ast::CallExpr& call, ExprContext ctx, const ast::PrefixOp* prefix) {
  CallInfo info;
  TypeId result = types_.Error();
  const bool awaited = prefix != nullptr && *prefix == ast::PrefixOp::kAwait;
  const ExprContext args_ctx = ArgContext(ctx, prefix);
  const bool saved_token = saw_task_token_;
  saw_task_token_ = false;

  auto require_task = [&](const std::string& what) {
    if (!ctx.task_allowed && prefix == nullptr) {
      Error(DiagCode::kNestedTaskCall, call.span,
            "the call of " + what + " cannot be nested inside another expression")
          .Note(
              "each call of a function, resource, `aws` or `http` is one step of the flow; "
              "bind its result first: `let r = ...`, then use `r`");
    }
  };
  auto bad_prefix = [&](const std::string& what) {
    if (prefix == nullptr) return false;
    if (*prefix == ast::PrefixOp::kAwait) {
      Error(DiagCode::kInvalidAwaitOperand, call.span, "`await` cannot wait for " + what)
          .Note(
              "`await` calls a function, a resource operation or an `aws` action with "
              "`task_token` and waits for the callback");
    } else {
      Error(DiagCode::kInvalidRunOperand, call.span,
            "`" + std::string(PrefixWord(*prefix)) + "` cannot start " + what)
          .Note(*prefix == ast::PrefixOp::kRun
                    ? "`run` starts a flow (or an `aws` job) and waits for it"
                    : "`start` starts a flow");
    }
    return true;
  };
  auto unchecked = [&]() {
    CheckArgsUnchecked(call, args_ctx);
    saw_task_token_ = saved_token;
    return types_.Error();
  };

  bool done = false;
  if (call.callee->kind == ast::ExprKind::kName) {
    const auto& callee = static_cast<const ast::NameExpr&>(*call.callee);
    const std::string& name = callee.name.text;
    const Symbol* symbol = LookupVariable(name) ? nullptr : LookupGlobal(name);
    if (const Variable* v = LookupVariable(name)) {
      model_.names[&callee] = NameRef{v, nullptr, {}};
      Error(DiagCode::kNotCallable, callee.span,
            "`" + name + "` is a variable of type `" + Str(v->type) + "`, not a function")
          .Label(v->span, "declared here");
      return unchecked();
    }
    if (symbol != nullptr && IsCallableSymbol(*symbol)) {
      model_.names[&callee] = NameRef{nullptr, symbol, {}};
      const Signature& sig = model_.signatures.at(symbol->decl);
      info.target = symbol;
      info.operation = name;
      if (symbol->kind == Symbol::Kind::kFunction) {
        info.kind = CallInfo::Kind::kFunction;
        if (prefix != nullptr && *prefix != ast::PrefixOp::kAwait) {
          bad_prefix("the function `" + name + "`; call it without `" + PrefixWord(*prefix) + "`");
        } else {
          require_task("function `" + name + "`");
        }
        MatchArguments(call, sig.params, name, args_ctx, info);
        result = sig.result;
        if (awaited) {
          const bool has_token =
              std::any_of(sig.params.begin(), sig.params.end(),
                          [&](const ParamInfo& p) { return p.type == types_.Token(); });
          if (!has_token) {
            Error(DiagCode::kAwaitNeedsTokenParam, callee.span,
                  "function `" + name + "` is awaited but has no parameter of type `token`")
                .Label(symbol->span, "declared here")
                .Note("add a parameter such as `callback: token` and pass `task_token` to it");
          }
        }
      } else {
        info.kind = CallInfo::Kind::kFlow;
        if (prefix == nullptr) {
          Error(DiagCode::kFlowCalledDirectly, callee.span,
                "flow `" + name + "` must be called with `run` or `start`")
              .Note("`run " + name + "(...)` waits for its result; `start " + name +
                    "(...)` does not")
              .Fix(Span{call.span.file, call.span.begin, call.span.begin}, "run ");
        } else if (awaited) {
          bad_prefix("the flow `" + name + "`; use `run " + name + "(...)`");
        }
        MatchArguments(call, sig.params, name, args_ctx, info);
        result = sig.result;
        if (prefix != nullptr && *prefix == ast::PrefixOp::kStart) {
          result = types_.Record({Field{"executionArn", types_.String(), false},
                                  Field{"startDate", types_.String(), false}});
        }
      }
      done = true;
    } else if (symbol != nullptr) {
      model_.names[&callee] = NameRef{nullptr, symbol, {}};
      Error(DiagCode::kNotCallable, callee.span,
            "`" + name + "` is a " + Describe(symbol->kind) + ", not a function")
          .Label(symbol->span, "declared here");
      return unchecked();
    } else if (FindBuiltin(name) != nullptr) {
      model_.names[&callee] = NameRef{nullptr, nullptr, name};
      info.kind = CallInfo::Kind::kBuiltin;
      info.operation = name;
      if (bad_prefix("the builtin `" + name + "`")) return unchecked();
      result = CheckBuiltinCall(call, name, args_ctx, info);
      done = true;
    } else if (name == "aws" || name == "http") {
      Error(name == "aws" ? DiagCode::kInvalidAwsCall : DiagCode::kInvalidHttpCall, callee.span,
            name == "aws" ? "call an AWS API as `aws.<service>.<action>({ ... })`"
                          : "call `http.get`, `http.post`, `http.put`, `http.patch` or "
                            "`http.delete`");
      return unchecked();
    } else {
      std::vector<std::string> candidates =
          GlobalNames([](const Symbol& s) { return IsCallableSymbol(s); });
      for (const std::string& b : BuiltinNames()) candidates.push_back(b);
      auto& d = Error(DiagCode::kUnknownName, callee.span, "unknown function `" + name + "`");
      std::string hint = DidYouMean(name, candidates);
      if (!hint.empty()) d.Note(hint);
      NoteNotImported(d, name);
      return unchecked();
    }
  } else if (call.callee->kind == ast::ExprKind::kField) {
    const auto& callee = static_cast<const ast::FieldExpr&>(*call.callee);
    const ast::Expr& object = *callee.object;
    const ast::NameExpr* root =
        object.kind == ast::ExprKind::kName ? &static_cast<const ast::NameExpr&>(object) : nullptr;
    const ast::FieldExpr* service = object.kind == ast::ExprKind::kField
                                        ? &static_cast<const ast::FieldExpr&>(object)
                                        : nullptr;
    const bool is_aws = service != nullptr && service->object->kind == ast::ExprKind::kName &&
                        static_cast<const ast::NameExpr&>(*service->object).name.text == "aws";
    if (is_aws) {
      info.kind = CallInfo::Kind::kAws;
      if (prefix != nullptr && *prefix == ast::PrefixOp::kStart) {
        bad_prefix("an `aws` action; use `run` to wait for a job, or call it directly");
      } else {
        require_task("`aws." + service->field.text + "." + callee.field.text + "`");
      }
      result = CheckAwsCall(call, callee, args_ctx, info, prefix);
      done = true;
    } else if (root != nullptr && root->name.text == "aws" && !LookupVariable("aws")) {
      Error(DiagCode::kInvalidAwsCall, call.callee->span,
            "an AWS call needs a service and an action: `aws.<service>.<action>({ ... })`")
          .Note("for example `aws.s3.getObject({ Bucket: b, Key: k })`");
      return unchecked();
    } else if (root != nullptr && root->name.text == "http" && !LookupVariable("http")) {
      info.kind = CallInfo::Kind::kHttp;
      if (!bad_prefix("an `http` request")) require_task("`http." + callee.field.text + "`");
      result = CheckHttpCall(call, callee, args_ctx, info);
      done = true;
    } else if (root != nullptr && LookupVariable(root->name.text) == nullptr &&
               LookupGlobal(root->name.text) != nullptr) {
      const Symbol* symbol = LookupGlobal(root->name.text);
      model_.names[root] = NameRef{nullptr, symbol, {}};
      if (symbol->kind != Symbol::Kind::kResource) {
        Error(DiagCode::kNotCallable, call.callee->span,
              "`" + root->name.text + "` is a " + Describe(symbol->kind) + " and has no operations")
            .Label(symbol->span, "declared here");
        return unchecked();
      }
      info.kind = CallInfo::Kind::kResourceOp;
      info.target = symbol;
      info.operation = callee.field.text;
      const ResourceOp* op = FindResourceOp(
          static_cast<const ast::ResourceDecl*>(symbol->decl)->resource, callee.field.text);
      if (op != nullptr && op->item_source) {
        if (prefix != nullptr) bad_prefix("a bucket item source");
      } else if (op != nullptr) {
        if (prefix != nullptr && *prefix != ast::PrefixOp::kAwait) {
          bad_prefix("a resource operation; call it directly");
        } else {
          require_task("`" + root->name.text + "." + callee.field.text + "`");
        }
      }
      ExprContext op_ctx = args_ctx;
      op_ctx.item_source = ctx.item_source;
      result = CheckResourceCall(call, *symbol, callee.field, op_ctx, info);
      done = true;
    } else {
      TypeId object_type = CheckExpr(object, ArgContext(ctx, nullptr));
      if (!object_type->is_unknown()) {
        auto& d = Error(DiagCode::kNotCallable, call.callee->span,
                        "`" + callee.field.text + "` is not a function");
        if (FindBuiltin(callee.field.text) != nullptr) {
          d.Note("there are no methods; call the builtin as `" + callee.field.text + "(x)`");
        }
      }
      return unchecked();
    }
  } else {
    CheckExpr(*call.callee, ArgContext(ctx, nullptr));
    Error(DiagCode::kNotCallable, call.callee->span, "this expression cannot be called");
    return unchecked();
  }
  CAIOS_CHECK_INVARIANT(done);

  if (awaited) {
    info.uses_task_token = saw_task_token_;
    const bool await_ok = info.kind == CallInfo::Kind::kFunction ||
                          info.kind == CallInfo::Kind::kResourceOp ||
                          info.kind == CallInfo::Kind::kAws;
    // An awaited resource operation or `aws` action gives what the callback delivers
    // (`SendTaskSuccess`), not the operation's own result (`{ messageId }` of a send).
    if ((info.kind == CallInfo::Kind::kResourceOp || info.kind == CallInfo::Kind::kAws) &&
        !result->is_unknown()) {
      result = types_.Json();
    }
    if (await_ok && !saw_task_token_) {
      Error(DiagCode::kAwaitWithoutToken, call.args_span.valid() ? call.args_span : call.span,
            "the awaited call does not pass `task_token`")
          .Note(
              "pass `task_token` in the arguments so the receiver can call back, e.g. "
              "`{ ..., token: task_token }`");
    }
  }
  saw_task_token_ = saved_token;
  model_.calls[&call] = std::move(info);
  return result;
}

TypeId Checker::CheckAwsCall(const ast::CallExpr& call, const ast::FieldExpr& callee,
                             ExprContext ctx, CallInfo& info, const ast::PrefixOp* prefix) {
  const auto& service = static_cast<const ast::FieldExpr&>(*callee.object);
  info.service = service.field.text;
  info.operation = callee.field.text;
  bool well_formed = true;
  if (!IsAwsServiceName(info.service)) {
    well_formed = false;
    Error(DiagCode::kInvalidAwsCall, service.field.span,
          "AWS service `" + info.service + "` must be lower case letters and digits")
        .Note("for example `aws.s3`, `aws.dynamodb`, `aws.sqs`, `aws.ec2`");
  }
  if (!IsAwsActionName(info.operation)) {
    well_formed = false;
    auto& d = Error(DiagCode::kInvalidAwsCall, callee.field.span,
                    "AWS action `" + info.operation + "` must be lowerCamelCase");
    if (info.operation != LowerCamel(info.operation) &&
        IsAwsActionName(LowerCamel(info.operation))) {
      d.Note("write `" + LowerCamel(info.operation) + "`");
      d.Fix(callee.field.span, LowerCamel(info.operation));
    }
  }
  const aws_models::Service* model = nullptr;
  const aws_models::Operation* op = well_formed ? FindAwsOperation(callee, model) : nullptr;
  const ast::Expr* params = nullptr;
  TypeId params_type = nullptr;
  for (size_t i = 0; i < call.args.size(); ++i) {
    const ast::Arg& arg = call.args[i];
    if (arg.name) {
      Error(DiagCode::kInvalidAwsCall, arg.span,
            "AWS calls take one object of parameters, not named arguments")
          .Note("write `aws." + info.service + "." + info.operation + "({ " + arg.name->text +
                ": ... })`");
      CheckExpr(*arg.value, ctx);
      op = nullptr;
      continue;
    }
    if (i > 0) {
      Error(DiagCode::kWrongArgumentCount, arg.span, "AWS calls take one object of parameters");
      CheckExpr(*arg.value, ctx);
      continue;
    }
    TypeId t = CheckExpr(*arg.value, ctx);
    info.args.push_back(arg.value.get());
    params = arg.value.get();
    params_type = t;
    if (!t->is(TypeKind::kRecord) && !t->is(TypeKind::kJson) && !t->is_unknown()) {
      Error(DiagCode::kTypeMismatch, arg.value->span,
            "mismatched types: expected an object of API parameters, found `" + Str(t) + "`");
      op = nullptr;
    }
  }
  if (op == nullptr) return types_.Json();
  CheckAwsParameters(call, params, params_type, *model, *op);
  // `run` (.sync) answers with the job's description and `await` with what the callback
  // sends, not with the operation's response.
  if (prefix != nullptr) return types_.Json();
  return AwsType(*model, op->output, 0);
}

TypeId Checker::CheckHttpCall(const ast::CallExpr& call, const ast::FieldExpr& callee,
                              ExprContext ctx, CallInfo& info) {
  static const std::vector<std::string> kVerbs = {"get", "post", "put", "patch", "delete"};
  info.operation = callee.field.text;
  if (std::find(kVerbs.begin(), kVerbs.end(), info.operation) == kVerbs.end()) {
    auto& d = Error(DiagCode::kInvalidHttpCall, callee.field.span,
                    "unknown http method `" + info.operation + "`");
    std::string hint = DidYouMean(info.operation, kVerbs);
    if (!hint.empty()) d.Note(hint);
    d.Note("http calls are " +
           JoinQuoted({"http.get", "http.post", "http.put", "http.patch", "http.delete"}));
    for (const ast::Arg& arg : call.args) {
      if (arg.name && arg.name->text == "connection") continue;  // a resource name, not a value
      CheckExpr(*arg.value, ctx);
    }
    return types_.Error();
  }
  std::vector<ParamInfo> params = {
      {"url", types_.String(), false, {}}, {"connection", nullptr, false, {}},
      {"body", types_.Json(), true, {}},   {"headers", types_.Json(), true, {}},
      {"query", types_.Json(), true, {}},
  };
  MatchArguments(call, params, "http." + info.operation, ctx, info);
  const ast::Expr* conn = info.args[1];
  if (conn != nullptr) {
    const Symbol* symbol = nullptr;
    if (conn->kind == ast::ExprKind::kName) {
      const auto& name = static_cast<const ast::NameExpr&>(*conn);
      symbol = LookupGlobal(name.name.text);
      if (symbol == nullptr) {
        auto& d = Error(DiagCode::kUnknownName, conn->span,
                        "unknown connection `" + name.name.text + "`");
        std::string hint = DidYouMean(name.name.text, GlobalNames([](const Symbol& s) {
                                        return s.kind == Symbol::Kind::kResource;
                                      }));
        if (!hint.empty()) d.Note(hint);
        return types_.Error();
      }
      model_.names[&name] = NameRef{nullptr, symbol, {}};
    }
    const bool is_connection = symbol != nullptr && symbol->kind == Symbol::Kind::kResource &&
                               static_cast<const ast::ResourceDecl*>(symbol->decl)->resource ==
                                   ast::ResourceKind::kConnection;
    if (!is_connection) {
      auto& d = Error(DiagCode::kInvalidHttpCall, conn->span,
                      "`connection:` must name a `connection` resource");
      if (symbol != nullptr) d.Label(symbol->span, "declared here");
      d.Note("declare one with `connection Api { ... }` holding the endpoint's credentials");
    } else {
      info.connection = symbol;
    }
  }
  return types_.Record({Field{"status", types_.Int(), false}, Field{"body", types_.Json(), false},
                        Field{"headers", types_.Json(), false}});
}

}  // namespace caios::check
