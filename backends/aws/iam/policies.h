// The inline policies of the roles functions and state machines run as: a function's from its
// `uses` grants and the triggers that feed it, a state machine's from its flow's accesses.
#pragma once

#include "backends/aws/common/intrinsics.h"
#include "backends/aws/iam/actions.h"
#include "backends/aws/iam/policy.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// The ARN (or ARN pattern) of `scope` within `ref`'s ARN space.
Json ScopeArn(const ir::App& app, ir::EntityRef ref, Scope scope, Referrer from = Referrer::kOther);
// Allows each set of `sets` on `ref`.
void AllowOn(PolicyBuilder& policy, const ir::App& app, ir::EntityRef ref,
             const std::vector<ActionSet>& sets, Referrer from = Referrer::kOther);

// Logs to `log_group_arn`, the grants (E0601 for a permission that does not apply), what the
// function's triggers need to read their sources, and X-Ray when traced.
PolicyBuilder FunctionPolicy(const ir::App& app, ir::FunctionId fn, const Json& log_group_arn,
                             DiagnosticSink& sink);

// Exactly the flow's accesses; W0601 for calls that cannot be scoped. Logging and tracing add
// the log-delivery and X-Ray actions AWS requires on every resource.
PolicyBuilder StateMachinePolicy(const ir::App& app, ir::FlowId flow, DiagnosticSink& sink);

}  // namespace caios::aws
