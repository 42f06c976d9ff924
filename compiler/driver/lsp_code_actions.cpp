// Quick fixes for `caios lsp`: one code action per fix-it of a diagnostic in the requested range
// (docs/editors.md, "Code actions").
#include "compiler/driver/lsp_navigation.h"
#include "fmt/format.h"

namespace caios::lsp {

namespace {

std::string Title(const Analysis& analysis, const FixIt& fix) {
  const std::string& text = analysis.sources.Get(fix.span.file).text();
  std::string_view old;
  if (fix.span.begin <= fix.span.end && fix.span.end <= text.size()) {
    old = std::string_view(text).substr(fix.span.begin, fix.span.end - fix.span.begin);
  }
  if (old.empty()) return fmt::format("Insert `{}`", fix.replacement);
  if (fix.replacement.empty()) return fmt::format("Remove `{}`", old);
  return fmt::format("Replace `{}` with `{}`", old, fix.replacement);
}

}  // namespace

std::vector<QuickFix> QuickFixes(const Analysis& analysis, FileId file, uint32_t begin,
                                 uint32_t end) {
  std::vector<QuickFix> fixes;
  for (const Diagnostic& d : analysis.diagnostics) {
    if (!(d.span.file == file) || d.span.end < begin || d.span.begin > end) continue;
    bool first = true;
    for (const FixIt& fix : d.fixits) {
      if (!fix.span.valid()) continue;
      fixes.push_back({&d, &fix, Title(analysis, fix), first});
      first = false;
    }
  }
  return fixes;
}

}  // namespace caios::lsp
