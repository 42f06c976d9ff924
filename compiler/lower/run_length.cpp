#include "compiler/lower/run_length.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace caios {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// Saturating arithmetic: a loop of 10^18 iterations inside another must not overflow.
int64_t Add(int64_t a, int64_t b) { return a > kMax - b ? kMax : a + b; }
int64_t Mul(int64_t a, int64_t b) { return a != 0 && b > kMax / a ? kMax : a * b; }

// The steps of a part of the flow: `tasks` act on something else (a call, a resource
// operation, a run), `steps` are the other states (docs/architecture.md, "Run length").
// `runs`: the tasks among them that run a nested flow and wait for it.
struct Count {
  int64_t tasks = 0, steps = 0, runs = 0;
  Count& operator+=(const Count& o) {
    tasks = Add(tasks, o.tasks);
    steps = Add(steps, o.steps);
    runs = Add(runs, o.runs);
    return *this;
  }
  Count Times(int64_t n) const { return {Mul(tasks, n), Mul(steps, n), Mul(runs, n)}; }
};
constexpr Count kTask{1, 0, 0};
constexpr Count kRun{1, 0, 1};
constexpr Count kStep{0, 1, 0};
Count Steps(int64_t n) { return {0, n, 0}; }

const ast::NameExpr* AsName(const ast::Expr* e) {
  return e && e->kind == ast::ExprKind::kName ? static_cast<const ast::NameExpr*>(e) : nullptr;
}
std::optional<int64_t> AsInt(const ast::Expr* e) {
  if (e && e->kind == ast::ExprKind::kInt) return static_cast<const ast::IntExpr*>(e)->value;
  return std::nullopt;
}

// `v = v + c` at the top level of `body`: the loop counter's step.
std::optional<int64_t> StepOf(const ast::Block& body, const std::string& v) {
  std::optional<int64_t> step;
  for (const ast::StmtPtr& s : body.stmts) {
    if (s->kind != ast::StmtKind::kAssign) continue;
    const auto& a = static_cast<const ast::AssignStmt&>(*s);
    const ast::NameExpr* target = AsName(a.target.get());
    if (!target || target->name.text != v) continue;
    if (step || !a.value.expr || a.value.expr->kind != ast::ExprKind::kBinary) return std::nullopt;
    const auto& b = static_cast<const ast::BinaryExpr&>(*a.value.expr);
    const ast::NameExpr* lhs = AsName(b.lhs.get());
    std::optional<int64_t> c = AsInt(b.rhs.get());
    if (b.op != ast::BinaryOp::kAdd || !lhs || lhs->name.text != v || !c || *c <= 0) {
      return std::nullopt;
    }
    step = c;
  }
  return step;
}

// The literal a variable holds when the loop starts: its last `let`/assignment before the loop
// in the enclosing block.
std::optional<int64_t> StartOf(const ast::Block& block, size_t loop_index, const std::string& v) {
  for (size_t i = loop_index; i-- > 0;) {
    const ast::Stmt& s = *block.stmts[i];
    if (s.kind == ast::StmtKind::kLet) {
      const auto& l = static_cast<const ast::LetStmt&>(s);
      if (l.name.text == v) return AsInt(l.value.expr.get());
    } else if (s.kind == ast::StmtKind::kAssign) {
      const auto& a = static_cast<const ast::AssignStmt&>(s);
      const ast::NameExpr* t = AsName(a.target.get());
      if (t && t->name.text == v) return AsInt(a.value.expr.get());
    } else if (s.kind != ast::StmtKind::kExpr && s.kind != ast::StmtKind::kWait) {
      return std::nullopt;  // a compound statement might change it
    }
  }
  return std::nullopt;
}

// `v < N`, `v <= N` (a loop condition) or `v >= N`, `v > N` (an exit test): the counter and the
// number of iterations from `start` in steps of `step`.
std::optional<int64_t> Iterations(const ast::Expr& cond, bool exit_test, const ast::Block& block,
                                  size_t loop_index, const ast::Block& body) {
  if (cond.kind != ast::ExprKind::kBinary) return std::nullopt;
  const auto& b = static_cast<const ast::BinaryExpr&>(cond);
  const ast::NameExpr* v = AsName(b.lhs.get());
  std::optional<int64_t> limit = AsInt(b.rhs.get());
  if (!v || !limit) return std::nullopt;
  using Op = ast::BinaryOp;
  bool inclusive;
  if (!exit_test && (b.op == Op::kLt || b.op == Op::kLe)) {
    inclusive = b.op == Op::kLe;
  } else if (exit_test && (b.op == Op::kGe || b.op == Op::kGt)) {
    inclusive = b.op == Op::kGt;
  } else {
    return std::nullopt;
  }
  std::optional<int64_t> start = StartOf(block, loop_index, v->name.text);
  std::optional<int64_t> step = StepOf(body, v->name.text);
  if (!start || !step) return std::nullopt;
  // The literals may be anywhere in int64's range: saturate instead of overflowing.
  int64_t span = 0;
  if (__builtin_sub_overflow(*limit, *start, &span) ||
      __builtin_add_overflow(span, inclusive ? 1 : 0, &span)) {
    return *limit > *start ? kMax : (exit_test ? 1 : 0);
  }
  if (span <= 0) return exit_test ? 1 : 0;
  return Add(span / *step + (span % *step != 0 ? 1 : 0), exit_test ? 1 : 0);
}

bool EndsLoop(const ast::Block& b) {
  if (b.stmts.empty()) return false;
  ast::StmtKind k = b.stmts.back()->kind;
  return k == ast::StmtKind::kBreak || k == ast::StmtKind::kFail || k == ast::StmtKind::kReturn;
}

