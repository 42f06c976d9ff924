// The word options of resources and functions as typed records (model.h, DeclOptions).
#pragma once

#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/model.h"

namespace caios::check {

// The typed options of a resource or function declaration. A word the option schema rejects
// (E0504, option_schema.cpp) leaves its field at the default: lowering never runs then.
DeclOptions TypedOptions(const ast::Decl& resource_or_function);

// The words the typed option `name` (`stream`, `billing`, `deletion`, `auth`, `arch`) maps;
// empty for other options. The option schema must accept exactly these (a unit test checks it).
std::vector<std::string_view> TypedOptionWords(std::string_view name);

}  // namespace caios::check
