// Flow bodies → state graphs. Statements are lowered back to front, so every state is created
// knowing its successor; loops create their test first and close the cycle afterwards.
#include <algorithm>
#include <map>
#include <set>

#include "compiler/check/invariant.h"
#include "compiler/check/resource_ops.h"
#include "compiler/lower/lowering.h"
#include "compiler/lower/values.h"

namespace caios::lower {
namespace {

using ir::State;
using ir::StateId;
using ir::ValueKind;

// The errors AWS recommends retrying on every Lambda invoke (Step Functions developer guide,
// "Handling errors in Step Functions workflows": transient Lambda service errors).
const std::vector<std::string>& LambdaTransientErrors() {
  static const std::vector<std::string> kErrors = {
      "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException"};
  return kErrors;
}

// The variable a task's or loop's result is assigned to.
struct Target {
  std::string name;
  check::TypeId type = nullptr;
};

struct Scope {
  uint32_t graph = 0;
  StateId end;              // the graph's terminal state for falling off its end
  StateId break_target;     // innermost while: after the loop
  StateId continue_target;  // innermost while: its test
  std::vector<ir::CatchEdge> catches;
};

bool Matches(const ir::CatchEdge& edge, const std::string& error) {
  for (const std::string& e : edge.errors) {
    if (e == "*" || e == "States.ALL" || e == error) return true;
    if (e == "States.TaskFailed" && error != "States.Timeout") return true;
  }
  return false;
}

class FlowLowerer {
 public:
  FlowLowerer(Context& ctx, ir::FlowId id)
      : ctx_(ctx), id_(id), flow_(ctx.app.flows[id.index]), g_(flow_.graph) {}

  void Run(const ast::FlowDecl& decl) {
    Scope scope;
    scope.graph = NewGraph();
    scope.end = NewEnd(scope.graph, decl.body.span);
    StateId body = LowerBlock(decl.body, scope.end, scope);
    if (flow_.params.empty()) {
      g_.graphs[scope.graph].start = body;
      return;
    }
    // The execution input holds one field per parameter: bind them to variables first.
    StateId start = NewState(State::Kind::kPass, "Start", decl.name.span, scope.graph);
    for (const ir::Param& p : flow_.params) {
      ir::ValuePtr field = ir::MakeValue(ValueKind::kField, p.type);
      field->text = p.name;
      field->children.push_back(ir::MakeValue(ValueKind::kInput, ctx_.model.types.Json()));
      if (p.optional) field = OrNull(std::move(field), p.type);
      At(start).assign.push_back({p.name, std::move(field)});
    }
    At(start).next = body;
    g_.graphs[scope.graph].start = start;
  }

 private:
  State& At(StateId id) { return g_.at(id); }
  const check::TypeTable& types() const { return ctx_.model.types; }

  uint32_t NewGraph() {
    g_.graphs.emplace_back();
    return static_cast<uint32_t>(g_.graphs.size() - 1);
  }

  StateId NewState(State::Kind kind, std::string name, Span span, uint32_t graph) {
    StateId id{static_cast<uint32_t>(g_.states.size())};
    State& s = g_.states.emplace_back();
    s.kind = kind;
    s.name = std::move(name);
    s.span = span;
    g_.graphs[graph].states.push_back(id);
    return id;
  }

  // A graph's end: succeed with output null (a flow or branch that reaches its end gives null).
  StateId NewEnd(uint32_t graph, Span span) {
    StateId end =
        NewState(State::Kind::kSucceed, "Done", Span{span.file, span.end, span.end}, graph);
    At(end).output = ir::MakeValue(ValueKind::kNull, types().Null());
    return end;
  }

  ir::ValuePtr OrNull(ir::ValuePtr value, check::TypeId type) {
    ir::ValuePtr v = ir::MakeValue(ValueKind::kBinary, type);
    v->binary_op = ir::BinaryOp::kCoalesce;
    v->children.push_back(std::move(value));
    v->children.push_back(ir::MakeValue(ValueKind::kNull, types().Null()));
    return v;
  }

