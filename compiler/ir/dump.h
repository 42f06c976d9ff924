// A readable text form of the IR, printed by `caios build --dump-ir` (and used in tests).
#pragma once

#include <ostream>

#include "compiler/ir/ir.h"

namespace caios::ir {

void Dump(const App& app, std::ostream& out);
// A value in the language's own notation (`order.items[0]`, `len(x) > 0`).
std::string ToText(const Value& value);

}  // namespace caios::ir
