// An IR action's arguments by name, for the writers of its task in both query languages.
#pragma once

#include <string_view>

#include "compiler/ir/ir.h"

namespace caios::aws {

// The value of `a`'s argument `name` (ir::Action::args), or nullptr when `a` has none.
const ir::Value* Arg(const ir::Action& a, std::string_view name);

}  // namespace caios::aws
