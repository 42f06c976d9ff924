// Parses and checks a program of one module given as text, for the tests of the check phase.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backends/aws/target.h"
#include "compiler/check/check.h"
#include "compiler/parse/parse.h"

namespace caios::testing {

struct Checked {
  Program program;
  check::CheckResult result;
  std::vector<Diagnostic> diagnostics;
};

// Parses `text` as a one-module program and checks it against AWS's limits.
inline std::unique_ptr<Checked> CheckText(std::string text) {
  static SourceManager sources;  // files must outlive the spans
  auto out = std::make_unique<Checked>();
  DiagnosticSink sink;
  const auto& file = sources.Get(sources.Add("input.caios", std::move(text)));
  LoadedModule module;
  module.ast = ParseFile(file, sink);
  module.path = "input.caios";
  out->program.modules.push_back(std::move(module));
  out->program.roots.push_back(0);
  out->result = Check(out->program, sink, aws::TargetLimits());
  out->diagnostics = sink.TakeSorted();
  return out;
}

}  // namespace caios::testing
