// Unit tests of the warning controls (compiler/diag/warning_policy.h, docs/cli.md).
#include "compiler/diag/warning_policy.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace caios {
namespace {

Diagnostic Make(DiagCode kind) {
  return Diagnostic{kind, Info(kind).severity, Span{}, "message", {}, {}, {}};
}

TEST_CASE("warning policy: codes are resolved strictly", "[warning_policy]") {
  std::string problem;
  const DiagKindInfo* w = ResolveWarningCode("w0601", problem);
  REQUIRE(w != nullptr);
  CHECK(w->code == "W0601");
  for (const char* bad : {"", "W601", "W06011", "X0601", "W06O1", "0601", " W0601"}) {
    problem.clear();
    CHECK(ResolveWarningCode(bad, problem) == nullptr);
    CHECK(problem.find("is not a diagnostic code") != std::string::npos);
  }
  problem.clear();
  CHECK(ResolveWarningCode("W9999", problem) == nullptr);
  CHECK(problem.find("unknown diagnostic code `W9999`") != std::string::npos);
  problem.clear();
  CHECK(ResolveWarningCode("E0211", problem) == nullptr);
  CHECK(problem.find("is an error, not a warning") != std::string::npos);
  // Hostile text is echoed cut short and printable.
  problem.clear();
  CHECK(ResolveWarningCode(std::string(1000, '\x1b'), problem) == nullptr);
  CHECK(problem.size() < 200);
  CHECK(problem.find('\x1b') == std::string::npos);
}

TEST_CASE("warning policy: allow drops, deny promotes, the most specific control wins",
          "[warning_policy]") {
  std::string problem;
  DiagCode w0601 = ResolveWarningCode("W0601", problem)->kind;
  DiagCode w0201 = ResolveWarningCode("W0201", problem)->kind;
  DiagCode w0401 = ResolveWarningCode("W0401", problem)->kind;
  DiagCode e0211 = FindDiagKind("E0211")->kind;

  WarningPolicy file;
  file.codes[w0601] = {true, "`deny` in caios.toml", Span{}};
  file.codes[w0401] = {false, "`allow` in caios.toml", Span{}};
  WarningPolicy command_line;
  command_line.deny_all_origin = "`--deny-warnings`";
  command_line.codes[w0601] = {false, "`--allow W0601`", Span{}};
  WarningPolicy policy = Overlay(file, command_line);

  std::vector<Diagnostic> ds = {Make(w0601), Make(w0201), Make(w0401), Make(e0211)};
  ApplyWarningPolicy(policy, ds);
  REQUIRE(ds.size() == 2);  // W0601 allowed on the command line, W0401 in the file
  CHECK(ds[0].kind == w0201);
  CHECK(ds[0].severity == Severity::kError);
  REQUIRE(ds[0].notes.size() == 1);
  CHECK(ds[0].notes[0].message == "`W0201` is a warning made an error by `--deny-warnings`");
  CHECK(ds[1].kind == e0211);
  CHECK(ds[1].notes.empty());

  // An empty policy changes nothing.
  std::vector<Diagnostic> same = {Make(w0601)};
  ApplyWarningPolicy(WarningPolicy{}, same);
  REQUIRE(same.size() == 1);
  CHECK(same[0].severity == Severity::kWarning);
  CHECK(same[0].notes.empty());
}

}  // namespace
}  // namespace caios
