// Tests of `caios build` as a whole: atomic and deterministic output, usage errors, the IR dump,
// and the checks whose inputs are too large for a golden file (E0604, E0605, W0620).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "backends/aws/common/json.h"
#include "compiler/base/parallel_for.h"
#include "compiler/driver/cli.h"
#include "compiler/driver/output_files.h"
#include "nlohmann/json.hpp"
#include "tests/unit/cli_test_util.h"
#include "tests/unit/scratch_test_util.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

using testing::CliResult;
using testing::Run;
using testing::Scratch;
using testing::Write;

// Writes DIR/main.caios and the code folders its functions name (E0520 reports missing ones).
void WriteApp(const fs::path& dir, const std::string& text) {
  Write(dir / "main.caios", text);
  for (const char* code : {"functions/charge", "functions/step"}) {
    Write(dir / code / "main.py", "def handler(event, context):\n    return event\n");
  }
}

std::map<std::string, std::string> ReadTree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    files[fs::relative(e.path(), dir).generic_string()] = s.str();
  }
  return files;
}

const char* kDemoApp = R"(app demo
table Orders { key id: string }
function charge(id: string) -> { ok: bool } {
  runtime python3.12
  handler "main.handler"
  code "functions/charge"
}
flow checkout(id: string) -> bool {
  let c = charge(id)
  Orders.put({ id: id })
  return c.ok
}
)";

std::string Stdlib() { return std::string(CAIOS_SOURCE_STDLIB); }

