// Validation of the string mini-languages inside declarations: EventBridge schedule expressions
// (`rate(...)`, `cron(...)`), schedule time zones and API route paths. Pure functions, so unit
// tests can drive them.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/diag/diagnostic.h"

namespace caios::quotas {

// What is wrong with an expression, and where: a byte range within the checked text.
struct TextProblem {
  std::string message;  // the text of its declared message (kinds_flow_quota.def)
  size_t offset = 0;
  size_t length = 0;
  // Reports the problem at `span` through its declared message and arguments.
  std::function<Diagnostic&(DiagnosticSink&, Span)> report;
};

// `rate(N minute[s]|hour[s]|day[s])`, `cron(MIN HOUR DOM MONTH DOW YEAR)` per the EventBridge
// user guide ("Cron expressions reference", "Rate expressions"), or a one-time
// `at(yyyy-mm-ddThh:mm:ss)` of EventBridge Scheduler.
std::optional<TextProblem> ValidateScheduleExpression(std::string_view text);

// An IANA time zone name for ScheduleExpressionTimezone: `UTC`, `Europe/Paris`, `Etc/GMT+5`
// (segments of letters, digits, `_`, `-`, `+`, each starting with a letter, between single
// slashes; at most 50 characters, the CFN limit).
std::optional<TextProblem> ValidateTimezone(std::string_view name);

// `/`, `/orders`, `/orders/{id}`, `/files/{proxy+}`.
std::optional<TextProblem> ValidateRoutePath(std::string_view path);

// The path with parameter names erased (`/a/{id}` -> `/a/{}`), to find duplicate routes.
std::string RouteShape(std::string_view path);

}  // namespace caios::quotas
