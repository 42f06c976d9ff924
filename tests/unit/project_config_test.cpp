// Unit tests of the caios.toml reader (compiler/driver/toml_subset.h, project_config.h):
// the subset it accepts, and hostile files it must refuse with E0040 without crashing.
#include "compiler/driver/project_config.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "compiler/driver/toml_subset.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

struct ParsedConfig {
  WarningPolicy policy;
  std::vector<Diagnostic> diagnostics;
};

ParsedConfig ParseConfig(const std::string& text) {
  SourceManager sources;
  DiagnosticSink sink;
  FileId file = sources.Add("caios.toml", text);
  ParsedConfig p;
  p.policy = ParseProjectConfig(file, sources.Get(file).text(), sink);
  p.diagnostics = sink.TakeSorted();
  return p;
}

std::vector<std::string> Codes(const ParsedConfig& p) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : p.diagnostics) codes.emplace_back(Info(d.kind).code);
  return codes;
}

DiagCode Kind(const char* code) { return FindDiagKind(code)->kind; }

TEST_CASE("caios.toml: the documented subset", "[project_config]") {
  ParsedConfig p = ParseConfig(
      "\xEF\xBB\xBF# settings\r\n"
      "\n"
      "[diagnostics]   # the one table\r\n"
      "deny-warnings = true\n"
      "deny = [ \"W0601\" , \"w0610\", ]  # trailing comma\n"
      "allow = [\n"
      "  # a comment inside the array\n"
      "  \"W0401\",\n"
      "  \"W0401\"\n"
      "]\n");
  INFO((p.diagnostics.empty() ? std::string() : p.diagnostics[0].message));
  REQUIRE(p.diagnostics.empty());
  CHECK(p.policy.deny_all_origin == "`deny-warnings = true` in caios.toml");
  CHECK(p.policy.deny_all_where.valid());
  REQUIRE(p.policy.codes.size() == 3);
  CHECK(p.policy.codes.at(Kind("W0601")).deny);
  CHECK(p.policy.codes.at(Kind("W0610")).deny);
  CHECK_FALSE(p.policy.codes.at(Kind("W0401")).deny);
  CHECK(p.policy.codes.at(Kind("W0401")).where.valid());

  ParsedConfig empty = ParseConfig("");
  CHECK(empty.diagnostics.empty());
  CHECK(empty.policy.empty());
  ParsedConfig off = ParseConfig("[diagnostics]\ndeny-warnings = false\ndeny = []\n");
  CHECK(off.diagnostics.empty());
  CHECK(off.policy.empty());
}

TEST_CASE("caios.toml: everything outside the subset is E0040", "[project_config]") {
  const std::vector<std::string> refused = {
      "[diagnostics]\ndeny = [\"W0601\"",             // unterminated array
      "[diagnostics]\ndeny = [\"W0601\n\"]\n",        // a string across a line end
      "[diagnostics]\ndeny = [\"W06",                 // unterminated at the end
      "[diagnostics]\ndeny-warnings = 1\n",           // number
      "[diagnostics]\ndeny-warnings = 1979-05-27\n",  // date
      "[diagnostics]\ndeny-warnings = True\n",        // not `true`
      "[diagnostics]\ndeny-warnings = truely\n",
      "[diagnostics]\ndeny = 'W0601'\n",                         // literal string
      "[diagnostics]\ndeny = \"\"\"W0601\"\"\"\n",               // multi-line string
      "[diagnostics]\ndeny = \"\\u0057\"\n",                     // unsupported escape
      "[diagnostics]\ndeny = { a = \"b\" }\n",                   // inline table
      "[diagnostics]\ndiagnostics.deny = [\"W0601\"]\n",         // dotted key
      "[diagnostics]\n\"deny\" = [\"W0601\"]\n",                 // quoted key
      "[[diagnostics]]\n",                                       // array of tables
      "[diagnostics.more]\n",                                    // dotted table
      "[diagnostics\n",                                          // unclosed header
      "[diagnostics]\n[diagnostics]\n",                          // table twice
      "[diagnostics]\ndeny = []\ndeny = []\n",                   // key twice
      "[diagnostics]\ndeny = [\"W0601\"] extra\n",               // text after the value
      "[diagnostics]\ndeny\n",                                   // no `=`
      "[diagnostics]\ndeny = \n",                                // no value
      "[diagnostics]\ndeny = [\"W0601\" \"W0401\"]\n",           // no comma
      "[diagnostics]\ndeny = [true]\n",                          // not a string in the array
      "[diagnostics]\ndeny = \"W0601\"\n",                       // wrong type
      "[diagnostics]\ndeny-warnings = \"yes\"\n",                // wrong type
      "[diagnostics]\rdeny = []\n",                              // lone carriage return
      std::string("[diagnostics]\ndeny = [\"W0601\"]\0\n", 32),  // NUL
      "[diagnostics]\ndeny = [\"\xC3\x28\"]\n",                  // invalid UTF-8
      "[diagnostics]\ndeny = [\"\xED\xA0\x80\"]\n",              // a UTF-16 surrogate
      "\x1b[31m",                                                // escape sequence
      "= true\n",
  };
  for (const std::string& text : refused) {
    ParsedConfig p = ParseConfig(text);
    INFO(text);
    REQUIRE(Codes(p) == std::vector<std::string>{"E0040"});
    CHECK(p.diagnostics[0].span.valid());
    CHECK(p.diagnostics[0].span.end <= text.size());
    CHECK(p.policy.empty());  // a file with a mistake controls nothing
  }
}

