// Target-neutral expressions of the IR: the values flows compute between tasks. The AWS backend
// renders them as JSONata (and, later, JSONPath payload templates and intrinsic functions).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ids.h"
#include "compiler/source/source.h"
#include "compiler/types/types.h"

namespace caios::ir {

enum class ValueKind {
  kNull,
  kBool,       // boolean
  kInt,        // integer
  kNumber,     // number
  kString,     // text
  kVar,        // a flow variable: text = its name
  kField,      // children[0].text
  kIndex,      // children[0][children[1]]
  kObject,     // keys[i]: children[i]
  kArray,      // children
  kConcat,     // string interpolation: the children as strings, concatenated
  kUnary,      // unary_op children[0]
  kBinary,     // children[0] binary_op children[1]
  kBuiltin,    // text(children...), a builtin of the language (len, uuid, ...)
  kTaskToken,  // the task token of the enclosing callback task
  kContext,    // `context`: a field of the run's context (its execution, flow and state)
  kResult,     // the result of the current state's action, as the language types it
  kInput,      // the input of the current state
  kCaught,     // the error caught by the current catch edge: { error, cause }
  kResource,   // an attribute of an entity of the application, known once it is deployed
  // `[children[1] for text in children[0] if children[2]]` (children[2] only with a condition):
  // an array of the element expression for each element of the source the condition keeps.
  kComprehension,
  kElement,  // the element a comprehension binds: text = its name (not a flow variable)
};

// What a flow reads of an entity as a value (docs/language.md, "Resources as values").
enum class ResourceAttribute {
  kName,       // its name as deployed
  kArn,        // its identifier (AWS: its ARN)
  kUrl,        // a queue's URL
  kStreamArn,  // a table's change stream
};

// As the program writes it: `name`, `arn`, `url`, `stream_arn`.
const char* Spelling(ResourceAttribute attribute);

// What a run knows about itself (docs/language.md, "The run's context").
enum class ContextField {
  kExecutionId,         // the execution's identifier (AWS: its ARN)
  kExecutionName,       // its name
  kExecutionStartTime,  // when it started (RFC 3339)
  kExecutionInput,      // the input it started with
  kFlowArn,             // the flow's identifier (AWS: the state machine's ARN)
  kFlowName,            // the flow's name as deployed
  kStateName,           // the current step's name
  kStateEnteredTime,    // when the current step was entered (RFC 3339)
  kStateRetryCount,     // how many times the current step has been retried
};

// As the program writes it: `execution.id`, `state.retry_count`, ….
const char* Spelling(ContextField field);

enum class UnaryOp { kNeg, kNot };
enum class BinaryOp {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kAnd,
  kOr,
  kCoalesce
};

struct Value;
using ValuePtr = std::unique_ptr<Value>;

struct Value {
  ValueKind kind = ValueKind::kNull;
  types::TypeId type = nullptr;  // the checked type; never null after lowering
  Span span;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;
  std::string text;
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAdd;
  std::vector<std::string> keys;                           // kObject
  ContextField context = ContextField::kExecutionId;       // kContext
  EntityRef entity;                                        // kResource
  ResourceAttribute attribute = ResourceAttribute::kName;  // kResource
  std::vector<ValuePtr> children;
  // A variable or field that only the left side of an enclosing `and`/`or` proves non-null
  // (check::Model::guard_narrowed): valid to read only once that side has been tested.
  bool guard_narrowed = false;
};

// Convenience constructors used by lowering and the backends.
ValuePtr MakeValue(ValueKind kind, types::TypeId type, Span span = {});
ValuePtr MakeString(std::string text, types::TypeId type);
ValuePtr MakeVar(std::string name, types::TypeId type);
ValuePtr Clone(const Value& value);

// Calls `fn` on every variable name `value` reads.
template <class Fn>
void ForEachVar(const Value& value, Fn&& fn) {
  if (value.kind == ValueKind::kVar) fn(value.text);
  for (const ValuePtr& child : value.children) ForEachVar(*child, fn);
}

}  // namespace caios::ir
