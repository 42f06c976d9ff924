// Flow lowering: the flow's entry, blocks, and the statements that shape control flow (let,
// if, switch, while, wait, fail, return, try).
#include <algorithm>

#include "compiler/base/invariant.h"
#include "compiler/lower/flow_lowerer.h"
#include "compiler/lower/run_length.h"
#include "compiler/lower/values.h"

namespace caios::lower {

using ir::State;
using ir::StateId;
namespace {

using ir::ValueKind;

// Whether a catch edge takes `error` (States.TaskFailed takes all but States.Timeout).
bool Matches(const ir::CatchEdge& edge, const std::string& error) {
  for (const std::string& e : edge.errors) {
    if (e == "*" || e == "States.ALL" || e == error) return true;
    if (e == "States.TaskFailed" && error != "States.Timeout") return true;
  }
  return false;
}

}  // namespace

void FlowLowerer::Run(const ast::FlowDecl& decl) {
  Scope scope;
  scope.graph = NewGraph();
  scope.end = NewEnd(scope.graph, decl.body.span);
  StateId body = LowerBlock(decl.body, scope.end, scope);
  if (flow_.params.empty()) {
    g_.graphs[scope.graph].start = body;
    return;
  }
  // The execution input holds one field per parameter: bind them to variables first.
  StateId start = NewState(State::Kind::kAssign, "Start", decl.name.span, scope.graph);
  for (const ir::Param& p : flow_.params) {
    if (flow_.batch_input) {
      // A batch of records: the whole input is the first parameter; the others (optional,
      // or E0607) are null.
      const bool first = &p == &flow_.params.front();
      At(start).assign.push_back(
          {p.name, first ? ir::MakeValue(ValueKind::kInput, p.type)
                         : ir::MakeValue(ValueKind::kNull, ctx_.model.types.Null())});
      continue;
    }
    ir::ValuePtr field = ir::MakeValue(ValueKind::kField, p.type);
    field->text = p.name;
    field->children.push_back(ir::MakeValue(ValueKind::kInput, ctx_.model.types.Json()));
    if (p.optional) field = OrNull(std::move(field), p.type);
    At(start).assign.push_back({p.name, std::move(field)});
  }
  At(start).next = body;
  g_.graphs[scope.graph].start = start;
}

uint32_t FlowLowerer::NewGraph() {
  g_.graphs.emplace_back();
  return static_cast<uint32_t>(g_.graphs.size() - 1);
}

StateId FlowLowerer::NewState(State::Kind kind, std::string name, Span span, uint32_t graph) {
  StateId id{static_cast<uint32_t>(g_.states.size())};
  State& s = g_.states.emplace_back();
  s.kind = kind;
  s.name = std::move(name);
  s.span = span;
  g_.graphs[graph].states.push_back(id);
  return id;
}

StateId FlowLowerer::NewEnd(uint32_t graph, Span span) {
  StateId end = NewState(State::Kind::kSucceed, "Done", Span{span.file, span.end, span.end}, graph);
  At(end).output = ir::MakeValue(ValueKind::kNull, types().Null());
  return end;
}

ir::ValuePtr FlowLowerer::OrNull(ir::ValuePtr value, types::TypeId type) {
  ir::ValuePtr v = ir::MakeValue(ValueKind::kBinary, type);
  v->binary_op = ir::BinaryOp::kCoalesce;
  v->children.push_back(std::move(value));
  v->children.push_back(ir::MakeValue(ValueKind::kNull, types().Null()));
  return v;
}

std::string FlowLowerer::SourceText(Span span) const {
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

StateId FlowLowerer::LowerBlock(const ast::Block& block, StateId next, Scope& scope) {
  for (auto it = block.stmts.rbegin(); it != block.stmts.rend(); ++it) {
    next = LowerStmt(**it, next, scope);
  }
  return next;
}

StateId FlowLowerer::LowerStmt(const ast::Stmt& stmt, StateId next, Scope& scope) {
  using K = ast::StmtKind;
  switch (stmt.kind) {
    case K::kLet: {
      const auto& s = static_cast<const ast::LetStmt&>(stmt);
      const check::Variable* v = ctx_.model.VariableOf(&stmt);
      return LowerRhs(s.value, {s.name.text, v ? v->type : types().Json()}, stmt.span, next, scope);
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
      return LowerParallel(static_cast<const ast::ParallelStmt&>(stmt), std::nullopt, next, scope);
    case K::kTry:
      return LowerTry(static_cast<const ast::TryStmt&>(stmt), next, scope);
    case K::kFail:
      return LowerFail(static_cast<const ast::FailStmt&>(stmt), scope);
    case K::kReturn:
      return LowerReturn(static_cast<const ast::ReturnStmt&>(stmt), scope);
    case K::kYield: {
      const auto& s = static_cast<const ast::YieldStmt&>(stmt);
      StateId y = NewState(State::Kind::kSucceed, "Yield", stmt.span, scope.graph);
      At(y).output = LowerValue(ctx_, *s.value);
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

StateId FlowLowerer::LowerRhs(const ast::Rhs& rhs, const Target& var, Span span, StateId next,
                              Scope& scope) {
  if (rhs.compound) {
    if (rhs.compound->kind == ast::StmtKind::kFor) {
      return LowerFor(static_cast<const ast::ForStmt&>(*rhs.compound), var, next, scope);
    }
    return LowerParallel(static_cast<const ast::ParallelStmt&>(*rhs.compound), var, next, scope);
  }
  if (IsTask(*rhs.expr)) return LowerTask(*rhs.expr, rhs.clauses, span, var, false, next, scope);
  StateId pass = NewState(State::Kind::kAssign, "Set " + var.name, span, scope.graph);
  At(pass).assign.push_back({var.name, LowerValue(ctx_, *rhs.expr)});
  At(pass).next = next;
  return pass;
}

StateId FlowLowerer::LowerIf(const ast::IfStmt& s, StateId next, Scope& scope) {
  StateId choice =
      NewState(State::Kind::kBranch, "If " + SourceText(s.arms[0].cond->span), s.span, scope.graph);
  for (const ast::IfArm& arm : s.arms) {
    StateId body = LowerBlock(arm.body, next, scope);
    At(choice).rules.push_back({LowerValue(ctx_, *arm.cond), body});
  }
  StateId otherwise = s.else_body ? LowerBlock(*s.else_body, next, scope) : next;
  At(choice).default_next = otherwise;
  return choice;
}

StateId FlowLowerer::LowerSwitch(const ast::SwitchStmt& s, StateId next, Scope& scope) {
  StateId choice =
      NewState(State::Kind::kBranch, "Switch " + SourceText(s.subject->span), s.span, scope.graph);
  for (const ast::SwitchCase& c : s.cases) {
    ir::ValuePtr cond;
    for (const ast::ExprPtr& value : c.values) {
      ir::ValuePtr eq = ir::MakeValue(ValueKind::kBinary, types().Bool(), value->span);
      eq->binary_op = ir::BinaryOp::kEq;
      eq->children.push_back(LowerValue(ctx_, *s.subject));
      eq->children.push_back(LowerValue(ctx_, *value));
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

StateId FlowLowerer::LowerWhile(const ast::WhileStmt& s, StateId next, Scope& scope) {
  StateId test =
      NewState(State::Kind::kBranch, "While " + SourceText(s.cond->span), s.span, scope.graph);
  Scope inner = scope;
  inner.break_target = next;
  inner.continue_target = test;
  StateId body = LowerBlock(s.body, test, inner);
  At(test).rules.push_back({LowerValue(ctx_, *s.cond), body});
  At(test).default_next = next;
  return test;
}

StateId FlowLowerer::LowerWait(const ast::WaitStmt& s, StateId next, Scope& scope) {
  StateId wait = NewState(State::Kind::kWait, SourceText(s.span), s.span, scope.graph);
  switch (s.mode) {
    case ast::WaitStmt::Mode::kDuration:
      At(wait).wait_seconds = Seconds(s.duration);
      break;
    case ast::WaitStmt::Mode::kSeconds:
      At(wait).wait_seconds_value = LowerValue(ctx_, *s.expr);
      break;
    case ast::WaitStmt::Mode::kUntil:
      At(wait).wait_until = LowerValue(ctx_, *s.expr);
      break;
  }
  At(wait).next = next;
  return wait;
}

StateId FlowLowerer::LowerFail(const ast::FailStmt& s, Scope& scope) {
  ir::ValuePtr cause = s.cause ? LowerValue(ctx_, *s.cause) : nullptr;
  // Inside a `try` whose catch takes this error, go straight to the handler.
  for (const ir::CatchEdge& edge : scope.catches) {
    if (!Matches(edge, s.error.text)) continue;
    StateId pass = NewState(State::Kind::kAssign, "Fail " + s.error.text, s.span, scope.graph);
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

StateId FlowLowerer::LowerReturn(const ast::ReturnStmt& s, Scope& scope) {
  if (s.value && IsTask(*s.value)) {
    return LowerTask(*s.value, ast::TaskClauses{}, s.span, std::nullopt, true, StateId{}, scope);
  }
  StateId done = NewState(State::Kind::kSucceed, "Return", s.span, scope.graph);
  At(done).output =
      s.value ? LowerValue(ctx_, *s.value) : ir::MakeValue(ValueKind::kNull, types().Null());
  return done;
}

StateId FlowLowerer::LowerTry(const ast::TryStmt& s, StateId next, Scope& scope) {
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

void LowerFlowBody(const Context& ctx, ir::FlowId id, const ast::FlowDecl& decl,
                   std::vector<ir::Access>& accesses) {
  FlowLowerer lowerer(ctx, id, accesses);
  lowerer.decl_ = &decl;
  lowerer.Run(decl);
  // Counted here, with the body: flows are lowered in parallel (lower.cpp).
  ctx.app.flows[id.index].run_length = MeasureRunLength(decl);
}

}  // namespace caios::lower