TEST_CASE("build: writes the template, definitions and configurations", "[build]") {
  Scratch s;
  WriteApp(s.dir / "app", kDemoApp);
  CliResult r = Run(
      {"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "-o", (s.dir / "out").string()});
  INFO(r.err);
  REQUIRE(r.exit == 0);
  auto files = ReadTree(s.dir / "out");
  CHECK(files.count("template.yaml") == 1);
  CHECK(files.count("statemachines/checkout.asl.json") == 1);
  CHECK(files.count("functions/charge.json") == 1);
  CHECK(files[".caios-output"] == kOutputMarkerText);  // docs/cli.md, "The output folder"
  CHECK(files.size() == 4);
  CHECK(files["statemachines/checkout.asl.json"].find("\"QueryLanguage\": \"JSONata\"") !=
        std::string::npos);
}

TEST_CASE("build: output is byte-identical across runs", "[build]") {
  Scratch s;
  WriteApp(s.dir / "app", kDemoApp);
  for (const char* out : {"a", "b"}) {
    REQUIRE(Run({"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "-o",
                 (s.dir / "runs" / out).string()})
                .exit == 0);
  }
  CHECK(ReadTree(s.dir / "runs" / "a") == ReadTree(s.dir / "runs" / "b"));
  REQUIRE(Run({"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "--format", "json", "-o",
               (s.dir / "json").string()})
              .exit == 0);
  CHECK(fs::exists(s.dir / "json" / "template.json"));
  // The JSON files are nlohmann's dump(2) of what they hold, and the template holds each
  // definition file as it is (the definitions are written once and moved to their depth).
  using Json = caios::aws::Json;
  auto json = ReadTree(s.dir / "json");
  for (const auto& [name, text] : json) {
    if (!name.ends_with(".json")) continue;
    CAPTURE(name);
    CHECK(text == Json::parse(text).dump(2) + "\n");
  }
  const Json doc = Json::parse(json["template.json"]);
  CHECK(doc["Resources"]["CheckoutStateMachine"]["Properties"]["Definition"] ==
        Json::parse(json["statemachines/checkout.asl.json"]));
}

TEST_CASE("build: flows lowered in parallel give the IR of a serial lowering", "[build]") {
  // Each flow's accesses are collected on its own thread and appended in declaration order
  // (compiler/lower/lower.cpp): the IR, accesses included, must not depend on -j.
  Scratch s;
  std::string program = "app demo\ntable Orders { key id: string }\nqueue Jobs\n";
  program +=
      "function charge(id: string) -> { ok: bool } {\n  runtime python3.12\n"
      "  handler \"main.handler\"\n  code \"functions/charge\"\n}\n";
  constexpr int kFlows = 64;
  for (int i = 0; i < kFlows; ++i) {
    // Different accesses in different orders, so that a misordered merge shows.
    const std::string n = std::to_string(i);
    program += "flow f" + n + "(id: string) -> bool {\n";
    if (i % 2 == 0) program += "  Jobs.send({ id: id })\n";
    program += "  let c = charge(id)\n";
    if (i % 3 == 0) program += "  let o = Orders.get({ id: id })\n";
    program += "  Orders.put({ id: id })\n  return c.ok\n}\n";
  }
  WriteApp(s.dir / "app", program);
  const auto dump = [&](const char* jobs) {
    return Run({"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "--dump-ir", "-j", jobs});
  };
  CliResult serial = dump("1");
  INFO(serial.err);
  REQUIRE(serial.exit == 0);
  // The accesses are listed flow by flow, in declaration order.
  size_t at = 0;
  for (int i = 0; i < kFlows; ++i) {
    at = serial.out.find("access flow f" + std::to_string(i) + " ", at);
    REQUIRE(at != std::string::npos);
  }
  for (const char* jobs : {"2", "4", "0"}) {
    CliResult parallel = dump(jobs);
    CAPTURE(jobs);
    CHECK(parallel.exit == 0);
    CHECK(parallel.out == serial.out);
  }
}

TEST_CASE("build: the output does not depend on the number of threads", "[build]") {
  // Large enough for `-j 0` to take one thread per core (ThreadsFor): every parallel phase
  // (parsing a file's declarations, lowering, emitting, the template's slices, writing the
  // files) runs on several threads, and the files must be those of a build on one.
  Scratch s;
  std::string program = "app demo\ntable Orders { key id: string }\nqueue Jobs\n";
  for (int i = 0; program.size() < caios::kParallelFromSourceBytes; ++i) {
    const std::string n = std::to_string(i);
    program += "function charge" + n + "(id: string) -> { ok: bool } {\n" +
               "  runtime python3.12\n  handler \"main.handler\"\n  code \"functions/charge\"\n}\n";
    program += "flow f" + n + "(id: string) -> bool {\n  let c = charge" + n + "(id)\n";
    if (i % 2 == 0) program += "  Jobs.send({ id: id })\n";
    program += "  Orders.put({ id: id })\n  return c.ok\n}\n";
  }
  WriteApp(s.dir / "app", program);
  std::map<std::string, std::string> serial;
  for (const char* jobs : {"1", "2", "0", "4"}) {
    CAPTURE(jobs);
    const fs::path out = s.dir / (std::string("out-") + jobs);
    CliResult built = Run(
        {"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "-o", out.string(), "-j", jobs});
    INFO(built.err);
    REQUIRE(built.exit == 0);
    std::map<std::string, std::string> files = ReadTree(out);
    if (serial.empty()) {
      REQUIRE(files.size() > 500);
      serial = std::move(files);
    } else {
      CHECK(files == serial);
    }
  }
}

TEST_CASE("build: the output folder is replaced whole, and kept on failure", "[build]") {
  Scratch s;
  WriteApp(s.dir / "app", kDemoApp);
  REQUIRE(
      Run({"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "-o", (s.dir / "out").string()})
          .exit == 0);
  // A folder caios wrote (it has the marker) is replaced with everything in it.
  Write(s.dir / "out" / "stale.txt", "from an earlier build");
  REQUIRE(
      Run({"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "-o", (s.dir / "out").string()})
          .exit == 0);
  CHECK_FALSE(fs::exists(s.dir / "out" / "stale.txt"));
  auto before = ReadTree(s.dir / "out");

  WriteApp(s.dir / "bad", std::string(kDemoApp) + "flow broken() { nope() }\n");
  CliResult r = Run(
      {"build", "--stdlib", Stdlib(), (s.dir / "bad").string(), "-o", (s.dir / "out").string()});
  CHECK(r.exit == 1);
  CHECK(ReadTree(s.dir / "out") == before);
  // No temporary folders are left beside it.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(s.dir)) entries += e.path().filename() != "" ? 1 : 0;
  CHECK(entries == 3);  // app, bad, out
}

TEST_CASE("build: files written in parallel are the files, and a failure keeps the old output",
          "[build]") {
  // WriteOutputFolder creates the folders, then writes the files on several threads
  // (compiler/driver/output_files.cpp).
  Scratch s;
  OutputFiles files;
  for (int i = 0; i < 300; ++i) {
    const std::string n = std::to_string(i);
    files["statemachines/f" + n + ".asl.json"] = "definition " + n + "\n";
    files["functions/g" + n + ".json"] = std::string(static_cast<size_t>(i) * 37, 'x');
  }
  files["template.yaml"] = "Resources: {}\n";
  const fs::path out = s.dir / "out";
  std::string problem;
  for (unsigned jobs : {1u, 4u}) {
    CAPTURE(jobs);
    OutputFolderOptions options;
    options.jobs = jobs;
    REQUIRE(WriteOutputFolder(out, files, options, problem));
    std::map<std::string, std::string> expected(files.begin(), files.end());
    expected[std::string(kOutputMarkerName)] = std::string(kOutputMarkerText);
    CHECK(ReadTree(out) == expected);
  }
  // `x` cannot be both a file and the folder of `x/y`: the build fails on the first file that
  // cannot be written, in order, leaves the old output as it was and no staging folder.
  const auto before = ReadTree(out);
  OutputFiles clash = files;
  clash["x"] = "a file";
  clash["x/y"] = "in a folder";
  OutputFolderOptions options;
  options.jobs = 4;
  CHECK_FALSE(WriteOutputFolder(out, clash, options, problem));
  CHECK(problem.starts_with("cannot write `"));
  CHECK(problem.ends_with("/x`"));
  CHECK(ReadTree(out) == before);
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(s.dir)) entries += e.path().filename() != "" ? 1 : 0;
  CHECK(entries == 1);  // out
}

TEST_CASE("build: a warning made an error writes nothing and keeps the old output", "[build]") {
  Scratch s;
  // W0601: a generic AWS call whose permission cannot be scoped to a resource.
  WriteApp(s.dir / "app", std::string(kDemoApp) +
                              "flow mood(t: string) -> json {\n"
                              "  return aws.comprehend.detectSentiment({ Text: t, LanguageCode: "
                              "\"en\" })\n}\n");
  const std::string app = (s.dir / "app").string();
  const std::string out = (s.dir / "out").string();
  CliResult warned = Run({"build", "--stdlib", Stdlib(), app, "-o", out});
  INFO(warned.err);
  REQUIRE(warned.exit == 0);
  REQUIRE(warned.err.find("warning[W0601]") != std::string::npos);
  Write(s.dir / "out" / "stale.txt", "from an earlier build");
  auto before = ReadTree(s.dir / "out");
  for (std::vector<std::string> control :
       {std::vector<std::string>{"--deny-warnings"}, {"-W", "W0601"}, {"--deny", "w0601"}}) {
    std::vector<std::string> args = {"build", "--stdlib", Stdlib(), app, "-o", out};
    args.insert(args.end(), control.begin(), control.end());
    CliResult r = Run(args);
    INFO(r.err);
    CHECK(r.exit == 1);
    CHECK(r.err.find("error[W0601]") != std::string::npos);
    CHECK(ReadTree(s.dir / "out") == before);
  }
  // Allowed, the warning is silent and the build replaces the output.
  CliResult allowed =
      Run({"build", "--stdlib", Stdlib(), app, "-o", out, "--allow", "W0601", "--deny-warnings"});
  INFO(allowed.err);
  CHECK(allowed.exit == 0);
  CHECK(allowed.err.empty());
  CHECK_FALSE(fs::exists(s.dir / "out" / "stale.txt"));
}

TEST_CASE("build: usage errors and --dump-ir", "[build]") {
  Scratch s;
  WriteApp(s.dir / "app", kDemoApp);
  CliResult no_out = Run({"build", "--stdlib", Stdlib(), (s.dir / "app").string()});
  CHECK(no_out.exit == 2);
  CHECK(no_out.err.find("-o OUT") != std::string::npos);

  CliResult ir = Run({"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "--dump-ir"});
  CHECK(ir.exit == 0);
  CHECK(ir.out.find("flow checkout standard") != std::string::npos);
  CHECK(ir.out.find("access flow checkout op table Orders.put") != std::string::npos);
  CHECK_FALSE(fs::exists(s.dir / "out"));
}

TEST_CASE("build: --time-report lists the phases that ran, and changes nothing else", "[build]") {
  Scratch s;
  WriteApp(s.dir / "app", kDemoApp);
  const std::string app = (s.dir / "app").string();
  CliResult plain = Run({"build", "--stdlib", Stdlib(), app, "-o", (s.dir / "a").string()});
  CliResult timed =
      Run({"build", "--stdlib", Stdlib(), app, "-o", (s.dir / "b").string(), "--time-report"});
  REQUIRE(plain.exit == 0);
  REQUIRE(timed.exit == 0);
  CHECK(plain.err.find("time report") == std::string::npos);
  CHECK(timed.out == plain.out);
  CHECK(ReadTree(s.dir / "a") == ReadTree(s.dir / "b"));
  // Each phase once, in order, with its time and memory; then the total.
  auto rows = [](const std::string& err) {
    std::vector<std::string> names;
    std::istringstream lines(err.substr(err.find("time report (")));
    std::string line;
    std::getline(lines, line);  // the heading
    while (std::getline(lines, line)) {
      std::istringstream fields(line);
      std::string name, ms, unit;
      double milliseconds = -1;
      fields >> name >> milliseconds >> unit;
      CAPTURE(line);
      CHECK(milliseconds >= 0);
      CHECK(unit == "ms");
      CHECK(line.find(" MiB") != std::string::npos);
      names.push_back(name);
    }
    return names;
  };
  // In the order they ran; `report` (the warning controls, then the diagnostics) adds up.
  CHECK(rows(timed.err) == std::vector<std::string>{"load", "check", "lower", "validate", "emit",
                                                    "report", "write", "total"});
  // After an error, the phases that did not run have no line, and the diagnostics before the
  // report are those of a build without it.
  Write(s.dir / "bad" / "main.caios", "app bad\nflow f() { return y }\n");
  const std::vector<std::string> bad = {
      "build",   "--stdlib", Stdlib(), (s.dir / "bad").string(), "-o", (s.dir / "c").string(),
      "--color", "never"};
  auto with = [](std::vector<std::string> args, std::vector<std::string> more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  CliResult failed_plain = Run(bad);
  CliResult failed = Run(with(bad, {"--time-report"}));
  CHECK(failed.exit == 1);
  REQUIRE(failed.err.find("time report (") != std::string::npos);
  CHECK(failed.err.substr(0, failed.err.find("time report (")) == failed_plain.err);
  CHECK(failed_plain.err.find("E0211") != std::string::npos);
  CHECK(rows(failed.err) == std::vector<std::string>{"load", "check", "report", "total"});
  CHECK_FALSE(fs::exists(s.dir / "c"));
  // JSON diagnostics on standard output are the same document.
  CliResult json_plain = Run(with(bad, {"--diagnostics", "json"}));
  CliResult json_timed = Run(with(bad, {"--diagnostics", "json", "--time-report"}));
  CHECK(json_timed.out == json_plain.out);
  CHECK(nlohmann::json::parse(json_timed.out).is_object());
  CHECK(json_timed.err.find("time report (") != std::string::npos);
}

TEST_CASE("build: a definition over 1 MB is E0604", "[build]") {
  Scratch s;
  std::string program = R"(app big
function step(note: string) {
  runtime python3.12
  handler "main.handler"
  code "functions/step"
}
flow huge() {
)";
  std::string note(400, 'x');
  for (int i = 0; i < 2000; ++i) program += "  step(\"" + note + std::to_string(i) + "\")\n";
  program += "}\n";
  WriteApp(s.dir / "app", program);
  CliResult r = Run(
      {"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "-o", (s.dir / "out").string()});
  CHECK(r.exit == 1);
  CHECK(r.err.find("error[E0604]") != std::string::npos);
  CHECK_FALSE(fs::exists(s.dir / "out"));
}

TEST_CASE("build: a literal payload over 256 KiB is E0605", "[build]") {
  Scratch s;
  std::string big(300 * 1024, 'x');
  std::string program = R"(app payload
queue Jobs
flow send() {
  Jobs.send({ blob: ")" +
                        big + R"(" })
}
)";
  WriteApp(s.dir / "app", program);
  CliResult r = Run(
      {"build", "--stdlib", Stdlib(), (s.dir / "app").string(), "-o", (s.dir / "out").string()});
  CHECK(r.exit == 1);
  CHECK(r.err.find("error[E0605]") != std::string::npos);
  CHECK(r.err.find("at least 301 KiB") != std::string::npos);
  CHECK_FALSE(fs::exists(s.dir / "out"));

  // Just under the limit is fine.
  std::string fits(200 * 1024, 'x');
  WriteApp(s.dir / "ok",
           "app payload\nqueue Jobs\nflow send() {\n  Jobs.send({ blob: \"" + fits + "\" })\n}\n");
  CHECK(
      Run({"build", "--stdlib", Stdlib(), (s.dir / "ok").string(), "-o", (s.dir / "out").string()})
          .exit == 0);
}

TEST_CASE("build: more than 500 resources is W0620, and the build still succeeds", "[build]") {
  Scratch s;
  // Each flow brings a state machine and its role: 2 resources.
  auto program = [](int flows) {
    std::string p = "app many\n";
    for (int i = 0; i < flows; ++i) p += "flow f" + std::to_string(i) + "() {\n  return 1\n}\n";
    return p;
  };
  WriteApp(s.dir / "big", program(251));
  CliResult r = Run(
      {"build", "--stdlib", Stdlib(), (s.dir / "big").string(), "-o", (s.dir / "out").string()});
  CHECK(r.exit == 0);
  CHECK(r.err.find("warning[W0620]") != std::string::npos);
  CHECK(r.err.find("declares 502 resources") != std::string::npos);
  CHECK(fs::exists(s.dir / "out" / "template.yaml"));

  WriteApp(s.dir / "small", program(250));
  CliResult ok = Run(
      {"build", "--stdlib", Stdlib(), (s.dir / "small").string(), "-o", (s.dir / "out2").string()});
  CHECK(ok.exit == 0);
  CHECK(ok.err.find("W0620") == std::string::npos);
}

}  // namespace
}  // namespace caios
