// The output of the ASL emitter for one flow: the definition with `${…}` placeholders and the
// entities those placeholders stand for (the template's DefinitionSubstitutions).
#pragma once

#include <string>
#include <vector>

#include "backends/aws/common/json.h"
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
  Json asl;                               // freed by RenderDefinition (cloudformation/template.h)
  std::vector<Placeholder> placeholders;  // sorted by name, unique

  // Set by RenderDefinition, on the thread that emitted the definition, so that the template
  // neither copies nor walks it again (docs/performance.md).
  bool rendered = false;
  std::string json;         // statemachines/<flow>.asl.json
  std::string in_template;  // what follows `Definition:` in the template, at indentation 0
  bool literal_substitution_text = false;  // HoldsLiteralSubstitutionText
  // Set by PrepareRole: the Properties of the state machine's IAM role, as the template holds
  // them (empty when the template is not written).
  bool role_prepared = false;
  std::string role_in_template;
};

}  // namespace caios::aws
