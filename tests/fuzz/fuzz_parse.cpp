// libFuzzer target for the front end alone: the UTF-8 checks, the lexer (`;` insertion, nesting
// limit, escapes, interpolation) and the parser with its error recovery. The fastest target,
// run with the dictionary tests/fuzz/caios.dict.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  caios::fuzz::RunPipeline(std::string(reinterpret_cast<const char*>(data), size),
                           caios::fuzz::Stage::kParse);
  return 0;
}
