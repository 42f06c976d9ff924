// IR values → JSONata expression text, as Step Functions evaluates it inside `{% … %}`.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "compiler/ir/values.h"

namespace caios::aws {

// How the names of one flow's variables are spelled in JSONata: the source name, unless it
// would hide a JSONata function (`$count`, `$string`, …) or another reserved name.
class VariableNames {
 public:
  // Registers a variable (idempotent) and returns its JSONata name without `$`.
  const std::string& Add(const std::string& name);
  const std::string& Of(const std::string& name) const;

 private:
  std::map<std::string, std::string> names_;
  std::map<std::string, std::string> taken_;  // JSONata name → source name
};

struct JsonataContext {
  const VariableNames* variables = nullptr;
  // The JSONata text of the current state's action result (`$states.result.Payload`, …).
  std::string result = "$states.result";
  // The marker of the DefinitionSubstitutions placeholder for an entity's attribute
  // (`Docs.name`): AslBuilder::ResourceValue.
  std::function<std::string(const ir::Value&)> resource;
};

// The JSONata expression for `value` (without the `{% %}` delimiters).
std::string Jsonata(const ir::Value& value, const JsonataContext& ctx);

// `{% expr %}`.
std::string Template(const std::string& expression);

// A JSONata string literal.
std::string Quote(const std::string& text);

}  // namespace caios::aws
