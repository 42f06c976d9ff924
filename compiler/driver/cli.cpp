#include "compiler/driver/cli.h"

#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "CLI/CLI.hpp"
#include "compiler/diag/render_cells.h"
#include "compiler/diag/suggest.h"
#include "compiler/driver/command_build.h"
#include "compiler/driver/command_check.h"
#include "compiler/driver/command_explain.h"
#include "compiler/driver/command_fmt.h"
#include "compiler/driver/command_graph.h"
#include "compiler/driver/command_run.h"
#include "compiler/driver/command_test.h"
#include "compiler/driver/environment.h"
#include "compiler/driver/lsp_server.h"
#include "compiler/driver/lsp_transport.h"
#include "fmt/format.h"

namespace caios {

namespace {

// The help of every command's -j (ThreadsFor, compiler/base/parallel_for.h).
constexpr const char* kJobsHelp = "Threads (0: one per core, one for under 128 KiB of source)";

// Exit code for a bug in the compiler itself (an exception that should not exist).
constexpr int kInternalErrorExit = 3;

int Parse(CLI::App& app, int argc, char** argv, std::ostream& out, std::ostream& err) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == static_cast<int>(CLI::ExitCodes::Success) ? 0 : 2;
  }
  return -1;
}

// The first word that is not an option names the command (the top level's options take no
// values); empty when there is none.
std::string_view CommandWord(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view word = argv[i]; !word.starts_with("-")) return word;
  }
  return {};
}

// CLI11 would report an unknown command as "A subcommand is required"; say what is wrong and
// suggest the nearest command instead.
int UnknownCommand(const CLI::App& app, int argc, char** argv, std::ostream& err) {
  std::string_view word = CommandWord(argc, argv);
  if (word.empty()) return -1;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == word) return -1;
    names.push_back(sub->get_name());
  }
  err << "error: unknown command `" << EscapeForTerminal(word) << "`";
  if (std::optional<std::string> near = ClosestMatch(word, names)) {
    err << "; did you mean `" << *near << "`?";
  }
  err << "\nThe commands are " << JoinQuoted(names) << ". Run `caios --help` for usage.\n";
  return 2;
}

// Output that never reached standard output (a full disk, /dev/full, a closed file) must not
// pass for success: flush, and report a failed stream as an I/O problem (exit 2).
int CheckOutput(int exit, std::ostream& out, std::ostream& err) {
  errno = 0;
  out.flush();
  if (out) return exit;
  int error = errno;
  err << "error: cannot write to standard output"
      << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << '\n';
  err.flush();
  return 2;
}

// The warning controls as given on the command line (docs/cli.md#warning-controls).
struct WarningFlags {
  bool deny_all = false;
  std::vector<std::string> deny;
  std::vector<std::string> allow;
};

void AddWarningFlags(CLI::App* cmd, WarningFlags& flags) {
  cmd->add_flag("--deny-warnings", flags.deny_all, "Make every warning an error");
  cmd->add_option("-W,--deny", flags.deny, "Make warning CODE an error (repeatable)")
      ->type_name("CODE")
      ->allow_extra_args(false);
  cmd->add_option("--allow", flags.allow, "Silence warning CODE (repeatable)")
      ->type_name("CODE")
      ->allow_extra_args(false);
}

// Builds the command line's policy; a malformed, unknown or error code, or a code both denied
// and allowed, is a usage error (false, with the message on `err`).
bool MakeWarningPolicy(const WarningFlags& flags, WarningPolicy& policy, std::ostream& err) {
  if (flags.deny_all) policy.deny_all_origin = "`--deny-warnings`";
  for (bool deny : {true, false}) {
    for (const std::string& code : deny ? flags.deny : flags.allow) {
      std::string problem;
      const DiagKindInfo* info = ResolveWarningCode(code, problem);
      if (info == nullptr) {
        err << "error: " << (deny ? "--deny" : "--allow") << ": " << problem
            << "\nRun `caios explain --list` for the codes.\n";
        return false;
      }
      auto [it, added] = policy.codes.try_emplace(
          info->kind,
          WarningControl{deny, fmt::format("`--{} {}`", deny ? "deny" : "allow", info->code),
                         Span{}});
      if (!added && it->second.deny != deny) {
        err << "error: `" << info->code << "` is given to both --deny and --allow\n";
        return false;
      }
    }
  }
  return true;
}

