// Internals of flow lowering shared by flow_stmts.cpp (statements and control flow),
// flow_loops.cpp (parallel and for) and flow_tasks.cpp (tasks, access edges, retries): the
// lowerer of one flow body into its state graph.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/lower/lowering.h"

namespace caios::lower {

// The variable a task's or loop's result is assigned to.
struct Target {
  std::string name;
  types::TypeId type = nullptr;
};

// Where control goes from the statements being lowered.
struct Scope {
  uint32_t graph = 0;
  ir::StateId end;              // the graph's terminal state for falling off its end
  ir::StateId break_target;     // innermost while: after the loop
  ir::StateId continue_target;  // innermost while: its test
  std::vector<ir::CatchEdge> catches;
};

// Lowers one flow body. Statements are lowered back to front, so every state is created
// knowing its successor; loops create their test first and close the cycle afterwards.
class FlowLowerer {
 public:
  using State = ir::State;
  using StateId = ir::StateId;

  FlowLowerer(const Context& ctx, ir::FlowId id, std::vector<ir::Access>& accesses)
      : ctx_(ctx), id_(id), flow_(ctx.app.flows[id.index]), g_(flow_.graph), accesses_(accesses) {}

  void Run(const ast::FlowDecl& decl);

 private:
  State& At(StateId id) { return g_.at(id); }
  const types::TypeTable& types() const { return ctx_.model.types; }

  uint32_t NewGraph();

  StateId NewState(State::Kind kind, std::string name, Span span, uint32_t graph);

  // A graph's end: succeed with output null (a flow or branch that reaches its end gives null).
  StateId NewEnd(uint32_t graph, Span span);

  ir::ValuePtr OrNull(ir::ValuePtr value, types::TypeId type);

  std::string SourceText(Span span) const;

  // ------------------------------------------------------------ blocks and statements

  StateId LowerBlock(const ast::Block& block, StateId next, Scope& scope);

  StateId LowerStmt(const ast::Stmt& stmt, StateId next, Scope& scope);

  StateId LowerRhs(const ast::Rhs& rhs, const Target& var, Span span, StateId next, Scope& scope);

  StateId LowerIf(const ast::IfStmt& s, StateId next, Scope& scope);

  StateId LowerSwitch(const ast::SwitchStmt& s, StateId next, Scope& scope);

  StateId LowerWhile(const ast::WhileStmt& s, StateId next, Scope& scope);

  StateId LowerWait(const ast::WaitStmt& s, StateId next, Scope& scope);

  StateId LowerFail(const ast::FailStmt& s, Scope& scope);

  StateId LowerReturn(const ast::ReturnStmt& s, Scope& scope);

  StateId LowerTry(const ast::TryStmt& s, StateId next, Scope& scope);

  // ------------------------------------------------------------ parallel and for

  StateId LowerParallel(const ast::ParallelStmt& s, std::optional<Target> var, StateId next,
                        Scope& scope);

  StateId LowerFor(const ast::ForStmt& s, std::optional<Target> var, StateId next, Scope& scope);

  // Outer variables read in graph `graph` (and the graphs nested in it) that it does not
  // declare itself (nor are the loop's item and index): a distributed child must receive them
  // in its input.
  std::vector<std::pair<std::string, types::TypeId>> Captures(uint32_t graph,
                                                              const std::string& loop_var,
                                                              const std::string& index_var);

  // ------------------------------------------------------------ tasks

  static const ast::Expr& Unwrap(const ast::Expr& e);

  bool IsTask(const ast::Expr& e) const;

  ir::ValuePtr Result(types::TypeId type, Span span);

  void AddAccess(ir::Access::Kind kind, ir::EntityRef to, std::string operation, Span span,
                 std::string service = {}, bool sync = false, bool callback = false);

  // `if:`, `remove:` and `returns:` of a table operation (table_clauses.cpp).
  void LowerTableClauses(const check::CallInfo& info, ir::Action& action);
  // `max_items:`, `raw:`, `headers:`, `delimiter:` of a bucket item source (checked literals).
  void LowerItemSourceClauses(const check::CallInfo& info, ir::ItemSource& source);
  ir::ItemCondition LowerItemCondition(const ast::Expr& e, ir::Action& action, int depth);
  ir::ItemCondition::Side LowerConditionSide(const ast::Expr& e, ir::Action& action);
  std::vector<std::pair<std::string, ir::ValuePtr>> NamedArgs(
      const check::CallInfo& info, const std::vector<std::string>& names);

  std::vector<std::string> ParamNames(const ast::Decl* decl) const;

  StateId LowerTask(const ast::Expr& expr, const ast::TaskClauses& clauses, Span span,
                    std::optional<Target> var, bool is_return, StateId next, Scope& scope);

  // A rule marked `transient`: the target retries the transient errors of an invoke that it
  // knows and the program's rules do not name.
  static void AddTransientRetry(std::vector<ir::RetryRule>& rules);

  const Context& ctx_;  // read only: flows are lowered in parallel (lower.cpp)
  ir::FlowId id_;
  ir::Flow& flow_;
  ir::StateGraph& g_;
  std::vector<ir::Access>& accesses_;  // this flow's, appended to the app's in flow order

 public:
  const ast::FlowDecl* decl_ = nullptr;
};

}  // namespace caios::lower
