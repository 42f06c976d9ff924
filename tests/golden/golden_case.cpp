#include "tests/golden/golden_case.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <unistd.h>

#include "compiler/driver/cli.h"
#include "compiler/driver/output_files.h"

namespace caios::golden {

namespace fs = std::filesystem;

namespace {

bool IsCaseEntry(const fs::directory_entry& e) {
  return e.is_directory() || e.path().extension() == ".caios";
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// A short report of where `expected` and `actual` first differ, with both texts.
std::string DescribeDifference(const std::string& what, const std::string& expected,
                               const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string el, al;
  size_t line = 1;
  while (true) {
    bool has_e = static_cast<bool>(std::getline(e, el));
    bool has_a = static_cast<bool>(std::getline(a, al));
    if (!has_e && !has_a) break;
    if (!has_e || !has_a || el != al) break;
    ++line;
  }
  std::ostringstream out;
  out << what << " differs from line " << line << ":\n"
      << "--- expected\n"
      << expected << (expected.empty() || expected.back() == '\n' ? "" : "\n") << "+++ actual\n"
      << actual << (actual.empty() || actual.back() == '\n' ? "" : "\n");
  return out.str();
}

}  // namespace

std::string ReadFileOrEmpty(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool WriteFileIfChanged(const fs::path& path, const std::string& text) {
  if (fs::exists(path) && ReadFileOrEmpty(path) == text) return false;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return true;
}

bool UpdateRequested() {
  const char* v = std::getenv("CAIOS_UPDATE_GOLDEN");
  return v != nullptr && *v != '\0' && std::string(v) != "0";
}

GoldenCase CaseForInput(const std::string& input) {
  GoldenCase c;
  c.input = input;
  while (!c.input.empty() && c.input.back() == '/') c.input.pop_back();
  c.stem = c.input;
  if (c.stem.size() > 6 && c.stem.ends_with(".caios")) c.stem.resize(c.stem.size() - 6);
  c.expect_errors = fs::path(c.stem).filename().string().starts_with("fail_");
  c.build = fs::path(c.input).parent_path().filename() == "build";
  return c;
}

std::vector<GoldenCase> FindGoldenCases(const fs::path& repo_root) {
  std::vector<GoldenCase> cases;
  fs::path golden = repo_root / "tests" / "golden";
  for (const fs::path& dir : {golden, golden / "valid", golden / "build"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (!IsCaseEntry(e) || e.path() == golden / "valid" || e.path() == golden / "build") {
        continue;
      }
      std::string name = e.path().filename().string();
      if (name.starts_with(".") || name.ends_with(".expected") || name == "functions") continue;
      cases.push_back(CaseForInput(fs::relative(e.path(), repo_root).generic_string()));
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.input < b.input; });
  return cases;
}

static fs::path BuildOutputDir(const GoldenCase& c) {
  return fs::path(c.input).parent_path() / ".out" / fs::path(c.stem).filename();
}

namespace {

// Sets environment variables for the lifetime of the object and restores the old values. Only
// used while no other thread runs (RunCli joins its workers before returning).
class ScopedEnvironment {
 public:
  void Set(const std::string& name, const std::string& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnvironment() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second) {
        setenv(it->first.c_str(), it->second->c_str(), 1);
      } else {
        unsetenv(it->first.c_str());
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// Runs caios with `args` in the environment of case `c`: the tests' pinned build day
// (SOURCE_DATE_EPOCH) and the variables of its optional NAME.env file.
GoldenOutput RunArgs(const GoldenCase& c, std::vector<std::string> args) {
  ScopedEnvironment env;
  env.Set("SOURCE_DATE_EPOCH", CAIOS_TEST_SOURCE_DATE_EPOCH);
  std::istringstream env_lines(ReadFileOrEmpty(c.stem + ".env"));
  for (std::string line; std::getline(env_lines, line);) {
    size_t eq = line.find('=');
    if (line.empty() || eq == std::string::npos) continue;
    env.Set(line.substr(0, eq), line.substr(eq + 1));
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  GoldenOutput result;
  result.exit = RunCli(static_cast<int>(args.size()), argv.data(), out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::vector<std::string> CaseArgs(const GoldenCase& c) {
  return SplitWords(ReadFileOrEmpty(c.stem + ".args"));
}

}  // namespace

GoldenOutput RunGoldenCase(const GoldenCase& c) {
  std::vector<std::string> args = {
      "caios", c.build ? "build" : "check", "--color", "never", "--stdlib", "stdlib"};
  if (c.build) {
    std::error_code ec;
    fs::remove_all(BuildOutputDir(c), ec);
    args.push_back("-o");
    args.push_back(BuildOutputDir(c).generic_string());
  }
  for (std::string& w : CaseArgs(c)) args.push_back(w);
  args.push_back(c.input);
  return RunArgs(c, std::move(args));
}

GoldenOutput RunOtherCommand(const GoldenCase& c, bool& same_stdout) {
  same_stdout = true;
  std::vector<std::string> args = {
      "caios", c.build ? "check" : "build", "--color", "never", "--stdlib", "stdlib"};
  fs::path scratch;
  if (!c.build) {
    // A folder of this process's own: CTest runs cases in parallel.
    scratch = fs::temp_directory_path() / ("caios-golden-" + std::to_string(::getpid()) + "-" +
                                           fs::path(c.stem).filename().string());
    std::error_code ec;
    fs::remove_all(scratch, ec);
    args.push_back("-o");
    args.push_back(scratch.string());
  }
  for (std::string& w : CaseArgs(c)) {
    if (c.build && w == "--dump-ir") {  // build only: prints the IR to stdout
      same_stdout = false;
      continue;
    }
    if (c.build && w == "--tests") continue;  // build only: `check` checks the tests anyway
    args.push_back(w);
  }
  args.push_back(c.input);
  GoldenOutput result = RunArgs(c, std::move(args));
  if (!scratch.empty()) {
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }
  return result;
}

namespace {

// Relative path → content of every file below `dir` (empty when it does not exist), except
// the marker that every output folder has (tests/hostile checks it).
std::map<std::string, std::string> ReadTree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path() == dir / kOutputMarkerName) continue;
    files[fs::relative(e.path(), dir).generic_string()] = ReadFileOrEmpty(e.path());
  }
  return files;
}

// Compares (or with `update`, replaces) NAME.expected/ with the build's output folder.
std::string CheckBuildOutput(const GoldenCase& c, bool update) {
  fs::path expected_dir = c.stem + ".expected";
  auto actual = ReadTree(BuildOutputDir(c));
  if (update) {
    std::error_code ec;
    fs::remove_all(expected_dir, ec);
    for (const auto& [name, text] : actual) {
      fs::create_directories((expected_dir / name).parent_path());
      WriteFileIfChanged(expected_dir / name, text);
    }
    return {};
  }
  auto expected = ReadTree(expected_dir);
  std::string report;
  for (const auto& [name, text] : expected) {
    auto it = actual.find(name);
    if (it == actual.end()) {
      report += c.input + ": the build did not write " + name + "\n";
    } else if (it->second != text) {
      report += c.input + ": " + DescribeDifference(name, text, it->second);
    }
  }
  for (const auto& [name, text] : actual) {
    if (!expected.count(name)) report += c.input + ": unexpected output file " + name + "\n";
  }
  return report;
}

}  // namespace

std::string CheckGoldenCase(const GoldenCase& c, bool update) {
  bool in_valid = fs::path(c.input).parent_path().filename() == "valid" || c.build;
  if (!in_valid && !c.expect_errors) {
    return c.input + ": a case outside tests/golden/valid/ must be named fail_*\n";
  }
  GoldenOutput got = RunGoldenCase(c);
  std::string report;
  if (c.expect_errors && got.exit == 0) {
    report += c.input + ": a fail_ case must produce errors, but `caios check` exited 0\n";
  }
  if (!c.expect_errors && got.exit != 0) {
    report += c.input + ": a valid/ case must check clean, but `caios check` exited " +
              std::to_string(got.exit) + "\n";
  }
  if (c.build) report += CheckBuildOutput(c, update);
  // `check` reports everything `build` would (docs/cli.md): same diagnostics, same exit code.
  bool same_stdout = true;
  GoldenOutput other = RunOtherCommand(c, same_stdout);
  const std::string other_name = c.build ? "`caios check`" : "`caios build`";
  if (other.exit != got.exit) {
    report += c.input + ": " + other_name + " exited " + std::to_string(other.exit) + ", not " +
              std::to_string(got.exit) + " like the case's command\n";
  }
  if (other.err != got.err) {
    report += c.input + ": " + DescribeDifference(other_name + " stderr", got.err, other.err);
  }
  if (same_stdout && other.out != got.out) {
    report += c.input + ": " + DescribeDifference(other_name + " stdout", got.out, other.out);
  }
  std::string exit_text = std::to_string(got.exit) + "\n";
  if (update) {
    WriteFileIfChanged(c.stem + ".stderr", got.err);
    WriteFileIfChanged(c.stem + ".exit", exit_text);
    if (!got.out.empty()) {
      WriteFileIfChanged(c.stem + ".stdout", got.out);
    } else if (fs::exists(c.stem + ".stdout")) {
      fs::remove(c.stem + ".stdout");
    }
    return report;
  }
  const std::string hint = "(rerun with CAIOS_UPDATE_GOLDEN=1 to accept the new output)\n";
  if (!fs::exists(c.stem + ".stderr") || !fs::exists(c.stem + ".exit")) {
    report += c.input + ": no expectations (" + c.stem + ".stderr, .exit) " + hint;
    report += "actual stderr:\n" + got.err;
    return report;
  }
  std::string expected_exit = ReadFileOrEmpty(c.stem + ".exit");
  if (expected_exit != exit_text) {
    report += c.input + ": exit code " + std::to_string(got.exit) + ", expected " + expected_exit;
  }
  std::string expected_err = ReadFileOrEmpty(c.stem + ".stderr");
  if (expected_err != got.err) {
    report += c.input + ": " + DescribeDifference("stderr", expected_err, got.err);
  }
  std::string expected_out = ReadFileOrEmpty(c.stem + ".stdout");
  if (expected_out != got.out) {
    report += c.input + ": " + DescribeDifference("stdout", expected_out, got.out);
  }
  if (!report.empty()) report += hint;
  return report;
}

}  // namespace caios::golden
