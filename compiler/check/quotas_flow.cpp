// Quota checks inside flows: flow options, retry rules (Amazon States Language, "Retrying after
// an error"), catch order, for-loop clauses (Map state limits) and time values of tasks and waits.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "compiler/check/option_schema.h"
#include "compiler/check/quotas.h"

namespace caios::quotas {
namespace {

using options::kDay;
using options::kMinute;
using options::kSecond;
using options::kYear;

// States Language: MaxAttempts, IntervalSeconds, TimeoutSeconds and HeartbeatSeconds are
// positive integers of at most 99999999; MaxDelaySeconds is below 31622401; BackoffRate >= 1.0.
constexpr int64_t kMaxStatesSeconds = 99999999 * kSecond;
constexpr int64_t kMaxRetryDelay = 31622400 * kSecond;
// Step Functions quotas: a standard execution runs at most one year, an express one 5 minutes.
constexpr int64_t kMaxStandardRun = kYear;
constexpr int64_t kMaxExpressRun = 5 * kMinute;

bool IsCatchAll(const ast::ErrorName& e) { return e.is_all() || e.text == "States.ALL"; }

// Checks the error lists of retry rules or catches, in order: `*` alone, catch-all last, and
// names already handled earlier.
class ErrorOrder {
 public:
  ErrorOrder(const DiagMessage<std::string_view>& after_catch_all, const char* what)
      : after_catch_all_(after_catch_all), what_(what) {}

  // `errors` empty means "every error" (a bare `catch`).
  void Add(const std::vector<ast::ErrorName>& errors, Span span, DiagnosticSink& sink) {
    if (catch_all_) {
      sink.Emit(span, after_catch_all_, what_)
          .Label(*catch_all_, "this handles every error")
          .Note(std::string("move the catch-all ") + what_ + " to the end");
      return;
    }
    bool all = errors.empty();
    for (const ast::ErrorName& e : errors) {
      if (!IsCatchAll(e)) continue;
      all = true;
      if (errors.size() > 1) {
        sink.Emit(e.span, diag::MustOnlyErrorNameList, e.text)
            .Note("it already matches every error");
      }
    }
    for (const ast::ErrorName& e : errors) {
      if (IsCatchAll(e)) continue;
      auto [it, inserted] = handled_.emplace(e.text, e.span);
      if (!inserted) {
        sink.Emit(e.span, diag::AlreadyHandledEarlier, e.text, what_)
            .Label(it->second, "handled here");
      }
    }
    if (all) catch_all_ = span;
  }

