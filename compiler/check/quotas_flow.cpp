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

using target::Quantity;

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

// The quota checks of one flow's body, against the target's limits.
class BodyQuotas {
 public:
  BodyQuotas(const target::Limits& limits, DiagnosticSink& sink) : limits_(limits), sink_(sink) {}

  void Block(const ast::Block& block) {
    for (const ast::StmtPtr& stmt : block.stmts) Compound(*stmt);
  }

 private:
  void TimeValue(const std::optional<ast::TimeValue>& t, std::string_view what) {
    if (t && t->literal)
      CheckDurationRange(*t->literal, limits_.Of(Quantity::kTaskTime), what, sink_);
  }

  void Clauses(const ast::TaskClauses& clauses) {
    for (const ast::RetrySpec& r : clauses.retries) CheckRetrySpec(r, limits_, sink_);
    TimeValue(clauses.timeout, "a task `timeout`");
    TimeValue(clauses.heartbeat, "a task `heartbeat`");
  }

  void ForClauses(const ast::ForStmt& loop);
  void Compound(const ast::Stmt& stmt);

  const target::Limits& limits_;
  DiagnosticSink& sink_;
};

void BodyQuotas::ForClauses(const ast::ForStmt& loop) {
  DiagnosticSink& sink = sink_;
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
      case K::kConcurrency: {
        const int64_t inline_max = limits_.Of(Quantity::kInlineConcurrency).max;
        const int64_t distributed_max = limits_.Of(Quantity::kDistributedConcurrency).max;
        if (distributed && c.value > distributed_max) {
          sink.Emit(c.span, diag::DistributedConcurrencyTooHigh, distributed_max, c.value);
        } else if (!distributed && c.value > inline_max) {
          sink.Emit(c.span, diag::InlineConcurrencyTooHigh, inline_max, c.value)
              .Note(fmt::format("add `distributed` to run up to {} iterations at once",
                                distributed_max));
        }
        break;
      }
      case K::kBatch:
      case K::kTolerate:
      case K::kResults:
        if (!distributed) {
          sink.Emit(c.span, diag::AppliesOnlyDistributedLoop, name)
              .Note("add `distributed` to the loop to run it as a Distributed Map state");
          break;
        }
        if (c.kind == K::kBatch && c.has_count && c.value < 1) {
          sink.Emit(c.span, diag::BatchHoldsLeast1Item, c.value);
        }
        if (c.kind == K::kBatch && c.limit_word) {
          const target::Range range = limits_.Of(Quantity::kItemBatchMaxBytes);
          if (c.limit_word->text != "max_bytes") {
            sink.Emit(c.limit_word->span, diag::BatchLimitWord, c.limit_word->text)
                .Note("write `batch N`, `batch max_bytes B` or `batch N max_bytes B`");
          } else if (c.max_bytes < range.min || c.max_bytes > range.max) {
            sink.Emit(c.span, diag::BatchMaxBytesRange, c.max_bytes, range.min, range.max);
          }
        }
        if (c.kind == K::kTolerate && c.percent && c.value > 100) {
          sink.Emit(c.span, diag::ToleratedFailurePercentageBetween0, c.value);
        }
        break;
      case K::kDistributed:
        break;
    }
  }
  // `max_items:` of an item source, when it is a literal (a computed one is checked by the
  // service when the loop starts).
  if (loop.iterable->kind == ast::ExprKind::kCall) {
    for (const ast::Arg& arg : static_cast<const ast::CallExpr&>(*loop.iterable).args) {
      if (!arg.name || arg.name->text != "max_items" || arg.value->kind != ast::ExprKind::kInt) {
        continue;
      }
      const int64_t n = static_cast<const ast::IntExpr&>(*arg.value).value;
      const target::Range range = limits_.Of(Quantity::kItemReaderMaxItems);
      if (n < range.min || n > range.max)
        sink.Emit(arg.value->span, diag::MaxItemsRange, n, range.min, range.max);
    }
  }
}

