// The phases behind the fuzz targets (pipeline.h), called as `caios check` and `caios build` call
// them, so the fuzzer exercises exactly what users run, without the file system.
#include "tests/fuzz/pipeline.h"

#include <string>
#include <utility>

#include "compiler/check/check.h"
#include "compiler/driver/emit_apps.h"
#include "compiler/parse/parse.h"

namespace caios::fuzz {

int RunPipeline(const std::string& source, Stage stage) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId id = sources.Add("fuzz.caios", source);
  Program program;
  LoadedModule module;
  module.ast = ParseFile(sources.Get(id), sink);
  module.path = "fuzz.caios";
  // Imports are not followed: the targets exercise one module.
  program.modules.push_back(std::move(module));
  program.roots.push_back(0);
  if (sink.has_errors()) return -1;
  if (stage == Stage::kParse) return static_cast<int>(Stage::kParse);
  check::CheckResult checked = Check(program, sink, TargetLimits());
  if (sink.has_errors()) return static_cast<int>(Stage::kParse);
  if (stage == Stage::kCheck) return static_cast<int>(Stage::kCheck);
  // Both query languages, rendering every file `build` writes; one thread, so a crash's stack
  // is the fuzzer's own.
  EmitOptions options;
  options.output_dir = "/fuzz-out";
  options.jobs = 1;
  options.query_language = "jsonpath";
  DiagnosticSink jsonpath_sink;  // E0606 is an expected outcome of the JSONPath target
  (void)EmitApplications(program, *checked.model, sources, options, jsonpath_sink);
  options.query_language = "jsonata";
  (void)EmitApplications(program, *checked.model, sources, options, sink);
  return sink.has_errors() ? static_cast<int>(Stage::kCheck) : static_cast<int>(Stage::kBuild);
}

}  // namespace caios::fuzz
