// `caios check FILE|DIR…`: load, parse and check a program, then render its diagnostics.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace caios {

enum class DiagnosticsFormat { kHuman, kJson, kSarif };
enum class ColorMode { kAuto, kAlways, kNever };

struct CheckOptions {
  std::vector<std::string> inputs;
  DiagnosticsFormat format = DiagnosticsFormat::kHuman;
  ColorMode color = ColorMode::kAuto;
  std::string stdlib;  // --stdlib; empty: CAIOS_STDLIB, then the installed or source stdlib
  unsigned jobs = 0;   // 0: one thread per core
};

// At most this many errors are rendered; then E0008 says the rest were left out.
inline constexpr size_t kMaxRenderedErrors = 100;

// Returns the exit code: 0 clean, 1 errors in the input, 2 usage or I/O problems.
// Human diagnostics go to `err`; JSON and SARIF documents to `out`.
int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace caios
