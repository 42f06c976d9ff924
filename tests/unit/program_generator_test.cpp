// The fuzzing generator (tests/fuzz/program_generator.h) writes programs that parse, and most of
// them get through every phase: otherwise the structure-aware target would only fuzz the parser.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/fuzz/pipeline.h"
#include "tests/fuzz/program_generator.h"

namespace {

std::vector<uint8_t> PseudoRandomBytes(uint32_t seed, size_t size) {
  std::vector<uint8_t> bytes(size);
  uint64_t state = seed * 6364136223846793005ull + 1442695040888963407ull;
  for (uint8_t& b : bytes) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    b = static_cast<uint8_t>(state >> 56);
  }
  return bytes;
}

}  // namespace

TEST_CASE("generated programs always parse and mostly build", "[fuzz]") {
  constexpr int kPrograms = 300;
  int built = 0;
  int checked = 0;
  for (uint32_t seed = 0; seed < kPrograms; ++seed) {
    std::vector<uint8_t> bytes = PseudoRandomBytes(seed, 64 + seed * 7 % 900);
    std::string program = caios::fuzz::GenerateProgram(bytes.data(), bytes.size());
    INFO("seed " << seed << ":\n" << program);
    int stage = caios::fuzz::RunPipeline(program, caios::fuzz::Stage::kBuild);
    REQUIRE(stage >= static_cast<int>(caios::fuzz::Stage::kParse));
    if (stage >= static_cast<int>(caios::fuzz::Stage::kCheck)) ++checked;
    if (stage == static_cast<int>(caios::fuzz::Stage::kBuild)) ++built;
  }
  INFO("checked " << checked << ", built " << built << " of " << kPrograms);
  CHECK(checked * 2 >= kPrograms);
  CHECK(built * 5 >= kPrograms * 2);
}

TEST_CASE("the generator is a function of its bytes", "[fuzz]") {
  std::vector<uint8_t> bytes = PseudoRandomBytes(7, 500);
  CHECK(caios::fuzz::GenerateProgram(bytes.data(), bytes.size()) ==
        caios::fuzz::GenerateProgram(bytes.data(), bytes.size()));
  // No bytes at all still make a complete program: every decision takes its first choice.
  std::string empty = caios::fuzz::GenerateProgram(nullptr, 0);
  CHECK(caios::fuzz::RunPipeline(empty, caios::fuzz::Stage::kBuild) ==
        static_cast<int>(caios::fuzz::Stage::kBuild));
}