  std::string SourceText(Span span) const {
    if (!span.valid()) return {};
    std::string_view text = ctx_.sources.Get(span.file).text();
    text = text.substr(span.begin, span.end - span.begin);
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  // ------------------------------------------------------------ blocks and statements

  StateId LowerBlock(const ast::Block& block, StateId next, Scope& scope) {
    for (auto it = block.stmts.rbegin(); it != block.stmts.rend(); ++it) {
      next = LowerStmt(**it, next, scope);
    }
    return next;
  }

  StateId LowerStmt(const ast::Stmt& stmt, StateId next, Scope& scope) {
    using K = ast::StmtKind;
    switch (stmt.kind) {
      case K::kLet: {
        const auto& s = static_cast<const ast::LetStmt&>(stmt);
        const check::Variable* v = ctx_.model.VariableOf(&stmt);
        return LowerRhs(s.value, {s.name.text, v ? v->type : types().Json()}, stmt.span, next,
                        scope);
      }
      case K::kAssign: {
        const auto& s = static_cast<const ast::AssignStmt&>(stmt);
        CAIOS_CHECK_INVARIANT(s.target->kind == ast::ExprKind::kName);
        const auto& target = static_cast<const ast::NameExpr&>(*s.target);
        return LowerRhs(s.value, {target.name.text, ctx_.model.TypeOf(s.target.get())}, stmt.span,
                        next, scope);
      }
      case K::kExpr: {
        const auto& s = static_cast<const ast::ExprStmt&>(stmt);
        if (!IsTask(*s.expr)) return next;  // a pure value nobody uses
        return LowerTask(*s.expr, s.clauses, stmt.span, std::nullopt, false, next, scope);
      }
      case K::kIf:
        return LowerIf(static_cast<const ast::IfStmt&>(stmt), next, scope);
      case K::kSwitch:
        return LowerSwitch(static_cast<const ast::SwitchStmt&>(stmt), next, scope);
      case K::kWhile:
        return LowerWhile(static_cast<const ast::WhileStmt&>(stmt), next, scope);
      case K::kFor:
        return LowerFor(static_cast<const ast::ForStmt&>(stmt), std::nullopt, next, scope);
      case K::kParallel:
        return LowerParallel(static_cast<const ast::ParallelStmt&>(stmt), std::nullopt, next,
                             scope);
      case K::kTry:
        return LowerTry(static_cast<const ast::TryStmt&>(stmt), next, scope);
      case K::kFail:
        return LowerFail(static_cast<const ast::FailStmt&>(stmt), scope);
      case K::kReturn:
        return LowerReturn(static_cast<const ast::ReturnStmt&>(stmt), scope);
      case K::kYield: {
        const auto& s = static_cast<const ast::YieldStmt&>(stmt);
        StateId y = NewState(State::Kind::kSucceed, "Yield", stmt.span, scope.graph);
        At(y).output = LowerValue(ctx_.model, *s.value);
        return y;
      }
      case K::kWait:
        return LowerWait(static_cast<const ast::WaitStmt&>(stmt), next, scope);
      case K::kBreak:
        return scope.break_target;
      case K::kContinue:
        return scope.continue_target;
    }
    return next;
  }

  StateId LowerRhs(const ast::Rhs& rhs, const Target& var, Span span, StateId next, Scope& scope) {
    if (rhs.compound) {
      if (rhs.compound->kind == ast::StmtKind::kFor) {
        return LowerFor(static_cast<const ast::ForStmt&>(*rhs.compound), var, next, scope);
      }
      return LowerParallel(static_cast<const ast::ParallelStmt&>(*rhs.compound), var, next, scope);
    }
    if (IsTask(*rhs.expr)) return LowerTask(*rhs.expr, rhs.clauses, span, var, false, next, scope);
    StateId pass = NewState(State::Kind::kPass, "Set " + var.name, span, scope.graph);
    At(pass).assign.push_back({var.name, LowerValue(ctx_.model, *rhs.expr)});
    At(pass).next = next;
    return pass;
  }

  StateId LowerIf(const ast::IfStmt& s, StateId next, Scope& scope) {
    StateId choice = NewState(State::Kind::kChoice, "If " + SourceText(s.arms[0].cond->span),
                              s.span, scope.graph);
    for (const ast::IfArm& arm : s.arms) {
      StateId body = LowerBlock(arm.body, next, scope);
      At(choice).rules.push_back({LowerValue(ctx_.model, *arm.cond), body});
    }
    StateId otherwise = s.else_body ? LowerBlock(*s.else_body, next, scope) : next;
    At(choice).default_next = otherwise;
    return choice;
  }

  StateId LowerSwitch(const ast::SwitchStmt& s, StateId next, Scope& scope) {
    StateId choice = NewState(State::Kind::kChoice, "Switch " + SourceText(s.subject->span), s.span,
                              scope.graph);
    for (const ast::SwitchCase& c : s.cases) {
      ir::ValuePtr cond;
      for (const ast::ExprPtr& value : c.values) {
        ir::ValuePtr eq = ir::MakeValue(ValueKind::kBinary, types().Bool(), value->span);
        eq->binary_op = ir::BinaryOp::kEq;
        eq->children.push_back(LowerValue(ctx_.model, *s.subject));
        eq->children.push_back(LowerValue(ctx_.model, *value));
        if (!cond) {
          cond = std::move(eq);
          continue;
        }
        ir::ValuePtr either = ir::MakeValue(ValueKind::kBinary, types().Bool(), c.span);
        either->binary_op = ir::BinaryOp::kOr;
        either->children.push_back(std::move(cond));
        either->children.push_back(std::move(eq));
        cond = std::move(either);
      }
      StateId body = LowerBlock(c.body, next, scope);
      At(choice).rules.push_back({std::move(cond), body});
    }
    StateId otherwise = s.default_body ? LowerBlock(*s.default_body, next, scope) : next;
    At(choice).default_next = otherwise;
    return choice;
  }

  StateId LowerWhile(const ast::WhileStmt& s, StateId next, Scope& scope) {
    StateId test =
        NewState(State::Kind::kChoice, "While " + SourceText(s.cond->span), s.span, scope.graph);
    Scope inner = scope;
    inner.break_target = next;
    inner.continue_target = test;
    StateId body = LowerBlock(s.body, test, inner);
    At(test).rules.push_back({LowerValue(ctx_.model, *s.cond), body});
    At(test).default_next = next;
    return test;
  }

  StateId LowerWait(const ast::WaitStmt& s, StateId next, Scope& scope) {
    StateId wait = NewState(State::Kind::kWait, SourceText(s.span), s.span, scope.graph);
    switch (s.mode) {
      case ast::WaitStmt::Mode::kDuration:
        At(wait).wait_seconds = Seconds(s.duration);
        break;
      case ast::WaitStmt::Mode::kSeconds:
        At(wait).wait_seconds_value = LowerValue(ctx_.model, *s.expr);
        break;
      case ast::WaitStmt::Mode::kUntil:
        At(wait).wait_until = LowerValue(ctx_.model, *s.expr);
        break;
    }
    At(wait).next = next;
    return wait;
  }

  StateId LowerFail(const ast::FailStmt& s, Scope& scope) {
    ir::ValuePtr cause = s.cause ? LowerValue(ctx_.model, *s.cause) : nullptr;
    // Inside a `try` whose catch takes this error, go straight to the handler.
    for (const ir::CatchEdge& edge : scope.catches) {
      if (!Matches(edge, s.error.text)) continue;
      StateId pass = NewState(State::Kind::kPass, "Fail " + s.error.text, s.span, scope.graph);
      if (edge.binding) {
        ir::ValuePtr error = ir::MakeValue(ValueKind::kObject, types().Json(), s.span);
        error->keys = {"error", "cause"};
        error->children.push_back(ir::MakeString(s.error.text, types().String()));
        error->children.push_back(cause ? std::move(cause) : ir::MakeString("", types().String()));
        At(pass).assign.push_back({*edge.binding, std::move(error)});
      }
      At(pass).next = edge.next;
      return pass;
    }
    StateId fail = NewState(State::Kind::kFail, "Fail " + s.error.text, s.span, scope.graph);
    At(fail).error = s.error.text;
    At(fail).cause = std::move(cause);
    return fail;
  }

  StateId LowerReturn(const ast::ReturnStmt& s, Scope& scope) {
    if (s.value && IsTask(*s.value)) {
      return LowerTask(*s.value, ast::TaskClauses{}, s.span, std::nullopt, true, StateId{}, scope);
    }
    StateId done = NewState(State::Kind::kSucceed, "Return", s.span, scope.graph);
    At(done).output = s.value ? LowerValue(ctx_.model, *s.value)
                              : ir::MakeValue(ValueKind::kNull, types().Null());
    return done;
  }

  StateId LowerTry(const ast::TryStmt& s, StateId next, Scope& scope) {
    std::vector<ir::CatchEdge> edges;
    for (const ast::CatchClause& c : s.catches) {
      ir::CatchEdge edge;
      for (const ast::ErrorName& e : c.errors) edge.errors.push_back(e.text);
      if (edge.errors.empty()) edge.errors.push_back("*");
      if (c.binding) edge.binding = c.binding->text;
      edge.next = LowerBlock(c.body, next, scope);
      edges.push_back(std::move(edge));
    }
    Scope inner = scope;
    inner.catches = edges;
    bool catch_all = std::any_of(edges.begin(), edges.end(), [](const ir::CatchEdge& e) {
      return std::find(e.errors.begin(), e.errors.end(), "*") != e.errors.end();
    });
    // An inner catch-all leaves nothing for the outer handlers.
    if (!catch_all) {
      inner.catches.insert(inner.catches.end(), scope.catches.begin(), scope.catches.end());
    }
    return LowerBlock(s.body, next, inner);
  }

  // ------------------------------------------------------------ parallel and for

  StateId LowerParallel(const ast::ParallelStmt& s, std::optional<Target> var, StateId next,
                        Scope& scope) {
    StateId par = NewState(State::Kind::kParallel, "Parallel", s.span, scope.graph);
    for (const ast::Branch& b : s.branches) {
      Scope inner;
      inner.graph = NewGraph();
      inner.end = NewEnd(inner.graph, b.span);
      StateId start = LowerBlock(b.body, inner.end, inner);
      g_.graphs[inner.graph].start = start;
      At(par).branches.push_back(inner.graph);
    }
    if (var) At(par).assign.push_back({var->name, Result(var->type, s.span)});
    At(par).catches = scope.catches;
    At(par).next = next;
    return par;
  }

  StateId LowerFor(const ast::ForStmt& s, std::optional<Target> var, StateId next, Scope& scope) {
    StateId map = NewState(State::Kind::kMap, "For each " + s.var.text, s.span, scope.graph);
    auto loop = std::make_unique<ir::Loop>();
    loop->var = s.var.text;
    const check::Variable* item = ctx_.model.VariableOf(&s);
    loop->var_type = item ? item->type : types().Json();
    loop->distributed = s.distributed();
    for (const ast::ForClause& c : s.clauses) {
      using K = ast::ForClause::Kind;
      switch (c.kind) {
        case K::kConcurrency:
          loop->concurrency = c.value;
          break;
        case K::kBatch:
          loop->batch = c.value;
          break;
        case K::kTolerate:
          loop->tolerate = c.value;
          loop->tolerate_percent = c.percent;
          break;
        case K::kDistributed:
          loop->express_children = c.express_children.value_or(true);
          break;
        case K::kResults: {
          ir::EntityRef bucket = ctx_.EntityOf(ctx_.model.Resolved(&c.bucket));
          if (bucket.kind == ir::EntityRef::Kind::kBucket) {
            loop->results_bucket = ir::BucketId{bucket.index};
            loop->results_prefix = c.prefix.value_or("");
            AddAccess(ir::Access::Kind::kResultWrite, bucket, "", c.span);
          }
          break;
        }
      }
    }
    // The items: an array value, or a bucket item source of a distributed loop.
    if (s.iterable->kind == ast::ExprKind::kCall &&
        ctx_.model.Call(static_cast<const ast::CallExpr*>(s.iterable.get()))->is_item_source) {
      const auto& call = static_cast<const ast::CallExpr&>(*s.iterable);
      const check::CallInfo* info = ctx_.model.Call(&call);
      ir::ItemSource source;
      const std::string& op = info->operation;
      using SK = ir::ItemSource::Kind;
      source.kind = op == "csv"        ? SK::kCsv
                    : op == "jsonl"    ? SK::kJsonl
                    : op == "json"     ? SK::kJson
                    : op == "manifest" ? SK::kManifest
                                       : SK::kObjects;
      ir::EntityRef bucket = ctx_.EntityOf(info->target);
      source.bucket = ir::BucketId{bucket.index};
      if (!info->args.empty() && info->args[0]) {
        source.argument = LowerValue(ctx_.model, *info->args[0]);
      }
      loop->source = std::move(source);
      AddAccess(ir::Access::Kind::kItemRead, bucket, op, s.iterable->span);
    } else {
      loop->items = LowerValue(ctx_.model, *s.iterable);
    }
    if (loop->distributed) {
      AddAccess(ir::Access::Kind::kChildFlows, ir::Ref(id_), "", s.span);
    }

    // The body: bind the loop variable (and, for a distributed loop, the captured outer
    // variables) from the iteration's input, then the statements.
    Scope inner;
    inner.graph = NewGraph();
    inner.end = NewEnd(inner.graph, s.body.span);
    StateId body = LowerBlock(s.body, inner.end, inner);
    StateId bind = NewState(State::Kind::kPass, "Bind " + s.var.text, s.var.span, inner.graph);
    At(bind).next = body;
    g_.graphs[inner.graph].start = bind;
    if (loop->distributed) loop->captures = Captures(inner.graph, s.var.text);
    loop->body = inner.graph;
    ir::ValuePtr input = ir::MakeValue(ValueKind::kInput, types().Json());
    auto read = [&](const std::string& field, check::TypeId type) {
      ir::ValuePtr v = ir::MakeValue(ValueKind::kField, type);
      v->text = field;
      v->children.push_back(ir::Clone(*input));
      return v;
    };
    // Batches arrive as { Items: [...], BatchInput: {...} }; single items as the ItemSelector
    // object { item, <captures> }.
    const bool batched = loop->batch.has_value();
    At(bind).assign.push_back({loop->var, read(batched ? "Items" : "item", loop->var_type)});
    for (const auto& [name, type] : loop->captures) {
      if (batched) {
        ir::ValuePtr batch_input = read("BatchInput", types().Json());
        ir::ValuePtr v = ir::MakeValue(ValueKind::kField, type);
        v->text = name;
        v->children.push_back(std::move(batch_input));
        At(bind).assign.push_back({name, std::move(v)});
      } else {
        At(bind).assign.push_back({name, read(name, type)});
      }
    }
    At(map).loop = std::move(loop);
    if (var) At(map).assign.push_back({var->name, Result(var->type, s.span)});
    At(map).catches = scope.catches;
    At(map).next = next;
    return map;
  }

  // Outer variables read in graph `graph` (and the graphs nested in it) that it does not
  // declare itself: a distributed child must receive them in its input.
  std::vector<std::pair<std::string, check::TypeId>> Captures(uint32_t graph,
                                                              const std::string& loop_var) {
    std::map<std::string, check::TypeId> read;
    std::set<std::string> declared = {loop_var};
    std::vector<uint32_t> work = {graph};
    auto visit = [&](const ir::Value* v) {
      if (!v) return;
      ir::ForEachVar(*v, [&](const std::string& name) { read.emplace(name, nullptr); });
    };
    while (!work.empty()) {
      uint32_t gi = work.back();
      work.pop_back();
      for (StateId id : g_.graphs[gi].states) {
        const State& st = At(id);
        for (const ir::Assignment& a : st.assign) {
          declared.insert(a.var);
          visit(a.value.get());
        }
        for (const ir::CatchEdge& c : st.catches) {
          if (c.binding) declared.insert(*c.binding);
        }
        visit(st.output.get());
        visit(st.timeout_value.get());
        visit(st.heartbeat_value.get());
        visit(st.wait_seconds_value.get());
        visit(st.wait_until.get());
        visit(st.cause.get());
        for (const auto& r : st.rules) visit(r.condition.get());
        if (st.action) {
          for (const auto& [name, value] : st.action->args) visit(value.get());
        }
        for (uint32_t b : st.branches) work.push_back(b);
        if (st.loop) {
          visit(st.loop->items.get());
          if (st.loop->source) visit(st.loop->source->argument.get());
          declared.insert(st.loop->var);
          work.push_back(st.loop->body);
        }
      }
    }
    std::vector<std::pair<std::string, check::TypeId>> captures;
    const check::FlowInfo* info = ctx_.model.Flow(decl_);
    for (const auto& [name, unused] : read) {
      if (declared.count(name)) continue;
      check::TypeId type = types().Json();
      if (info) {
        for (const check::Variable* v : info->variables) {
          if (v->name == name) type = v->type;
        }
      }
      captures.emplace_back(name, type);
    }
    return captures;
  }

  // ------------------------------------------------------------ tasks

  static const ast::Expr& Unwrap(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::kPrefix) {
      return Unwrap(*static_cast<const ast::PrefixExpr&>(e).operand);
    }
    return e;
  }

