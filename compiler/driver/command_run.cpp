#include "compiler/driver/command_run.h"

#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/render_cells.h"
#include "compiler/diag/suggest.h"
#include "compiler/driver/command_build.h"
#include "compiler/driver/environment.h"
#include "compiler/source/read_file.h"
#include "nlohmann/json.hpp"

extern char** environ;

namespace caios {
namespace {

namespace fs = std::filesystem;

// Step Functions takes at most 256 KiB of execution input.
constexpr size_t kMaxInputBytes = size_t{256} << 10;

// What to install when the runner cannot start (docs/cli.md#caios-run).
constexpr const char* kInstallHint =
    "`caios run` needs python3 with moto 5.2 (and node for JSONata flows): run "
    "`scripts/setup.sh --with-python` in the caios repository, or `python3 -m pip install -r "
    "requirements-test.txt`; CAIOS_PYTHON names another Python";

// The execution input: --input's JSON text, or the contents of the file after `@`. Checked
// here, before the build, so that a typo costs no deployment.
std::optional<std::string> ReadInput(const std::string& input, std::ostream& err) {
  std::string text = input;
  std::string origin = "--input";
  if (input.starts_with("@")) {
    std::string file = input.substr(1);
    ReadResult read = ReadSourceFile(file, kMaxInputBytes);
    if (read.status == ReadStatus::kTooLarge) {
      err << "error: --input file `" << EscapeForTerminal(file)
          << "` is larger than 256 KiB, the most an execution takes\n";
      return std::nullopt;
    }
    if (read.status != ReadStatus::kOk) {
      err << "error: cannot read the --input file `" << EscapeForTerminal(file) << "`: " << read.why
          << '\n';
      return std::nullopt;
    }
    text = std::move(read.text);
    origin = "--input file `" + EscapeForTerminal(file) + "`";
  } else if (text.size() > kMaxInputBytes) {
    err << "error: --input is larger than 256 KiB, the most an execution takes\n";
    return std::nullopt;
  }
  try {
    const nlohmann::json parsed = nlohmann::json::parse(text);
    static_cast<void>(parsed);
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() reads "[json.exception.parse_error.101] parse error at line 1, column 2: …";
    // the bracketed prefix means nothing to a user.
    std::string what = e.what();
    if (size_t close = what.find("] "); what.starts_with("[") && close != std::string::npos) {
      what = what.substr(close + 2);
    }
    err << "error: " << origin << " is not JSON: " << EscapeForTerminal(what)
        << "\nThe input of a flow is a JSON object of its parameters, such as "
           "--input '{\"name\": \"gpu\"}', or @FILE to read it from a file.\n";
    return std::nullopt;
  }
  return text;
}

// $CAIOS_PYTHON, else the virtual environment `scripts/setup.sh --with-python` makes beside the
// sources (when the runner is the source tree's), else python3 from PATH.
std::string RunnerPython(const fs::path& localcloud) {
  const char* named = std::getenv("CAIOS_PYTHON");
  if (named != nullptr && *named != '\0') return named;
  std::error_code ec;
  fs::path venv = localcloud / ".." / ".venv" / "bin" / "python3";
  if (fs::exists(venv, ec)) return venv.lexically_normal().string();
  return "python3";
}

// A private folder for the build, removed when the run ends.
class TempDir {
 public:
  bool Create(std::string& problem) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/caios-run-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) == nullptr) {
      problem = "cannot create a temporary folder in " + pattern.substr(0, pattern.rfind('/')) +
                ": " + std::strerror(errno);
      return false;
    }
    path_ = buffer.data();
    return true;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The flows of the built application: statemachines/FLOW.asl.json.
std::vector<std::string> BuiltFlows(const fs::path& build) {
  std::vector<std::string> flows;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(build / "statemachines", ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".asl.json")) flows.push_back(name.substr(0, name.size() - 9));
  }
  std::sort(flows.begin(), flows.end());
  return flows;
}

// Runs `argv` with the standard streams of this process and waits for it. Returns its exit
// code, or -1 with `problem` set when it could not start. Ctrl-C stops the runner, and this
// process waits for it so that the temporary folder is removed.
int Spawn(const std::vector<std::string>& argv, std::string& problem) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
  struct sigaction ignore = {}, saved = {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, &saved);
  pid_t pid = 0;
  int error = posix_spawnp(&pid, args[0], nullptr, &attributes, args.data(), environ);
  posix_spawnattr_destroy(&attributes);
  int status = 0;
  if (error == 0) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  sigaction(SIGINT, &saved, nullptr);
  if (error != 0) {
    problem = "cannot start `" + argv[0] + "`: " + std::strerror(error);
    return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  problem = "`" + argv[0] + "` was stopped by signal " + std::to_string(WTERMSIG(status));
  return -1;
}

}  // namespace

int RunRun(const RunOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<std::string> input = ReadInput(options.input, err);
  if (!input) return 2;
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
  // The same build as `caios build APP -o DIR --format json`; its diagnostics go to `err`, and
  // standard output is left to the execution's output.
  BuildOptions build;
  build.check = options.check;
  build.output = (temp.path() / "build").string();
  build.template_format = "json";
  if (int exit = RunBuild(build, err, err); exit != 0) return exit;

  const fs::path built = temp.path() / "build";
  std::error_code ec;
  if (!fs::exists(built / "template.json", ec)) {
    std::vector<std::string> apps;
    for (const fs::directory_entry& entry : fs::directory_iterator(built, ec)) {
      if (entry.is_directory(ec)) apps.push_back(entry.path().filename().string());
    }
    std::sort(apps.begin(), apps.end());
    err << "error: `caios run` runs one application, and the input holds " << apps.size() << ": "
        << JoinQuoted(apps) << "\nName the root file of the one to run.\n";
    return 2;
  }
  std::vector<std::string> flows = BuiltFlows(built);
  if (std::find(flows.begin(), flows.end(), options.flow) == flows.end()) {
    err << "error: the application has no flow `" << EscapeForTerminal(options.flow) << "`";
    if (std::optional<std::string> near = ClosestMatch(options.flow, flows)) {
      err << "; did you mean `" << *near << "`?";
    }
    if (flows.empty()) {
      err << "\nIt has no flows.\n";
    } else {
      err << "\nIts flows are " << JoinQuoted(flows) << ".\n";
    }
    return 2;
  }

  const fs::path input_file = temp.path() / "input.json";
  {
    std::ofstream file(input_file, std::ios::binary);
    file << *input;
    if (!file.flush()) {
      err << "error: cannot write " << input_file.string() << '\n';
      return 2;
    }
  }
  std::string python = RunnerPython(*localcloud);
  std::vector<std::string> argv = {python,         (*localcloud / "run.py").string(),
                                   "--out",        built.string(),
                                   "--flow",       options.flow,
                                   "--input-file", input_file.string()};
  if (!options.trace.empty()) argv.insert(argv.end(), {"--trace", options.trace});
  if (!options.mock.empty()) argv.insert(argv.end(), {"--mock", options.mock});
  if (!options.seed.empty()) argv.insert(argv.end(), {"--seed", options.seed});
  out.flush();
  err.flush();
  int exit = Spawn(argv, problem);
  if (exit < 0) {
    err << "error: " << problem << '\n' << kInstallHint << '\n';
    return 2;
  }
  return exit;
}

}  // namespace caios
