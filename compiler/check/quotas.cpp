// CheckOptionsAndQuotas: the module-level quota checks (name lengths, routes, schedules,
// policies) and dispatch to the option (options.cpp) and flow (quotas_flow.cpp) checks.
#include "compiler/check/quotas.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "compiler/check/option_schema.h"
#include "compiler/check/quotas_schedule.h"
#include "compiler/check/rules.h"

namespace caios {
namespace quotas {
namespace {

// A declaration's name becomes the names of what the target creates: its length is the
// target's to bound. Names hold letters, digits and `_` only, on every target.
void CheckName(const ast::Ident& name, std::string_view what, const target::Limits& limits,
               DiagnosticSink& sink) {
  const auto q = target::Quantity::kDeclarationNameLength;
  const int64_t max = limits.Of(q).max;
  if (static_cast<int64_t>(name.text.size()) > max) {
    Diagnostic& d = sink.Emit(name.span, diag::NameTooLong, what, name.text.size(), max);
    if (std::string_view why = limits.Why(q); !why.empty()) d.Note(std::string(why));
    return;
  }
  for (char c : name.text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
      sink.Emit(name.span, diag::NamesMayHoldOnlyLetters, what);
      return;
    }
  }
}

// Relative to the string token of `span` (which includes the quotes), when it holds no escapes.
Span InnerSpan(Span string_span, size_t text_size, size_t offset, size_t length) {
  if (string_span.end - string_span.begin != text_size + 2) return string_span;
  Span s = string_span;
  s.begin = string_span.begin + 1 + static_cast<uint32_t>(offset);
  s.end = s.begin + static_cast<uint32_t>(std::max<size_t>(length, 1));
  return s;
}

void CheckSchedule(const ast::ScheduleDecl& schedule, const target::Limits& limits,
                   DiagnosticSink& sink) {
  if (schedule.name) CheckName(*schedule.name, "a schedule", limits, sink);
  if (auto problem = ValidateScheduleExpression(schedule.expression)) {
    Diagnostic& d =
        problem->report(sink, InnerSpan(schedule.expression_span, schedule.expression.size(),
                                        problem->offset, problem->length));
    // `every 5 minutes` reads like a rate: say which one.
    std::string_view e = schedule.expression;
    if (e.rfind("every ", 0) == 0 &&
        !ValidateScheduleExpression("rate(" + std::string(e.substr(6)) + ")")) {
      d.Note("write \"rate(" + std::string(e.substr(6)) + ")\"");
    }
    d.Note(
        "for example \"rate(1 day)\", \"rate(15 minutes)\", \"cron(0 12 * * ? *)\" or "
        "\"at(2027-03-01T09:30:00)\"");
  }
  for (const ast::Option& option : schedule.options) {
    if (option.name.text != "timezone" || option.args.size() != 1 ||
        option.args[0].kind != ast::OptionArg::Kind::kString) {
      continue;
    }
    const ast::OptionArg& zone = option.args[0];
    if (auto problem = ValidateTimezone(zone.text)) {
      problem
          ->report(sink, InnerSpan(zone.span, zone.text.size(), problem->offset, problem->length))
          .Note("for example \"UTC\", \"Europe/Paris\" or \"America/New_York\"");
    } else if (schedule.expression.rfind("rate(", 0) == 0) {
      // EventBridge Scheduler evaluates only cron and at expressions in the time zone.
      sink.Emit(option.span, diag::RateScheduleIgnoresTimeZone)
          .Note("a time zone applies to `cron(...)` and `at(...)` schedules; remove it here");
    }
  }
}

void CheckApi(const ast::ApiDecl& api, const target::Limits& limits, DiagnosticSink& sink) {
  static const std::vector<std::string_view> kMethods = {"GET",    "POST", "PUT",     "PATCH",
                                                         "DELETE", "HEAD", "OPTIONS", "ANY"};
  CheckName(api.name, "an api", limits, sink);
  std::map<std::string, const ast::Route*> seen;
  for (const ast::Route& route : api.routes) {
    const std::string& method = route.method.text;
    if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) {
      Diagnostic& d = sink.Emit(route.method.span, diag::UnknownHTTPMethod, method);
      if (auto close = ClosestMatch(method, kMethods)) {
        d.Note("did you mean `" + std::string(*close) + "`?");
      }
      d.Note("methods are GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS and ANY (upper case)");
      continue;
    }
    if (auto problem = ValidateRoutePath(route.path)) {
      problem->report(
          sink, InnerSpan(route.path_span, route.path.size(), problem->offset, problem->length));
      continue;
    }
    std::string key = method + " " + RouteShape(route.path);
    auto [it, inserted] = seen.emplace(key, &route);
    if (!inserted) {
      sink.Emit(route.span, diag::RouteDeclaredTwice, method, route.path)
          .Label(it->second->span, "first declared here");
    }
  }
}

}  // namespace

