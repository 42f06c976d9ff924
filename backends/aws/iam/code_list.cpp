#include "backends/aws/iam/code_list.h"

namespace caios::aws {

std::string CodeList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "`" : ", `") + s + "`";
  return out;
}

}  // namespace caios::aws
