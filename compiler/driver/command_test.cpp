#include "compiler/driver/command_test.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "compiler/driver/command_build.h"
#include "compiler/driver/environment.h"
#include "compiler/driver/local_cloud.h"
#include "compiler/modules/program.h"

namespace caios {

namespace fs = std::filesystem;

int RunTest(const TestOptions& options, std::ostream& out, std::ostream& err) {
  std::string problem;
  std::optional<fs::path> localcloud = FindLocalCloudDir(problem);
  if (!localcloud) {
    err << "error: " << problem << '\n';
    return 2;
  }
  TempDir temp;
  if (!temp.Create(problem)) {
    err << "error: " << problem << '\n';
    return 2;
  }
  // The same build as `caios build APP -o DIR --format json`, with the test files: their tests
  // are flows of the application, and tests.json lists them.
  BuildOptions build;
  build.check = options.check;
  build.with_tests = true;
  // An application named by its root file: the test files beside it come too.
  std::error_code ec;
  if (build.check.inputs.size() == 1 && fs::is_regular_file(build.check.inputs[0], ec)) {
    const fs::path root = build.check.inputs[0];
    std::vector<std::string> tests;
    for (const fs::directory_entry& entry :
         fs::directory_iterator(root.parent_path().empty() ? "." : root.parent_path(), ec)) {
      const fs::path path = entry.path();
      if (IsTestFile(path) && entry.is_regular_file(ec) && !fs::equivalent(path, root, ec)) {
        tests.push_back((root.parent_path() / path.filename()).string());
      }
    }
    std::sort(tests.begin(), tests.end());
    build.check.inputs.insert(build.check.inputs.end(), tests.begin(), tests.end());
  }
  build.output = (temp.path() / "build").string();
  build.template_format = "json";
  if (int exit = RunBuild(build, err, err); exit != 0) return exit;

  const fs::path built = temp.path() / "build";
  if (!fs::exists(built / "template.json", ec)) {
    err << "error: `caios test` tests one application, and the input holds several; name the "
           "folder or root file of one\n";
    return 2;
  }
  if (!fs::exists(built / "tests.json", ec)) {
    err << "error: no tests: `caios test` runs the `test \"…\" { … }` declarations of the "
           "application's test files (`*.test.caios` beside it, importing it); see "
           "docs/testing.md\n";
    return 2;
  }
  std::vector<std::string> argv = {RunnerPython(*localcloud),
                                   (*localcloud / "test.py").string(),
                                   "--out",
                                   built.string(),
                                   "--reporter",
                                   options.reporter};
  if (!options.filter.empty()) argv.insert(argv.end(), {"--filter", options.filter});
  if (!options.coverage.empty()) argv.insert(argv.end(), {"--coverage", options.coverage});
  unsigned parallel = options.parallel > 0 ? static_cast<unsigned>(options.parallel)
                                           : std::max(1u, std::thread::hardware_concurrency());
  argv.insert(argv.end(), {"--parallel", std::to_string(parallel)});
  out.flush();
  err.flush();
  int exit = Spawn(argv, problem);
  if (exit < 0) {
    err << "error: " << problem << '\n' << LocalCloudInstallHint("test") << '\n';
    return 2;
  }
  return exit;
}

}  // namespace caios
