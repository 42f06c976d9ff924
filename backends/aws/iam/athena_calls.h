// Athena queries (docs/iam.md, "Athena queries"): what Athena does with the flow's credentials
// beyond the call's own actions (the Glue Data Catalog, the data buckets the flow `uses`), and
// the workgroups of a flow's queries, on which reading their results is allowed.
#pragma once

#include <optional>
#include <vector>

#include "backends/aws/common/intrinsics.h"
#include "backends/aws/iam/policy.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// The workgroup of an `aws.athena.startQueryExecution` call: `WorkGroup` as a literal, or
// `primary` when not given; nothing when it is computed or holds an IAM wildcard.
std::optional<Json> AthenaWorkGroup(const ir::Access& access);

// The workgroups of all the `startQueryExecution` calls of `flow`; nothing when the flow
// starts no query or one's workgroup is not known.
std::optional<std::vector<Json>> FlowAthenaWorkGroups(const ir::App& app, ir::FlowId flow);

// For `aws.athena.startQueryExecution` (nothing for other calls): the Glue Data Catalog
// actions on the literal `QueryExecutionContext.Database`, its tables and the catalog (E0615
// for a name Glue does not store; on `*` with W0601 when the database is not known), and
// `s3:GetBucketLocation`/`s3:ListBucket` on the buckets the flow `uses` to read or write.
void AthenaQueryPolicy(PolicyBuilder& policy, const ir::App& app, const ir::Access& access,
                       DiagnosticSink& sink);

}  // namespace caios::aws