 private:
  const DiagMessage<std::string_view>& after_catch_all_;
  const char* what_;
  std::optional<Span> catch_all_;
  std::map<std::string, Span> handled_;
};

void CheckTimeValue(const std::optional<ast::TimeValue>& t, std::string_view what,
                    DiagnosticSink& sink) {
  if (t && t->literal)
    CheckDurationRange(*t->literal, kSecond, kMaxStatesSeconds, kSecond, what, sink);
}

void CheckClauses(const ast::TaskClauses& clauses, DiagnosticSink& sink) {
  for (const ast::RetrySpec& r : clauses.retries) CheckRetrySpec(r, sink);
  CheckTimeValue(clauses.timeout, "a task `timeout`", sink);
  CheckTimeValue(clauses.heartbeat, "a task `heartbeat`", sink);
}

void CheckForClauses(const ast::ForStmt& loop, DiagnosticSink& sink) {
  using K = ast::ForClause::Kind;
  static const char* const kNames[] = {"concurrency", "batch", "tolerate", "distributed",
                                       "results"};
  bool distributed = loop.distributed();
  std::map<K, Span> seen;
  for (const ast::ForClause& c : loop.clauses) {
    std::string name = kNames[static_cast<size_t>(c.kind)];
    auto [it, inserted] = seen.emplace(c.kind, c.span);
    if (!inserted) {
      sink.Emit(c.span, diag::ClauseGivenMoreThanOnce, name).Label(it->second, "first given here");
      continue;
    }
    switch (c.kind) {
      case K::kConcurrency:
        // Map state: inline mode runs up to 40 iterations at once; distributed mode up to
        // 10,000 child executions (Step Functions developer guide, "Map state").
        if (distributed && c.value > 10000) {
          sink.Emit(c.span, diag::DistributedLoopRunsMost10000, c.value);
        } else if (!distributed && c.value > 40) {
          sink.Emit(c.span, diag::InlineRunsMost40Iterations, c.value)
              .Note("add `distributed` to run up to 10000 iterations at once");
        }
        break;
      case K::kBatch:
      case K::kTolerate:
      case K::kResults:
        if (!distributed) {
          sink.Emit(c.span, diag::AppliesOnlyDistributedLoop, name)
              .Note("add `distributed` to the loop to run it as a Distributed Map state");
          break;
        }
        if (c.kind == K::kBatch && c.value < 1) {
          sink.Emit(c.span, diag::BatchHoldsLeast1Item, c.value);
        }
        if (c.kind == K::kTolerate && c.percent && c.value > 100) {
          sink.Emit(c.span, diag::ToleratedFailurePercentageBetween0, c.value);
        }
        break;
      case K::kDistributed:
        break;
    }
  }
}

void CheckBlock(const ast::Block& block, DiagnosticSink& sink);

void CheckCompound(const ast::Stmt& stmt, DiagnosticSink& sink) {
  switch (stmt.kind) {
    case ast::StmtKind::kLet: {
      const auto& s = static_cast<const ast::LetStmt&>(stmt);
      CheckClauses(s.value.clauses, sink);
      if (s.value.compound) CheckCompound(*s.value.compound, sink);
      break;
    }
    case ast::StmtKind::kAssign: {
      const auto& s = static_cast<const ast::AssignStmt&>(stmt);
      CheckClauses(s.value.clauses, sink);
      if (s.value.compound) CheckCompound(*s.value.compound, sink);
      break;
    }
    case ast::StmtKind::kExpr:
      CheckClauses(static_cast<const ast::ExprStmt&>(stmt).clauses, sink);
      break;
    case ast::StmtKind::kIf: {
      const auto& s = static_cast<const ast::IfStmt&>(stmt);
      for (const ast::IfArm& arm : s.arms) CheckBlock(arm.body, sink);
      if (s.else_body) CheckBlock(*s.else_body, sink);
      break;
    }
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      for (const ast::SwitchCase& c : s.cases) CheckBlock(c.body, sink);
      if (s.default_body) CheckBlock(*s.default_body, sink);
      break;
    }
    case ast::StmtKind::kWhile:
      CheckBlock(static_cast<const ast::WhileStmt&>(stmt).body, sink);
      break;
    case ast::StmtKind::kFor: {
      const auto& s = static_cast<const ast::ForStmt&>(stmt);
      CheckForClauses(s, sink);
      CheckBlock(s.body, sink);
      break;
    }
    case ast::StmtKind::kParallel:
      for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(stmt).branches) {
        CheckBlock(b.body, sink);
      }
      break;
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      CheckBlock(s.body, sink);
      ErrorOrder order(diag::CatchAfterCatchAll, "catch");
      for (const ast::CatchClause& c : s.catches) {
        order.Add(c.errors, c.span, sink);
        CheckBlock(c.body, sink);
      }
      break;
    }
    case ast::StmtKind::kWait: {
      const auto& s = static_cast<const ast::WaitStmt&>(stmt);
      if (s.mode == ast::WaitStmt::Mode::kDuration) {
        CheckDurationRange(s.duration, 0, kMaxStandardRun, kSecond, "`wait`", sink);
      }
      break;
    }
    case ast::StmtKind::kFail:
    case ast::StmtKind::kReturn:
    case ast::StmtKind::kYield:
    case ast::StmtKind::kBreak:
    case ast::StmtKind::kContinue:
      break;
  }
}

void CheckBlock(const ast::Block& block, DiagnosticSink& sink) {
  for (const ast::StmtPtr& stmt : block.stmts) CheckCompound(*stmt, sink);
}

