// libFuzzer target for the front end and the checker (names, types, flow rules, options and
// quotas), without lowering and the backend: faster than caios_fuzz_compile on inputs that check.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  caios::fuzz::RunPipeline(std::string(reinterpret_cast<const char*>(data), size),
                           caios::fuzz::Stage::kCheck);
  return 0;
}
