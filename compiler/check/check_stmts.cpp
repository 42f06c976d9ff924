// Flows and statements: variables and their scopes, conditions, loops, `for`/`parallel` values
// collected from `yield`, try/catch bindings, return values and task clauses.
//
// The value of `let r = for x in xs { ... yield v ... }` is an array with one element per
// iteration, typed by the common type of the yields. The value of `let r = parallel { branch {
// ... yield a } branch { ... yield b } }` is an array with one element per branch, in branch
// order; a branch without `yield` contributes null, and the element type is the common type of
// the yields (T? when some branch yields nothing, json when the yields have unrelated types).
#include <algorithm>

#include "compiler/base/invariant.h"
#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {
ExprContext Plain() { return ExprContext{}; }
ExprContext TaskPosition() {
  ExprContext ctx;
  ctx.task_allowed = true;
  return ctx;
}

// `let x = null` or `let xs = []` would fix the variable to a useless type; widen to json.
TypeId Widen(TypeTable& types, TypeId t) {
  if (t->is(TypeKind::kNull) || t->is(TypeKind::kNever)) return types.Json();
  if (t->is(TypeKind::kArray) && t->element->is(TypeKind::kNever)) {
    return types.Array(types.Json());
  }
  return t;
}

Span ClausesSpan(const ast::TaskClauses& clauses) {
  if (!clauses.retries.empty()) return clauses.retries.front().span;
  if (clauses.timeout) return clauses.timeout->span;
  if (clauses.heartbeat) return clauses.heartbeat->span;
  if (clauses.name) return clauses.name->span;
  if (clauses.details) return *clauses.details;
  return Span{};
}
}  // namespace

void Checker::CollectNames(const ast::Block& block) {
  for (const ast::StmtPtr& s : block.stmts) CollectNames(*s);
}

void Checker::CollectNames(const ast::Stmt& stmt) {
  auto note = [&](const ast::Ident& id) { flow_names_.emplace(id.text, id.span); };
  auto rhs = [&](const ast::Rhs& r) {
    if (r.compound) CollectNames(*r.compound);
  };
  switch (stmt.kind) {
    case ast::StmtKind::kLet: {
      const auto& let = static_cast<const ast::LetStmt&>(stmt);
      note(let.name);
      rhs(let.value);
      break;
    }
    case ast::StmtKind::kAssign:
      rhs(static_cast<const ast::AssignStmt&>(stmt).value);
      break;
    case ast::StmtKind::kIf: {
      const auto& s = static_cast<const ast::IfStmt&>(stmt);
      for (const ast::IfArm& arm : s.arms) CollectNames(arm.body);
      if (s.else_body) CollectNames(*s.else_body);
      break;
    }
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      for (const ast::SwitchCase& c : s.cases) CollectNames(c.body);
      if (s.default_body) CollectNames(*s.default_body);
      break;
    }
    case ast::StmtKind::kWhile:
      CollectNames(static_cast<const ast::WhileStmt&>(stmt).body);
      break;
    case ast::StmtKind::kFor: {
      const auto& s = static_cast<const ast::ForStmt&>(stmt);
      note(s.var);
      CollectNames(s.body);
      break;
    }
    case ast::StmtKind::kParallel:
      for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(stmt).branches) {
        CollectNames(b.body);
      }
      break;
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      CollectNames(s.body);
      for (const ast::CatchClause& c : s.catches) {
        if (c.binding) note(*c.binding);
        CollectNames(c.body);
      }
      break;
    }
    default:
      break;
  }
}

