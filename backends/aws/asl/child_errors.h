// The wrapper that makes `run f(x)` of a flow fail with the child's own error: Step Functions
// fails a `.sync:2` task whose child failed with States.TaskFailed and, as the cause, the JSON
// of DescribeExecution's response; the task runs in a one-branch Parallel whose branch raises
// the child's `Error` and `Cause` instead (docs/language.md, "Nested flows").
#pragma once

#include <functional>
#include <string>

#include "backends/aws/common/json.h"
#include "compiler/ir/graph.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

// What the wrapper raises instead of an error whose name starts with `States.` (the child's
// runtime error or timeout, a States.TaskFailed without a child's error): a Fail state may not
// raise a name Step Functions reserves. The cause is the task's, which describes the child.
inline constexpr const char* kChildExecutionFailed = "ChildExecutionFailed";

// Whether the emitters wrap `s`: a `run` of a flow that waits for the child (`.sync:2`).
bool RaisesChildError(const ir::State& s);

// The inner task's `Catch`: States.TaskFailed (every error but States.Timeout) goes to `next`
// with the error output (`{Error, Cause}`) as the state's input.
Json ChildErrorCatch(const std::string& next, bool jsonata);

// JSONata: the Fail state that raises the child's error and cause when the caught error is
// States.TaskFailed with a child's description that names an error, and the caught error
// and cause otherwise; ChildExecutionFailed for a `States.` name.
Json JsonataChildError();

// JSONPath: the same as states (the `first` of them entered by the catcher), added to
// `states`; `name` makes the others' names from a suffix. A Choice guards the parse of the
// cause and the fields it reads.
void JsonPathChildError(const std::string& first,
                        const std::function<std::string(const std::string&)>& name, Json& states);

}  // namespace caios::aws
