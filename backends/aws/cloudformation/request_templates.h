// The request mapping templates (VTL) of flow routes: how an HTTP request becomes the input of
// StartExecution / StartSyncExecution (docs/language.md §12).
#pragma once

#include <string>

#include "compiler/ir/ir.h"

namespace caios::aws {

// The template for a request whose content type is JSON (`json_body`) or text (the whole
// request only: its `body` is then null). The text holds `${StateMachineArn}` for Fn::Sub and
// no other `${`; names from the program in it are letters, digits, `_` and `-` only
// (compiler/lower/route_inputs.h).
std::string StartRequestTemplate(const ir::RouteInput& input, bool json_body);

}  // namespace caios::aws
