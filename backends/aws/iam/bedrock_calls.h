// The grants of `aws.bedrockruntime.invokeModel`, Step Functions' Bedrock integration
// (docs/iam.md, "Bedrock models"): `bedrock:InvokeModel` on the model the call names, and the
// S3 reads and writes of its `Input` and `Output`.
#pragma once

#include "backends/aws/iam/policy.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// Adds the call's statements to `policy`; W0601 for what the compiler cannot scope (a model ID
// or an S3 location computed at run time).
void BedrockInvokePolicy(PolicyBuilder& policy, const ir::App& app, const ir::Access& access,
                         DiagnosticSink& sink);

}  // namespace caios::aws
