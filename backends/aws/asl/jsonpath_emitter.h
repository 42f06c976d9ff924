// JsonPathEmitter: one flow's JSONPath ASL; see emit_jsonpath.cpp and jsonpath_states.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "backends/aws/asl/jsonpath.h"
#include "backends/aws/asl/state_parts.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws::jsonpath_detail {

// Top-level scratch fields of the state document (ResultPath creates a missing top-level field;
// nested ones are avoided).
inline constexpr const char* kTest = "$.tmp_test";
inline constexpr const char* kOut = "$.tmp_out";
inline constexpr const char* kSet = "$.tmp_set";
inline constexpr const char* kCaught = "$.tmp_caught";
inline constexpr const char* kWaitValue = "$.tmp_wait";
inline constexpr const char* kRaw = "$.tmp_raw";

// Whether `v` reads the state's input.
bool ReadsInput(const ir::Value& v);

class JsonPathEmitter {
 public:
  using State = ir::State;

  JsonPathEmitter(const ir::App& app, const ir::Flow& flow, DiagnosticSink& sink);

  Json Definition();

  AslBuilder& builder() { return builder_; }

 private:
  // ------------------------------------------------------------------ names and problems

  // A new state name from `base`: unique in the flow, at most 80 characters.
  std::string Derived(const std::string& base, const std::string& suffix);

  void Report(const JpProblem& p, Span fallback);

  std::optional<JpValue> Value(const ir::Value& v, const JpScope& scope, Span at);

  // Variables in reach, and values that need states of their own computed before the state.
  JpScope Vars();

  // ------------------------------------------------------------------ preludes

  // States that run before the current IR state: segments in order, each entered at its first
  // state; their exits say "Next": "@next" until the state is put (Put).
  using Segment = std::vector<std::pair<std::string, Json>>;

  std::string Temp();

  // `a ?? b`, a boolean as a value or a `range` with computed bounds: a Choice and two Passes
  // that store it in a scratch field.
  std::optional<JpValue> Chain(const ir::Value& v);

  // A path that may be missing read into a scratch field by a Choice and two Passes of the
  // prelude (null when it is missing); the scratch path.
  std::string ReadOrNull(const std::string& path);

  // A value stored in a scratch field by a Pass of the prelude; its path.
  std::string Store(const JpValue& v);

  std::optional<JpValue> Fail(const JpProblem& p);

  // A Pass that stores `v` boxed in `field`, then goes on.
  static Json Store(const JpValue& v, const std::string& field);

  // A segment of one Pass named `name` that computes `values` into `field`.
  void Precompute(const Json& values, const std::string& field, const std::string& base);

  static void Patch(Json& state, const std::string& next);

  // Adds the state of IR state `s` under its own name (the name the source gives it, which
  // mocks and tests key on), after the states of its prelude, if any. Transitions into `s` are
  // redirected to the prelude's first state once the whole definition is built (Retarget).
  void Put(const State& s, Json& states, Json j);

  // Every transition to a state with a prelude goes to the prelude instead (except the
  // prelude's own way in).
  void Retarget(Json& graph);

  // ------------------------------------------------------------------ graphs

  Json Graph(uint32_t index, bool flow_body = false);

  // Before the flow's first state: optional and `json` parameters default to null (a missing
  // field would fail the path that reads it), and a flow that binds no parameters starts the
  // state document itself.
  std::string FlowEntry(const State& first, Json& states);

  // `Next` to the state's successor, or the end of its graph. A state that ends its graph
  // with null (folded by compiler/lower/fold_ends) and cannot write null itself goes to a
  // Pass that does.
  void Transition(const State& s, Json& j);

  // A folded end: the state has no successor and its graph's output is null.
  static bool EndsWithNull(const State& s);

  void Emit(const State& s, Json& states);

  // ------------------------------------------------------------------ assignments

  void Pass(const State& s, Json& states);

  // Where a state's result goes: into the assigned variable (boxed), or out of the flow (a
  // returning task), or nowhere.
  void Result(const State& s, const JpValue& result, Json& j);

  // The transition of a state whose Result was set: the end when it made the output.
  void AfterResult(const State& s, Json& j);

  // ------------------------------------------------------------------ errors

  void ErrorHandling(const State& s, Json& j);

  // A Pass that binds a caught error to its variable as `{error, cause}`, then enters the
  // handler; one per handler and variable.
  std::string Binder(const ir::CatchEdge& c);

  // ------------------------------------------------------------------ tasks

  void Task(const State& s, Json& states);

  // A task's Resource, Parameters, timeout and heartbeat; its shape, unless it has none in
  // JSONPath (reported).
  std::optional<JpTaskShape> TaskCall(const State& s, Json& j);

  // `run f(x)` of a flow (child_errors.h): a one-branch Parallel under the task's name with its
  // retries, catches and result; in the branch the task, whose failure goes to states that
  // raise the child's error.
  void ChildRun(const State& s, Json& states);

  // Where the language-typed result goes, for states that compute it after the task.
  struct Sink {
    std::string var;      // assigned to this variable, or
    bool output = false;  // the state's output, or neither (discarded)
  };

  std::optional<Sink> SinkOf(const State& s);

  // A Pass that stores a template or literal where the sink says, then goes on (or ends).
  Json SinkPass(const State& s, const Sink& sink, Json boxed, bool literal);

  // `T.get(k)`: the item unmarshalled, or null when there is none. `T.scan()`, `B.list(p)`:
  // a Map that reshapes each element (an empty list when the field is absent).
  void PostResult(const State& s, const JpTaskShape& shape, const std::string& entry, Json& states);

  // A field that takes a reference path only (TimeoutSecondsPath, …).
  void PathField(Json& j, const std::string& key, const ir::Value& v, Span at);

  // ------------------------------------------------------------------ control flow

  void Choice(const State& s, Json& states);

  void Wait(const State& s, Json& states);

  void Parallel(const State& s, Json& states);

  void Map(const State& s, Json& states);

  // A distributed loop's reader of bucket contents; `item` becomes the element's shape.
  Json ItemReader(const State& s, const ir::ItemSource& src, Json& item);

  // `return e` / `yield e`: the value as the execution's (or iteration's, or branch's) output.
  void Succeed(const State& s, Json& states);

  void Fail(const State& s, Json& states);

  const ir::Flow& flow_;
  const ir::StateGraph& g_;
  DiagnosticSink& sink_;
  VariableNames names_;
  AslBuilder builder_;
  std::set<std::string> used_;
  std::map<std::pair<std::string, std::string>, std::string> binders_;
  std::vector<std::pair<std::string, Json>> pending_;  // states added after a graph's own
  std::map<const State*, std::string> null_ends_;      // state → its "null" Pass
  std::vector<Segment> prelude_;                       // states to run before current_
  const State* current_ = nullptr;
  std::set<std::tuple<uint32_t, uint32_t, std::string>> reported_;
  std::map<std::string, std::string> entry_of_;  // state → the first state of its prelude
  std::set<std::string> prelude_names_;
  const State* flow_start_ = nullptr;  // the Pass that binds the flow's parameters
  std::set<const State*> doc_starts_;  // first states of distributed children
  int temps_ = 0;
};

}  // namespace caios::aws::jsonpath_detail