int RunCliUnguarded(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"caios: compiles .caios programs to AWS Step Functions and CloudFormation.",
               "caios"};
  app.set_version_flag("--version", std::string("caios ") + CAIOS_VERSION);
  app.require_subcommand(1);
  // A mistake in a command's arguments points to that command's help, which lists them.
  const std::string_view command = CommandWord(argc, argv);
  const std::string help =
      command.empty() ? "caios --help" : "caios " + std::string(command) + " --help";
  app.failure_message([&help](const CLI::App* /*app*/, const CLI::Error& e) {
    return "error: " + std::string(e.what()) + "\nRun `" + help + "` for usage.\n";
  });

  CheckOptions check;
  std::string format = "human";
  std::string color = "auto";
  CLI::App* check_cmd =
      app.add_subcommand("check", "Check .caios files (a directory means every *.caios below it)");
  check_cmd->add_option("inputs", check.inputs, "Files or directories to check")->required();
  check_cmd->add_option("--diagnostics", format, "Output format of the diagnostics")
      ->check(CLI::IsMember({"human", "json", "sarif"}))
      ->capture_default_str();
  check_cmd->add_option("--color", color, "Colour in human diagnostics")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check_cmd->add_option("--stdlib", check.stdlib,
                        "Folder of the standard library modules (default: $CAIOS_STDLIB, else "
                        "the installed one)");
  check_cmd->add_option("-j,--jobs", check.jobs, kJobsHelp)->capture_default_str();
  check_cmd->add_option("--query-language", check.query_language, "Query language of the ASL")
      ->check(CLI::IsMember({"jsonata", "jsonpath"}))
      ->capture_default_str();
  WarningFlags check_warnings;
  AddWarningFlags(check_cmd, check_warnings);

  BuildOptions build;
  std::string build_format = "human";
  std::string build_color = "auto";
  CLI::App* build_cmd = app.add_subcommand(
      "build", "Compile .caios files to ASL, Lambda configurations and a CloudFormation template");
  build_cmd->add_option("inputs", build.check.inputs, "Files or directories to build")->required();
  build_cmd->add_option("-o,--output", build.output, "Output folder (replaced atomically)");
  build_cmd->add_flag("--force", build.force,
                      "Replace an output folder that holds files caios did not write");
  build_cmd->add_option("--format", build.template_format, "Template format")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  build_cmd->add_option("--query-language", build.check.query_language, "Query language of the ASL")
      ->check(CLI::IsMember({"jsonata", "jsonpath"}))
      ->capture_default_str();
  build_cmd->add_flag("--dump-ir", build.dump_ir, "Print the IR to standard output");
  build_cmd->add_flag("--tests", build.with_tests,
                      "Also compile the tests of the test files, as `caios test` does");
  build_cmd->add_flag("--time-report", build.time_report,
                      "Print each phase's wall time and resident memory to standard error");
  build_cmd->add_option("--diagnostics", build_format, "Output format of the diagnostics")
      ->check(CLI::IsMember({"human", "json", "sarif"}))
      ->capture_default_str();
  build_cmd->add_option("--color", build_color, "Colour in human diagnostics")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  build_cmd->add_option("--stdlib", build.check.stdlib, "Folder of the standard library modules");
  build_cmd->add_option("-j,--jobs", build.check.jobs, kJobsHelp)->capture_default_str();
  WarningFlags build_warnings;
  AddWarningFlags(build_cmd, build_warnings);

  GraphOptions graph;
  std::string graph_color = "auto";
  CLI::App* graph_cmd = app.add_subcommand(
      "graph", "Draw the architecture and the flows of .caios programs (Mermaid, DOT, SVG, PNG)");
  graph_cmd->add_option("inputs", graph.check.inputs, "Files or directories to draw")->required();
  graph_cmd->add_option("--flow", graph.flow,
                        "Draw this flow's states instead of the architecture");
  graph_cmd->add_option("--app", graph.app, "The application, when the inputs hold several");
  graph_cmd->add_option("--format", graph.format, "Notation of the diagrams")
      ->check(CLI::IsMember({"mermaid", "dot", "markdown", "svg", "png"}))
      ->capture_default_str();
  graph_cmd->add_option("-o,--output", graph.output,
                        "Write every diagram into this folder (replaced atomically)");
  graph_cmd->add_flag("--force", graph.force,
                      "Replace an output folder that holds files caios did not write");
  graph_cmd
      ->add_option("--query-language", graph.check.query_language,
                   "Query language of the ASL (its diagnostics)")
      ->check(CLI::IsMember({"jsonata", "jsonpath"}))
      ->capture_default_str();
  graph_cmd->add_option("--color", graph_color, "Colour in human diagnostics")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  graph_cmd->add_option("--stdlib", graph.check.stdlib, "Folder of the standard library modules");
  graph_cmd->add_option("-j,--jobs", graph.check.jobs, kJobsHelp)->capture_default_str();
  WarningFlags graph_warnings;
  AddWarningFlags(graph_cmd, graph_warnings);

  RunOptions run;
  std::string run_input;
  std::string run_color = "auto";
  CLI::App* run_cmd = app.add_subcommand(
      "run", "Build an application and run one execution of a flow in a local cloud (moto)");
  run_cmd->add_option("app", run_input, "The application: its folder or root file")->required();
  // Not required here: without it, RunRun runs the application's only flow, or lists its
  // flows (it knows them only after the build).
  run_cmd->add_option("--flow", run.flow,
                      "The flow to run (optional when the application has only one)");
  run_cmd
      ->add_option("--input", run.input,
                   "The execution input: JSON text, or @FILE to read it from a file")
      ->capture_default_str();
  run_cmd->add_option("--query-language", run.check.query_language, "Query language of the ASL")
      ->check(CLI::IsMember({"jsonata", "jsonpath"}))
      ->capture_default_str();
  run_cmd->add_option("--trace", run.trace, "Write the raw execution history (JSON) to FILE")
      ->type_name("FILE");
  run_cmd
      ->add_option("--mock", run.mock,
                   "JSON file: function name -> its fixed result, or {\"error\", \"cause\"}")
      ->type_name("FILE");
  run_cmd
      ->add_option(
          "--seed", run.seed,
          "JSON file: bucket name -> {key: body}, table name -> [item], put before the run")
      ->type_name("FILE");
  run_cmd->add_option("--color", run_color, "Colour in human diagnostics")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  run_cmd->add_option("--stdlib", run.check.stdlib, "Folder of the standard library modules");
  run_cmd->add_option("-j,--jobs", run.check.jobs, kJobsHelp)->capture_default_str();

  TestOptions test;
  std::string test_input = ".";
  std::string test_color = "auto";
  CLI::App* test_cmd = app.add_subcommand(
      "test", "Build an application with its test files and run its tests in a local cloud");
  test_cmd->add_option("app", test_input, "The application: its folder or root file")
      ->capture_default_str();
  test_cmd->add_option("--filter", test.filter, "Run only the tests whose titles contain TEXT")
      ->type_name("TEXT");
  test_cmd->add_option("--reporter", test.reporter, "How results are reported on standard output")
      ->check(CLI::IsMember({"human", "junit", "tap"}))
      ->capture_default_str();
  test_cmd
      ->add_option("--coverage", test.coverage, "Write the flows' state coverage (JSON) to FILE")
      ->type_name("FILE");
  test_cmd
      ->add_option("--parallel", test.parallel,
                   "Tests run at once, each in a local cloud of its own (0: one per core)")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  test_cmd->add_option("--query-language", test.check.query_language, "Query language of the ASL")
      ->check(CLI::IsMember({"jsonata", "jsonpath"}))
      ->capture_default_str();
  test_cmd->add_option("--color", test_color, "Colour in human diagnostics")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  test_cmd->add_option("--stdlib", test.check.stdlib, "Folder of the standard library modules");
  test_cmd->add_option("-j,--jobs", test.check.jobs, kJobsHelp)->capture_default_str();

  std::string code;
  bool list = false;
  CLI::App* explain_cmd =
      app.add_subcommand("explain", "Print the long explanation of a diagnostic code");
  explain_cmd->add_option("code", code, "A diagnostic code, such as E0101");
  explain_cmd->add_flag("--list", list, "List every diagnostic code with its title");

  FmtOptions fmt_options;
  std::string fmt_color = "auto";
  CLI::App* fmt_cmd = app.add_subcommand(
      "fmt",
      "Lay .caios files out in the canonical style (a directory means every *.caios below it)");
  fmt_cmd->add_option("inputs", fmt_options.inputs, "Files or directories to format; - for stdin")
      ->required();
  fmt_cmd->add_flag("--check", fmt_options.check,
                    "Change nothing: show a diff and exit 1 if a file is not formatted");
  fmt_cmd->add_option("--color", fmt_color, "Colour in human diagnostics")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

  LspOptions lsp_options;
  CLI::App* lsp_cmd = app.add_subcommand(
      "lsp", "Serve the Language Server Protocol on stdin/stdout, for editors (docs/editors.md)");
  lsp_cmd->add_option("--stdlib", lsp_options.stdlib, "The stdlib folder");
  // Clients launch servers with `--stdio` (vscode-languageclient does): it is the only transport.
  bool lsp_stdio = false;
  lsp_cmd->add_flag("--stdio", lsp_stdio, "Talk over the standard input and output (the default)");

  if (int exit = UnknownCommand(app, argc, argv, err); exit >= 0) return exit;
  if (int exit = Parse(app, argc, argv, out, err); exit >= 0) return exit;

  static const std::map<std::string, DiagnosticsFormat> kFormats = {
      {"human", DiagnosticsFormat::kHuman},
      {"json", DiagnosticsFormat::kJson},
      {"sarif", DiagnosticsFormat::kSarif}};
  static const std::map<std::string, ColorMode> kColors = {
      {"auto", ColorMode::kAuto}, {"always", ColorMode::kAlways}, {"never", ColorMode::kNever}};
  if (build_cmd->parsed()) {
    if (build.output.empty() && !build.dump_ir) {
      err << "error: `caios build` needs an output folder: -o OUT (or --dump-ir)\n"
             "Run `caios build --help` for usage.\n";
      return 2;
    }
    if (!MakeWarningPolicy(build_warnings, build.check.warnings, err)) return 2;
    build.check.format = kFormats.at(build_format);
    build.check.color = kColors.at(build_color);
    return RunBuild(build, out, err);
  }
  if (run_cmd->parsed()) {
    run.check.inputs = {run_input};
    run.check.color = kColors.at(run_color);
    return RunRun(run, out, err);
  }
  if (test_cmd->parsed()) {
    test.check.inputs = {test_input};
    test.check.color = kColors.at(test_color);
    return RunTest(test, out, err);
  }
  if (check_cmd->parsed()) {
    if (!MakeWarningPolicy(check_warnings, check.warnings, err)) return 2;
    check.format = kFormats.at(format);
    check.color = kColors.at(color);
    return RunCheck(check, out, err);
  }
  if (graph_cmd->parsed()) {
    if (!MakeWarningPolicy(graph_warnings, graph.check.warnings, err)) return 2;
    graph.check.color = kColors.at(graph_color);
    graph.stdout_is_terminal = IsTerminal(out);
    return RunGraph(graph, out, err);
  }
  if (lsp_cmd->parsed()) {
    // Its own buffer over the descriptor, which can tell whether a message is waiting.
    auto input = std::make_unique<lsp::FdInput>(STDIN_FILENO);
    std::istream in(input.get());
    return RunLsp(lsp_options, in, out, err);
  }
  if (fmt_cmd->parsed()) {
    fmt_options.color = kColors.at(fmt_color);
    return RunFmt(fmt_options, out, err);
  }
  if (explain_cmd->parsed()) {
    if (list) return RunExplainList(out);
    if (code.empty()) {
      err << "error: `caios explain` needs a diagnostic code (or --list)\n";
      return 2;
    }
    return RunExplain(code, out, err);
  }
  return 2;  // unreachable: a subcommand is required and UnknownCommand caught other words
}

}  // namespace

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  try {
    return CheckOutput(RunCliUnguarded(argc, argv, out, err), out, err);
  } catch (const std::exception& e) {
    err << "internal compiler error: " << e.what()
        << "\nThis is a bug in caios; please report it with the input that caused it.\n";
  } catch (...) {
    err << "internal compiler error: unknown exception"
        << "\nThis is a bug in caios; please report it with the input that caused it.\n";
  }
  return kInternalErrorExit;
}

}  // namespace caios
