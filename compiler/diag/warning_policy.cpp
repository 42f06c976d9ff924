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

}  // namespace

namespace {

// Why a code cannot be denied or allowed, as one of the declared messages and its arguments,
// so that the command line prints it as text and caios.toml reports it as a diagnostic.
struct CodeProblem {
  enum class Kind { kNone, kMalformed, kUnknown, kUnknownWithHint, kNotWarning } kind;
  std::string code;
  std::string hint;
};

CodeProblem FindCodeProblem(std::string_view code, const DiagKindInfo*& info) {
  info = nullptr;
  std::string upper(code);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (!WellFormed(upper)) return {CodeProblem::Kind::kMalformed, Printable(code), ""};
  info = FindDiagKind(upper);
  if (info == nullptr) {
    std::vector<std::string> warnings;
    for (const DiagKindInfo& k : AllDiagKinds()) {
      if (k.severity == Severity::kWarning) warnings.emplace_back(k.code);
    }
    std::string hint = DidYouMean(upper, warnings);
    return {hint.empty() ? CodeProblem::Kind::kUnknown : CodeProblem::Kind::kUnknownWithHint, upper,
            hint};
  }
  if (info->severity != Severity::kWarning) {
    info = nullptr;
    return {CodeProblem::Kind::kNotWarning, upper, ""};
  }
  return {CodeProblem::Kind::kNone, "", ""};
}

}  // namespace

const DiagKindInfo* ResolveWarningCode(std::string_view code, std::string& problem) {
  const DiagKindInfo* info = nullptr;
  CodeProblem p = FindCodeProblem(code, info);
  switch (p.kind) {
    case CodeProblem::Kind::kNone:
      break;
    case CodeProblem::Kind::kMalformed:
      problem = diag::NotADiagnosticCode.Format(p.code);
      break;
    case CodeProblem::Kind::kUnknown:
      problem = diag::UnknownDiagnosticCode.Format(p.code);
      break;
    case CodeProblem::Kind::kUnknownWithHint:
      problem = diag::UnknownDiagnosticCodeHint.Format(p.code, p.hint);
      break;
    case CodeProblem::Kind::kNotWarning:
      problem = diag::ErrorCodeNotWarning.Format(p.code);
      break;
  }
  return info;
}

const DiagKindInfo* ResolveWarningCode(std::string_view code, Span span, DiagnosticSink& sink) {
  const DiagKindInfo* info = nullptr;
  CodeProblem p = FindCodeProblem(code, info);
  switch (p.kind) {
    case CodeProblem::Kind::kNone:
      break;
    case CodeProblem::Kind::kMalformed:
      sink.Emit(span, diag::NotADiagnosticCode, p.code);
      break;
    case CodeProblem::Kind::kUnknown:
      sink.Emit(span, diag::UnknownDiagnosticCode, p.code);
      break;
    case CodeProblem::Kind::kUnknownWithHint:
      sink.Emit(span, diag::UnknownDiagnosticCodeHint, p.code, p.hint);
      break;
    case CodeProblem::Kind::kNotWarning:
      sink.Emit(span, diag::ErrorCodeNotWarning, p.code);
      break;
  }
  return info;
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
