#include "compiler/diag/render_common.h"

#include <algorithm>

#include "fmt/format.h"

namespace caios {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string DisplayPath(const std::string& path, const std::filesystem::path& base) {
  namespace fs = std::filesystem;
  fs::path p(path);
  if (!p.is_absolute() || base.empty()) return path;
  fs::path rel = p.lexically_normal().lexically_relative(base.lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return path;
  return rel.generic_string();
}

DiagCounts CountDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  DiagCounts counts;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::kError) ++counts.errors;
    if (d.severity == Severity::kWarning) ++counts.warnings;
  }
  return counts;
}

static std::string Plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string SummaryText(DiagCounts counts) {
  if (counts.errors > 0 && counts.warnings > 0) {
    return Plural(counts.errors, "error") + " and " + Plural(counts.warnings, "warning") +
           " emitted";
  }
  if (counts.errors > 0) return Plural(counts.errors, "error") + " emitted";
  if (counts.warnings > 0) return Plural(counts.warnings, "warning") + " emitted";
  return "";
}

bool HasLocation(const SourceManager& sources, Span span) {
  return span.valid() && span.file.value <= sources.size();
}

ResolvedRange Resolve(const SourceManager& sources, Span span) {
  const SourceFile& file = sources.Get(span.file);
  uint32_t size = static_cast<uint32_t>(file.text().size());
  // Offsets inside a leading byte order mark count as the start of line 1.
  uint32_t begin = std::clamp(span.begin, file.ContentStart(), size);
  uint32_t end = std::clamp(span.end, begin, size);
  LineCol b = file.Position(begin);
  LineCol e = file.Position(end);
  return ResolvedRange{{b.line, b.column, begin}, {e.line, e.column, end}};
}

std::string FixItText(const FixIt& fixit) {
  if (fixit.replacement.empty()) return "remove this";
  if (fixit.span.begin == fixit.span.end) return fmt::format("insert `{}`", fixit.replacement);
  return fmt::format("replace with `{}`", fixit.replacement);
}

}  // namespace caios
