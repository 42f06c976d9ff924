#include "compiler/ir/values.h"

namespace caios::ir {

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
  v->guard_narrowed = value.guard_narrowed;
  for (const ValuePtr& child : value.children) v->children.push_back(Clone(*child));
  return v;
}

}  // namespace caios::ir
