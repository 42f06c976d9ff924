#include "compiler/check/context_fields.h"

namespace caios::check {

const std::vector<ContextFieldInfo>& AllContextFields() {
  using F = ContextField;
  static const std::vector<ContextFieldInfo> kFields = {
      {"execution", "id", F::kExecutionId, TypeKind::kString},
      {"execution", "name", F::kExecutionName, TypeKind::kString},
      {"execution", "start_time", F::kExecutionStartTime, TypeKind::kString},
      {"execution", "input", F::kExecutionInput, TypeKind::kJson},
      {"execution", "flow_arn", F::kFlowArn, TypeKind::kString},
      {"execution", "flow_name", F::kFlowName, TypeKind::kString},
      {"state", "name", F::kStateName, TypeKind::kString},
      {"state", "entered_time", F::kStateEnteredTime, TypeKind::kString},
      {"state", "retry_count", F::kStateRetryCount, TypeKind::kInt},
  };
  return kFields;
}

bool IsContextObject(std::string_view name) { return name == "execution" || name == "state"; }

std::optional<ContextFieldInfo> FindContextField(std::string_view object, std::string_view field) {
  for (const ContextFieldInfo& f : AllContextFields()) {
    if (f.object == object && f.field == field) return f;
  }
  return std::nullopt;
}

std::vector<std::string> ContextFieldNames(std::string_view object) {
  std::vector<std::string> names;
  for (const ContextFieldInfo& f : AllContextFields()) {
    if (f.object == object) names.emplace_back(f.field);
  }
  return names;
}

}  // namespace caios::check
