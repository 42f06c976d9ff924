// Checks narrow (docs/language.md, "Null checks narrow" and "Type tests"): after `x != null`
// holds, `x` (a variable or a field path `x.a.b`) has type `T` instead of `T?` in the code the
// check guards, and after a type test such as `is_string(x)` holds, `x` of type `json` (or
// `T?`) has the tested type there — the then-branch of `x != null`, the else-branch of `x == null`,
// the right side of `and`/`or`, and the rest of a block after `if x == null { return }`. An
// assignment to the variable ends its facts; a loop forgets, before its body, the facts about the
// variables the body assigns (the body may run again after the assignment).
//
// The facts only change the types the checker records, which both backends read: a narrowed
// value is present and not null when the state runs, so it is read directly.
#include <algorithm>
#include <unordered_set>

#include "compiler/check/checker.h"
#include "compiler/check/terminates.h"

namespace caios::check {

namespace {

// The variable name and field path of `x`, `x.a`, `x.a.b`; false for any other expression.
bool PathOf(const ast::Expr& expr, std::string& name, std::string& path) {
  const ast::Expr* e = &expr;
  std::string fields;
  while (e->kind == ast::ExprKind::kField) {
    const auto& f = static_cast<const ast::FieldExpr&>(*e);
    fields = "." + f.field.text + fields;
    e = f.object.get();
  }
  if (e->kind != ast::ExprKind::kName) return false;
  name = static_cast<const ast::NameExpr&>(*e).name.text;
  path = std::move(fields);
  return true;
}

void CollectAssigned(const ast::Block& block, std::unordered_set<std::string>& out);

void CollectAssigned(const ast::Stmt& stmt, std::unordered_set<std::string>& out) {
  auto rhs = [&](const ast::Rhs& r) {
    if (r.compound) CollectAssigned(*r.compound, out);
  };
  switch (stmt.kind) {
    case ast::StmtKind::kLet:
      rhs(static_cast<const ast::LetStmt&>(stmt).value);
      break;
    case ast::StmtKind::kAssign: {
      const auto& s = static_cast<const ast::AssignStmt&>(stmt);
      if (s.target->kind == ast::ExprKind::kName) {
        out.insert(static_cast<const ast::NameExpr&>(*s.target).name.text);
      }
      rhs(s.value);
      break;
    }
    case ast::StmtKind::kIf: {
      const auto& s = static_cast<const ast::IfStmt&>(stmt);
      for (const ast::IfArm& arm : s.arms) CollectAssigned(arm.body, out);
      if (s.else_body) CollectAssigned(*s.else_body, out);
      break;
    }
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      for (const ast::SwitchCase& c : s.cases) CollectAssigned(c.body, out);
      if (s.default_body) CollectAssigned(*s.default_body, out);
      break;
    }
    case ast::StmtKind::kWhile:
      CollectAssigned(static_cast<const ast::WhileStmt&>(stmt).body, out);
      break;
    case ast::StmtKind::kFor:
      CollectAssigned(static_cast<const ast::ForStmt&>(stmt).body, out);
      break;
    case ast::StmtKind::kParallel:
      for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(stmt).branches) {
        CollectAssigned(b.body, out);
      }
      break;
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      CollectAssigned(s.body, out);
      for (const ast::CatchClause& c : s.catches) CollectAssigned(c.body, out);
      break;
    }
    default:
      break;
  }
}

void CollectAssigned(const ast::Block& block, std::unordered_set<std::string>& out) {
  for (const ast::StmtPtr& s : block.stmts) CollectAssigned(*s, out);
}

}  // namespace

std::vector<Checker::NonNull> Checker::NullFacts(const ast::Expr& cond, bool when_true,
                                                 int depth) const {
  constexpr int kMaxDepth = 32;
  std::vector<NonNull> facts;
  if (depth > kMaxDepth) return facts;
  if (cond.kind == ast::ExprKind::kUnary) {
    const auto& u = static_cast<const ast::UnaryExpr&>(cond);
    if (u.op == ast::UnaryOp::kNot) return NullFacts(*u.operand, !when_true, depth + 1);
    return facts;
  }
  if (cond.kind == ast::ExprKind::kCall) return TypeTestFacts(cond, when_true);
  if (cond.kind != ast::ExprKind::kBinary) return facts;
  const auto& b = static_cast<const ast::BinaryExpr&>(cond);
  using Op = ast::BinaryOp;
  // `a and b` true: both hold; `a or b` false: neither holds.
  if ((b.op == Op::kAnd && when_true) || (b.op == Op::kOr && !when_true)) {
    facts = NullFacts(*b.lhs, when_true, depth + 1);
    std::vector<NonNull> more = NullFacts(*b.rhs, when_true, depth + 1);
    facts.insert(facts.end(), more.begin(), more.end());
    return facts;
  }
  // `x != null` true, `x == null` false.
  if (!((b.op == Op::kNe && when_true) || (b.op == Op::kEq && !when_true))) return facts;
  const ast::Expr* tested = nullptr;
  if (b.rhs->kind == ast::ExprKind::kNull) tested = b.lhs.get();
  if (b.lhs->kind == ast::ExprKind::kNull) tested = b.rhs.get();
  std::string name, path;
  if (tested == nullptr || !PathOf(*tested, name, path)) return facts;
  if (const Variable* v = LookupVariable(name)) facts.push_back(NonNull{v, std::move(path)});
  return facts;
}

