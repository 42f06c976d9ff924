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

// Step Functions state machine names and SQS queue names: at most 80 characters (Step Functions
// quotas, "Name length"; SQS CreateQueue QueueName); logical ids are alphanumeric.
constexpr size_t kMaxNameLength = 80;

void CheckName(const ast::Ident& name, std::string_view what, DiagnosticSink& sink) {
  if (name.text.size() > kMaxNameLength) {
    sink.Emit(name.span, diag::NameCharactersLongMost80, what, name.text.size())
        .Note(
            "the name becomes a state machine, resource or logical id name, which AWS limits "
            "to 80 characters");
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

void CheckSchedule(const ast::ScheduleDecl& schedule, DiagnosticSink& sink) {
  if (schedule.name) CheckName(*schedule.name, "a schedule", sink);
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

void CheckApi(const ast::ApiDecl& api, DiagnosticSink& sink) {
  static const std::vector<std::string_view> kMethods = {"GET",    "POST", "PUT",     "PATCH",
                                                         "DELETE", "HEAD", "OPTIONS", "ANY"};
  CheckName(api.name, "an api", sink);
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

bool CheckDurationRange(const ast::Duration& d, int64_t min, int64_t max, int64_t granularity,
                        std::string_view what, DiagnosticSink& sink) {
  if (granularity > 1 && d.millis % granularity != 0) {
    bool days = granularity == options::kDay;
    bool hours = granularity == options::kHour;
    const std::string got = options::FormatDuration(d.millis);
    if (days) {
      sink.Emit(d.span, diag::MustBeWholeDays, what, got);
    } else if (hours) {
      sink.Emit(d.span, diag::MustBeWholeHours, what, got);
    } else {
      sink.Emit(d.span, diag::MustBeWholeSeconds, what, got);
    }
    return false;
  }
  if (d.millis < min || d.millis > max) {
    sink.Emit(d.span, diag::MustBetweenGot, what, options::FormatDuration(min),
              options::FormatDuration(max), options::FormatDuration(d.millis));
    return false;
  }
  return true;
}

}  // namespace quotas

void CheckOptionsAndQuotas(const ast::Module& module, DiagnosticSink& sink) {
  quotas::CheckDeclarationOptions(module, sink);
  for (const ast::DeclPtr& decl : module.decls) {
    switch (decl->kind) {
      case ast::DeclKind::kType:
        quotas::CheckName(static_cast<const ast::TypeDecl&>(*decl).name, "a type", sink);
        break;
      case ast::DeclKind::kResource: {
        const auto& r = static_cast<const ast::ResourceDecl&>(*decl);
        quotas::CheckName(r.name, "a " + std::string(options::ResourceSchema(r.resource).what),
                          sink);
        break;
      }
      case ast::DeclKind::kPolicy: {
        const auto& p = static_cast<const ast::PolicyDecl&>(*decl);
        quotas::CheckName(p.name, "a policy", sink);
        quotas::CheckRetrySpec(p.retry, sink);
        break;
      }
      case ast::DeclKind::kFunction:
        quotas::CheckName(static_cast<const ast::FunctionDecl&>(*decl).name, "a function", sink);
        break;
      case ast::DeclKind::kFlow: {
        const auto& f = static_cast<const ast::FlowDecl&>(*decl);
        quotas::CheckName(f.name, "a flow", sink);
        quotas::CheckFlowQuotas(f, sink);
        break;
      }
      case ast::DeclKind::kApi:
        quotas::CheckApi(static_cast<const ast::ApiDecl&>(*decl), sink);
        break;
      case ast::DeclKind::kSchedule:
        quotas::CheckSchedule(static_cast<const ast::ScheduleDecl&>(*decl), sink);
        break;
      case ast::DeclKind::kApp:
      case ast::DeclKind::kImport:
      case ast::DeclKind::kTrigger:
        break;
    }
  }
}

}  // namespace caios
