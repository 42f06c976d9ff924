// Helpers for the tests of the AWS backend on hand-built IR: spans, and the diagnostics' codes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios::testing {

// Five bytes at `begin` of file 1: where hand-built IR says a construct was written.
inline Span At(uint32_t begin) { return Span{FileId{1}, begin, begin + 5}; }

// The codes of the diagnostics `sink` holds, in order (TakeSorted: the sink is emptied).
inline std::vector<std::string> Codes(DiagnosticSink& sink) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : sink.TakeSorted()) codes.emplace_back(Info(d.kind).code);
  return codes;
}

}  // namespace caios::testing
