// Tests of the command line: --version, --help, explain and usage errors (exit codes and
// streams). `caios check` itself is covered by the golden tests.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/driver/cli.h"
#include "compiler/driver/command_explain.h"
#include "tests/unit/cli_test_util.h"

namespace caios {
namespace {

using testing::CliResult;
using testing::Run;

TEST_CASE("cli: --version and --help", "[cli]") {
  CliResult v = Run({"--version"});
  CHECK(v.exit == 0);
  CHECK(v.out == std::string("caios ") + CAIOS_VERSION + "\n");
  CliResult h = Run({"--help"});
  CHECK(h.exit == 0);
  CHECK(h.out.find("check") != std::string::npos);
  CHECK(h.out.find("explain") != std::string::npos);
  CliResult ch = Run({"check", "--help"});
  CHECK(ch.exit == 0);
  CHECK(ch.out.find("--diagnostics") != std::string::npos);
}

TEST_CASE("cli: usage errors exit 2", "[cli]") {
  CHECK(Run({}).exit == 2);
  CHECK(Run({"frobnicate"}).exit == 2);
  CHECK(Run({"check"}).exit == 2);
  CliResult bad_format = Run({"check", "--diagnostics", "xml", "a.caios"});
  CHECK(bad_format.exit == 2);
  CHECK(bad_format.err.starts_with("error: "));
  CHECK(Run({"check", "--color", "sometimes", "a.caios"}).exit == 2);
  CliResult stdlib = Run({"check", "--stdlib", "/nonexistent/stdlib", "a.caios"});
  CHECK(stdlib.exit == 2);
  CHECK(stdlib.err.find("/nonexistent/stdlib") != std::string::npos);
  CHECK(Run({"explain"}).exit == 2);
}

TEST_CASE("cli: a command's usage error points to that command's help", "[cli]") {
  CliResult run = Run({"run"});
  CHECK(run.exit == 2);
  CHECK(run.err == "error: app is required\nRun `caios run --help` for usage.\n");
  CliResult test = Run({"test", "--reporter", "xml", "app"});
  CHECK(test.exit == 2);
  CHECK(test.err.ends_with("\nRun `caios test --help` for usage.\n"));
  CliResult none = Run({});
  CHECK(none.exit == 2);
  CHECK(none.err.ends_with("\nRun `caios --help` for usage.\n"));
}

// `caios run` judges its input and its flow before it starts the local cloud, so these need
// no Python (tests/exec/caios_run.py runs the rest).
TEST_CASE("cli: caios run refuses bad input and unknown flows", "[cli]") {
  // Without --flow, an application of several flows names them (one flow is run: exec/caios_run).
  CliResult no_flow = Run({"run", "--stdlib", CAIOS_SOURCE_STDLIB, "samples/semaphore"});
  CHECK(no_flow.exit == 2);
  CHECK(no_flow.out.empty());
  CHECK(no_flow.err ==
        "error: the application has 3 flows: `acquire`, `release` and `render_job`\n"
        "Name the one to run with `--flow NAME`.\n");
  CliResult no_flows =
      Run({"run", "--stdlib", CAIOS_SOURCE_STDLIB, "tests/golden/build/storage_classes.caios"});
  CHECK(no_flows.exit == 2);
  CHECK(no_flows.err ==
        "error: the application has no flows; `caios run` runs one of an "
        "application's flows\n");
  CliResult bad_json = Run({"run", "samples/semaphore", "--flow", "acquire", "--input", "{x"});
  CHECK(bad_json.exit == 2);
  CHECK(bad_json.out.empty());
  CHECK(bad_json.err.starts_with("error: --input is not JSON: parse error at line 1, column 2"));
  CliResult no_file =
      Run({"run", "samples/semaphore", "--flow", "acquire", "--input", "@/nonexistent/input.json"});
  CHECK(no_file.exit == 2);
  CHECK(no_file.err.starts_with("error: cannot read the --input file `/nonexistent/input.json`"));
  CliResult bad_flow = Run({"run", "--stdlib", CAIOS_SOURCE_STDLIB, "samples/semaphore", "--flow",
                            "acquir", "--input", "{}"});
  CHECK(bad_flow.exit == 2);
  CHECK(bad_flow.out.empty());
  CHECK(bad_flow.err ==
        "error: the application has no flow `acquir`; did you mean `acquire`?\n"
        "Its flows are `acquire`, `release` and `render_job`.\n");
  // A program with errors is not run: the build's diagnostics and its exit code.
  CliResult bad_program = Run({"run", "--stdlib", CAIOS_SOURCE_STDLIB, "--color", "never",
                               "tests/golden/fail_aws_unknown_action.caios", "--flow", "f"});
  CHECK(bad_program.exit == 1);
  CHECK(bad_program.out.empty());
  CHECK(bad_program.err.find("error[") != std::string::npos);
}

TEST_CASE("cli: an unknown command is named, with the nearest one", "[cli]") {
  CliResult far = Run({"frobnicate"});
  CHECK(far.exit == 2);
  CHECK(far.err.starts_with("error: unknown command `frobnicate`\n"));
  CHECK(far.err.find("The commands are `check`, `build`, `graph`, `run`, `test`, `explain`, `fmt` "
                     "and `lsp`.") != std::string::npos);
  CHECK(far.err.find("subcommand is required") == std::string::npos);
  CliResult near = Run({"chek", "a.caios"});
  CHECK(near.exit == 2);
  CHECK(near.err.starts_with("error: unknown command `chek`; did you mean `check`?\n"));
  CHECK(Run({"buld"}).err.find("did you mean `build`?") != std::string::npos);
  // Options before the command do not count as the command.
  CHECK(Run({"--help"}).exit == 0);
}

// A stream whose every write fails, as standard output does on a full disk (/dev/full).
class FullBuffer : public std::streambuf {
 protected:
  int overflow(int) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

TEST_CASE("cli: output that cannot be written is an I/O error (exit 2)", "[cli]") {
  auto run_full = [](std::vector<std::string> args) {
    args.insert(args.begin(), "caios");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    FullBuffer full;
    std::ostream out(&full);
    std::ostringstream err;
    int exit = RunCli(static_cast<int>(args.size()), argv.data(), out, err);
    return CliResult{exit, "", err.str()};
  };
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"explain", "E0101"}, {"explain", "--list"}, {"--version"}, {"--help"}}) {
    CliResult r = run_full(args);
    CHECK(r.exit == 2);
    CHECK(r.err.find("error: cannot write to standard output") != std::string::npos);
  }
}

