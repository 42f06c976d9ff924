// A list of IAM actions (or any names) in code quotes, for the notes of diagnostics.
#pragma once

#include <string>
#include <vector>

namespace caios::aws {

// `a`, `b`, `c`: the items in code quotes, separated by commas.
std::string CodeList(const std::vector<std::string>& items);

}  // namespace caios::aws
