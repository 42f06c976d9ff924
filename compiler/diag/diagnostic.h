// Diagnostics: the one registry of kinds (codes), the diagnostic record, and the sink phases
// report into. Phases never throw for user errors; they report here and carry on.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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

// A message form of one kind, declared beside the kind with CAIOS_DIAG_MESSAGE in
// kinds_*.def. `format` is checked against Args at compile time (fmt's consteval
// format_string), and Emit takes exactly Args, so a wrong argument count or type does not
// compile. See docs/architecture.md, "Diagnostics".
template <typename... Args>
struct DiagMessage {
  DiagCode kind;
  fmt::format_string<Args...> format;

  std::string Format(std::type_identity_t<Args>... args) const {
    return fmt::vformat(fmt::string_view(format), fmt::make_format_args(args...));
  }
};

// One declared message form, untyped, for the registry tests and docs.
struct DiagMessageInfo {
  DiagCode kind;
  std::string_view name;    // "UnknownName"
  std::string_view format;  // "unknown name `{}`"
};

// Every CAIOS_DIAG_MESSAGE in registry order.
const std::vector<DiagMessageInfo>& AllDiagMessages();

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

// A note below the message; with a span it also points at a place (a "declared here"),
// rendered like a label's location line and caret, and as a related location in JSON/SARIF.
struct DiagNote {
  std::string message;
  std::optional<Span> span;
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
  std::vector<DiagNote> notes;
  std::vector<FixIt> fixits;  // alternatives, best first

  Diagnostic& Label(Span s, std::string msg) {
    labels.push_back({s, std::move(msg)});
    return *this;
  }
  Diagnostic& Note(std::string msg) {
    notes.push_back({std::move(msg), std::nullopt});
    return *this;
  }
  Diagnostic& Note(Span s, std::string msg) {
    notes.push_back({std::move(msg), s});
    return *this;
  }
  // Adds a suggested replacement; several calls offer alternatives.
  Diagnostic& Fix(Span s, std::string replacement) {
    fixits.push_back(FixIt{s, std::move(replacement)});
    return *this;
  }
};

// Collects diagnostics from all phases. Thread-safe: files are parsed in parallel.
class DiagnosticSink {
 public:
  // Reports a diagnostic with a declared message (kinds_*.def) and returns it so that labels,
  // notes and fix-its can be chained:
  //   sink.Emit(span, diag::UnknownName, name).Label(other, "declared here");
  // The reference stays valid until TakeSorted (storage is a deque), so reports from other
  // threads do not disturb the chaining.
  template <typename... Args>
  Diagnostic& Emit(Span span, const DiagMessage<Args...>& message,
                   std::type_identity_t<Args>... args) {
    return Report(message.kind, span, message.Format(args...));
  }

  size_t error_count() const { return errors_.load(); }
  size_t warning_count() const { return warnings_.load(); }
  bool has_errors() const { return errors_.load() > 0; }

  // Moves every diagnostic of `other` into this sink, in order.
  void Absorb(DiagnosticSink& other);
  // Moves the errors of `other` into this sink, in order, and drops its other diagnostics.
  void AbsorbErrors(DiagnosticSink& other);

  // Diagnostics sorted by file, position and report order (deterministic output).
  std::vector<Diagnostic> TakeSorted();

 private:
  Diagnostic& Report(DiagCode kind, Span span, std::string message);

  std::mutex mutex_;
  std::deque<Diagnostic> diagnostics_;
  std::atomic<size_t> errors_{0};
  std::atomic<size_t> warnings_{0};
};

// The declared messages: diag::UnknownName and so on.
namespace diag {
#define CAIOS_DIAG_MESSAGE(kind, name, format, ...) \
  inline constexpr DiagMessage<__VA_ARGS__> name{DiagCode::kind, format};
#include "compiler/diag/diag_kinds.def"
#undef CAIOS_DIAG_MESSAGE
}  // namespace diag

}  // namespace caios
