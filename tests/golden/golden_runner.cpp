// The golden test runner: `caios_golden CASE…` checks cases (paths relative to the repo root),
// `caios_golden` with no arguments checks every case, `caios_golden --docs` checks
// docs/diagnostics.md. With CAIOS_UPDATE_GOLDEN=1 it rewrites the expectations instead.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tests/golden/golden_case.h"
#include "tests/golden/golden_docs.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace caios::golden;
  const fs::path root = CAIOS_REPO_ROOT;
  // Case paths, expectations and rendered paths are all relative to the repo root.
  fs::current_path(root);
  bool update = UpdateRequested();

  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--docs") {
    std::string report = CheckDiagnosticsDocs(root, update);
    std::cerr << report;
    return report.empty() ? 0 : 1;
  }
  std::vector<GoldenCase> cases;
  if (args.empty()) {
    cases = FindGoldenCases(root);
  } else {
    for (const std::string& a : args) cases.push_back(CaseForInput(a));
  }
  size_t failed = 0;
  for (const GoldenCase& c : cases) {
    std::string report = CheckGoldenCase(c, update);
    if (!report.empty()) {
      ++failed;
      std::cerr << report << '\n';
    }
  }
  size_t total = cases.size();
  if (args.empty()) {
    ++total;
    std::string report = CheckDiagnosticsDocs(root, update);
    if (!report.empty()) ++failed, std::cerr << report;
  }
  std::cout << (total - failed) << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