// Counts the steps of the longest run. Alternatives (the arms of an `if`, the handlers of a
// `try`) count as the most tasks and the most other steps of any of them: an upper bound
// whatever a target weighs a task against another step.
class Estimator {
 public:
  explicit Estimator(std::vector<ir::RunLength::Unbounded>& unbounded) : unbounded_(unbounded) {}

  Count Block(const ast::Block& block) {
    Count total;
    for (size_t i = 0; i < block.stmts.size(); ++i) total += Stmt(*block.stmts[i], block, i);
    return total;
  }

 private:
  static bool IsTaskExpr(const ast::Expr* e) {
    return e && (e->kind == ast::ExprKind::kCall || e->kind == ast::ExprKind::kPrefix);
  }
  // `run f(x)` of a flow (a named callee; `run aws.…` is a job of another service).
  static bool IsRunOfFlow(const ast::Expr* e) {
    if (!e || e->kind != ast::ExprKind::kPrefix) return false;
    const auto& p = static_cast<const ast::PrefixExpr&>(*e);
    if (p.op != ast::PrefixOp::kRun || !p.operand || p.operand->kind != ast::ExprKind::kCall) {
      return false;
    }
    const auto& call = static_cast<const ast::CallExpr&>(*p.operand);
    return call.callee && call.callee->kind == ast::ExprKind::kName;
  }
  static Count TaskOrNothing(const ast::Expr* e, Count otherwise) {
    return IsRunOfFlow(e) ? kRun : IsTaskExpr(e) ? kTask : otherwise;
  }
  static Count Max(const Count& a, const Count& b) {
    return {std::max(a.tasks, b.tasks), std::max(a.steps, b.steps), std::max(a.runs, b.runs)};
  }

  Count Rhs(const ast::Rhs& rhs) {
    if (rhs.compound) {
      ast::Block wrapper;
      return Stmt(*rhs.compound, wrapper, 0);
    }
    return TaskOrNothing(rhs.expr.get(), kStep);
  }

  Count Stmt(const ast::Stmt& s, const ast::Block& block, size_t index) {
    using K = ast::StmtKind;
    switch (s.kind) {
      case K::kLet:
        return Rhs(static_cast<const ast::LetStmt&>(s).value);
      case K::kAssign:
        return Rhs(static_cast<const ast::AssignStmt&>(s).value);
      case K::kExpr:
        return TaskOrNothing(static_cast<const ast::ExprStmt&>(s).expr.get(), Count{});
      case K::kIf: {
        const auto& i = static_cast<const ast::IfStmt&>(s);
        Count worst = i.else_body ? Block(*i.else_body) : Count{};
        for (const ast::IfArm& arm : i.arms) worst = Max(worst, Block(arm.body));
        return worst += kStep;
      }
      case K::kSwitch: {
        const auto& w = static_cast<const ast::SwitchStmt&>(s);
        Count worst = w.default_body ? Block(*w.default_body) : Count{};
        for (const ast::SwitchCase& c : w.cases) worst = Max(worst, Block(c.body));
        return worst += kStep;
      }
      case K::kReturn:
        return TaskOrNothing(static_cast<const ast::ReturnStmt&>(s).value.get(), kStep);
      case K::kWhile:
        return While(static_cast<const ast::WhileStmt&>(s), block, index);
      case K::kFor: {
        const auto& f = static_cast<const ast::ForStmt&>(s);
        // A distributed loop's iterations are runs of their own.
        if (f.distributed()) return Steps(2);
        int64_t n = 1;
        if (f.iterable->kind == ast::ExprKind::kArray) {
          n = static_cast<int64_t>(static_cast<const ast::ArrayExpr&>(*f.iterable).elements.size());
        }
        Count iteration = Block(f.body);
        iteration += Steps(2);
        Count total = Steps(2);
        return total += iteration.Times(n);
      }
      case K::kParallel: {
        Count total = Steps(2);
        for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(s).branches) {
          total += Block(b.body);
          total += kStep;
        }
        return total;
      }
      case K::kTry: {
        const auto& t = static_cast<const ast::TryStmt&>(s);
        Count worst;
        for (const ast::CatchClause& c : t.catches) worst = Max(worst, Block(c.body));
        Count total = Block(t.body);
        return total += worst;
      }
      default:
        return kStep;
    }
  }

  Count While(const ast::WhileStmt& w, const ast::Block& block, size_t index) {
    std::optional<int64_t> n = Iterations(*w.cond, false, block, index, w.body);
    if (!n) {
      // An exit test at the top level of the body bounds the loop as well.
      for (const ast::StmtPtr& s : w.body.stmts) {
        if (s->kind != ast::StmtKind::kIf) continue;
        const auto& i = static_cast<const ast::IfStmt&>(*s);
        if (i.arms.size() != 1 || !EndsLoop(i.arms[0].body)) continue;
        if ((n = Iterations(*i.arms[0].cond, true, block, index, w.body))) break;
      }
    }
    // Reserve the loop's place in source order before its body adds nested ones.
    size_t slot = unbounded_.size();
    if (!n) unbounded_.push_back({w.cond->span, 0, 0, 0});
    Count iteration = Block(w.body);
    iteration += kStep;
    if (!n) {
      unbounded_[slot].tasks = iteration.tasks;
      unbounded_[slot].steps = iteration.steps;
      unbounded_[slot].runs = iteration.runs;
      n = 1;
    }
    Count total = kStep;
    return total += iteration.Times(*n);
  }

  std::vector<ir::RunLength::Unbounded>& unbounded_;
};

}  // namespace

ir::RunLength MeasureRunLength(const ast::FlowDecl& flow) {
  ir::RunLength result;
  Count total = Estimator(result.unbounded).Block(flow.body);
  result.tasks = total.tasks;
  result.steps = total.steps;
  result.runs = total.runs;
  return result;
}

}  // namespace caios
