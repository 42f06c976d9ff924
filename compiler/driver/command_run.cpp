#include "compiler/driver/command_run.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/render_cells.h"
#include "compiler/diag/suggest.h"
#include "compiler/driver/command_build.h"
#include "compiler/driver/environment.h"
#include "compiler/driver/local_cloud.h"
#include "compiler/source/read_file.h"
#include "nlohmann/json.hpp"

namespace caios {
namespace {

namespace fs = std::filesystem;

// Step Functions takes at most 256 KiB of execution input.
constexpr size_t kMaxInputBytes = size_t{256} << 10;

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
  std::string flow = options.flow;
  if (flow.empty()) {
    if (flows.size() == 1) {
      flow = flows.front();  // the only one: nothing to choose
    } else if (flows.empty()) {
      err << "error: the application has no flows; `caios run` runs one of an application's "
             "flows\n";
      return 2;
    } else {
      err << "error: the application has " << flows.size() << " flows: " << JoinQuoted(flows)
          << "\nName the one to run with `--flow NAME`.\n";
      return 2;
    }
  }
  if (std::find(flows.begin(), flows.end(), flow) == flows.end()) {
    err << "error: the application has no flow `" << EscapeForTerminal(flow) << "`";
    if (std::optional<std::string> near = ClosestMatch(flow, flows)) {
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
                                   "--flow",       flow,
                                   "--input-file", input_file.string()};
  if (!options.trace.empty()) argv.insert(argv.end(), {"--trace", options.trace});
  if (!options.mock.empty()) argv.insert(argv.end(), {"--mock", options.mock});
  if (!options.seed.empty()) argv.insert(argv.end(), {"--seed", options.seed});
  out.flush();
  err.flush();
  int exit = Spawn(argv, problem);
  if (exit < 0) {
    err << "error: " << problem << '\n' << LocalCloudInstallHint("run") << '\n';
    return 2;
  }
  return exit;
}

}  // namespace caios
