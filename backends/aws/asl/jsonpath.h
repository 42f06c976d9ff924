// IR values → classic JSONPath ASL: reference paths, payload templates, intrinsic functions
// and Choice rules. Variables live in the state document at `$.vars.NAME.v` (boxed, so that a
// Parameters or ResultSelector template can store any value under a fixed key).
#pragma once

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
  // Whether a field the language allows to be absent may be read (a condition guards it with
  // IsPresent); elsewhere such a read would fail the state when the field is missing.
  bool absent_ok = false;
  // Computes a value that needs states of its own (`a ?? b`, a comparison used as a value) before
  // the current state, returning the path where it will be; unset where that is impossible.
  std::function<std::optional<JpValue>(const ir::Value&)> chain;
  // Stores a constant object or array in the state document before the current state and
  // returns its path, for an intrinsic function's argument; unset: States.StringToJson of the
  // escaped text (standard, but a text full of escaped braces that some interpreters misread).
  std::function<std::string(const Json&)> constant;
};

// The JSONPath form of `v`, or a problem.
std::optional<JpValue> JsonPathValue(const ir::Value& v, const JpScope& scope, AslBuilder& b,
                                     JpProblem& problem);

// Puts `v` into a payload template under `key` (`key` or `key.$`).
void PutTemplateField(Json& object, const std::string& key, const JpValue& v);

// A payload template that evaluates to `v`, as the value of one key of a Parameters or
// ResultSelector object: `{"v": …}` or `{"v.$": …}`.
Json BoxedTemplate(const JpValue& v);

// The path of variable `name` in the state document.
std::string VariablePath(const std::string& name);

// An intrinsic-function string literal: `'…'` with `'`, `{`, `}` and `\` escaped.
std::string IntrinsicString(const std::string& text);

// A Choice rule (without `Next`) for a boolean condition. Operands that are neither paths nor
// literals are handed to `materialize`, which returns a path where the caller will have stored
// them before the Choice state runs.
std::optional<Json> JsonPathCondition(const ir::Value& condition, const JpScope& scope,
                                      AslBuilder& b,
                                      const std::function<std::string(const JpValue&)>& materialize,
                                      JpProblem& problem);

}  // namespace caios::aws