bool CheckDurationRange(const ast::Duration& d, const target::Range& range, std::string_view what,
                        DiagnosticSink& sink) {
  const int64_t granularity = range.granularity;
  if (granularity > 1 && d.millis % granularity != 0) {
    const std::string got = options::FormatDuration(d.millis);
    switch (granularity) {
      case options::kDay:
        sink.Emit(d.span, diag::MustBeWholeDays, what, got);
        break;
      case options::kHour:
        sink.Emit(d.span, diag::MustBeWholeHours, what, got);
        break;
      case options::kMinute:
        sink.Emit(d.span, diag::MustBeWholeMinutes, what, got);
        break;
      case options::kSecond:
        sink.Emit(d.span, diag::MustBeWholeSeconds, what, got);
        break;
      default:
        sink.Emit(d.span, diag::MustBeMultipleOf, what, options::FormatDuration(granularity), got);
        break;
    }
    return false;
  }
  if (d.millis < range.min || d.millis > range.max) {
    sink.Emit(d.span, diag::MustBetweenGot, what, options::FormatDuration(range.min),
              options::FormatDuration(range.max), options::FormatDuration(d.millis));
    return false;
  }
  return true;
}

}  // namespace quotas

void CheckOptionsAndQuotas(const ast::Module& module, const target::Limits& limits,
                           DiagnosticSink& sink) {
  quotas::CheckDeclarationOptions(module, limits, sink);
  for (const ast::DeclPtr& decl : module.decls) {
    switch (decl->kind) {
      case ast::DeclKind::kType:
        quotas::CheckName(static_cast<const ast::TypeDecl&>(*decl).name, "a type", limits, sink);
        break;
      case ast::DeclKind::kResource: {
        const auto& r = static_cast<const ast::ResourceDecl&>(*decl);
        quotas::CheckName(r.name, "a " + std::string(options::ResourceSchema(r.resource).what),
                          limits, sink);
        break;
      }
      case ast::DeclKind::kPolicy: {
        const auto& p = static_cast<const ast::PolicyDecl&>(*decl);
        quotas::CheckName(p.name, "a policy", limits, sink);
        quotas::CheckRetrySpec(p.retry, limits, sink);
        break;
      }
      case ast::DeclKind::kFunction:
        quotas::CheckName(static_cast<const ast::FunctionDecl&>(*decl).name, "a function", limits,
                          sink);
        break;
      case ast::DeclKind::kFlow: {
        const auto& f = static_cast<const ast::FlowDecl&>(*decl);
        quotas::CheckName(f.name, "a flow", limits, sink);
        quotas::CheckFlowQuotas(f, limits, sink);
        break;
      }
      case ast::DeclKind::kApi:
        quotas::CheckApi(static_cast<const ast::ApiDecl&>(*decl), limits, sink);
        break;
      case ast::DeclKind::kSchedule:
        quotas::CheckSchedule(static_cast<const ast::ScheduleDecl&>(*decl), limits, sink);
        break;
      case ast::DeclKind::kApp:
      case ast::DeclKind::kImport:
      case ast::DeclKind::kTrigger:
        break;
    }
  }
}

}  // namespace caios
