#include "backends/aws/asl/action_args.h"

namespace caios::aws {

const ir::Value* Arg(const ir::Action& a, std::string_view name) {
  for (const auto& [n, v] : a.args) {
    if (n == name) return v.get();
  }
  return nullptr;
}

}  // namespace caios::aws
