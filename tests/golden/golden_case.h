// Golden test cases: discovery under tests/golden, running one through RunCli in-process, and
// comparing (or, with CAIOS_UPDATE_GOLDEN=1, rewriting) its expected output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace caios::golden {

// A case is NAME.caios or a folder NAME/ (checked as a whole); its expectations sit beside it:
// NAME.stderr (human diagnostics), NAME.exit (exit code), NAME.stdout (only when non-empty) and
// an optional NAME.args (extra arguments for `caios check`, whitespace-separated) and an optional
// NAME.env (`KEY=VALUE` lines set in the environment while the case runs).
struct GoldenCase {
  std::string input;           // relative to the repo root, e.g. "tests/golden/fail_x.caios"
  std::string stem;            // input without ".caios": expectations are stem + ".stderr", ...
  bool expect_errors = false;  // a fail_ case; valid/ cases must exit 0
  // A case under tests/golden/build/: run with `caios build -o`; its output folder is compared
  // with NAME.expected/ (every file, byte for byte).
  bool build = false;
};

// Every case under <repo_root>/tests/golden, sorted by input path.
std::vector<GoldenCase> FindGoldenCases(const std::filesystem::path& repo_root);

// The case for an input path relative to the repo root (as CTest passes it).
GoldenCase CaseForInput(const std::string& input);

struct GoldenOutput {
  std::string out;
  std::string err;
  int exit = 0;
};

// Runs `caios check --color never --stdlib stdlib [ARGS] INPUT` (for build cases `caios build …
// -o tests/golden/build/.out/NAME`); the working directory must be the repo root. The build date
// is pinned (SOURCE_DATE_EPOCH = CAIOS_TEST_SOURCE_DATE_EPOCH, docs/cli.md) unless NAME.env sets
// it, so the Lambda runtime lifecycle judges every case against the same day.
GoldenOutput RunGoldenCase(const GoldenCase& c);

// Runs the case with the other command: `caios build -o TEMP` for a check case, `caios check`
// (without build-only arguments) for a build case. Sets `same_stdout` to false when stdout
// carries more than diagnostics (--dump-ir), so only stderr and the exit code compare.
GoldenOutput RunOtherCommand(const GoldenCase& c, bool& same_stdout);

// Compares the case's output with its expectations, or rewrites them when `update` is set,
// and checks that `check` and `build` report the same diagnostics and exit code for it.
// Returns an empty string on success, else a report of what differs.
std::string CheckGoldenCase(const GoldenCase& c, bool update);

// Reads a whole file; empty when it does not exist.
std::string ReadFileOrEmpty(const std::filesystem::path& path);
bool WriteFileIfChanged(const std::filesystem::path& path, const std::string& text);

// True when CAIOS_UPDATE_GOLDEN is set to a non-empty value other than "0".
bool UpdateRequested();

}  // namespace caios::golden