std::vector<Checker::NonNull> Checker::TypeTestFacts(const ast::Expr& cond, bool when_true) const {
  std::vector<NonNull> facts;
  const auto& call = static_cast<const ast::CallExpr&>(cond);
  if (call.callee->kind != ast::ExprKind::kName || call.args.size() != 1) return facts;
  const std::string& test = static_cast<const ast::NameExpr&>(*call.callee).name.text;
  std::string name, path;
  if (!PathOf(*call.args[0].value, name, path)) return facts;
  const Variable* v = LookupVariable(name);
  if (v == nullptr) return facts;
  // `is_null(x)` false: `x` is not null.
  if (test == "is_null") {
    if (!when_true) facts.push_back(NonNull{v, std::move(path)});
    return facts;
  }
  if (!when_true) return facts;
  TypeId as = TypeTestType(test);
  if (as != nullptr) facts.push_back(NonNull{v, std::move(path), false, as});
  return facts;
}

TypeId Checker::TypeTestType(std::string_view test) const {
  if (test == "is_string" || test == "is_timestamp") return types_.String();
  if (test == "is_number") return types_.Number();
  if (test == "is_int") return types_.Int();
  if (test == "is_bool") return types_.Bool();
  if (test == "is_array") return types_.Array(types_.Json());
  return nullptr;  // is_object: still json; another call: no test
}

void Checker::PushGuardFacts(std::vector<NonNull> facts) {
  for (NonNull& f : facts) f.guard = true;
  PushFacts(std::move(facts));
}

namespace {

// What a fact makes of `type`: a test's type where the value's own type allows it, else
// `type` without its `?`. Null: the fact says nothing more about a value of this type.
TypeId Apply(TypeId type, TypeId as) {
  TypeId base = TypeTable::StripOptional(type);
  const bool optional = type->is(TypeKind::kOptional);
  if (as == nullptr) return optional ? base : nullptr;
  if (base->is(TypeKind::kJson)) return as;
  // A number that is an int (`is_int(n)`); an int is a number already.
  if (base->is(TypeKind::kNumber) && as->is(TypeKind::kInt)) return as;
  if (base->kind == as->kind || (base->is(TypeKind::kInt) && as->is(TypeKind::kNumber))) {
    return optional ? base : nullptr;
  }
  return nullptr;
}

}  // namespace

TypeId Checker::Narrow(const ast::Expr& expr, TypeId type) const {
  if (narrowed_.empty()) return type;
  if (!type->is(TypeKind::kOptional) && !type->is(TypeKind::kJson) &&
      !type->is(TypeKind::kNumber)) {
    return type;
  }
  std::string name, path;
  if (!PathOf(expr, name, path)) return type;
  const Variable* v = LookupVariable(name);
  if (v == nullptr) return type;
  // The facts in order, each applied to what the ones before made of the type; once with all
  // of them, once with those of statements only (not of an `and`/`or` guard).
  TypeId all = type, statements = type;
  for (const std::vector<NonNull>& frame : narrowed_) {
    for (const NonNull& f : frame) {
      if (f.var != v || f.path != path) continue;
      if (TypeId next = Apply(all, f.as)) all = next;
      if (f.guard) continue;
      if (TypeId next = Apply(statements, f.as)) statements = next;
    }
  }
  if (all != statements) model_.guard_narrowed.insert(&expr);
  return all;
}

void Checker::Forget(std::string_view variable) {
  for (std::vector<NonNull>& frame : narrowed_) {
    std::erase_if(frame, [&](const NonNull& f) { return f.var->name == variable; });
  }
}

void Checker::ForgetAssigned(const ast::Block& block) {
  if (narrowed_.empty()) return;
  std::unordered_set<std::string> assigned;
  CollectAssigned(block, assigned);
  for (const std::string& name : assigned) Forget(name);
}

void Checker::CheckIf(const ast::IfStmt& stmt) {
  // The facts of the conditions that are false when a later arm is tested.
  PushFacts({});
  // The facts on entry of each path that continues after the `if`.
  std::vector<std::vector<NonNull>> continuing;
  for (const ast::IfArm& arm : stmt.arms) {
    CheckCondition(*arm.cond);
    std::vector<NonNull> entry = narrowed_.back();
    std::vector<NonNull> when_true = NullFacts(*arm.cond, true);
    entry.insert(entry.end(), when_true.begin(), when_true.end());
    PushFacts(std::move(when_true));
    CheckScopedBlock(arm.body);
    PopFacts();
    if (!BlockTerminates(arm.body)) {
      std::unordered_set<std::string> assigned;
      CollectAssigned(arm.body, assigned);
      std::erase_if(entry, [&](const NonNull& f) { return assigned.count(f.var->name) > 0; });
      continuing.push_back(std::move(entry));
    }
    std::vector<NonNull> when_false = NullFacts(*arm.cond, false);
    narrowed_.back().insert(narrowed_.back().end(), when_false.begin(), when_false.end());
  }
  std::vector<NonNull> otherwise = narrowed_.back();
  if (stmt.else_body) {
    CheckScopedBlock(*stmt.else_body);
    if (!BlockTerminates(*stmt.else_body)) {
      std::unordered_set<std::string> assigned;
      CollectAssigned(*stmt.else_body, assigned);
      std::erase_if(otherwise, [&](const NonNull& f) { return assigned.count(f.var->name) > 0; });
      continuing.push_back(std::move(otherwise));
    }
  } else {
    continuing.push_back(std::move(otherwise));
  }
  PopFacts();
  // Only one path continues: what held on its entry holds for the rest of the block.
  if (continuing.size() == 1 && !narrowed_.empty()) {
    narrowed_.back().insert(narrowed_.back().end(), continuing[0].begin(), continuing[0].end());
  }
}

}  // namespace caios::check