void CheckFlowOptions(const ast::FlowDecl& flow, DiagnosticSink& sink) {
  using K = ast::FlowOption::Kind;
  static const char* const kNames[] = {"express", "standard", "timeout",
                                       "logging", "tracing",  "query"};
  std::map<K, Span> seen;
  const ast::FlowOption* type = nullptr;  // express or standard
  const ast::FlowOption* timeout = nullptr;
  for (const ast::FlowOption& o : flow.options) {
    std::string name = kNames[static_cast<size_t>(o.kind)];
    auto [it, inserted] = seen.emplace(o.kind, o.span);
    if (!inserted) {
      sink.Emit(o.span, diag::ClauseGivenMoreThanOnce, name).Label(it->second, "first given here");
      continue;
    }
    switch (o.kind) {
      case K::kExpress:
      case K::kStandard:
        if (type) {
          sink.Emit(o.span, diag::FlowEitherExpressStandardBoth).Label(type->span, "declared here");
        } else {
          type = &o;
        }
        break;
      case K::kTimeout:
        timeout = &o;
        break;
      case K::kLogging:
      case K::kQuery: {
        // CFN AWS::StepFunctions::StateMachine LoggingConfiguration.Level; QueryLanguage.
        static const std::vector<std::string_view> kLevels = {"all", "error", "fatal", "off"};
        static const std::vector<std::string_view> kLanguages = {"jsonata", "jsonpath"};
        const auto& valid = o.kind == K::kLogging ? kLevels : kLanguages;
        if (std::find(valid.begin(), valid.end(), o.value.text) == valid.end()) {
          auto& d = sink.Emit(o.value.span, diag::NotAValidFlowOptionValue, o.value.text, name);
          if (auto close = ClosestMatch(o.value.text, valid)) {
            d.Note("did you mean `" + std::string(*close) + "`?")
                .Fix(o.value.span, std::string(*close));
          } else {
            d.Note("expected " + options::JoinChoices(valid));
          }
        }
        break;
      }
      case K::kTracing:
        break;
    }
  }
  if (timeout) {
    bool express = flow.express();
    if (express && timeout->duration.millis > kMaxExpressRun) {
      auto& d = sink.Emit(timeout->duration.span, diag::ExpressFlowRunsMost5,
                          options::FormatDuration(timeout->duration.millis));
      if (type) d.Label(type->span, "the flow is express");
    } else {
      CheckDurationRange(timeout->duration, kSecond, kMaxStandardRun, kSecond, "a flow `timeout`",
                         sink);
    }
  }
}

}  // namespace

void CheckRetrySpec(const ast::RetrySpec& retry, DiagnosticSink& sink) {
  ErrorOrder order(diag::RetryRuleAfterCatchAll, "retry rule");
  for (const ast::RetryRule& rule : retry.rules) {
    if (rule.policy) continue;  // a named policy is checked where it is declared
    order.Add(rule.errors, rule.span, sink);
    if (rule.attempts && (*rule.attempts < 0 || *rule.attempts > 99999999)) {
      sink.Emit(rule.attempts_span, diag::RetryAttemptsMustBetween0, *rule.attempts);
    }
    if (rule.interval) {
      CheckDurationRange(*rule.interval, kSecond, kMaxStatesSeconds, kSecond, "a retry `interval`",
                         sink);
    }
    if (rule.backoff && !(*rule.backoff >= 1.0)) {
      sink.Emit(rule.backoff_span, diag::RetryBackoffMustLeast1)
          .Note(
              "the interval is multiplied by the backoff rate after each attempt; 1.0 keeps it "
              "constant");
    }
    if (rule.max_delay) {
      CheckDurationRange(*rule.max_delay, kSecond, kMaxRetryDelay, kSecond, "a retry `max` delay",
                         sink);
    }
  }
}

void CheckFlowQuotas(const ast::FlowDecl& flow, DiagnosticSink& sink) {
  CheckFlowOptions(flow, sink);
  CheckBlock(flow.body, sink);
}

}  // namespace caios::quotas
