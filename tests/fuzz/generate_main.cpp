// caios_fuzz_generate FILE…: prints the program that the structure-aware target builds from each
// input file's bytes (to read what a crashing input of caios_fuzz_generated means, or to turn
// its corpus into .caios files). No libFuzzer involved.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "tests/fuzz/program_generator.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "caios_fuzz_generate: cannot read " << argv[i] << "\n";
      return 2;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::cout << caios::fuzz::GenerateProgram(reinterpret_cast<const uint8_t*>(bytes.data()),
                                              bytes.size());
  }
  return 0;
}