void Checker::CheckFlow(const ast::FlowDecl& flow) {
  flow_ = &flow;
  FlowInfo& info = model_.flows[&flow];
  flow_info_ = &info;
  info.symbol = model_.symbol_of.count(&flow) ? model_.symbol_of.at(&flow) : nullptr;
  flow_signature_ = &model_.signatures.at(&flow);
  scopes_.clear();
  flow_names_.clear();
  collectors_.clear();
  narrowed_.clear();
  saw_task_token_ = false;
  CollectNames(flow.body);
  PushScope();
  for (const ParamInfo& p : flow_signature_->params) {
    Variable* v = model_.NewVariable();
    v->kind = Variable::Kind::kParam;
    v->name = p.name;
    v->span = p.span;
    // An optional parameter may be missing from the input: inside the flow it is `T?`.
    v->type = p.optional ? types_.Optional(p.type) : p.type;
    v->flow = &flow;
    scopes_.back().emplace(p.name, v);
    info.variables.push_back(v);
  }
  CheckBlock(flow.body);
  PopScope();
  if (flow.test) CheckTestMocks(flow);
  flow_ = nullptr;
  flow_info_ = nullptr;
  flow_signature_ = nullptr;
}

Variable* Checker::DeclareVariable(Variable::Kind kind, const ast::Ident& name, TypeId type,
                                   const ast::Stmt* stmt) {
  CheckReservedName(name, "variable");
  if (const Variable* outer = LookupVariable(name.text)) {
    Error(name.span, diag::AlreadyDeclaredThisFlow, name.text)
        .Label(outer->span,
               outer->kind == Variable::Kind::kParam ? "the parameter" : "the earlier declaration")
        .Note("assign the existing variable (`" + name.text + " = ...`) or choose another name");
  }
  Variable* v = model_.NewVariable();
  v->kind = kind;
  v->name = name.text;
  v->span = name.span;
  v->type = type;
  v->flow = flow_;
  v->stmt = stmt;
  scopes_.back()[name.text] = v;
  flow_info_->variables.push_back(v);
  return v;
}

void Checker::CheckScopedBlock(const ast::Block& block) {
  PushScope();
  CheckBlock(block);
  PopScope();
}

void Checker::CheckBlock(const ast::Block& block) {
  PushFacts({});  // what `if x == null { return }` establishes holds to the end of the block
  for (const ast::StmtPtr& s : block.stmts) CheckStmt(*s);
  PopFacts();
}

void Checker::CheckCondition(const ast::Expr& cond) {
  TypeId t = CheckExpr(cond, Plain());
  if (t->is(TypeKind::kBool) || t->is(TypeKind::kJson) || t->is_unknown()) return;
  auto& d = Error(cond.span, diag::ConditionTypeExpectedBool, Str(t));
  if (t->is(TypeKind::kOptional) || t->is(TypeKind::kNull)) {
    d.Note("test for a value with `x != null`");
  } else if (t->is(TypeKind::kArray) || t->is_stringish()) {
    d.Note("test the length with `len(x) > 0`");
  } else {
    d.Note("there is no truthiness; compare explicitly");
  }
}

