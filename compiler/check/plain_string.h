// The text of a string literal without interpolation, for the checks that read it when compiling.
#pragma once

#include <string>

#include "compiler/ast/ast.h"

namespace caios::check {

// The plain text of a string literal without interpolation, or nullptr.
const std::string* PlainString(const ast::Expr& e);

}  // namespace caios::check
