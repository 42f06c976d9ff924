// `caios explain CODE` and `caios explain --list`: the long explanation of a diagnostic code.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace caios {

// Prints the code's title and explanation; an unknown code is a usage error (exit 2) with a
// did-you-mean suggestion. Codes are matched case-insensitively.
int RunExplain(const std::string& code, std::ostream& out, std::ostream& err);

// Prints every code with its severity and title, one per line.
int RunExplainList(std::ostream& out);

// The registry code closest to `code` by edit distance, or "" if none is close.
std::string_view SuggestCode(std::string_view code);

}  // namespace caios
