// Whether control can continue after a statement or block (terminates.h).
#include "compiler/check/terminates.h"

namespace caios {
namespace {

// Whether `block` holds a `break` that leaves the loop whose body it is (not an inner loop's).
bool BreaksOut(const ast::Block& block);

bool BreaksOutOf(const ast::Stmt& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kBreak:
      return true;
    case ast::StmtKind::kIf: {
      const auto& s = static_cast<const ast::IfStmt&>(stmt);
      for (const ast::IfArm& arm : s.arms) {
        if (BreaksOut(arm.body)) return true;
      }
      return s.else_body && BreaksOut(*s.else_body);
    }
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      for (const ast::SwitchCase& c : s.cases) {
        if (BreaksOut(c.body)) return true;
      }
      return s.default_body && BreaksOut(*s.default_body);
    }
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      if (BreaksOut(s.body)) return true;
      for (const ast::CatchClause& c : s.catches) {
        if (BreaksOut(c.body)) return true;
      }
      return false;
    }
    default:  // an inner `while` owns its breaks; `for` and `parallel` cannot break
      return false;
  }
}

bool BreaksOut(const ast::Block& block) {
  for (const ast::StmtPtr& s : block.stmts) {
    if (BreaksOutOf(*s)) return true;
  }
  return false;
}

}  // namespace

bool StmtTerminates(const ast::Stmt& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kWhile: {
      // `while true` without a `break` only ends through return or fail.
      const auto& s = static_cast<const ast::WhileStmt&>(stmt);
      return s.cond->kind == ast::ExprKind::kBool &&
             static_cast<const ast::BoolExpr&>(*s.cond).value && !BreaksOut(s.body);
    }
    case ast::StmtKind::kReturn:
    case ast::StmtKind::kFail:
    case ast::StmtKind::kBreak:
    case ast::StmtKind::kContinue:
      return true;
    case ast::StmtKind::kIf: {
      const auto& s = static_cast<const ast::IfStmt&>(stmt);
      if (!s.else_body || !BlockTerminates(*s.else_body)) return false;
      for (const ast::IfArm& arm : s.arms) {
        if (!BlockTerminates(arm.body)) return false;
      }
      return true;
    }
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      if (!s.default_body || !BlockTerminates(*s.default_body)) return false;
      for (const ast::SwitchCase& c : s.cases) {
        if (!BlockTerminates(c.body)) return false;
      }
      return true;
    }
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      if (!BlockTerminates(s.body)) return false;
      for (const ast::CatchClause& c : s.catches) {
        if (!BlockTerminates(c.body)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

bool BlockTerminates(const ast::Block& block) {
  for (const ast::StmtPtr& s : block.stmts) {
    if (StmtTerminates(*s)) return true;
  }
  return false;
}

}  // namespace caios