  bool IsTask(const ast::Expr& e) const {
    if (e.kind == ast::ExprKind::kPrefix) return true;
    if (e.kind != ast::ExprKind::kCall) return false;
    const check::CallInfo* info = ctx_.model.Call(static_cast<const ast::CallExpr*>(&e));
    return info && info->kind != check::CallInfo::Kind::kBuiltin;
  }

  ir::ValuePtr Result(check::TypeId type, Span span) {
    return ir::MakeValue(ValueKind::kResult, type ? type : types().Json(), span);
  }

  void AddAccess(ir::Access::Kind kind, ir::EntityRef to, std::string operation, Span span,
                 std::string service = {}, bool sync = false, bool callback = false) {
    ir::Access a;
    a.from = id_;
    a.kind = kind;
    a.to = to;
    a.operation = std::move(operation);
    a.service = std::move(service);
    a.sync = sync;
    a.callback = callback;
    a.span = span;
    ctx_.app.accesses.push_back(std::move(a));
  }

  std::vector<std::pair<std::string, ir::ValuePtr>> NamedArgs(
      const check::CallInfo& info, const std::vector<std::string>& names) {
    std::vector<std::pair<std::string, ir::ValuePtr>> args;
    for (size_t i = 0; i < info.args.size() && i < names.size(); ++i) {
      if (info.args[i] == nullptr) continue;
      args.emplace_back(names[i], LowerValue(ctx_.model, *info.args[i]));
    }
    return args;
  }