TEST_CASE("cli: explain prints the title and explanation", "[cli]") {
  for (const DiagKindInfo& info : AllDiagKinds()) {
    CliResult r = Run({"explain", std::string(info.code)});
    CHECK(r.exit == 0);
    CHECK(r.out.starts_with(std::string(info.code)));
    CHECK(r.out.find(std::string(info.title)) != std::string::npos);
    CHECK(r.out.find(std::string(info.explanation)) != std::string::npos);
  }
  CHECK(Run({"explain", "e0101"}).exit == 0);  // case does not matter
}

TEST_CASE("cli: explain an unknown code suggests a close one", "[cli]") {
  CliResult r = Run({"explain", "E0101x"});
  CHECK(r.exit == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("unknown diagnostic code `E0101x`; did you mean `E0101`?") != std::string::npos);
  CHECK(SuggestCode("101") == "E0101");
  CHECK(SuggestCode("nonsense-code").empty());
}

TEST_CASE("cli: explain --list lists every code", "[cli]") {
  CliResult r = Run({"explain", "--list"});
  CHECK(r.exit == 0);
  for (const DiagKindInfo& info : AllDiagKinds()) {
    CHECK(r.out.find(std::string(info.code)) != std::string::npos);
  }
}

TEST_CASE("cli: missing inputs are I/O problems (exit 2)", "[cli]") {
  CliResult r = Run({"check", "--color", "never", "/nonexistent/dir/x.caios"});
  CHECK(r.exit == 2);
  CHECK(r.err.find("E0001") != std::string::npos);
}

}  // namespace
}  // namespace caios
