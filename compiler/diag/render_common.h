// Helpers shared by the diagnostic renderers: display paths, severity names, positions and the
// closing summary line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

// "error", "warning" or "note".
std::string_view SeverityName(Severity severity);

// The path to show for a file: relative to `base` when the file lies below it, else as given.
// Keeps output independent of where the checkout lives (golden tests, SARIF uris).
std::string DisplayPath(const std::string& path, const std::filesystem::path& base);

struct DiagCounts {
  size_t errors = 0;
  size_t warnings = 0;
};
DiagCounts CountDiagnostics(const std::vector<Diagnostic>& diagnostics);

// "3 errors and 1 warning emitted"; empty when there is nothing to report.
std::string SummaryText(DiagCounts counts);

// A resolved position: 1-based line and code-point column, and the byte offset (clamped).
struct ResolvedPos {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t offset = 0;
};
struct ResolvedRange {
  ResolvedPos start;
  ResolvedPos end;
};
// Positions of a span in its file; the span must be valid and known to `sources`.
ResolvedRange Resolve(const SourceManager& sources, Span span);
// True when `span` names a file known to `sources` (renderers print invalid ones without a
// location instead of crashing).
bool HasLocation(const SourceManager& sources, Span span);

// The text of a fix-it for humans: "replace with `x`", "insert `x`" or "remove this".
std::string FixItText(const FixIt& fixit);

}  // namespace caios
