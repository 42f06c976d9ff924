#include "compiler/ir/values.h"

#include "compiler/base/invariant.h"

namespace caios::ir {

const char* Spelling(ContextField field) {
  switch (field) {
    case ContextField::kExecutionId:
      return "execution.id";
    case ContextField::kExecutionName:
      return "execution.name";
    case ContextField::kExecutionStartTime:
      return "execution.start_time";
    case ContextField::kExecutionInput:
      return "execution.input";
    case ContextField::kFlowArn:
      return "execution.flow_arn";
    case ContextField::kFlowName:
      return "execution.flow_name";
    case ContextField::kStateName:
      return "state.name";
    case ContextField::kStateEnteredTime:
      return "state.entered_time";
    case ContextField::kStateRetryCount:
      return "state.retry_count";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown context field");
  return "";
}

const char* Spelling(ResourceAttribute attribute) {
  switch (attribute) {
    case ResourceAttribute::kName:
      return "name";
    case ResourceAttribute::kArn:
      return "arn";
    case ResourceAttribute::kUrl:
      return "url";
    case ResourceAttribute::kStreamArn:
      return "stream_arn";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown resource attribute");
  return "";
}

ValuePtr MakeValue(ValueKind kind, types::TypeId type, Span span) {
  auto v = std::make_unique<Value>();
  v->kind = kind;
  v->type = type;
  v->span = span;
  return v;
}

ValuePtr MakeString(std::string text, types::TypeId type) {
  ValuePtr v = MakeValue(ValueKind::kString, type);
  v->text = std::move(text);
  return v;
}

ValuePtr MakeVar(std::string name, types::TypeId type) {
  ValuePtr v = MakeValue(ValueKind::kVar, type);
  v->text = std::move(name);
  return v;
}

ValuePtr Clone(const Value& value) {
  auto v = std::make_unique<Value>();
  v->kind = value.kind;
  v->type = value.type;
  v->span = value.span;
  v->boolean = value.boolean;
  v->integer = value.integer;
  v->number = value.number;
  v->text = value.text;
  v->unary_op = value.unary_op;
  v->binary_op = value.binary_op;
  v->keys = value.keys;
  v->context = value.context;
  v->entity = value.entity;
  v->attribute = value.attribute;
  v->guard_narrowed = value.guard_narrowed;
  for (const ValuePtr& child : value.children) v->children.push_back(Clone(*child));
  return v;
}

}  // namespace caios::ir
