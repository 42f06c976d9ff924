// The builtin functions of expressions (pure; compiled to JSONata / intrinsic functions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caios::check {

struct BuiltinInfo {
  std::string_view name;
  std::string_view signature;  // as documented, e.g. "len(string | array | json) -> int"
  int min_args;
  int max_args;  // -1: variadic
};

// Every builtin, in documentation order; nullptr from FindBuiltin when `name` is none.
const std::vector<BuiltinInfo>& AllBuiltins();
const BuiltinInfo* FindBuiltin(std::string_view name);
std::vector<std::string> BuiltinNames();

// The algorithms `hash(s, algorithm)` accepts (those of States.Hash).
const std::vector<std::string>& HashAlgorithms();

}  // namespace caios::check
