// The pieces of ASL the emitter shares with the task shapes: JSON for IR values (literals stay
// literals, the rest becomes `{% … %}`) and the placeholders a definition refers to.
#pragma once

#include <set>
#include <string>

#include "backends/aws/asl/definition.h"
#include "backends/aws/asl/jsonata.h"
#include "backends/aws/common/json.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

class AslBuilder {
 public:
  AslBuilder(const ir::App& app, const VariableNames& names) : app_(app) {
    ctx_.variables = &names;
  }

  // The marker of placeholder `${LogicalIdAttr}` for `ref` (a whole JSON string value),
  // recorded for DefinitionSubstitutions.
  std::string Placeholder(ir::EntityRef ref, Attribute attribute);
  std::string Address(ir::EntityRef ref) { return Placeholder(ref, AddressAttribute(app_, ref)); }
  // The marker of the placeholder for a value that reads an entity's attribute (`Docs.name`,
  // an ir::ValueKind::kResource), recorded like Placeholder's.
  std::string ResourceValue(const ir::Value& value);
  // Turns the markers in the finished definition into `${…}` placeholders no string of the
  // program forms (placeholders.h) and returns them for DefinitionSubstitutions.
  std::vector<aws::Placeholder> SealPlaceholders(Json& asl);

  // JSON for a value: literal JSON where the value is constant, `{% expr %}` otherwise.
  Json Value(const ir::Value& value, const std::string& result = "$states.result");
  // JSONata text of a value.
  std::string Expr(const ir::Value& value, const std::string& result = "$states.result");

  const ir::App& app() const { return app_; }

 private:
  const ir::App& app_;
  JsonataContext ctx_;
  std::map<std::string, aws::Placeholder> placeholders_;
};

// How a task is written: its Resource, Arguments and the JSONata of its result as the
// language types it.
struct TaskShape {
  std::string resource;
  Json arguments = Json::object();
  std::string result = "$states.result";
};

TaskShape ShapeTask(const ir::Action& action, AslBuilder& builder);

}  // namespace caios::aws