void Checker::CheckClauses(const ast::TaskClauses& clauses, const ast::Expr* task, Span where) {
  if (clauses.empty()) return;
  bool is_task = task != nullptr && task->kind == ast::ExprKind::kPrefix;
  if (task != nullptr && task->kind == ast::ExprKind::kCall) {
    const CallInfo* call = model_.Call(static_cast<const ast::CallExpr*>(task));
    is_task = call == nullptr || call->kind != CallInfo::Kind::kBuiltin;
  }
  if (task == nullptr || task->kind == ast::ExprKind::kError) is_task = true;  // parse error
  const bool only_name = clauses.name && clauses.retries.empty() && !clauses.timeout &&
                         !clauses.heartbeat && !clauses.details;
  if (!is_task && only_name) {
    auto& d = Error(clauses.name->span, diag::ExecutionNameOnlyForFlows);
    if (task != nullptr) d.Label(task->span, "this starts no execution");
  } else if (!is_task) {
    auto& d = Error(ClausesSpan(clauses).valid() ? ClausesSpan(clauses) : where,
                    diag::RetryTimeoutHeartbeatApplyOnly);
    if (task != nullptr) {
      d.Label(task->span, task->kind == ast::ExprKind::kCall
                              ? "a builtin call is evaluated in an expression, not a task"
                              : "this is not a call, so it compiles to no task");
    }
    d.Note("calls of functions, resources, `aws`, `http`, `run`, `start` and `await` are tasks");
  }
  for (const ast::RetrySpec& r : clauses.retries) CheckRetrySpec(r);
  for (const auto* t : {&clauses.timeout, &clauses.heartbeat}) {
    if (*t && (*t)->seconds) CheckExpr(*(*t)->seconds, Plain(), types_.Int());
  }
  if (clauses.name) {
    if (clauses.name->value) CheckExpr(*clauses.name->value, Plain(), types_.String());
    // Only a flow's execution has a name to give: `run f(x)`, `start f(x)`, `await f(x)`.
    const ast::Expr* call = task;
    if (call != nullptr && call->kind == ast::ExprKind::kPrefix) {
      call = static_cast<const ast::PrefixExpr*>(call)->operand.get();
    }
    const CallInfo* info = call != nullptr && call->kind == ast::ExprKind::kCall
                               ? model_.Call(static_cast<const ast::CallExpr*>(call))
                               : nullptr;
    if (is_task && task != nullptr && info != nullptr && info->kind != CallInfo::Kind::kFlow) {
      Error(clauses.name->span, diag::ExecutionNameOnlyForFlows)
          .Label(call->span, "this call starts no execution")
          .Note("`name` names the execution of a flow that `run` or `start` begins");
    }
  }
  if (clauses.details && is_task && task != nullptr && !RunsFlow(task)) {
    Error(*clauses.details, diag::DetailsOnlyForRun)
        .Label(task->span, "this runs no child execution to describe")
        .Note("only `run f(x)` of a flow waits for the child and gets its description");
  }
}

bool Checker::RunsFlow(const ast::Expr* task) const {
  if (task == nullptr || task->kind != ast::ExprKind::kPrefix) return false;
  const auto& prefix = static_cast<const ast::PrefixExpr&>(*task);
  if (prefix.op != ast::PrefixOp::kRun || prefix.operand->kind != ast::ExprKind::kCall) {
    return false;
  }
  const CallInfo* info = model_.Call(static_cast<const ast::CallExpr*>(prefix.operand.get()));
  return info != nullptr && info->kind == CallInfo::Kind::kFlow;
}

TypeId Checker::ExecutionDetails(TypeId output) {
  // What StartExecution `.sync:2` returns (DescribeExecution's response), in the spelling of
  // `start`'s result; the dates as Step Functions gives them (docs/language.md, section 10).
  return types_.Record({{"output", output, false},
                        {"executionArn", types_.String(), false},
                        {"name", types_.String(), false},
                        {"status", types_.String(), false},
                        {"startDate", types_.Json(), false},
                        {"stopDate", types_.Json(), false}});
}

TypeId Checker::CheckRhs(const ast::Rhs& rhs, TypeId expected) {
  if (rhs.compound) {
    TypeId t = types_.Error();
    if (rhs.compound->kind == ast::StmtKind::kFor) {
      t = CheckFor(static_cast<const ast::ForStmt&>(*rhs.compound), true);
    } else if (rhs.compound->kind == ast::StmtKind::kParallel) {
      t = CheckParallel(static_cast<const ast::ParallelStmt&>(*rhs.compound), true);
    }
    if (expected != nullptr) ExpectType(rhs.span, t, expected);
    return t;
  }
  CAIOS_CHECK_INVARIANT(rhs.expr != nullptr);
  if (rhs.clauses.details) {
    // The clause changes the result: the flow's output becomes the `output` field.
    TypeId output = CheckExpr(*rhs.expr, TaskPosition());
    CheckClauses(rhs.clauses, rhs.expr.get(), rhs.span);
    if (!RunsFlow(rhs.expr.get())) return types_.Error();
    TypeId t = ExecutionDetails(output);
    model_.expr_types[rhs.expr.get()] = t;
    if (expected != nullptr) ExpectType(rhs.span, t, expected);
    return t;
  }
  TypeId t = CheckExpr(*rhs.expr, TaskPosition(), expected);
  CheckClauses(rhs.clauses, rhs.expr.get(), rhs.span);
  return t;
}

