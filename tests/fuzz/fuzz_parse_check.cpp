// libFuzzer target: any byte string through parse and, when it parses, check. Crashes, hangs,
// leaks and sanitizer reports are bugs; diagnostics are the expected outcome.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/check/check.h"
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
  if (!sink.has_errors()) caios::CheckProgram(program, sources, sink);
  return 0;
}
