// The answer of a route with `response`: the flow it runs returns a record of `status`,
// `headers` and `body` that becomes the HTTP answer; the header names are the fields of its
// `headers` record (docs/language.md §12). Checked here (E0527, E0528); the names the target
// can set are the target's to check (AWS: backends/aws/cloudformation/response_templates.h).
#pragma once

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::lower {

// Fills every `response` route's header names from its flow's result type.
void BindRouteResponses(ir::App& app, DiagnosticSink& sink);

}  // namespace caios::lower
