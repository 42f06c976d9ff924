// The run's context as the language names it: `execution.id`, `execution.name`, …,
// `state.name`, `state.entered_time`, `state.retry_count` (docs/language.md, "The run's
// context"), with the type of each field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/model.h"

namespace caios::check {

struct ContextFieldInfo {
  std::string_view object;  // `execution` or `state`
  std::string_view field;   // `id`
  ContextField value;
  TypeKind type;  // string, int or json
};

// Every field, in documentation order.
const std::vector<ContextFieldInfo>& AllContextFields();
// Whether `name` is one of the context's objects (`execution`, `state`).
bool IsContextObject(std::string_view name);
// The field `object.field`; nullopt when there is none.
std::optional<ContextFieldInfo> FindContextField(std::string_view object, std::string_view field);
// The fields of `object`, for messages: `id`, `name`, ….
std::vector<std::string> ContextFieldNames(std::string_view object);

}  // namespace caios::check
