#include "compiler/check/response_statuses.h"

#include <string>
#include <unordered_set>

namespace caios::check {
namespace {

// Blocks nest no deeper than the parser allows; this bounds the walk on its own as well.
constexpr int kMaxDepth = 256;

bool HasOption(const std::vector<ast::Option>& options, std::string_view name) {
  for (const ast::Option& o : options) {
    if (o.name.text == name) return true;
  }
  return false;
}

class StatusWalk {
 public:
  StatusWalk(const std::string& flow, DiagnosticSink& sink) : flow_(flow), sink_(sink) {}

  void Block(const ast::Block& block, int depth) {
    if (depth > kMaxDepth) return;
    for (const ast::StmtPtr& s : block.stmts) Stmt(*s, depth + 1);
  }

 private:
  void Stmt(const ast::Stmt& s, int depth) {
    switch (s.kind) {
      case ast::StmtKind::kReturn:
        Return(static_cast<const ast::ReturnStmt&>(s));
        break;
      case ast::StmtKind::kIf: {
        const auto& i = static_cast<const ast::IfStmt&>(s);
        for (const ast::IfArm& arm : i.arms) Block(arm.body, depth);
        if (i.else_body) Block(*i.else_body, depth);
        break;
      }
      case ast::StmtKind::kSwitch: {
        const auto& w = static_cast<const ast::SwitchStmt&>(s);
        for (const ast::SwitchCase& c : w.cases) Block(c.body, depth);
        if (w.default_body) Block(*w.default_body, depth);
        break;
      }
      case ast::StmtKind::kWhile:
        Block(static_cast<const ast::WhileStmt&>(s).body, depth);
        break;
      case ast::StmtKind::kFor:
        Block(static_cast<const ast::ForStmt&>(s).body, depth);
        break;
      case ast::StmtKind::kParallel:
        for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(s).branches) {
          Block(b.body, depth);
        }
        break;
      case ast::StmtKind::kTry: {
        const auto& t = static_cast<const ast::TryStmt&>(s);
        Block(t.body, depth);
        for (const ast::CatchClause& c : t.catches) Block(c.body, depth);
        break;
      }
      default:
        break;
    }
  }

  // `return { status: N, … }` with N an integer literal, or `-N`.
  void Return(const ast::ReturnStmt& r) {
    if (!r.value || r.value->kind != ast::ExprKind::kObject) return;
    for (const ast::ObjectField& f : static_cast<const ast::ObjectExpr&>(*r.value).fields) {
      if (f.key.text != "status" || !f.value) continue;
      const ast::Expr* e = f.value.get();
      int64_t sign = 1;
      if (e->kind == ast::ExprKind::kUnary) {
        const auto& u = static_cast<const ast::UnaryExpr&>(*e);
        if (u.op != ast::UnaryOp::kNeg || !u.operand) return;
        sign = -1;
        e = u.operand.get();
      }
      if (e->kind != ast::ExprKind::kInt) return;
      const int64_t status = sign * static_cast<const ast::IntExpr&>(*e).value;
      if (status < 100 || status > 599) {
        sink_.Emit(f.value->span, diag::ResponseStatusOutOfRange, flow_, std::to_string(status))
            .Note(
                "an HTTP status is a whole number from 100 to 599; at run time another one "
                "answers 500");
      }
    }
  }

  const std::string& flow_;
  DiagnosticSink& sink_;
};

}  // namespace

void CheckResponseStatuses(const Program& program, const Model& model, DiagnosticSink& sink) {
  std::unordered_set<const ast::FlowDecl*> seen;
  for (const LoadedModule& module : program.modules) {
    for (const ast::DeclPtr& decl : module.ast.decls) {
      if (decl->kind != ast::DeclKind::kApi) continue;
      for (const ast::Route& r : static_cast<const ast::ApiDecl&>(*decl).routes) {
        if (r.target.mode != ast::Target::Mode::kRun || !HasOption(r.options, "response")) {
          continue;
        }
        auto it = model.resolved.find(&r.target.name);
        if (it == model.resolved.end() || it->second == nullptr ||
            it->second->kind != Symbol::Kind::kFlow || it->second->decl == nullptr) {
          continue;
        }
        const auto* flow = static_cast<const ast::FlowDecl*>(it->second->decl);
        if (!seen.insert(flow).second) continue;
        StatusWalk(flow->name.text, sink).Block(flow->body, 0);
      }
    }
  }
}

}  // namespace caios::check
