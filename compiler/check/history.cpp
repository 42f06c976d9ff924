#include "compiler/check/history.h"

#include <algorithm>
#include <optional>

#include "fmt/format.h"

namespace caios::check {
namespace {

// Events a state adds to the history, from the Step Functions history event types: a task is
// entered, scheduled, started, succeeds and is exited; other states are entered and exited.
constexpr int64_t kTaskEvents = 5;
constexpr int64_t kStateEvents = 2;

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
  int64_t span = *limit - *start + (inclusive ? 1 : 0);
  return std::max<int64_t>(0, (span + *step - 1) / *step) + (exit_test ? 1 : 0);
}

bool EndsLoop(const ast::Block& b) {
  if (b.stmts.empty()) return false;
  ast::StmtKind k = b.stmts.back()->kind;
  return k == ast::StmtKind::kBreak || k == ast::StmtKind::kFail || k == ast::StmtKind::kReturn;
}

class Estimator {
 public:
  Estimator(DiagnosticSink& sink, bool warn) : sink_(sink), warn_(warn) {}

  int64_t Block(const ast::Block& block) {
    int64_t total = 0;
    for (size_t i = 0; i < block.stmts.size(); ++i) total += Stmt(*block.stmts[i], block, i);
    return total;
  }

 private:
  static bool IsTaskExpr(const ast::Expr* e) {
    return e && (e->kind == ast::ExprKind::kCall || e->kind == ast::ExprKind::kPrefix);
  }

  int64_t Rhs(const ast::Rhs& rhs) {
    if (rhs.compound) {
      ast::Block wrapper;
      return Stmt(*rhs.compound, wrapper, 0);
    }
    return IsTaskExpr(rhs.expr.get()) ? kTaskEvents : kStateEvents;
  }

  int64_t Stmt(const ast::Stmt& s, const ast::Block& block, size_t index) {
    using K = ast::StmtKind;
    switch (s.kind) {
      case K::kLet:
        return Rhs(static_cast<const ast::LetStmt&>(s).value);
      case K::kAssign:
        return Rhs(static_cast<const ast::AssignStmt&>(s).value);
      case K::kExpr:
        return IsTaskExpr(static_cast<const ast::ExprStmt&>(s).expr.get()) ? kTaskEvents : 0;
      case K::kIf: {
        const auto& i = static_cast<const ast::IfStmt&>(s);
        int64_t worst = i.else_body ? Block(*i.else_body) : 0;
        for (const ast::IfArm& arm : i.arms) worst = std::max(worst, Block(arm.body));
        return kStateEvents + worst;
      }
      case K::kSwitch: {
        const auto& w = static_cast<const ast::SwitchStmt&>(s);
        int64_t worst = w.default_body ? Block(*w.default_body) : 0;
        for (const ast::SwitchCase& c : w.cases) worst = std::max(worst, Block(c.body));
        return kStateEvents + worst;
      }
      case K::kWhile:
        return While(static_cast<const ast::WhileStmt&>(s), block, index);
      case K::kFor: {
        const auto& f = static_cast<const ast::ForStmt&>(s);
        if (f.distributed()) return 2 * kStateEvents;  // children have their own histories
        int64_t n = 1;
        if (f.iterable->kind == ast::ExprKind::kArray) {
          n = static_cast<int64_t>(static_cast<const ast::ArrayExpr&>(*f.iterable).elements.size());
        }
        return 2 * kStateEvents + n * (Block(f.body) + 2 * kStateEvents);
      }
      case K::kParallel: {
        int64_t total = 2 * kStateEvents;
        for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(s).branches) {
          total += Block(b.body) + kStateEvents;
        }
        return total;
      }
      case K::kTry: {
        const auto& t = static_cast<const ast::TryStmt&>(s);
        int64_t worst = 0;
        for (const ast::CatchClause& c : t.catches) worst = std::max(worst, Block(c.body));
        return Block(t.body) + worst;
      }
      default:
        return kStateEvents;
    }
  }

  int64_t While(const ast::WhileStmt& w, const ast::Block& block, size_t index) {
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
    int64_t per_iteration = Block(w.body) + kStateEvents;
    if (!n) {
      if (warn_) {
        sink_
            .Report(DiagCode::kBackendLoopBoundUnknown, w.cond->span,
                    "the number of iterations of this loop is not known when compiling")
            .Note(fmt::format("each iteration adds about {} events to the execution's history, "
                              "which holds at most {}: about {} iterations fit",
                              per_iteration, kMaxHistoryEvents,
                              kMaxHistoryEvents / std::max<int64_t>(1, per_iteration)))
            .Note(
                "count iterations in a variable and stop at a literal limit (`while i < 100` "
                "with `i = i + 1`), or move the work into a `for` or a nested flow");
      }
      n = 1;
    }
    return kStateEvents + *n * per_iteration;
  }

  DiagnosticSink& sink_;
  bool warn_;
};

}  // namespace

void CheckHistory(const ast::FlowDecl& flow, DiagnosticSink& sink) {
  // Express executions keep no event history in Step Functions (they are limited by time).
  if (flow.express()) return;
  int64_t events = 2 + Estimator(sink, true).Block(flow.body);
  if (events > kMaxHistoryEvents) {
    sink.Report(DiagCode::kBackendHistoryTooLong, flow.name.span,
                fmt::format("a run of flow `{}` can write about {} history events; a standard "
                            "execution holds at most {}",
                            flow.name.text, events, kMaxHistoryEvents))
        .Note(
            "move loops into a `for … distributed` or a nested flow (`run`), whose "
            "executions have histories of their own");
  }
}

}  // namespace caios::check
