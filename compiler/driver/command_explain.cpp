#include "compiler/driver/command_explain.h"

#include "compiler/diag/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render_common.h"
#include "fmt/format.h"

namespace caios {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view SuggestCode(std::string_view code) {
  std::string wanted = Upper(code);
  // A bare number ("101") most likely means the error with that number.
  if (!wanted.empty() && std::isdigit(static_cast<unsigned char>(wanted[0]))) {
    std::string padded = std::string(wanted.size() < 4 ? 4 - wanted.size() : 0, '0') + wanted;
    for (const char* prefix : {"E", "W"}) {
      if (const DiagKindInfo* info = FindDiagKind(prefix + padded)) return info->code;
    }
  }
  std::string_view best;
  size_t best_distance = 3;  // suggest only codes at most two edits away
  for (const DiagKindInfo& info : AllDiagKinds()) {
    size_t d = EditDistance(wanted, info.code);
    if (d < best_distance) best_distance = d, best = info.code;
  }
  return best;
}

int RunExplain(const std::string& code, std::ostream& out, std::ostream& err) {
  const DiagKindInfo* info = FindDiagKind(Upper(code));
  if (info == nullptr) {
    err << fmt::format("error: unknown diagnostic code `{}`", code);
    std::string_view suggestion = SuggestCode(code);
    if (!suggestion.empty()) err << fmt::format("; did you mean `{}`?", suggestion);
    err << "\n(run `caios explain --list` to see every code)\n";
    return 2;
  }
  out << fmt::format("{} ({}): {}\n\n", info->code, SeverityName(info->severity), info->title)
      << info->explanation;
  if (!info->explanation.empty() && info->explanation.back() != '\n') out << '\n';
  return 0;
}

int RunExplainList(std::ostream& out) {
  for (const DiagKindInfo& info : AllDiagKinds()) {
    out << fmt::format("{}  {:<7}  {}\n", info.code, SeverityName(info.severity), info.title);
  }
  return 0;
}

}  // namespace caios
