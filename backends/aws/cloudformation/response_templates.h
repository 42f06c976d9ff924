// The response mapping templates (VTL) of `run` routes: the flow's output as the answer, a
// `response` flow's `status`, `headers` and `body`, and the header names API Gateway lets such
// a template set (docs/language.md §12; E0612-E0614, E0616).
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// The template of a `run` route's integration response. It holds no `${`: it is no Fn::Sub.
// Header names in it are letters, digits and `-` (IsSettableHeaderName); others are left out.
std::string RunResponseTemplate(const ir::RouteResponse& response);

// Whether `name` may appear in a template as `$context.responseOverride.header.NAME`: a letter,
// then letters, digits and `-`.
bool IsSettableHeaderName(std::string_view name);

// Reports the header names of a `response` route that API Gateway cannot set (E0612), keeps to
// itself (E0613), that repeat one another (E0614) or that the api's `cors` sets (E0616).
void CheckResponseHeaders(const ir::App& app, const ir::Api& api, const ir::Route& route,
                          DiagnosticSink& sink);

}  // namespace caios::aws
