// libFuzzer target for the front end alone: the UTF-8 checks, the lexer (`;` insertion, nesting
// limit, escapes, interpolation) and the parser with its error recovery. The fastest target,
// run with the dictionary tests/fuzz/caios.dict. Every input is also parsed by ANTLR's parser
// alone, which must give the same AST and diagnostics (parser_oracle.h).
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/parser_oracle.h"
#include "tests/fuzz/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  caios::fuzz::RunPipeline(text, caios::fuzz::Stage::kParse);
  caios::fuzz::RequireParsersAgree(text);
  return 0;
}