  std::vector<std::string> ParamNames(const ast::Decl* decl) const {
    std::vector<std::string> names;
    if (const check::Signature* sig = ctx_.model.SignatureOf(decl)) {
      for (const check::ParamInfo& p : sig->params) names.push_back(p.name);
    }
    return names;
  }

  StateId LowerTask(const ast::Expr& expr, const ast::TaskClauses& clauses, Span span,
                    std::optional<Target> var, bool is_return, StateId next, Scope& scope) {
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
        AddAccess(AK::kInvoke, action->target, "invoke", call.span, {}, false, action->callback);
        break;
      }
      case CK::kFlow: {
        const bool run = !has_prefix || prefix == ast::PrefixOp::kRun;
        action->kind = run ? ir::Action::Kind::kRunFlow : ir::Action::Kind::kStartFlow;
        action->target = ctx_.EntityOf(info->target);
        action->args = NamedArgs(*info, ParamNames(info->target->decl));
        AddAccess(run ? AK::kRunFlow : AK::kStartFlow, action->target, run ? "run" : "start",
                  call.span);
        name = (run ? "run " : "start ") + name;
        break;
      }
      case CK::kResourceOp: {
        action->kind = ir::Action::Kind::kResourceOp;
        action->target = ctx_.EntityOf(info->target);
        action->operation = info->operation;
        const auto* decl = static_cast<const ast::ResourceDecl*>(info->target->decl);
        std::vector<std::string> names;
        if (const check::ResourceOp* op = check::FindResourceOp(decl->resource, info->operation)) {
          for (const check::OpParam& p : op->params) names.emplace_back(p.name);
        }
        action->args = NamedArgs(*info, names);
        AddAccess(AK::kResourceOp, action->target, info->operation, call.span, {}, false,
                  action->callback);
        break;
      }
      case CK::kAws: {
        action->kind = ir::Action::Kind::kServiceCall;
        action->service = info->service;
        action->operation = info->operation;
        action->sync = has_prefix && prefix == ast::PrefixOp::kRun;
        if (!info->args.empty() && info->args[0]) {
          action->args.emplace_back("parameters", LowerValue(ctx_.model, *info->args[0]));
        }
        AddAccess(AK::kServiceCall, {}, info->operation, call.span, info->service, action->sync,
                  action->callback);
        if (action->sync) name = "run " + name;
        break;
      }
      case CK::kHttp: {
        action->kind = ir::Action::Kind::kHttp;
        action->operation = info->operation;
        action->target = ctx_.EntityOf(info->connection);
        static const std::vector<std::string> kNames = {"url", "connection", "body", "headers",
                                                        "query"};
        for (size_t i = 0; i < info->args.size() && i < kNames.size(); ++i) {
          if (i == 1 || info->args[i] == nullptr) continue;
          action->args.emplace_back(kNames[i], LowerValue(ctx_.model, *info->args[i]));
        }
        AddAccess(AK::kHttp, action->target, info->operation, call.span);
        break;
      }
      case CK::kBuiltin:
        CAIOS_CHECK_INVARIANT(false && "a builtin call lowered as a task");
    }
    if (action->callback) name = "await " + name;

