// CheckFlowRules: the syntactic rules of flow bodies that follow from how they compile to ASL
// (break/continue, unreachable code, writes to outer variables from Parallel/Map, `return` in
// concurrent regions, express-workflow restrictions, heartbeat vs timeout). `yield` placement,
// `task_token` and clauses on non-calls are type-checker rules (E0321, E0331, E0334).
#include <optional>
#include <string>
#include <vector>

#include "compiler/check/option_schema.h"
#include "compiler/check/rules.h"
#include "compiler/check/terminates.h"

namespace caios {
namespace {

// A span covering the first `length` bytes of `s` (a keyword at the start of a statement).
Span Head(Span s, uint32_t length) {
  if (s.end - s.begin > length) s.end = s.begin + length;
  return s;
}

// A literal, name or operator expression with no call inside compiles to no Task state.
bool ContainsCall(const ast::Expr& e);

bool ContainsCall(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kCall:
    case ast::ExprKind::kPrefix:
    case ast::ExprKind::kError:
      return true;
    case ast::ExprKind::kField:
      return ContainsCall(*static_cast<const ast::FieldExpr&>(e).object);
    case ast::ExprKind::kIndex: {
      const auto& x = static_cast<const ast::IndexExpr&>(e);
      return ContainsCall(*x.object) || ContainsCall(*x.index);
    }
    default:
      return false;
  }
}

bool IsNonTask(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kCall:
    case ast::ExprKind::kPrefix:
    case ast::ExprKind::kError:
      return false;
    case ast::ExprKind::kField:
    case ast::ExprKind::kIndex:
      return !ContainsCall(e);
    default:
      return true;
  }
}

class FlowRules {
 public:
  FlowRules(const ast::FlowDecl& flow, const target::Limits& limits, DiagnosticSink& sink)
      : flow_(flow), limits_(limits), sink_(sink) {
    for (const ast::FlowOption& o : flow.options) {
      if (o.kind == ast::FlowOption::Kind::kExpress) {
        express_ = ExpressContext{o.span, "the flow is declared `express` here"};
        break;
      }
    }
  }

  void Run() {
    scopes_.emplace_back();
    for (const ast::Param& p : flow_.params) Declare(p.name);
    Block(flow_.body);
    scopes_.pop_back();
    if (flow_.result && !BlockTerminates(flow_.body)) {
      Span end{flow_.body.span.file, flow_.body.span.end - 1, flow_.body.span.end};
      sink_.Emit(end, diag::FlowReachEndWithoutReturning, flow_.name.text)
          .Label(flow_.result->span, "the flow declares this result type")
          .Note("end every path with `return` or `fail`");
    }
  }

 private:
  // Where `break`/`continue` would jump to.
  enum class LoopContext { kNone, kWhile, kFor, kBranch };

  // A `for` body or `parallel` branch: the unit ASL runs concurrently.
  struct Region {
    int id = 0;
    const ast::Stmt* owner = nullptr;  // ForStmt or ParallelStmt; null for the flow itself
  };

  struct Var {
    std::string name;
    Span span;
    int region;
  };

  struct ExpressContext {
    Span label_span;
    const char* label;
  };

  void Declare(const ast::Ident& name) {
    scopes_.back().push_back(Var{name.text, name.span, regions_.back().id});
  }