TEST_CASE("caios.toml: unknown tables, keys and codes are E0041", "[project_config]") {
  CHECK(Codes(ParseConfig("[diagnostic]\n")) == std::vector<std::string>{"E0041"});
  CHECK(Codes(ParseConfig("deny = []\n")) == std::vector<std::string>{"E0041"});
  ParsedConfig typo = ParseConfig("[diagnostics]\ndeny-warning = true\n");
  REQUIRE(Codes(typo) == std::vector<std::string>{"E0041"});
  CHECK(typo.diagnostics[0].notes.at(0).message == "did you mean `deny-warnings`?");
  ParsedConfig codes = ParseConfig(
      "[diagnostics]\ndeny = [\"W9999\", \"E0211\", \"W601\", \"W0601\"]\nallow = [\"W0601\"]\n");
  CHECK(Codes(codes) == std::vector<std::string>{"E0041", "E0041", "E0041", "E0041"});
  CHECK(codes.policy.empty());
}

TEST_CASE("caios.toml: hostile sizes and shapes", "[project_config]") {
  // Deeply nested brackets: refused at the second `[`, without recursion.
  ParsedConfig nested = ParseConfig("[diagnostics]\ndeny = " + std::string(1'000'000, '[') + "\n");
  REQUIRE(Codes(nested) == std::vector<std::string>{"E0040"});
  CHECK(nested.diagnostics[0].message == "nested arrays are not supported");
  // A huge array of valid codes is read in linear time.
  std::string big = "[diagnostics]\nallow = [";
  for (int i = 0; i < 50'000; ++i) big += "\"W0401\",\n";
  big += "]\n";
  ParsedConfig many = ParseConfig(big);
  CHECK(many.diagnostics.empty());
  CHECK(many.policy.codes.size() == 1);
  // An unterminated string at the end of a large file.
  ParsedConfig open = ParseConfig("[diagnostics]\nallow = [\"" + std::string(500'000, 'W'));
  CHECK(Codes(open) == std::vector<std::string>{"E0040"});
  // Random bytes never crash; at most one E0040 comes out.
  std::mt19937 random(42);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    size_t length = random() % 64;
    for (size_t i = 0; i < length; ++i) {
      static constexpr char kAlphabet[] = "[]\"=,#\n\r\t tfalsedny-W0601\\\x80\xC3{}.'";
      text += kAlphabet[random() % (sizeof(kAlphabet) - 1)];
    }
    ParsedConfig p = ParseConfig(text);
    for (const Diagnostic& d : p.diagnostics) {
      CHECK(d.span.end <= text.size());
      CHECK(d.span.begin <= d.span.end);
    }
  }
}

// A fresh scratch folder with a program, removed at the end of the test.
struct Project {
  fs::path dir;
  Project() {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("caios-config-test-" + std::to_string(rd()));
    fs::create_directories(dir / "p");
    std::ofstream(dir / "p" / "main.caios") << "app demo\nflow f() { wait 1s }\n";
  }
  ~Project() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // Loads the program in `p` and its caios.toml; returns the codes reported.
  std::vector<std::string> Load(bool& io_error) {
    SourceManager sources;
    DiagnosticSink sink;
    Program program;
    LoadedModule m;
    m.ast.file = sources.Add((dir / "p" / "main.caios").string(), "app demo\n");
    m.project_root = fs::weakly_canonical(dir / "p");
    program.modules.push_back(std::move(m));
    ProjectPolicies policies{WarningPolicy{}};
    io_error = false;
    policies.Load(program, sources, sink, io_error);
    std::vector<std::string> codes;
    for (const Diagnostic& d : sink.TakeSorted()) codes.emplace_back(Info(d.kind).code);
    return codes;
  }
};

TEST_CASE("caios.toml: read like a source, never outside the project", "[project_config]") {
  Project project;
  bool io_error = false;
  CHECK(project.Load(io_error).empty());  // no caios.toml: nothing
  CHECK_FALSE(io_error);

  // A link to a file outside the project folder is not read.
  std::ofstream(project.dir / "outside.toml") << "[diagnostics]\n";
  fs::create_symlink(project.dir / "outside.toml", project.dir / "p" / "caios.toml");
  CHECK(project.Load(io_error) == std::vector<std::string>{"E0001"});
  CHECK(io_error);
  fs::remove(project.dir / "p" / "caios.toml");

  // A link inside the folder is read.
  std::ofstream(project.dir / "p" / "settings.toml") << "[diagnostics]\n";
  fs::create_symlink("settings.toml", project.dir / "p" / "caios.toml");
  CHECK(project.Load(io_error).empty());
  CHECK_FALSE(io_error);
  fs::remove(project.dir / "p" / "caios.toml");

  // A FIFO is refused at once (no writer: reading it would block).
  REQUIRE(::mkfifo((project.dir / "p" / "caios.toml").c_str(), 0600) == 0);
  CHECK(project.Load(io_error) == std::vector<std::string>{"E0001"});
  CHECK(io_error);
  fs::remove(project.dir / "p" / "caios.toml");

  // A folder named caios.toml, then a file over the size limit.
  fs::create_directory(project.dir / "p" / "caios.toml");
  CHECK(project.Load(io_error) == std::vector<std::string>{"E0001"});
  fs::remove(project.dir / "p" / "caios.toml");
  std::ofstream(project.dir / "p" / "caios.toml")
      << "# " << std::string(kMaxProjectConfigBytes, 'x') << "\n";
  CHECK(project.Load(io_error) == std::vector<std::string>{"E0007"});
  CHECK(io_error);
}

}  // namespace
}  // namespace caios