TypeId Checker::CheckFor(const ast::ForStmt& stmt, bool collected) {
  ExprContext ctx;
  ctx.item_source = stmt.distributed();
  TypeId iterable = CheckExpr(*stmt.iterable, ctx);
  TypeId element = types_.Error();
  if (iterable->is(TypeKind::kArray)) {
    element = iterable->element->is(TypeKind::kNever) ? types_.Json() : iterable->element;
  } else if (iterable->is(TypeKind::kJson)) {
    element = types_.Json();
  } else if (!iterable->is_unknown()) {
    auto& d = Error(stmt.iterable->span, diag::IterateOverValueType, Str(iterable));
    if (iterable->is(TypeKind::kOptional) && iterable->element->is(TypeKind::kArray)) {
      d.Note("the array may be null; write `for x in (xs ?? [])`");
    } else {
      d.Note("`for` iterates over arrays; `range(0, n)` gives the numbers 0 to n-1");
    }
  }
  for (const ast::ForClause& clause : stmt.clauses) {
    if (clause.kind != ast::ForClause::Kind::kResults) continue;
    // The prefix is computed where the loop starts: outer variables, not the loop's own.
    if (clause.prefix) CheckExpr(*clause.prefix, Plain(), types_.String());
    const Symbol* bucket = LookupGlobal(clause.bucket.text);
    if (bucket == nullptr) {
      auto& d = Error(clause.bucket.span, diag::UnknownBucket, clause.bucket.text);
      std::string hint = DidYouMean(clause.bucket.text, GlobalNames([](const Symbol& s) {
                                      return s.kind == Symbol::Kind::kResource;
                                    }));
      if (!hint.empty()) d.Note(hint);
      continue;
    }
    model_.resolved[&clause.bucket] = bucket;
    if (bucket->kind != Symbol::Kind::kResource ||
        static_cast<const ast::ResourceDecl*>(bucket->decl)->resource !=
            ast::ResourceKind::kBucket) {
      Error(clause.bucket.span, diag::NotABucket, clause.bucket.text)
          .Label(bucket->span, "declared here")
          .Note("`results` writes the results of a distributed `for` to a bucket");
    }
  }
  // With `batch N` (a distributed ItemBatcher) each child iteration receives a batch of items.
  bool batched = std::any_of(stmt.clauses.begin(), stmt.clauses.end(),
                             [](const auto& c) { return c.kind == ast::ForClause::Kind::kBatch; });
  if (batched && stmt.distributed() && !element->is_unknown()) element = types_.Array(element);
  ForgetAssigned(stmt.body);
  PushScope();
  if (stmt.index) {
    // A batch has no single position (the iteration gets `Items`, not `Map.Item`).
    if (batched && stmt.distributed()) {
      Error(stmt.index->span, diag::LoopIndexOfBatch, stmt.index->text)
          .Note(
              "each iteration of a `batch` loop receives several items; number them in the "
              "body, or drop `batch`");
    }
    DeclareVariable(Variable::Kind::kForItem, *stmt.index, types_.Int(), &stmt);
  }
  Variable* v = DeclareVariable(Variable::Kind::kForItem, stmt.var, element, &stmt);
  model_.declared[&stmt] = v;
  Collector collector;
  collector.used = collected;
  collectors_.push_back(&collector);
  CheckBlock(stmt.body);
  collectors_.pop_back();
  PopScope();
  if (!collected) return nullptr;
  if (!collector.yielded) {
    Error(stmt.span, diag::UsedValueButYield)
        .Note("add `yield value` in the body to collect one value per iteration");
    return types_.Error();
  }
  return types_.Array(collector.type);
}

