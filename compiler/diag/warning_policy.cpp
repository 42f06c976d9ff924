#include "compiler/diag/warning_policy.h"

#include <algorithm>

#include "compiler/diag/suggest.h"
#include "fmt/format.h"

namespace caios {

namespace {

bool WellFormed(std::string_view code) {
  if (code.size() != 5) return false;
  if (code[0] != 'E' && code[0] != 'W') return false;
  return std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Only printable ASCII of a user's code is echoed: the text may come from a hostile caios.toml.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (text.size() > 40) out += "...";
  return out;
}

// Resolves a warning code given by the user (any case); when it names no warning, calls
// `report(message, args...)` with the declared message that says why, so that the command line
// prints it as text and caios.toml reports it as a diagnostic.
template <class Report>
const DiagKindInfo* ResolveCode(std::string_view code, Report&& report) {
  std::string upper(code);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (!WellFormed(upper)) {
    report(diag::NotADiagnosticCode, Printable(code));
    return nullptr;
  }
  const DiagKindInfo* info = FindDiagKind(upper);
  if (info == nullptr) {
    std::vector<std::string> warnings;
    for (const DiagKindInfo& k : AllDiagKinds()) {
      if (k.severity == Severity::kWarning) warnings.emplace_back(k.code);
    }
    std::string hint = DidYouMean(upper, warnings);
    if (hint.empty()) {
      report(diag::UnknownDiagnosticCode, upper);
    } else {
      report(diag::UnknownDiagnosticCodeHint, upper, hint);
    }
    return nullptr;
  }
  if (info->severity != Severity::kWarning) {
    report(diag::ErrorCodeNotWarning, upper);
    return nullptr;
  }
  return info;
}

}  // namespace

const DiagKindInfo* ResolveWarningCode(std::string_view code, std::string& problem) {
  return ResolveCode(
      code, [&](const auto& message, const auto&... args) { problem = message.Format(args...); });
}

const DiagKindInfo* ResolveWarningCode(std::string_view code, Span span, DiagnosticSink& sink) {
  return ResolveCode(
      code, [&](const auto& message, const auto&... args) { sink.Emit(span, message, args...); });
}

WarningPolicy Overlay(const WarningPolicy& base, const WarningPolicy& over) {
  WarningPolicy result = base;
  if (!over.deny_all_origin.empty()) result.deny_all_origin = over.deny_all_origin;
  for (const auto& [code, control] : over.codes) result.codes[code] = control;
  return result;
}

void ApplyWarningPolicy(const WarningPolicy& policy, std::vector<Diagnostic>& diagnostics) {
  if (policy.empty()) return;
  ApplyWarningPolicy([&](const Diagnostic&) -> const WarningPolicy& { return policy; },
                     diagnostics);
}

void ApplyWarningPolicy(const std::function<const WarningPolicy&(const Diagnostic&)>& policy_for,
                        std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics.size());
  for (Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kWarning) {
      kept.push_back(std::move(d));
      continue;
    }
    const WarningPolicy& policy = policy_for(d);
    auto it = policy.codes.find(d.kind);
    if (it != policy.codes.end() && !it->second.deny) continue;  // allowed: silenced
    const std::string* origin = nullptr;
    Span where;
    if (it != policy.codes.end()) {
      origin = &it->second.origin;
      where = it->second.where;
    } else if (!policy.deny_all_origin.empty()) {
      origin = &policy.deny_all_origin;
      where = policy.deny_all_where;
    }
    if (origin != nullptr) {
      d.severity = Severity::kError;
      d.Note(fmt::format("`{}` is a warning made an error by {}", Info(d.kind).code, *origin));
      if (where.valid()) d.Label(where, "made an error here");
    }
    kept.push_back(std::move(d));
  }
  diagnostics = std::move(kept);
}

}  // namespace caios
