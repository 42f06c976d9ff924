// Calls: user functions and flows (with run/start/await), argument matching, `aws.*` and
// `http.*` integrations, and where task calls may appear. Builtins are in builtin_calls.cpp and
// resource operations in resource_calls.cpp.
#include <algorithm>

#include "compiler/aws_models/bedrock.h"
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
    Error(prefix.span, diag::NestedInsideAnotherExpression, word)
        .Note("bind the result first: `let r = " + word + " ...`, then use `r`");
  }
  if (prefix.operand->kind != ast::ExprKind::kCall) {
    CheckExpr(*prefix.operand, ArgContext(ctx, nullptr));
    if (prefix.op == ast::PrefixOp::kAwait) {
      Error(prefix.operand->span, diag::AwaitNeedsCallFunctionResource);
    } else {
      Error(prefix.operand->span, diag::NeedsFlowCallSuchF, word, word);
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
        auto& d = Error(arg.name->span, diag::NoSuchParameter, callee, arg.name->text);
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
      Error(arg.span, diag::PositionalArgumentFollowNamedArgument);
    } else if (next >= params.size()) {
      if (params.size() == 1) {
        Error(arg.span, diag::TooManyArgumentsTakesOne, callee);
      } else {
        Error(arg.span, diag::TooManyArgumentsTakes, callee, params.size());
      }
    } else {
      index = next++;
    }
    if (index && info.args[*index] != nullptr) {
      Error(arg.span, diag::ParameterGivenMoreThanOnce, params[*index].name)
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
    const Span at = call.args_span.valid() ? call.args_span : call.span;
    if (missing.size() == 1) {
      Error(at, diag::MissingArgumentInCall, JoinQuoted(missing), callee);
    } else {
      Error(at, diag::MissingArgumentsInCall, JoinQuoted(missing), callee);
    }
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
      Error(call.span, diag::CallNestedInsideAnotherExpression, what)
          .Note(
              "each call of a function, resource, `aws` or `http` is one step of the flow; "
              "bind its result first: `let r = ...`, then use `r`");
    }
  };
  auto bad_prefix = [&](const std::string& what) {
    if (prefix == nullptr) return false;
    if (*prefix == ast::PrefixOp::kAwait) {
      Error(call.span, diag::AwaitCannotWaitFor, what)
          .Note(
              "`await` calls a function, a resource operation or an `aws` action with "
              "`task_token` and waits for the callback");
    } else {
      Error(call.span, diag::CannotStart, PrefixWord(*prefix), what)
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
      Error(callee.span, diag::VariableTypeFunction, name, Str(v->type))
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
            Error(callee.span, diag::FunctionAwaitedButParameterType, name)
                .Label(symbol->span, "declared here")
                .Note("add a parameter such as `callback: token` and pass `task_token` to it");
          }
        }
      } else {
        info.kind = CallInfo::Kind::kFlow;
        if (prefix == nullptr) {
          Error(callee.span, diag::FlowMustCalledRunStart, name)
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
      Error(callee.span, diag::SymbolNotAFunction, name, Describe(symbol->kind))
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
      if (name == "aws") {
        Error(callee.span, diag::CallAwsAsAction);
      } else {
        Error(callee.span, diag::CallHttpAsMethod);
      }
      return unchecked();
    } else {
      std::vector<std::string> candidates =
          GlobalNames([](const Symbol& s) { return IsCallableSymbol(s); });
      for (const std::string& b : BuiltinNames()) candidates.push_back(b);
      auto& d = Error(callee.span, diag::UnknownFunction, name);
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
      Error(call.callee->span, diag::AWSCallNeedsServiceAction)
          .Note("for example `aws.s3.getObject({ Bucket: b, Key: k })`");
      return unchecked();
    } else if (root != nullptr && root->name.text == "http" && !LookupVariable("http")) {
      info.kind = CallInfo::Kind::kHttp;
      if (!bad_prefix("an `http` request")) require_task("`http." + callee.field.text + "`");
      result = CheckHttpCall(call, callee, args_ctx, info);
      done = true;
    } else if (root != nullptr && root->name.text == "s3" && LookupVariable("s3") == nullptr &&
               LookupGlobal("s3") == nullptr) {
      // An item source over a bucket named at run time (a declared `s3` comes first).
      info.kind = CallInfo::Kind::kResourceOp;
      info.operation = callee.field.text;
      if (prefix != nullptr) bad_prefix("a bucket item source");
      ExprContext op_ctx = args_ctx;
      op_ctx.item_source = ctx.item_source;
      result = CheckRunTimeItemSource(call, callee.field, op_ctx, info);
      done = true;
    } else if (root != nullptr && LookupVariable(root->name.text) == nullptr &&
               LookupGlobal(root->name.text) != nullptr) {
      const Symbol* symbol = LookupGlobal(root->name.text);
      model_.names[root] = NameRef{nullptr, symbol, {}};
      if (symbol->kind != Symbol::Kind::kResource) {
        Error(call.callee->span, diag::HasNoOperations, root->name.text, Describe(symbol->kind))
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
        auto& d = Error(call.callee->span, diag::NotAFunction, callee.field.text);
        if (FindBuiltin(callee.field.text) != nullptr) {
          d.Note("there are no methods; call the builtin as `" + callee.field.text + "(x)`");
        }
      }
      return unchecked();
    }
  } else {
    CheckExpr(*call.callee, ArgContext(ctx, nullptr));
    Error(call.callee->span, diag::ThisExpressionCalled);
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
      Error(call.args_span.valid() ? call.args_span : call.span, diag::AwaitedCallDoesPassTask)
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
    Error(service.field.span, diag::AWSServiceMustLowerCase, info.service)
        .Note("for example `aws.s3`, `aws.dynamodb`, `aws.sqs`, `aws.ec2`");
  }
  if (!IsAwsActionName(info.operation)) {
    well_formed = false;
    auto& d = Error(callee.field.span, diag::AWSActionMustLowerCamelCase, info.operation);
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
      Error(arg.span, diag::AWSCallsTakeOneObject)
          .Note("write `aws." + info.service + "." + info.operation + "({ " + arg.name->text +
                ": ... })`");
      CheckExpr(*arg.value, ctx);
      op = nullptr;
      continue;
    }
    if (i > 0) {
      Error(arg.span, diag::AwsCallTakesOneObject);
      CheckExpr(*arg.value, ctx);
      continue;
    }
    TypeId t = CheckExpr(*arg.value, ctx);
    info.args.push_back(arg.value.get());
    params = arg.value.get();
    params_type = t;
    if (!t->is(TypeKind::kRecord) && !t->is(TypeKind::kJson) && !t->is_unknown()) {
      Error(arg.value->span, diag::MismatchedTypesExpectedObjectAPI, Str(t));
      op = nullptr;
    }
  }
  if (op == nullptr) return types_.Json();
  if (aws_models::IsBedrockInvoke(model->name, info.operation)) {
    return CheckBedrockInvoke(call, params, params_type, prefix);
  }
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
    auto& d = Error(callee.field.span, diag::UnknownHttpMethod, info.operation);
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
  if (info.args[0] != nullptr) http_calls_.emplace_back(info.operation, info.args[0]);
  const ast::Expr* conn = info.args[1];
  if (conn != nullptr) {
    const Symbol* symbol = nullptr;
    if (conn->kind == ast::ExprKind::kName) {
      const auto& name = static_cast<const ast::NameExpr&>(*conn);
      symbol = LookupGlobal(name.name.text);
      if (symbol == nullptr) {
        auto& d = Error(conn->span, diag::UnknownConnection, name.name.text);
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
      auto& d = Error(conn->span, diag::ConnectionMustNameConnectionResource);
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
