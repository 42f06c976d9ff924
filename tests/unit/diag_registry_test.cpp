// Tests of the diagnostic registry: well-formed unique codes, and every code exercised by a
// golden case and documented in docs/diagnostics.md.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "compiler/diag/diagnostic.h"

namespace caios {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

TEST_CASE("registry: codes are unique and well formed", "[diag_registry]") {
  std::set<std::string_view> seen;
  const std::regex code_pattern("[EW][0-9]{4}");
  for (const DiagKindInfo& info : AllDiagKinds()) {
    INFO("code " << info.code);
    CHECK(seen.insert(info.code).second);
    CHECK(std::regex_match(std::string(info.code), code_pattern));
    CHECK((info.code[0] == 'E') == (info.severity == Severity::kError));
    CHECK_FALSE(info.title.empty());
    CHECK(info.title.back() != '.');
    CHECK_FALSE(info.explanation.empty());
    CHECK(FindDiagKind(info.code) == &info);
    CHECK(&Info(info.kind) == &info);
  }
}

TEST_CASE("registry: every code has a golden case", "[diag_registry]") {
  std::string expected_outputs;
  fs::path golden = fs::path(CAIOS_REPO_ROOT) / "tests" / "golden";
  if (fs::is_directory(golden)) {
    for (const auto& e : fs::recursive_directory_iterator(golden)) {
      if (e.path().extension() == ".stderr" || e.path().extension() == ".stdout") {
        expected_outputs += ReadAll(e.path());
      }
    }
  }
  // Codes whose triggering input is too large to keep as a golden file; each is exercised by
  // the named unit test instead.
  const std::map<std::string, std::string> covered_elsewhere = {
      {"E0007", "modules: a file over 64 MiB is refused (program_test.cpp)"},
      {"E0009", "parse: a 10 MB single line (parse_bad_input_test.cpp)"},
      {"E0604", "build: a definition over 1 MB is E0604 (build_test.cpp)"},
      {"E0605", "build: a literal payload over 256 KiB is E0605 (build_test.cpp)"},
      {"W0620", "build: more than 500 resources is W0620 (build_test.cpp)"},
  };
  std::vector<std::string> missing;
  for (const DiagKindInfo& info : AllDiagKinds()) {
    std::string code(info.code);
    if (covered_elsewhere.count(code)) continue;
    // Human output shows `[E0101]`, JSON and SARIF show `"E0101"`.
    if (expected_outputs.find("[" + code + "]") == std::string::npos &&
        expected_outputs.find("\"" + code + "\"") == std::string::npos) {
      missing.push_back(code);
    }
  }
  INFO("codes no golden case under tests/golden/ produces (" << missing.size()
                                                             << "): " << Join(missing));
  CHECK(missing.empty());
}

TEST_CASE("registry: every code is documented", "[diag_registry]") {
  std::string docs = ReadAll(fs::path(CAIOS_REPO_ROOT) / "docs" / "diagnostics.md");
  std::vector<std::string> missing;
  for (const DiagKindInfo& info : AllDiagKinds()) {
    if (docs.find("\n## " + std::string(info.code) + ":") == std::string::npos) {
      missing.push_back(std::string(info.code));
    }
  }
  INFO("codes without a `## CODE: title` section in docs/diagnostics.md ("
       << missing.size() << "): " << Join(missing)
       << " (regenerate with CAIOS_UPDATE_GOLDEN=1 ctest -R golden/docs)");
  CHECK(missing.empty());
}

}  // namespace
}  // namespace caios

namespace caios {
namespace {

// Kinds that are never emitted through a message: none today. A kind listed here must say why.
const std::map<std::string, std::string> kKindsWithoutMessages = {};

TEST_CASE("registry: every kind has a declared message", "[diag_registry]") {
  std::set<DiagCode> with_message;
  std::set<std::string_view> names;
  for (const DiagMessageInfo& m : AllDiagMessages()) {
    INFO("message " << m.name);
    // The kind of a message exists by construction (DiagCode::kind in the expansion); its
    // name is unique (one constexpr object each) and its text is not empty.
    CHECK(static_cast<size_t>(m.kind) < AllDiagKinds().size());
    CHECK(names.insert(m.name).second);
    CHECK_FALSE(m.format.empty());
    with_message.insert(m.kind);
  }
  std::vector<std::string> missing;
  for (const DiagKindInfo& info : AllDiagKinds()) {
    if (with_message.count(info.kind) || kKindsWithoutMessages.count(std::string(info.code))) {
      continue;
    }
    missing.push_back(std::string(info.code));
  }
  INFO("kinds without a CAIOS_DIAG_MESSAGE in compiler/diag/kinds_*.def: " << Join(missing));
  CHECK(missing.empty());
}

TEST_CASE("messages: typed arguments fill the declared format", "[diag_registry]") {
  CHECK(diag::UnknownName.kind == DiagCode::kUnknownName);
  CHECK(diag::UnknownName.Format("ordrs") == "unknown name `ordrs`");
  CHECK(diag::TooManyErrors.Format(size_t{3}) == "too many errors: 3 more not shown");
  CHECK(diag::InvalidUtf8Byte.Format(0xC3u) == "invalid UTF-8 byte 0xC3");
  // A literal brace in a message is written `{{` in the .def file.
  CHECK(diag::FormatPlaceholderCount.Format(2, "placeholders", 1, "argument follows") ==
        "the template has 2 `{}` placeholders but 1 argument follows");

  DiagnosticSink sink;
  Span span{FileId{0}, 4, 9};
  sink.Emit(span, diag::UnknownName, std::string("ordrs"))
      .Note(Span{FileId{0}, 0, 3}, "declared here")
      .Fix(span, "orders")
      .Fix(span, "order");
  CHECK(sink.error_count() == 1);
  std::vector<Diagnostic> ds = sink.TakeSorted();
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].kind == DiagCode::kUnknownName);
  CHECK(ds[0].severity == Severity::kError);
  CHECK(ds[0].message == "unknown name `ordrs`");
  REQUIRE(ds[0].notes.size() == 1);
  REQUIRE(ds[0].notes[0].span);
  CHECK(ds[0].notes[0].span->end == 3);
  REQUIRE(ds[0].fixits.size() == 2);
  CHECK(ds[0].fixits[1].replacement == "order");
}

}  // namespace
}  // namespace caios
