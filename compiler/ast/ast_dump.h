// An exhaustive, deterministic text dump of the owned AST, spans included, to compare parsers.
#pragma once

#include <string>

#include "compiler/ast/ast.h"

namespace caios::ast {

// One node a line, indented two spaces a level, each line led by the field it fills. Every
// field of ast.h is printed: spans as `file:begin-end` (byte offsets), strings quoted with
// escapes, doubles in their shortest exact form, null pointers and absent optionals as `-`,
// lists with their length. Two trees dump the same text exactly when they are equal field by
// field (up to NaN payloads).
std::string Dump(const Module& module);
std::string Dump(const Decl& decl);
std::string Dump(const Stmt& stmt);
std::string Dump(const Expr& expr);

}  // namespace caios::ast
