// A structure-aware generator for fuzzing: turns any byte string into a .caios program that is
// syntactically valid and mostly well-typed, so fuzz inputs reach the checker, lowering and the
// backend instead of stopping at the first syntax error (docs/architecture.md, "Fuzzing").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace caios::fuzz {

// Reads the bytes as a stream of decisions (which declaration, statement, expression, name…).
// The same bytes always give the same program; once the bytes run out every decision takes its
// first, smallest choice, so generation always ends. Sizes and nesting are bounded.
std::string GenerateProgram(const uint8_t* data, size_t size);

}  // namespace caios::fuzz
