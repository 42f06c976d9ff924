// Structure-aware libFuzzer target: the bytes choose a program (program_generator.h) that is
// syntactically valid and mostly well-typed, which then goes through every phase. Mutating the
// bytes mutates declarations, statements and expressions, so the checker, lowering and both ASL
// emitters see far more variety than byte-level mutation of source text reaches.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/parser_oracle.h"
#include "tests/fuzz/pipeline.h"
#include "tests/fuzz/program_generator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string program = caios::fuzz::GenerateProgram(data, size);
  // The hand-written parser and ANTLR's agree on it (parser_oracle.h).
  caios::fuzz::RequireParsersAgree(program);
  caios::fuzz::RunPipeline(program, caios::fuzz::Stage::kBuild);
  return 0;
}
