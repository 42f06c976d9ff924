// Unit tests of the Lambda runtime lifecycle: the table of compiler/check/lambda_runtimes.def,
// the judgement of a runtime on a day (W0530, E0530 with the successor as fix-it) and the build
// day read from SOURCE_DATE_EPOCH (compiler/driver/build_date.h).
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "compiler/check/lambda_runtimes.h"
#include "compiler/check/option_schema.h"
#include "compiler/check/rules.h"
#include "compiler/driver/build_date.h"
#include "compiler/parse/parse.h"

using namespace caios;
using runtimes::DaysFromCivil;
using runtimes::RuntimeStatus;

namespace {

std::vector<Diagnostic> Judge(const std::string& runtime, int64_t day) {
  SourceManager sources;
  FileId id = sources.Add("test.caios",
                          "function f() { runtime " + runtime + "; handler \"i.h\"; code \"fn\" }");
  DiagnosticSink parse_sink;
  ast::Module module = ParseFile(sources.Get(id), parse_sink);
  REQUIRE(parse_sink.error_count() == 0);
  DiagnosticSink sink;
  CheckRuntimeLifecycle(module, day, sink);
  return sink.TakeSorted();
}

}  // namespace

TEST_CASE("runtime table: every row is well-formed", "[runtimes]") {
  std::set<std::string_view> ids;
  for (const runtimes::RuntimeLifecycle& r : runtimes::AllRuntimes()) {
    INFO(r.id);
    CHECK(ids.insert(r.id).second);
    auto deprecated = runtimes::ParseDay(r.deprecated);
    auto create = runtimes::ParseDay(r.block_create);
    auto update = runtimes::ParseDay(r.block_update);
    REQUIRE(deprecated);
    REQUIRE(create);
    REQUIRE(update);
    // (AWS's early schedules do not always order deprecation before the blocks.)
    CHECK(*create <= *update);
    if (!r.successor.empty()) {
      // A successor is itself in the table and lives at least as long as the runtime it
      // replaces.
      const runtimes::RuntimeLifecycle* next = runtimes::FindRuntime(r.successor);
      REQUIRE(next != nullptr);
      CHECK(*runtimes::ParseDay(next->block_create) >= *create);
    }
  }
  // The option schema accepts exactly the table's identifiers.
  CHECK(options::LambdaRuntimes().size() == runtimes::AllRuntimes().size());
}

TEST_CASE("runtime table: dates", "[runtimes]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
  CHECK(runtimes::ParseDay("2026-12-01") == DaysFromCivil(2026, 12, 1));
  CHECK(runtimes::ParseDay("2028-02-29") == DaysFromCivil(2028, 2, 29));
  CHECK_FALSE(runtimes::ParseDay("2027-02-29"));
  CHECK_FALSE(runtimes::ParseDay("2026-13-01"));
  CHECK_FALSE(runtimes::ParseDay("2026-12-1"));
  CHECK_FALSE(runtimes::ParseDay("2026/12/01"));
}

TEST_CASE("runtime lifecycle: supported, deprecated, blocked", "[runtimes]") {
  const runtimes::RuntimeLifecycle& node20 = *runtimes::FindRuntime("nodejs20.x");
  CHECK(runtimes::StatusOn(node20, DaysFromCivil(2026, 4, 29)) == RuntimeStatus::kSupported);
  CHECK(runtimes::StatusOn(node20, DaysFromCivil(2026, 4, 30)) == RuntimeStatus::kDeprecated);
  CHECK(runtimes::StatusOn(node20, DaysFromCivil(2026, 5, 31)) == RuntimeStatus::kDeprecated);
  CHECK(runtimes::StatusOn(node20, DaysFromCivil(2026, 6, 1)) == RuntimeStatus::kCreateBlocked);
  CHECK(runtimes::StatusOn(node20, DaysFromCivil(2030, 1, 1)) == RuntimeStatus::kCreateBlocked);
  // Creation blocked before the deprecation date (an early AWS schedule).
  const runtimes::RuntimeLifecycle& node8 = *runtimes::FindRuntime("nodejs8.10");
  CHECK(runtimes::StatusOn(node8, DaysFromCivil(2020, 2, 4)) == RuntimeStatus::kCreateBlocked);
  CHECK(runtimes::FindRuntime("nodejs99.x") == nullptr);
}

TEST_CASE("runtime lifecycle: diagnostics and fix-its", "[runtimes]") {
  auto blocked = Judge("nodejs20.x", DaysFromCivil(2026, 6, 15));
  REQUIRE(blocked.size() == 1);
  CHECK(Info(blocked[0].kind).code == "E0530");
  CHECK(blocked[0].message ==
        "AWS Lambda no longer creates functions with runtime `nodejs20.x` (since 2026-06-01)");
  REQUIRE(blocked[0].fixits.size() == 1);
  CHECK(blocked[0].fixits[0].replacement == "nodejs24.x");
  CHECK(blocked[0].notes.front().message == "existing functions can be updated until 2026-07-01");
  CHECK(Judge("nodejs20.x", DaysFromCivil(2026, 7, 1))[0].notes.front().message ==
        "updates of existing functions are blocked since 2026-07-01 as well");

  auto deprecated = Judge("dotnet8", DaysFromCivil(2026, 12, 1));
  REQUIRE(deprecated.size() == 1);
  CHECK(Info(deprecated[0].kind).code == "W0530");
  REQUIRE(deprecated[0].fixits.size() == 1);
  CHECK(deprecated[0].fixits[0].replacement == "dotnet10");

  CHECK(Judge("dotnet8", DaysFromCivil(2026, 11, 9)).empty());
  CHECK(Judge("nodejs24.x", DaysFromCivil(2026, 12, 1)).empty());
  CHECK(Judge("nodejs99.x", DaysFromCivil(2026, 12, 1)).empty());  // E0504 reports it
  // The newest runtime of a language has no successor to suggest.
  auto newest = Judge("nodejs24.x", DaysFromCivil(2028, 5, 1));
  REQUIRE(newest.size() == 1);
  CHECK(Info(newest[0].kind).code == "W0530");
  CHECK(newest[0].fixits.empty());
}

TEST_CASE("build day: SOURCE_DATE_EPOCH values", "[runtimes]") {
  CHECK(DayOfSourceDateEpoch("1796083200") == DaysFromCivil(2026, 12, 1));
  CHECK(DayOfSourceDateEpoch("1796169599") == DaysFromCivil(2026, 12, 1));
  CHECK(DayOfSourceDateEpoch("0") == 0);
  CHECK(DayOfSourceDateEpoch("253402300799") == DaysFromCivil(9999, 12, 31));
  CHECK_FALSE(DayOfSourceDateEpoch("253402300800"));
  CHECK_FALSE(DayOfSourceDateEpoch(""));
  CHECK_FALSE(DayOfSourceDateEpoch("-1"));
  CHECK_FALSE(DayOfSourceDateEpoch("+1"));
  CHECK_FALSE(DayOfSourceDateEpoch("1.5"));
  CHECK_FALSE(DayOfSourceDateEpoch(" 1"));
  CHECK_FALSE(DayOfSourceDateEpoch("2026-12-01"));
  CHECK_FALSE(DayOfSourceDateEpoch("99999999999999999999"));
}
