// Helpers for the renderer tests: a source manager with files and hand-made diagnostics.
#pragma once

#include <string>
#include <string_view>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios::testing {

// A span of `text` in `file`: the first occurrence of `needle` (begin == end if zero_width).
inline Span SpanOf(const SourceManager& sources, FileId file, std::string_view needle,
                   bool zero_width = false) {
  const std::string& text = sources.Get(file).text();
  size_t at = text.find(needle);
  if (at == std::string::npos) at = text.size();
  auto begin = static_cast<uint32_t>(at);
  auto end = static_cast<uint32_t>(zero_width ? at : at + needle.size());
  return Span{file, begin, end};
}

inline Diagnostic MakeDiag(DiagCode code, Span span, std::string message) {
  return Diagnostic{code, Info(code).severity, span, std::move(message), {}, {}, {}};
}

}  // namespace caios::testing
