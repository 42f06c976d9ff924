// libFuzzer target: any byte string through the whole compiler — parse; when it parses, check;
// when it checks, lower to the IR and emit every flow's ASL (JSONata, and JSONPath too), every
// Lambda configuration and the template (in YAML). Crashes, hangs, leaks, failed invariants and
// sanitizer reports are bugs; diagnostics are the expected outcome.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "backends/aws/asl/emit.h"
#include "backends/aws/cloudformation/template.h"
#include "backends/aws/lambda/configuration.h"
#include "compiler/check/check.h"
#include "compiler/lower/lower.h"
#include "compiler/parse/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  caios::SourceManager sources;
  caios::DiagnosticSink sink;
  caios::FileId id =
      sources.Add("fuzz.caios", std::string(reinterpret_cast<const char*>(data), size));
  caios::Program program;
  caios::LoadedModule module;
  module.ast = caios::ParseFile(sources.Get(id), sink);
  module.path = "fuzz.caios";
  // Imports are not followed here: the target exercises one module.
  program.modules.push_back(std::move(module));
  program.roots.push_back(0);
  if (sink.has_errors()) return 0;
  caios::check::CheckResult checked = caios::Check(program, sources, sink);
  if (sink.has_errors()) return 0;
  std::unique_ptr<caios::ir::App> app = caios::Lower(program, 0, *checked.model, sources, sink);
  if (sink.has_errors()) return 0;
  std::vector<caios::aws::FlowDefinition> definitions;
  for (uint32_t i = 0; i < app->flows.size(); ++i) {
    definitions.push_back(caios::aws::EmitAsl(*app, caios::ir::FlowId{i}));
    (void)definitions.back().asl.dump();
    caios::DiagnosticSink jsonpath_sink;  // E0606 is an expected outcome, not the fuzzer's
    (void)caios::aws::EmitJsonPathAsl(*app, caios::ir::FlowId{i}, jsonpath_sink).asl.dump();
  }
  for (uint32_t i = 0; i < app->functions.size(); ++i) {
    (void)caios::aws::LambdaConfiguration(*app, caios::ir::FunctionId{i}).dump();
  }
  caios::aws::TemplateOptions options;
  options.output_dir = "/fuzz-out";
  (void)caios::aws::RenderYaml(caios::aws::BuildTemplate(*app, definitions, options, sink));
  return 0;
}