TypeId Checker::CheckParallel(const ast::ParallelStmt& stmt, bool collected) {
  TypeId element = types_.Never();
  bool any = false;
  for (const ast::Branch& branch : stmt.branches) {
    ForgetAssigned(branch.body);
    Collector collector;
    collector.used = collected;
    collectors_.push_back(&collector);
    CheckScopedBlock(branch.body);
    collectors_.pop_back();
    if (collector.yielded) {
      any = true;
      element = types_.Join(element, collector.type);
    } else {
      element = types_.Join(element, types_.Null());
    }
  }
  if (!collected) return nullptr;
  if (!any) {
    Error(stmt.span, diag::ParallelUsedValueButBranch)
        .Note("add `yield value` to the branches whose results you need");
    return types_.Error();
  }
  return types_.Array(element);
}

void Checker::CheckStmt(const ast::Stmt& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kLet: {
      const auto& let = static_cast<const ast::LetStmt&>(stmt);
      TypeId annotation = let.type ? ResolveTypeRef(*let.type) : nullptr;
      const ast::Ident* saved = declaring_;
      declaring_ = &let.name;
      TypeId t = CheckRhs(let.value, annotation);
      declaring_ = saved;
      Variable* v = DeclareVariable(Variable::Kind::kLet, let.name,
                                    annotation ? annotation : Widen(types_, t), &stmt);
      model_.declared[&stmt] = v;
      break;
    }
    case ast::StmtKind::kAssign: {
      const auto& assign = static_cast<const ast::AssignStmt&>(stmt);
      TypeId target = nullptr;
      if (assign.target->kind == ast::ExprKind::kName) {
        const auto& name = static_cast<const ast::NameExpr&>(*assign.target);
        if (const Variable* v = LookupVariable(name.name.text)) {
          model_.names[&name] = NameRef{v, nullptr, {}};
          target = v->type;
          RecordType(name, v->type);
        } else if (const Symbol* s = LookupGlobal(name.name.text);
                   s != nullptr && !flow_names_.count(name.name.text)) {
          Error(assign.target->span, diag::CannotBeAssigned, name.name.text, Describe(s->kind))
              .Label(s->span, "declared here")
              .Note("only variables declared with `let` and parameters can be assigned");
        } else {
          CheckName(name);  // unknown or out of scope
        }
      } else {
        CheckExpr(*assign.target, Plain());
        auto& d = Error(assign.target->span, diag::OnlyVariablesAssigned);
        if (assign.target->kind == ast::ExprKind::kField) {
          d.Note("build a new value instead, e.g. `x = merge(x, { field: value })`");
        }
      }
      // An int variable given a number: ExpectType points at its declaration.
      assigning_ = target != nullptr && target->is(TypeKind::kInt)
                       ? LookupVariable(static_cast<const ast::NameExpr&>(*assign.target).name.text)
                       : nullptr;
      CheckRhs(assign.value, target);
      assigning_ = nullptr;
      if (assign.target->kind == ast::ExprKind::kName) {
        Forget(static_cast<const ast::NameExpr&>(*assign.target).name.text);
      }
      break;
    }
    case ast::StmtKind::kExpr: {
      const auto& s = static_cast<const ast::ExprStmt&>(stmt);
      CheckExpr(*s.expr, TaskPosition());
      CheckClauses(s.clauses, s.expr.get(), s.span);
      break;
    }
    case ast::StmtKind::kIf:
      CheckIf(static_cast<const ast::IfStmt&>(stmt));
      break;
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      TypeId subject = CheckExpr(*s.subject, Plain());
      for (const ast::SwitchCase& c : s.cases) {
        for (const ast::ExprPtr& value : c.values) {
          TypeId t = CheckExpr(*value, Plain());
          if (!types_.Comparable(t, subject)) {
            Error(value->span, diag::CaseValueTypeMatchSubject, Str(t), Str(subject))
                .Label(s.subject->span, "the subject");
          }
        }
        CheckScopedBlock(c.body);
      }
      if (s.default_body) CheckScopedBlock(*s.default_body);
      break;
    }
    case ast::StmtKind::kWhile: {
      const auto& s = static_cast<const ast::WhileStmt&>(stmt);
      ForgetAssigned(s.body);
      CheckCondition(*s.cond);
      PushFacts(NullFacts(*s.cond, true));
      CheckScopedBlock(s.body);
      PopFacts();
      break;
    }
    case ast::StmtKind::kFor:
      CheckFor(static_cast<const ast::ForStmt&>(stmt), false);
      break;
    case ast::StmtKind::kParallel:
      CheckParallel(static_cast<const ast::ParallelStmt&>(stmt), false);
      break;
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      CheckScopedBlock(s.body);
      for (const ast::CatchClause& c : s.catches) {
        for (const ast::ErrorName& e : c.errors) CheckErrorName(e);
        PushScope();
        if (c.binding) {
          TypeId error = types_.Record(
              {Field{"error", types_.String(), false}, Field{"cause", types_.String(), false}});
          Variable* v = DeclareVariable(Variable::Kind::kCatchError, *c.binding, error, &stmt);
          model_.catch_bindings[&c] = v;
        }
        CheckBlock(c.body);
        PopScope();
      }
      break;
    }
    case ast::StmtKind::kFail: {
      const auto& s = static_cast<const ast::FailStmt&>(stmt);
      CheckErrorName(s.error);
      if (s.cause) CheckExpr(*s.cause, Plain(), types_.String());
      break;
    }
    case ast::StmtKind::kReturn: {
      const auto& s = static_cast<const ast::ReturnStmt&>(stmt);
      const bool declared = flow_signature_ != nullptr && flow_signature_->has_declared_result;
      if (s.value) {
        CheckExpr(*s.value, TaskPosition(), declared ? flow_signature_->result : nullptr);
      } else if (declared) {
        Error(s.span, diag::ReturnNeedsValueType, Str(flow_signature_->result))
            .Label(flow_->result ? flow_->result->span : flow_->name.span,
                   "the flow's result type");
      }
      break;
    }
    case ast::StmtKind::kYield: {
      const auto& s = static_cast<const ast::YieldStmt&>(stmt);
      TypeId t = CheckExpr(*s.value, Plain());
      if (collectors_.empty()) {
        Error(s.span, diag::YieldOutsideBodyParallelBranch)
            .Note("to end the flow with a value use `return`");
        break;
      }
      if (!collectors_.back()->used) {
        if (!collectors_.back()->discard_reported) {
          collectors_.back()->discard_reported = true;
          Error(s.span, diag::ValueYieldedButResultsEnclosing)
              .Note(
                  "bind the results: `let results = for ...` or `let results = parallel "
                  "{ ... }`");
        }
        break;
      }
      Collector& c = *collectors_.back();
      c.type = c.yielded ? types_.Join(c.type, t) : t;
      c.yielded = true;
      break;
    }
    case ast::StmtKind::kWait: {
      const auto& s = static_cast<const ast::WaitStmt&>(stmt);
      if (s.mode == ast::WaitStmt::Mode::kUntil && s.expr) {
        CheckExpr(*s.expr, Plain(), types_.String());
      } else if (s.mode == ast::WaitStmt::Mode::kSeconds && s.expr) {
        CheckExpr(*s.expr, Plain(), types_.Int());
      }
      break;
    }
    case ast::StmtKind::kBreak:
    case ast::StmtKind::kContinue:
      break;
  }
}

}  // namespace caios::check
