// IR values → classic JSONPath ASL: reference paths, payload templates, intrinsic functions
// and Choice rules. Variables live in the state document at `$.vars.NAME.v` (boxed, so that a
// Parameters or ResultSelector template can store any value under a fixed key).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "backends/aws/asl/task_builder.h"
#include "compiler/ir/values.h"

namespace caios::aws {

// A value as JSONPath ASL can write it.
struct JpValue {
  enum class Kind {
    kLiteral,    // `json`: a constant
    kPath,       // `text`: a reference path (`$.vars.order.v.id`, `$$.Task.Token`)
    kIntrinsic,  // `text`: an intrinsic function call (`States.Format(…)`)
    kTemplate,   // `json`: a payload template object (keys ending in `.$` are evaluated)
  };
  Kind kind = Kind::kLiteral;
  Json json;
  std::string text;

  bool dynamic() const { return kind == Kind::kPath || kind == Kind::kIntrinsic; }
};

// Why a value has no JSONPath form: the IR value to point at and a sentence.
struct JpProblem {
  const ir::Value* at = nullptr;
  std::string reason;
};

// Where the values of a state live.
struct JpScope {
  // The path of the current state's action result as the language types it (for example
  // `$.Payload` of a Lambda invoke), when the value is read in a ResultSelector; empty where
  // no result is in reach.
  std::optional<JpValue> result;
  // Whether variables are in reach (not inside a ResultSelector, which sees only the result).
  bool variables = true;
  // The path of the current state's input (`$` for the start of a flow or an iteration).
  std::string input;
  // Whether the value, when it is a field (or a chain of fields) the language allows to be
  // absent, may be read: a condition guards it with IsPresent. Fields inside anything else are
  // read before the guard and must be present.
  bool absent_ok = false;
  // Computes a value that needs states of its own (`a ?? b`, a comparison used as a value) before
  // the current state, returning the path where it will be; unset where that is impossible.
  std::function<std::optional<JpValue>(const ir::Value&)> chain;
  // Stores a value in the state document before the current state (a Pass of the prelude) and
  // returns its path: for intrinsic arguments that must be paths or that are constant objects
  // (whose escaped JSON text some interpreters misread). Unset: no such states can be added.
  std::function<std::string(const JpValue&)> store;
  // Reads a path that may be missing (a field or element of a `json` value, which the
  // language reads as null when absent) into the state document before the current state:
  // the value when it is present, null otherwise; returns where. Unset: no such states can be
  // added.
  std::function<std::string(const std::string& path)> absent;
  // The marker of the DefinitionSubstitutions placeholder for an entity's attribute
  // (`Docs.name`): AslBuilder::ResourceValue.
  std::function<std::string(const ir::Value&)> resource;
};

// The JSONPath form of `v`, or a problem.
std::optional<JpValue> JsonPathValue(const ir::Value& v, const JpScope& scope, JpProblem& problem);

// Puts `v` into a payload template under `key` (`key` or `key.$`).
void PutTemplateField(Json& object, const std::string& key, const JpValue& v);

// A payload template that evaluates to `v`, as the value of one key of a Parameters or
// ResultSelector object: `{"v": …}` or `{"v.$": …}`.
Json BoxedTemplate(const JpValue& v);

// The value of an integer literal, also a negative one (`-1` is a negation of `1`).
std::optional<int64_t> IntLiteral(const ir::Value& v);

// The path of variable `name` in the state document.
std::string VariablePath(const std::string& name);

// An intrinsic-function string literal: `'…'` with `'`, `{`, `}` and `\` escaped.
std::string IntrinsicString(const std::string& text);

// A Choice rule (without `Next`) for a boolean condition. Operands that are neither paths nor
// literals are handed to `materialize`, which returns a path where the caller will have stored
// them before the Choice state runs.
std::optional<Json> JsonPathCondition(const ir::Value& condition, const JpScope& scope,
                                      const std::function<std::string(const JpValue&)>& materialize,
                                      JpProblem& problem);

// A task in JSONPath: its Resource, Parameters and how the result the language promises is
// read from the raw result.
struct JpTaskShape {
  std::string resource;
  Json parameters = Json::object();
  // The result as a ResultSelector reads it (relative to the raw result), unless `post` is set.
  JpValue result;
  // Results that need states after the task: an item that may be absent (`get`), a list whose
  // elements are reshaped (`scan`, `list`). `list_path` is where it is in the raw result;
  // `element` is the template of one item or element read at a path prefix.
  enum class Post { kNone, kMaybeItem, kList };
  Post post = Post::kNone;
  std::string list_path;
  std::function<std::optional<Json>(const std::string& prefix)> element;
};

std::optional<JpTaskShape> JsonPathTask(const ir::Action& action, const JpScope& scope,
                                        AslBuilder& b, JpProblem& problem);

// The value of record type `type` read from the DynamoDB attribute map at `prefix`, as a
// template; nullopt when a field (optional, array, `json`) cannot be read back in JSONPath, or
// records nest kMaxTemplateDepth deep (a record that contains itself has no finite template).
inline constexpr int kMaxTemplateDepth = 32;
std::optional<Json> UnmarshalTemplate(types::TypeId type, const std::string& prefix, int depth = 0);

}  // namespace caios::aws
