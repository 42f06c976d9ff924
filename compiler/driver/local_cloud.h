// What `caios run` and `caios test` share to reach the local cloud (localcloud/, docs/testing.md):
// the Python that runs it, a private build folder, and running the runner.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace caios {

// What to install when the runner of `caios COMMAND` cannot start (docs/cli.md#caios-run).
std::string LocalCloudInstallHint(std::string_view command);

// $CAIOS_PYTHON, else the virtual environment `scripts/setup.sh --with-python` makes beside the
// sources (when the runner is the source tree's), else python3 from PATH.
std::string RunnerPython(const std::filesystem::path& localcloud);

// A private folder for the build, removed when the object goes.
class TempDir {
 public:
  bool Create(std::string& problem);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The flows of the built application: statemachines/FLOW.asl.json.
std::vector<std::string> BuiltFlows(const std::filesystem::path& build);

// Runs `argv` with the standard streams of this process and waits for it. Returns its exit
// code, or -1 with `problem` set when it could not start. Ctrl-C stops the runner, and this
// process waits for it so that the temporary folder is removed.
int Spawn(const std::vector<std::string>& argv, std::string& problem);

}  // namespace caios
