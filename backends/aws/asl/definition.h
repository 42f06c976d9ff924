// The output of the ASL emitter for one flow: the definition with `${…}` placeholders and the
// entities those placeholders stand for (the template's DefinitionSubstitutions).
#pragma once

#include <string>
#include <vector>

#include "backends/aws/common/names.h"
#include "compiler/ir/ir.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

struct Placeholder {
  std::string name;  // without `${` `}`
  ir::EntityRef target;
  Attribute attribute = Attribute::kArn;
  bool operator==(const Placeholder&) const = default;
};

struct FlowDefinition {
  ir::FlowId flow;
  nlohmann::ordered_json asl;
  std::vector<Placeholder> placeholders;  // sorted by name, unique
};

}  // namespace caios::aws