  const Var* Lookup(std::string_view name) const {
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
      for (auto v = scope->rbegin(); v != scope->rend(); ++v) {
        if (v->name == name) return &*v;
      }
    }
    return nullptr;
  }

  template <typename... Args>
  void NotInExpress(Span span, std::string note, const DiagMessage<Args...>& message,
                    std::type_identity_t<Args>... args) {
    if (!express_) return;
    sink_.Emit(span, message, args...)
        .Label(express_->label_span, express_->label)
        .Note(std::move(note));
  }

  // ---- blocks and statements

  void Block(const ast::Block& block) {
    scopes_.emplace_back();
    const ast::Stmt* terminator = nullptr;
    for (size_t i = 0; i < block.stmts.size(); ++i) {
      const ast::Stmt& stmt = *block.stmts[i];
      if (terminator) {
        sink_.Emit(Span::Cover(stmt.span, block.stmts.back()->span), diag::UnreachableCode)
            .Label(terminator->span, TerminatorLabel(*terminator));
        terminator = nullptr;
        // Report once per block, but keep checking the unreachable statements.
        for (size_t j = i; j < block.stmts.size(); ++j) Stmt(*block.stmts[j]);
        break;
      }
      Stmt(stmt);
      if (StmtTerminates(stmt)) terminator = &stmt;
    }
    scopes_.pop_back();
  }

  static const char* TerminatorLabel(const ast::Stmt& s) {
    switch (s.kind) {
      case ast::StmtKind::kReturn:
        return "the flow returns here";
      case ast::StmtKind::kFail:
        return "the flow fails here";
      case ast::StmtKind::kBreak:
        return "the loop is left here";
      case ast::StmtKind::kContinue:
        return "the loop continues with its next round here";
      default:
        return "every path through this statement ends here";
    }
  }

  void Stmt(const ast::Stmt& stmt) {
    switch (stmt.kind) {
      case ast::StmtKind::kLet: {
        const auto& s = static_cast<const ast::LetStmt&>(stmt);
        Rhs(s.value);
        Declare(s.name);
        break;
      }
      case ast::StmtKind::kAssign: {
        const auto& s = static_cast<const ast::AssignStmt&>(stmt);
        Rhs(s.value);
        AssignTarget(*s.target);
        break;
      }
      case ast::StmtKind::kExpr: {
        const auto& s = static_cast<const ast::ExprStmt&>(stmt);
        Expr(*s.expr);
        Clauses(*s.expr, s.clauses);
        break;
      }
      case ast::StmtKind::kIf: {
        const auto& s = static_cast<const ast::IfStmt&>(stmt);
        for (const ast::IfArm& arm : s.arms) {
          Expr(*arm.cond);
          Block(arm.body);
        }
        if (s.else_body) Block(*s.else_body);
        break;
      }
      case ast::StmtKind::kSwitch: {
        const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
        Expr(*s.subject);
        for (const ast::SwitchCase& c : s.cases) {
          for (const ast::ExprPtr& v : c.values) Expr(*v);
          Block(c.body);
        }
        if (s.default_body) Block(*s.default_body);
        break;
      }
      case ast::StmtKind::kWhile: {
        const auto& s = static_cast<const ast::WhileStmt&>(stmt);
        Expr(*s.cond);
        LoopContext saved = loop_;
        loop_ = LoopContext::kWhile;
        Block(s.body);
        loop_ = saved;
        break;
      }
      case ast::StmtKind::kFor:
        For(static_cast<const ast::ForStmt&>(stmt));
        break;
      case ast::StmtKind::kParallel:
        Parallel(static_cast<const ast::ParallelStmt&>(stmt));
        break;
      case ast::StmtKind::kTry: {
        const auto& s = static_cast<const ast::TryStmt&>(stmt);
        Block(s.body);
        for (const ast::CatchClause& c : s.catches) {
          scopes_.emplace_back();
          if (c.binding) Declare(*c.binding);
          Block(c.body);
          scopes_.pop_back();
        }
        break;
      }
      case ast::StmtKind::kFail: {
        const auto& s = static_cast<const ast::FailStmt&>(stmt);
        if (s.cause) Expr(*s.cause);
        break;
      }
      case ast::StmtKind::kReturn: {
        const auto& s = static_cast<const ast::ReturnStmt&>(stmt);
        if (s.value) Expr(*s.value);
        Return(s);
        break;
      }
      case ast::StmtKind::kYield: {
        const auto& s = static_cast<const ast::YieldStmt&>(stmt);
        if (s.value) Expr(*s.value);
        break;
      }
      case ast::StmtKind::kWait:
        Wait(static_cast<const ast::WaitStmt&>(stmt));
        break;
      case ast::StmtKind::kBreak:
      case ast::StmtKind::kContinue:
        BreakOrContinue(stmt);
        break;
    }
  }

  void Rhs(const ast::Rhs& rhs) {
    if (rhs.compound) {
      if (rhs.compound->kind == ast::StmtKind::kFor) {
        For(static_cast<const ast::ForStmt&>(*rhs.compound));
      } else if (rhs.compound->kind == ast::StmtKind::kParallel) {
        Parallel(static_cast<const ast::ParallelStmt&>(*rhs.compound));
      }
      return;
    }
    if (rhs.expr) {
      Expr(*rhs.expr);
      Clauses(*rhs.expr, rhs.clauses);
    }
  }

  void AssignTarget(const ast::Expr& target) {
    if (target.kind != ast::ExprKind::kName) {
      Expr(target);
      return;
    }
    const auto& name = static_cast<const ast::NameExpr&>(target).name;
    const Var* var = Lookup(name.text);
    if (!var || var->region == regions_.back().id) return;
    const Region& region = regions_.back();
    bool in_for = region.owner && region.owner->kind == ast::StmtKind::kFor;
    sink_
        .Emit(target.span, diag::AssignInsideBelongsEnclosingScope, name.text,
              (in_for ? "`for` body" : "`parallel` branch"))
        .Label(var->span, "`" + name.text + "` is declared here")
        .Note(std::string(in_for ? "Map iterations" : "Parallel branches") +
              " run concurrently and may only read outer variables; `yield` the value and "
              "combine the results after the " +
              (in_for ? "loop" : "`parallel` block"));
  }

  // ---- concurrency regions

  void EnterRegion(const ast::Stmt* owner) { regions_.push_back(Region{next_region_++, owner}); }

  void For(const ast::ForStmt& loop) {
    Expr(*loop.iterable);
    std::optional<ExpressContext> saved_express = express_;
    if (loop.distributed()) {
      const ast::ForClause* clause = nullptr;
      for (const ast::ForClause& c : loop.clauses) {
        if (c.kind == ast::ForClause::Kind::kDistributed) clause = &c;
      }
      if (express_) {
        sink_.Emit(clause->span, diag::DistributedRunInsideExpressFlow)
            .Label(express_->label_span, express_->label)
            .Note(
                "a Distributed Map state needs a standard parent workflow; make the flow "
                "`standard` or drop `distributed`");
      }
      if (clause->express_children.value_or(false)) {
        express_ = ExpressContext{clause->span, "the iterations run as express workflows"};
      }
    }
    LoopContext saved_loop = loop_;
    loop_ = LoopContext::kFor;
    EnterRegion(&loop);
    scopes_.emplace_back();
    if (loop.index) Declare(*loop.index);
    Declare(loop.var);
    Block(loop.body);
    scopes_.pop_back();
    regions_.pop_back();
    loop_ = saved_loop;
    express_ = saved_express;
  }

  void Parallel(const ast::ParallelStmt& parallel) {
    LoopContext saved_loop = loop_;
    loop_ = LoopContext::kBranch;
    EnterRegion(&parallel);
    for (const ast::Branch& branch : parallel.branches) {
      // Each branch is its own region: one branch cannot write another's variables either.
      regions_.back().id = next_region_++;
      Block(branch.body);
    }
    regions_.pop_back();
    loop_ = saved_loop;
  }

  static Span OwnerKeyword(const ast::Stmt& owner) {
    return Head(owner.span, owner.kind == ast::StmtKind::kFor ? 3 : 8);
  }

  void Return(const ast::ReturnStmt& stmt) {
    const Region& region = regions_.back();
    if (!region.owner) return;
    bool in_for = region.owner->kind == ast::StmtKind::kFor;
    sink_
        .Emit(Head(stmt.span, 6), diag::ReturnInsideWouldOnlyEnd,
              (in_for ? "`for` body" : "`parallel` branch"), (in_for ? "iteration" : "branch"))
        .Label(OwnerKeyword(*region.owner), in_for ? "inside this loop" : "inside this block")
        .Note(std::string("use `yield` to give the ") + (in_for ? "iteration's" : "branch's") +
              " result; to stop the whole flow use `fail`");
  }

  void BreakOrContinue(const ast::Stmt& stmt) {
    const char* word = stmt.kind == ast::StmtKind::kBreak ? "break" : "continue";
    switch (loop_) {
      case LoopContext::kWhile:
        return;
      case LoopContext::kNone:
        sink_.Emit(stmt.span, diag::OutsideWhileLoop, word)
            .Note("to end the flow early use `return`, to stop with an error `fail`");
        return;
      case LoopContext::kFor:
        sink_.Emit(stmt.span, diag::BreakInForBody, word)
            .Label(OwnerKeyword(*regions_.back().owner), "this loop compiles to a Map state")
            .Note(
                "Map iterations run independently and cannot be broken out of; use a `while` "
                "loop to stop early, or `yield` a flag and test the results afterwards");
        return;
      case LoopContext::kBranch:
        sink_.Emit(stmt.span, diag::LeaveParallelBranch, word)
            .Label(OwnerKeyword(*regions_.back().owner),
                   "the branches of this block run as a Parallel state")
            .Note(
                "a branch cannot jump out of its Parallel state; `yield` a flag and test the "
                "results after the block");
        return;
    }
  }

  void Wait(const ast::WaitStmt& stmt) {
    switch (stmt.mode) {
      case ast::WaitStmt::Mode::kUntil:
        Expr(*stmt.expr);
        NotInExpress(
            Head(stmt.span, 4),
            "an express execution lasts at most " +
                options::FormatDurationInWords(limits_.Of(target::Quantity::kExpressRun).max) +
                ", so it cannot wait for a point in time",
            diag::WaitUntilInExpress);
        break;
      case ast::WaitStmt::Mode::kSeconds:
        Expr(*stmt.expr);
        break;
      case ast::WaitStmt::Mode::kDuration:
        const int64_t express_max = limits_.Of(target::Quantity::kExpressRun).max;
        if (stmt.duration.millis > express_max) {
          NotInExpress(
              stmt.duration.span,
              "an express execution lasts at most " + options::FormatDurationInWords(express_max),
              diag::WaitLongerThanExpress, options::FormatDuration(stmt.duration.millis));
        }
        break;
    }
  }

  // ---- task clauses

  void Clauses(const ast::Expr& expr, const ast::TaskClauses& clauses) {
    if (clauses.empty()) return;
    // Clauses on non-task expressions are reported by the type checker (E0331).
    if (IsNonTask(expr)) return;
    if (clauses.timeout && clauses.timeout->seconds) Expr(*clauses.timeout->seconds);
    if (clauses.name && clauses.name->value) Expr(*clauses.name->value);
    if (clauses.heartbeat) {
      if (clauses.heartbeat->seconds) Expr(*clauses.heartbeat->seconds);
      NotInExpress(Head(clauses.heartbeat->span, 9),
                   "heartbeats apply to callbacks and activities, which express workflows do "
                   "not support",
                   diag::HeartbeatInExpress);
      if (clauses.timeout && clauses.timeout->literal && clauses.heartbeat->literal &&
          clauses.heartbeat->literal->millis >= clauses.timeout->literal->millis) {
        sink_
            .Emit(clauses.heartbeat->span, diag::HeartbeatMustShorterThanTimeout,
                  options::FormatDuration(clauses.heartbeat->literal->millis),
                  options::FormatDuration(clauses.timeout->literal->millis))
            .Label(clauses.timeout->span, "the task times out here");
      }
    }
  }

  // ---- expressions

  void Expr(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::kString:
        for (const ast::ExprPtr& x : static_cast<const ast::StringExpr&>(e).exprs) Expr(*x);
        break;
      case ast::ExprKind::kObject:
        for (const ast::ObjectField& f : static_cast<const ast::ObjectExpr&>(e).fields) {
          if (f.value) Expr(*f.value);
        }
        break;
      case ast::ExprKind::kArray:
        for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(e).elements) Expr(*x);
        break;
      case ast::ExprKind::kComprehension: {
        const auto& x = static_cast<const ast::ComprehensionExpr&>(e);
        Expr(*x.source);
        Expr(*x.element);
        if (x.condition) Expr(*x.condition);
        break;
      }
      case ast::ExprKind::kField:
        Expr(*static_cast<const ast::FieldExpr&>(e).object);
        break;
      case ast::ExprKind::kIndex: {
        const auto& x = static_cast<const ast::IndexExpr&>(e);
        Expr(*x.object);
        Expr(*x.index);
        break;
      }
      case ast::ExprKind::kCall: {
        const auto& x = static_cast<const ast::CallExpr&>(e);
        Expr(*x.callee);
        for (const ast::Arg& a : x.args) Expr(*a.value);
        break;
      }
      case ast::ExprKind::kUnary:
        Expr(*static_cast<const ast::UnaryExpr&>(e).operand);
        break;
      case ast::ExprKind::kBinary: {
        const auto& x = static_cast<const ast::BinaryExpr&>(e);
        Expr(*x.lhs);
        Expr(*x.rhs);
        break;
      }
      case ast::ExprKind::kPrefix: {
        const auto& x = static_cast<const ast::PrefixExpr&>(e);
        if (x.op == ast::PrefixOp::kAwait) {
          NotInExpress(x.op_span, "express workflows do not support callbacks (.waitForTaskToken)",
                       diag::AwaitInExpress);
          Expr(*x.operand);
          break;
        }
        if (x.op == ast::PrefixOp::kRun) {
          NotInExpress(x.op_span,
                       "`run` waits for the nested execution or job to finish (.sync), which "
                       "express workflows do not support; `start` it without waiting instead",
                       diag::RunInExpress);
        }
        Expr(*x.operand);
        break;
      }
      case ast::ExprKind::kTaskToken:
      case ast::ExprKind::kInt:
      case ast::ExprKind::kNumber:
      case ast::ExprKind::kBool:
      case ast::ExprKind::kNull:
      case ast::ExprKind::kName:
      case ast::ExprKind::kError:
        break;
    }
  }

  const ast::FlowDecl& flow_;
  const target::Limits& limits_;
  DiagnosticSink& sink_;
  std::optional<ExpressContext> express_;
  LoopContext loop_ = LoopContext::kNone;
  std::vector<Region> regions_{Region{}};
  int next_region_ = 1;
  std::vector<std::vector<Var>> scopes_;
};

}  // namespace

void CheckFlowRules(const ast::Module& module, const target::Limits& limits, DiagnosticSink& sink) {
  for (const ast::DeclPtr& decl : module.decls) {
    if (decl->kind != ast::DeclKind::kFlow) continue;
    if (!static_cast<const ast::FlowDecl&>(*decl).existing.empty()) continue;  // no body
    FlowRules(static_cast<const ast::FlowDecl&>(*decl), limits, sink).Run();
  }
}

}  // namespace caios
