// Unit tests of CheckFlowRules and CheckOptionsAndQuotas (compiler/check/rules.h) on parsed
// snippets: which codes each rule reports, and that valid programs report nothing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "backends/aws/target.h"
#include "compiler/check/rules.h"
#include "compiler/parse/parse.h"

using namespace caios;

namespace {

// The diagnostics CheckFlowRules and CheckOptionsAndQuotas report for `text` against `limits`,
// in source order.
std::vector<Diagnostic> Check(const std::string& text, const target::Limits& limits) {
  SourceManager sources;
  FileId id = sources.Add("test.caios", text);
  DiagnosticSink parse_sink;
  ast::Module module = ParseFile(sources.Get(id), parse_sink);
  REQUIRE(parse_sink.error_count() == 0);
  DiagnosticSink sink;
  CheckFlowRules(module, limits, sink);
  CheckOptionsAndQuotas(module, limits, sink);
  return sink.TakeSorted();
}

// The codes of Check against AWS's limits.
std::vector<std::string> Codes(const std::string& text) {
  std::vector<std::string> codes;
  for (const Diagnostic& d : Check(text, aws::TargetLimits())) {
    codes.emplace_back(Info(d.kind).code);
  }
  return codes;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("flow rules: break and continue", "[rules]") {
  CHECK(Codes("flow f() { break }") == V{"E0401"});
  CHECK(Codes("flow f(n: int) { while n > 0 { break } }").empty());
  CHECK(Codes("flow f(xs: [int]) { for x in xs { continue } }") == V{"E0402"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs { while x > 0 { break } } }").empty());
  CHECK(Codes("flow f(n: int) { while n > 0 { for x in [1] { break } } }") == V{"E0402"});
  CHECK(Codes("flow f(n: int) { while n > 0 { parallel { branch { break } } } }") == V{"E0402"});
}

TEST_CASE("flow rules: unreachable code", "[rules]") {
  CHECK(Codes("flow f() -> int { return 1\n wait 1s }") == V{"W0401"});
  CHECK(Codes("flow f() { fail Boom(\"x\")\n wait 1s\n wait 2s }") == V{"W0401"});
  CHECK(Codes("flow f(a: bool) { if a { return } else { fail X() }\n wait 1s }") == V{"W0401"});
  CHECK(Codes("flow f(a: bool) { if a { return }\n wait 1s }").empty());
  CHECK(Codes("flow f(a: int) { switch a { case 1 { return } default { return } }\n wait 1s }") ==
        V{"W0401"});
  CHECK(Codes("flow f(a: int) { switch a { case 1 { return } }\n wait 1s }").empty());
}

TEST_CASE("flow rules: outer variables in concurrent regions", "[rules]") {
  CHECK(Codes("flow f(xs: [int]) { let s = 0\n for x in xs { s = x } }") == V{"E0403"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs { let s = 0\n s = x } }").empty());
  CHECK(Codes("flow f(xs: [int]) { let s = 0\n while s < 3 { s = s + 1 } }").empty());
  CHECK(Codes("flow f(n: int) { parallel { branch { n = 1 } } }") == V{"E0403"});
  CHECK(Codes("flow f(n: int) { parallel { branch { let m = 1\n m = 2 } } }").empty());
}

TEST_CASE("flow rules: return inside concurrent regions", "[rules]") {
  CHECK(Codes("flow f(xs: [int]) { for x in xs { return } }") == V{"E0404"});
  CHECK(Codes("flow f() { parallel { branch { return } } }") == V{"E0404"});
}

TEST_CASE("flow rules: express flows", "[rules]") {
  CHECK(Codes("flow f() express { wait 6m }") == V{"E0405"});
  CHECK(Codes("flow f() express { wait 5m }").empty());
  CHECK(Codes("flow f() express { wait until \"2030-01-01T00:00:00Z\" }") == V{"E0405"});
  CHECK(Codes("flow f() express { run g() }") == V{"E0405"});
  CHECK(Codes("flow f() express { start g() }").empty());
  CHECK(Codes("flow f() express { let x = await g(task_token) }") == V{"E0405"});
  CHECK(Codes("flow f() express { g() heartbeat 10s }") == V{"E0405"});
  CHECK(Codes("flow f() { let x = await g(task_token) }").empty());
  CHECK(Codes("flow f(xs: [int]) express { for x in xs distributed { g(x) } }") == V{"E0406"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs distributed express { run g(x) } }") == V{"E0405"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs distributed { run g(x) } }").empty());
}

TEST_CASE("flow rules: heartbeat shorter than timeout", "[rules]") {
  CHECK(Codes("flow f() { g() timeout 10s heartbeat 10s }") == V{"E0407"});
  CHECK(Codes("flow f() { g() timeout 10s heartbeat 5s }").empty());
}

TEST_CASE("quotas: function options", "[rules]") {
  const std::string ok = "runtime nodejs20.x; handler \"i.h\"; code \"fn\"";
  CHECK(Codes("function f() { " + ok + " }").empty());
  CHECK(Codes("function f() { " + ok + "; memory 64 }") == V{"E0503"});
  CHECK(Codes("function f() { " + ok + "; memory 10240; timeout 900s }").empty());
  CHECK(Codes("function f() { " + ok + "; timeout 901s }") == V{"E0503"});
  CHECK(Codes("function f() { " + ok + "; memroy 512 }") == V{"E0501"});
  CHECK(Codes("function f() { " + ok + "; memory \"512\" }") == V{"E0502"});
  CHECK(Codes("function f() { " + ok + "; arch arm65 }") == V{"E0504"});
  CHECK(Codes("function f() { " + ok + "; memory 256; memory 512 }") == V{"E0505"});
  CHECK(Codes("function f() { runtime nodejs20.x }") == V{"E0506"});
  CHECK(Codes("function f() { image \"repo/img:1\" }").empty());
  CHECK(Codes("function f() { image \"repo/img:1\"; runtime nodejs20.x }") == V{"E0507"});
  CHECK(Codes("function f() { " + ok + "; uses T(read, wirte) }") == V{"E0504"});
  CHECK(Codes("function f() { " + ok + "; log_retention 31d }") == V{"E0504"});
  CHECK(Codes("function f() { " + ok + "; layers [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"] }") ==
        V{"E0503"});
}

TEST_CASE("quotas: resource options", "[rules]") {
  CHECK(Codes("table T { key id: string; sort at: number; stream keys_only }").empty());
  CHECK(Codes("table T { key id: bool }") == V{"E0504"});
  CHECK(Codes("table T { billing provisioned }") == V{"E0506", "E0507"});
  CHECK(Codes("queue Q { fifo; content_dedup; visibility 12h; retention 60s; delay 15m }").empty());
  CHECK(Codes("queue Q { retention 59s }") == V{"E0503"});
  CHECK(Codes("queue Q { content_dedup }") == V{"E0507"});
  CHECK(Codes("queue Q { dead_letter after 3 to D }").empty());
  CHECK(Codes("queue Q { dead_letter 3 }") == V{"E0502"});
  CHECK(Codes("stream S { retention 23h }") == V{"E0503"});
  CHECK(Codes("stream S { retention 90m }") == V{"E0517"});
  CHECK(Codes("bucket B { lifecycle transition glacier 1d; lifecycle expire 30d }").empty());
  CHECK(Codes("bucket B { lifecycle transition standard_ia 10d }") == V{"E0503"});
  CHECK(Codes("connection C { url \"http://x\"; auth basic }") == V{"E0504"});
}

TEST_CASE("quotas: names, flows and retries", "[rules]") {
  CHECK(Codes("flow " + std::string(81, 'a') + "() { wait 1s }") == V{"E0508"});
  CHECK(Codes("flow " + std::string(80, 'a') + "() { wait 1s }").empty());
  CHECK(Codes("flow f() express timeout 6m { wait 1s }") == V{"E0503"});
  CHECK(Codes("flow f() timeout 366d { wait 1s }") == V{"E0503"});
  CHECK(Codes("flow f() logging al { wait 1s }") == V{"E0504"});
  CHECK(Codes("flow f() query jsonpath standard { wait 1s }").empty());
  CHECK(Codes("flow f() { wait 366d }") == V{"E0503"});
  CHECK(Codes("policy P retry { on * attempts 3\n on X attempts 1 }") == V{"E0510"});
  CHECK(Codes("policy P retry { on X attempts 100000000 }") == V{"E0503"});
  CHECK(Codes("policy P retry { on X interval 0s }") == V{"E0503"});
  CHECK(Codes("policy P retry { on X max 31622401s }") == V{"E0503"});
  CHECK(Codes("policy P retry { on X backoff 1.0 max 1s jitter }").empty());
  CHECK(Codes("policy P retry { on States.ALL, X }") == V{"E0512"});
  CHECK(Codes("flow f() { try { g() } catch { h() } catch X { h() } }") == V{"E0511"});
  CHECK(Codes("flow f() { try { g() } catch X { h() } catch X { h() } }") == V{"W0502"});
}

TEST_CASE("quotas: for clauses", "[rules]") {
  CHECK(Codes("flow f(xs: [int]) { for x in xs concurrency 40 { g(x) } }").empty());
  CHECK(Codes("flow f(xs: [int]) { for x in xs concurrency 41 { g(x) } }") == V{"W0501"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs concurrency 10000 distributed { g(x) } }").empty());
  CHECK(Codes("flow f(xs: [int]) { for x in xs concurrency 10001 distributed { g(x) } }") ==
        V{"E0503"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs batch 10 { g(x) } }") == V{"E0513"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs tolerate 101% distributed { g(x) } }") ==
        V{"E0503"});
  CHECK(Codes("flow f(xs: [int]) { for x in xs batch 1 batch 2 distributed { g(x) } }") ==
        V{"E0505"});
}

TEST_CASE("quotas: apis, schedules and triggers", "[rules]") {
  CHECK(Codes("api A { GET \"/a/{id}\" -> f\n GET \"/a/{key}\" -> g }") == V{"E0516"});
  CHECK(Codes("api A { GET \"/a/{id}\" -> f\n POST \"/a/{key}\" -> g }").empty());
  CHECK(Codes("api A { GET \"a\" -> f }") == V{"E0515"});
  CHECK(Codes("schedule \"rate(2 hour)\" -> start f") == V{"E0514"});
  CHECK(Codes("schedule \"cron(0 12 * * ? *)\" -> start f").empty());
  CHECK(Codes("queue Q { visibility 30s }\n on Q.message batch 20 -> f") == V{"E0507"});
  CHECK(Codes("queue Q { visibility 30s }\n on Q.message batch 20 window 1s -> f").empty());
  CHECK(Codes("queue Q { fifo }\n on Q.message batch 11 -> f") == V{"E0503"});
  CHECK(Codes("queue Q { visibility 10s }\n function f() { runtime nodejs20.x; handler \"h\"; "
              "code \"c\"; timeout 20s }\n on Q.message -> f") == V{"E0518"});
  CHECK(Codes("bucket B\n on B.created prefix \"in/\" suffix \".csv\" -> f").empty());
  CHECK(Codes("queue Q\n on Q.message prefix \"in/\" -> f") == V{"E0501"});
}

namespace {

// A second target's limits: AWS's, except tighter ones that this test can tell apart.
class TightLimits final : public target::Limits {
 public:
  target::Range Of(target::Quantity q) const override {
    using Q = target::Quantity;
    switch (q) {
      case Q::kDeclarationNameLength:
        return {1, 8, 1};
      case Q::kFunctionMemory:
        return {64, 256, 1};
      case Q::kWait:
        return {0, target::kHour, target::kMinute};
      case Q::kExpressRun:
        return {target::kSecond, 2 * target::kMinute, target::kSecond};
      case Q::kInlineConcurrency:
        return {0, 4, 1};
      case Q::kFunctionLayers:
        return {0, 1, 1};
      case Q::kInfrequentAccessTransitionAge:
        return {7 * target::kDay, 100 * target::kYear, target::kDay};
      case Q::kRetryInterval:
        return {target::kSecond, target::kHour, 30 * target::kSecond};
      default:
        return aws::TargetLimits().Of(q);
    }
  }
  std::string_view Why(target::Quantity) const override { return "the tight target says so"; }
};

std::vector<std::string> Messages(const std::string& text, const target::Limits& limits) {
  std::vector<std::string> out;
  for (const Diagnostic& d : Check(text, limits)) {
    std::string line = std::string(Info(d.kind).code) + " " + d.message;
    for (const DiagNote& n : d.notes) line += " | " + n.message;
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("quotas: the numbers are the target's, not the check phase's", "[rules]") {
  const TightLimits tight;
  const target::Limits& aws = aws::TargetLimits();
  const std::string name = "flow abcdefghij() { return }";
  CHECK(Messages(name, aws).empty());
  CHECK(Messages(name, tight) ==
        V{"E0508 a flow name is 10 characters long; at most 8 are allowed | the tight target "
          "says so"});

  const std::string memory =
      "function f() { runtime nodejs22.x; handler \"i.h\"; code \"fn\"; memory 512 }";
  CHECK(Messages(memory, aws).empty());
  CHECK(Messages(memory, tight) == V{"E0503 `memory` must be between 64 and 256 MB, got 512"});

  const std::string waits = "flow w() { wait 2h\n wait 90s\n return }";
  CHECK(Messages(waits, aws).empty());
  CHECK(Messages(waits, tight) == V{"E0503 `wait` must be between 0s and 1h, got 2h",
                                    "E0517 `wait` must be a whole number of minutes, got 90s"});

  const std::string express = "flow e() express { wait 3m\n return }";
  CHECK(Messages(express, aws).empty());
  CHECK(Messages(express, tight) ==
        V{"E0405 `wait 3m` is longer than an express flow can run | an express execution lasts "
          "at most 2 minutes"});

  const std::string retry = "policy P retry { on X interval 45s }";
  CHECK(Messages(retry, aws).empty());
  CHECK(Messages(retry, tight) == V{"E0517 a retry `interval` must be a multiple of 30s, got 45s"});

  const std::string layers =
      "function f() { runtime nodejs22.x; handler \"i.h\"; code \"fn\"; layers [\"a\", \"b\"] }";
  CHECK(Messages(layers, aws).empty());
  CHECK(Messages(layers, tight) == V{"E0503 a function can use at most 1 layers, got 2"});

  const std::string lifecycle = "bucket B { lifecycle transition standard_ia 10d }";
  CHECK(Messages(lifecycle, aws) ==
        V{"E0503 objects must be at least 30 days old before a transition to `standard_ia`"});
  CHECK(Messages(lifecycle, tight).empty());

  const std::string loop = "flow l(xs: [int]) { for x in xs concurrency 10 { g(x) } }";
  CHECK(Messages(loop, aws).empty());
  CHECK(Messages(loop, tight) ==
        V{"W0501 an inline `for` runs at most 4 iterations at once; `concurrency 10` has no "
          "further effect | add `distributed` to run up to 10000 iterations at once"});
}

TEST_CASE("quotas: AWS's limits cover every quantity with a valid range", "[rules]") {
  for (target::Quantity q : target::AllQuantities()) {
    const target::Range r = aws::TargetLimits().Of(q);
    INFO("quantity " << static_cast<int>(q));
    CHECK(r.min <= r.max);
    CHECK(r.granularity >= 1);
    CHECK(r.max > 0);
  }
}
