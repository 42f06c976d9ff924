// The word options of resources, functions and flows as typed records (model.h, DeclOptions).
#pragma once

#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/model.h"

namespace caios::check {

// The typed options of a resource, function or flow declaration. A word the option checks
// reject (E0504: option_schema.cpp, quotas_flow.cpp) leaves its field at the default: lowering
// never runs then.
DeclOptions TypedOptions(const ast::Decl& decl);

// The words the typed option `name` (`stream`, `billing`, `deletion`, `auth`, `arch`,
// `logging`) maps; empty for other options. The option checks must accept exactly these (unit
// tests check it).
std::vector<std::string_view> TypedOptionWords(std::string_view name);

}  // namespace caios::check
