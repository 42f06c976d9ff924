#include "compiler/check/builtins.h"

namespace caios::check {

// The builtin functions and their types. `T` stands for any type; `number` parameters accept
// `int`; results marked `same` keep the argument's numeric type. The docs copy this table.
//
//   uuid() -> string                          a random UUID v4
//   now() -> string                           the current time as an ISO-8601 timestamp
//   len(string | array | json) -> int         characters of a string, elements of an array
//   keys(record | json) -> [string]           the field names of an object
//   merge(a, b) -> record | json              fields of `a` overridden by those of `b`; a record
//                                             when both are records, json otherwise
//   contains(string, string) -> bool          substring test
//   contains([T], T) -> bool                  element test
//   range(start: int, end: int[, step: int]) -> [int]   start, start+step, ... (< end)
//   split(string, separator: string) -> [string]
//   join([string], separator: string) -> string
//   json_parse(string) -> json
//   json_string(T) -> string                  serialises any value as JSON text
//   base64_encode(string) -> string
//   base64_decode(string) -> string
//   hash(string[, algorithm: string]) -> string   MD5, SHA-1, SHA-256 (default), SHA-384, SHA-512
//   format(template: string, args: T...) -> string   each `{}` in the template takes one argument
//   abs(number) -> same                       absolute value
//   floor(number) -> int, ceil(number) -> int, round(number) -> int
//   min(number, number...) -> same, max(number, number...) -> same   int when all are int
//   random(low: int, high: int) -> int        a random integer in [low, high)
//   upper(string) -> string, lower(string) -> string, trim(string) -> string
//   is_string(any) -> bool, is_number, is_int, is_bool, is_array, is_object, is_null,
//   is_timestamp: what the value is at run time; a true test narrows the value's type
const std::vector<BuiltinInfo>& AllBuiltins() {
  static const std::vector<BuiltinInfo> builtins = {
      {"uuid", "uuid() -> string", 0, 0},
      {"now", "now() -> string", 0, 0},
      {"len", "len(string | array | json) -> int", 1, 1},
      {"keys", "keys(record | json) -> [string]", 1, 1},
      {"merge", "merge(record | json, record | json) -> record | json", 2, 2},
      {"contains", "contains(string | array, value) -> bool", 2, 2},
      {"range", "range(start: int, end: int, step?: int) -> [int]", 2, 3},
      {"split", "split(string, separator: string) -> [string]", 2, 2},
      {"join", "join([string], separator: string) -> string", 2, 2},
      {"json_parse", "json_parse(string) -> json", 1, 1},
      {"json_string", "json_string(any) -> string", 1, 1},
      {"base64_encode", "base64_encode(string) -> string", 1, 1},
      {"base64_decode", "base64_decode(string) -> string", 1, 1},
      {"hash", "hash(string, algorithm?: string) -> string", 1, 2},
      {"format", "format(template: string, args...) -> string", 1, -1},
      {"abs", "abs(number) -> number (int for int)", 1, 1},
      {"floor", "floor(number) -> int", 1, 1},
      {"ceil", "ceil(number) -> int", 1, 1},
      {"round", "round(number) -> int", 1, 1},
      {"min", "min(number, number...) -> number (int when all are int)", 1, -1},
      {"max", "max(number, number...) -> number (int when all are int)", 1, -1},
      {"random", "random(low: int, high: int) -> int", 2, 2},
      {"upper", "upper(string) -> string", 1, 1},
      {"lower", "lower(string) -> string", 1, 1},
      {"trim", "trim(string) -> string", 1, 1},
      {"is_string", "is_string(any) -> bool", 1, 1},
      {"is_number", "is_number(any) -> bool", 1, 1},
      {"is_int", "is_int(any) -> bool", 1, 1},
      {"is_bool", "is_bool(any) -> bool", 1, 1},
      {"is_array", "is_array(any) -> bool", 1, 1},
      {"is_object", "is_object(any) -> bool", 1, 1},
      {"is_null", "is_null(any) -> bool", 1, 1},
      {"is_timestamp", "is_timestamp(any) -> bool", 1, 1},
  };
  return builtins;
}

const BuiltinInfo* FindBuiltin(std::string_view name) {
  for (const BuiltinInfo& b : AllBuiltins()) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

std::vector<std::string> BuiltinNames() {
  std::vector<std::string> names;
  for (const BuiltinInfo& b : AllBuiltins()) names.emplace_back(b.name);
  return names;
}

const std::vector<std::string>& HashAlgorithms() {
  static const std::vector<std::string> algorithms = {"MD5", "SHA-1", "SHA-256", "SHA-384",
                                                      "SHA-512"};
  return algorithms;
}

}  // namespace caios::check
