// Diagnostics: the one registry of kinds (codes), the diagnostic record, and the sink phases
// report into. Phases never throw for user errors; they report here and carry on.
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/source.h"

namespace caios {

enum class Severity { kError, kWarning, kNote };

// Every kind of diagnostic the compiler can emit; see diag_kinds.def for codes and texts.
enum class DiagCode : uint16_t {
#define CAIOS_DIAG(name, code, severity, title, explanation) name,
#include "compiler/diag/diag_kinds.def"
#undef CAIOS_DIAG
  kCount
};

struct DiagKindInfo {
  DiagCode kind;
  std::string_view code;  // "E0101"
  Severity severity;
  std::string_view title;        // one line, lowercase
  std::string_view explanation;  // long text for `caios explain`, with an example
};

const DiagKindInfo& Info(DiagCode kind);
// All kinds in registry order.
const std::vector<DiagKindInfo>& AllDiagKinds();
// Looks a code up by its text ("E0101"); nullptr if unknown.
const DiagKindInfo* FindDiagKind(std::string_view code);

struct SpanLabel {
  Span span;
  std::string message;
};

// A suggested replacement of `span` by `replacement`.
struct FixIt {
  Span span;
  std::string replacement;
};

struct Diagnostic {
  DiagCode kind;
  Severity severity;
  Span span;
  std::string message;
  std::vector<SpanLabel> labels;  // secondary spans
  std::vector<std::string> notes;
  std::optional<FixIt> fixit;

  Diagnostic& Label(Span s, std::string msg) {
    labels.push_back({s, std::move(msg)});
    return *this;
  }
  Diagnostic& Note(std::string msg) {
    notes.push_back(std::move(msg));
    return *this;
  }
  Diagnostic& Fix(Span s, std::string replacement) {
    fixit = FixIt{s, std::move(replacement)};
    return *this;
  }
};

// Collects diagnostics from all phases. Thread-safe: files are parsed in parallel.
class DiagnosticSink {
 public:
  // Reports a diagnostic and returns it so that labels, notes and a fix-it can be chained:
  //   sink.Report(DiagCode::kUnknownName, span, "...").Label(other, "declared here");
  // The reference stays valid until TakeSorted (storage is a deque), so reports from other
  // threads do not disturb the chaining.
  Diagnostic& Report(DiagCode kind, Span span, std::string message);

  size_t error_count() const { return errors_.load(); }
  size_t warning_count() const { return warnings_.load(); }
  bool has_errors() const { return errors_.load() > 0; }

  // Moves every diagnostic of `other` into this sink, in order.
  void Absorb(DiagnosticSink& other);

  // Diagnostics sorted by file, position and report order (deterministic output).
  std::vector<Diagnostic> TakeSorted();

 private:
  std::mutex mutex_;
  std::deque<Diagnostic> diagnostics_;
  std::atomic<size_t> errors_{0};
  std::atomic<size_t> warnings_{0};
};

}  // namespace caios