    StateId task = NewState(State::Kind::kTask, name, span, scope.graph);
    State& st = At(task);
    const bool is_invoke = action->kind == ir::Action::Kind::kInvoke && !action->callback;
    st.action = std::move(action);
    for (const ast::RetrySpec& spec : clauses.retries) {
      for (ir::RetryRule& rule : LowerRetry(ctx_, spec)) st.retries.push_back(std::move(rule));
    }
    if (is_invoke) AddLambdaRetry(st.retries);
    if (clauses.timeout) {
      if (clauses.timeout->literal) {
        st.timeout_seconds = Seconds(*clauses.timeout->literal);
      } else if (clauses.timeout->seconds) {
        st.timeout_value = LowerValue(ctx_.model, *clauses.timeout->seconds);
      }
    }
    if (clauses.heartbeat) {
      if (clauses.heartbeat->literal) {
        st.heartbeat_seconds = Seconds(*clauses.heartbeat->literal);
      } else if (clauses.heartbeat->seconds) {
        st.heartbeat_value = LowerValue(ctx_.model, *clauses.heartbeat->seconds);
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

  // The AWS-recommended retry of transient Lambda errors, unless the program's own rules
  // already decide about them.
  static void AddLambdaRetry(std::vector<ir::RetryRule>& rules) {
    for (const ir::RetryRule& r : rules) {
      for (const std::string& e : r.errors) {
        if (e == "*" || e == "States.ALL" || e == "States.TaskFailed") goto insert_before_all;
        for (const std::string& t : LambdaTransientErrors()) {
          if (e == t) return;
        }
      }
    }
  insert_before_all:
    ir::RetryRule rule;
    rule.errors = LambdaTransientErrors();
    rule.attempts = 3;
    rule.interval_seconds = 1;
    rule.backoff = 2;
    rule.jitter = true;
    // Retry rules are tried in order and a catch-all must come last.
    auto pos = std::find_if(rules.begin(), rules.end(), [](const ir::RetryRule& r) {
      return std::find(r.errors.begin(), r.errors.end(), "*") != r.errors.end() ||
             std::find(r.errors.begin(), r.errors.end(), "States.ALL") != r.errors.end();
    });
    rules.insert(pos, std::move(rule));
  }

  Context& ctx_;
  ir::FlowId id_;
  ir::Flow& flow_;
  ir::StateGraph& g_;

 public:
  const ast::FlowDecl* decl_ = nullptr;
};

}  // namespace

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

void LowerFlowBody(Context& ctx, ir::FlowId id, const ast::FlowDecl& decl) {
  FlowLowerer lowerer(ctx, id);
  lowerer.decl_ = &decl;
  lowerer.Run(decl);
}

}  // namespace caios::lower