void BodyQuotas::Compound(const ast::Stmt& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kLet: {
      const auto& s = static_cast<const ast::LetStmt&>(stmt);
      Clauses(s.value.clauses);
      if (s.value.compound) Compound(*s.value.compound);
      break;
    }
    case ast::StmtKind::kAssign: {
      const auto& s = static_cast<const ast::AssignStmt&>(stmt);
      Clauses(s.value.clauses);
      if (s.value.compound) Compound(*s.value.compound);
      break;
    }
    case ast::StmtKind::kExpr:
      Clauses(static_cast<const ast::ExprStmt&>(stmt).clauses);
      break;
    case ast::StmtKind::kIf: {
      const auto& s = static_cast<const ast::IfStmt&>(stmt);
      for (const ast::IfArm& arm : s.arms) Block(arm.body);
      if (s.else_body) Block(*s.else_body);
      break;
    }
    case ast::StmtKind::kSwitch: {
      const auto& s = static_cast<const ast::SwitchStmt&>(stmt);
      for (const ast::SwitchCase& c : s.cases) Block(c.body);
      if (s.default_body) Block(*s.default_body);
      break;
    }
    case ast::StmtKind::kWhile:
      Block(static_cast<const ast::WhileStmt&>(stmt).body);
      break;
    case ast::StmtKind::kFor: {
      const auto& s = static_cast<const ast::ForStmt&>(stmt);
      ForClauses(s);
      Block(s.body);
      break;
    }
    case ast::StmtKind::kParallel:
      for (const ast::Branch& b : static_cast<const ast::ParallelStmt&>(stmt).branches) {
        Block(b.body);
      }
      break;
    case ast::StmtKind::kTry: {
      const auto& s = static_cast<const ast::TryStmt&>(stmt);
      Block(s.body);
      ErrorOrder order(diag::CatchAfterCatchAll, "catch");
      for (const ast::CatchClause& c : s.catches) {
        order.Add(c.errors, c.span, sink_);
        Block(c.body);
      }
      break;
    }
    case ast::StmtKind::kWait: {
      const auto& s = static_cast<const ast::WaitStmt&>(stmt);
      if (s.mode == ast::WaitStmt::Mode::kDuration) {
        CheckDurationRange(s.duration, limits_.Of(Quantity::kWait), "`wait`", sink_);
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

void CheckFlowOptions(const ast::FlowDecl& flow, const target::Limits& limits,
                      DiagnosticSink& sink) {
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
    const int64_t express_max = limits.Of(Quantity::kExpressRun).max;
    if (express && timeout->duration.millis > express_max) {
      auto& d = sink.Emit(timeout->duration.span, diag::ExpressFlowRunsAtMost,
                          options::FormatDurationInWords(express_max),
                          options::FormatDuration(timeout->duration.millis));
      if (type) d.Label(type->span, "the flow is express");
    } else {
      CheckDurationRange(timeout->duration, limits.Of(Quantity::kStandardRun), "a flow `timeout`",
                         sink);
    }
  }
}

}  // namespace

void CheckRetrySpec(const ast::RetrySpec& retry, const target::Limits& limits,
                    DiagnosticSink& sink) {
  ErrorOrder order(diag::RetryRuleAfterCatchAll, "retry rule");
  for (const ast::RetryRule& rule : retry.rules) {
    if (rule.policy) continue;  // a named policy is checked where it is declared
    order.Add(rule.errors, rule.span, sink);
    const target::Range attempts = limits.Of(Quantity::kRetryAttempts);
    if (rule.attempts && (*rule.attempts < attempts.min || *rule.attempts > attempts.max)) {
      sink.Emit(rule.attempts_span, diag::RetryAttemptsOutOfRange, attempts.min, attempts.max,
                *rule.attempts);
    }
    if (rule.interval) {
      CheckDurationRange(*rule.interval, limits.Of(Quantity::kRetryInterval), "a retry `interval`",
                         sink);
    }
    if (rule.backoff && !(*rule.backoff >= 1.0)) {
      sink.Emit(rule.backoff_span, diag::RetryBackoffMustLeast1)
          .Note(
              "the interval is multiplied by the backoff rate after each attempt; 1.0 keeps it "
              "constant");
    }
    if (rule.max_delay) {
      CheckDurationRange(*rule.max_delay, limits.Of(Quantity::kRetryMaxDelay),
                         "a retry `max` delay", sink);
    }
  }
}

void CheckFlowQuotas(const ast::FlowDecl& flow, const target::Limits& limits,
                     DiagnosticSink& sink) {
  CheckFlowOptions(flow, limits, sink);
  BodyQuotas(limits, sink).Block(flow.body);
}

}  // namespace caios::quotas
