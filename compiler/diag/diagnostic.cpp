#include "compiler/diag/diagnostic.h"

#include <algorithm>
#include <cassert>
#include <set>
#include <string>
#include <tuple>

namespace caios {

const std::vector<DiagKindInfo>& AllDiagKinds() {
  static const std::vector<DiagKindInfo> kinds = {
#define CAIOS_DIAG(name, code, severity, title, explanation) \
  {DiagCode::name, code, Severity::severity, title, explanation},
#include "compiler/diag/diag_kinds.def"
#undef CAIOS_DIAG
  };
  return kinds;
}

const std::vector<DiagMessageInfo>& AllDiagMessages() {
  static const std::vector<DiagMessageInfo> messages = {
#define CAIOS_DIAG_MESSAGE(kind, name, format, ...) {DiagCode::kind, #name, format},
#include "compiler/diag/diag_kinds.def"
#undef CAIOS_DIAG_MESSAGE
  };
  return messages;
}

const DiagKindInfo& Info(DiagCode kind) {
  const auto& kinds = AllDiagKinds();
  assert(static_cast<size_t>(kind) < kinds.size());
  return kinds[static_cast<size_t>(kind)];
}

const DiagKindInfo* FindDiagKind(std::string_view code) {
  for (const auto& info : AllDiagKinds()) {
    if (info.code == code) return &info;
  }
  return nullptr;
}

Diagnostic& DiagnosticSink::Report(DiagCode kind, Span span, std::string message) {
  const DiagKindInfo& info = Info(kind);
  std::lock_guard lock(mutex_);
  if (info.severity == Severity::kError) ++errors_;
  if (info.severity == Severity::kWarning) ++warnings_;
  diagnostics_.push_back(Diagnostic{kind, info.severity, span, std::move(message), {}, {}, {}});
  return diagnostics_.back();
}

void DiagnosticSink::AbsorbErrors(DiagnosticSink& other) {
  std::scoped_lock lock(mutex_, other.mutex_);
  for (Diagnostic& d : other.diagnostics_) {
    if (d.severity == Severity::kError) diagnostics_.push_back(std::move(d));
  }
  errors_ += other.errors_.exchange(0);
  other.warnings_ = 0;
  other.diagnostics_.clear();
}

void DiagnosticSink::Absorb(DiagnosticSink& other) {
  std::scoped_lock lock(mutex_, other.mutex_);
  for (Diagnostic& d : other.diagnostics_) diagnostics_.push_back(std::move(d));
  errors_ += other.errors_.exchange(0);
  warnings_ += other.warnings_.exchange(0);
  other.diagnostics_.clear();
}

std::vector<Diagnostic> DiagnosticSink::TakeSorted() {
  std::lock_guard lock(mutex_);
  std::vector<Diagnostic> out(std::make_move_iterator(diagnostics_.begin()),
                              std::make_move_iterator(diagnostics_.end()));
  diagnostics_.clear();
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file.value != b.span.file.value) return a.span.file.value < b.span.file.value;
    return a.span.begin < b.span.begin;
  });
  // The same report twice says nothing more: a test's `expect` checks an expression and quotes
  // it in its message, and both copies would report its errors (docs/testing.md).
  std::set<std::tuple<DiagCode, uint32_t, uint32_t, uint32_t, std::string>> seen;
  std::erase_if(out, [&](const Diagnostic& d) {
    std::string text = d.message;
    for (const SpanLabel& l : d.labels) text += "\n" + l.message;
    for (const DiagNote& n : d.notes) text += "\n" + n.message;
    if (seen.emplace(d.kind, d.span.file.value, d.span.begin, d.span.end, text).second) {
      return false;
    }
    if (d.severity == Severity::kError) --errors_;
    if (d.severity == Severity::kWarning) --warnings_;
    return true;
  });
  return out;
}

}  // namespace caios
