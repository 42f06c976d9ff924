// What the fuzz targets run: one in-memory .caios file through the compiler's phases, as far as
// each target asks. Diagnostics are the expected outcome; crashes, hangs, leaks, failed
// invariants and sanitizer reports are bugs (docs/architecture.md, "Fuzzing").
#pragma once

#include <string>

namespace caios::fuzz {

enum class Stage {
  kParse,  // lex and parse
  kCheck,  // and check names, types, rules and quotas
  kBuild,  // and lower to the IR and emit every definition, configuration and the template
};

// Runs `source` (the text of file `fuzz.caios`, imports not followed) up to `stage`, stopping
// early at the first phase that reports an error. Returns the stage it completed without errors,
// or -1 when parsing already failed.
int RunPipeline(const std::string& source, Stage stage);

}  // namespace caios::fuzz
