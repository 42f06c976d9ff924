// libFuzzer target: any byte string through the whole compiler — parse; when it parses, check;
// when it checks, lower to the IR and emit every flow's ASL (JSONata and JSONPath), every
// Lambda configuration and the template. Slow per input, but it reaches every phase.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  caios::fuzz::RunPipeline(std::string(reinterpret_cast<const char*>(data), size),
                           caios::fuzz::Stage::kBuild);
  return 0;
}
