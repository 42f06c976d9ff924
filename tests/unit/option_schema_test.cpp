// Unit tests of the option schemas, schedule expressions, route paths and helpers of
// compiler/check (option_schema.h, quotas_schedule.h).
#include <catch2/catch.hpp>

#include "backends/aws/target.h"
#include "compiler/check/option_schema.h"
#include "compiler/check/quotas_schedule.h"

using namespace caios;

namespace {
// The range AWS gives the quantity that bounds an option's argument.
target::Range AwsRange(const options::ArgSpec& arg) {
  REQUIRE(arg.limit.has_value());
  return aws::TargetLimits().Of(*arg.limit);
}
bool ScheduleOk(std::string_view s) { return !quotas::ValidateScheduleExpression(s).has_value(); }
std::string ScheduleError(std::string_view s) {
  auto p = quotas::ValidateScheduleExpression(s);
  return p ? p->message : std::string();
}
}  // namespace

TEST_CASE("schedule: valid rate expressions", "[option_schema]") {
  CHECK(ScheduleOk("rate(1 minute)"));
  CHECK(ScheduleOk("rate(5 minutes)"));
  CHECK(ScheduleOk("rate(1 hour)"));
  CHECK(ScheduleOk("rate(12 hours)"));
  CHECK(ScheduleOk("rate(1 day)"));
  CHECK(ScheduleOk("rate(7 days)"));
}

TEST_CASE("schedule: invalid rate expressions", "[option_schema]") {
  CHECK(ScheduleError("rate(1 days)") == "write `day` for a value of 1");
  CHECK(ScheduleError("rate(5 minute)") == "write `minutes` for a value other than 1");
  CHECK(ScheduleError("rate(0 minutes)") == "the rate value must be a positive integer");
  CHECK(ScheduleError("rate(-1 minutes)") == "the rate value must be a positive integer");
  CHECK(ScheduleError("rate(5 seconds)") ==
        "the rate unit must be `minute(s)`, `hour(s)` or `day(s)`");
  CHECK_FALSE(ScheduleOk("rate(5)"));
  CHECK_FALSE(ScheduleOk("rate 5 minutes"));
  CHECK_FALSE(ScheduleOk("every 5 minutes"));
}

TEST_CASE("schedule: valid cron expressions", "[option_schema]") {
  CHECK(ScheduleOk("cron(0 12 * * ? *)"));
  CHECK(ScheduleOk("cron(15 10 ? * 6L 2022-2023)"));
  CHECK(ScheduleOk("cron(0 18 ? * MON-FRI *)"));
  CHECK(ScheduleOk("cron(0 8 1 * ? *)"));
  CHECK(ScheduleOk("cron(0/15 * * * ? *)"));
  CHECK(ScheduleOk("cron(0/10 * ? * MON-FRI *)"));
  CHECK(ScheduleOk("cron(0/5 8-17 ? * MON-FRI *)"));
  CHECK(ScheduleOk("cron(0 9 ? * 2#1 *)"));
  CHECK(ScheduleOk("cron(30 23 L * ? *)"));
  CHECK(ScheduleOk("cron(0 9 LW * ? *)"));
  CHECK(ScheduleOk("cron(0 9 15W * ? *)"));
  CHECK(ScheduleOk("cron(0 0 1 JAN,jul ? *)"));
  CHECK(ScheduleOk("cron(5,35 14 * * ? *)"));
}

TEST_CASE("schedule: invalid cron expressions", "[option_schema]") {
  CHECK(ScheduleError("cron(0 25 * * ? *)") == "`25` is out of range for the hours field (0-23)");
  CHECK(ScheduleError("cron(60 1 * * ? *)") == "`60` is out of range for the minutes field (0-59)");
  CHECK(ScheduleError("cron(0 12 * * * *)") == "one of day-of-month and day-of-week must be `?`");
  CHECK(ScheduleError("cron(0 12 ? * ? *)") == "day-of-month and day-of-week cannot both be `?`");
  CHECK(ScheduleError("cron(0 12 * *)").starts_with("a cron expression has 6 fields"));
  CHECK_FALSE(ScheduleOk("cron(0 12 32 * ? *)"));
  CHECK_FALSE(ScheduleOk("cron(0 12 ? 13 MON *)"));
  CHECK_FALSE(ScheduleOk("cron(0 12 ? * FUN *)"));
  CHECK_FALSE(ScheduleOk("cron(0 12 ? * 8 *)"));
  CHECK_FALSE(ScheduleOk("cron(0 12 * * ? 1969)"));
  CHECK_FALSE(ScheduleOk("cron(0 12 * * ? 2200)"));
  CHECK_FALSE(ScheduleOk("cron(0 ? * * MON *)"));       // `?` only in the day fields
  CHECK_FALSE(ScheduleOk("cron(0 12 ? * MON/2 *)"));    // no `/` in day-of-week
  CHECK_FALSE(ScheduleOk("cron(0 12 ? * 3#1,6#3 *)"));  // `#` must stand alone
  CHECK_FALSE(ScheduleOk("cron(0 12 ? * 3#6 *)"));      // week 1-5
  CHECK_FALSE(ScheduleOk("cron(0/0 12 * * ? *)"));      // positive increment
  CHECK_FALSE(ScheduleOk("cron(0 12 5L * ? *)"));       // day-of-month takes L alone
}

TEST_CASE("schedule: problems point into the text", "[option_schema]") {
  auto p = quotas::ValidateScheduleExpression("cron(0 25 * * ? *)");
  REQUIRE(p);
  CHECK(p->offset == 7);
  CHECK(p->length == 2);
  auto r = quotas::ValidateScheduleExpression("rate(1 days)");
  REQUIRE(r);
  CHECK(std::string_view("rate(1 days)").substr(r->offset, r->length) == "days");
}

TEST_CASE("schedule: time zones", "[option_schema]") {
  auto ok = [](std::string_view z) { return !quotas::ValidateTimezone(z).has_value(); };
  CHECK(ok("UTC"));
  CHECK(ok("Europe/Paris"));
  CHECK(ok("America/Argentina/Buenos_Aires"));
  CHECK(ok("America/Port-au-Prince"));
  CHECK(ok("Etc/GMT+5"));
  CHECK(ok("EST5EDT"));
  CHECK_FALSE(ok(""));
  CHECK_FALSE(ok("/Paris"));
  CHECK_FALSE(ok("Europe/"));
  CHECK_FALSE(ok("Europe//Paris"));
  CHECK_FALSE(ok("+05:00"));
  CHECK_FALSE(ok("Europe/Par\xc3\xads"));
  CHECK_FALSE(ok("${AWS::Region}"));
  CHECK_FALSE(ok(std::string(51, 'A')));
  CHECK(ok(std::string(50, 'A')));
  auto p = quotas::ValidateTimezone("Paris time");
  REQUIRE(p);
  CHECK(p->offset == 5);
  CHECK(p->length == 1);
}

TEST_CASE("schedule: the option schema follows the scheduler's limits", "[option_schema]") {
  const options::Schema& schema = options::ScheduleSchema();
  CHECK(AwsRange(options::FindOption(schema, "retries")->forms[0][0]).max == 185);
  CHECK(AwsRange(options::FindOption(schema, "max_age")->forms[0][0]).min == 60 * options::kSecond);
  CHECK(AwsRange(options::FindOption(schema, "max_age")->forms[0][0]).max == options::kDay);
  CHECK(options::FindOption(schema, "timezone") != nullptr);
  CHECK(options::FindOption(schema, "dead_letter") != nullptr);
}

TEST_CASE("routes: valid and invalid paths", "[option_schema]") {
  auto ok = [](std::string_view p) { return !quotas::ValidateRoutePath(p).has_value(); };
  CHECK(ok("/"));
  CHECK(ok("/orders"));
  CHECK(ok("/orders/{id}"));
  CHECK(ok("/orders/{orderId}/items/{item-id}"));
  CHECK(ok("/files/{proxy+}"));
  CHECK(ok("/v1.2/health_check"));
  CHECK_FALSE(ok(""));
  CHECK_FALSE(ok("orders"));
  CHECK_FALSE(ok("/orders/"));
  CHECK_FALSE(ok("/orders//items"));
  CHECK_FALSE(ok("/orders/{id"));
  CHECK_FALSE(ok("/orders/x{id}"));
  CHECK_FALSE(ok("/orders/{}"));
  CHECK_FALSE(ok("/files/{proxy+}/meta"));
  CHECK_FALSE(ok("/a/{id}/b/{id}"));
  CHECK_FALSE(ok("/search?q=1"));
  CHECK_FALSE(ok("/with space"));
}

TEST_CASE("routes: shapes ignore parameter names", "[option_schema]") {
  CHECK(quotas::RouteShape("/orders/{id}") == quotas::RouteShape("/orders/{key}"));
  CHECK(quotas::RouteShape("/files/{p+}") == "/files/{+}");
  CHECK(quotas::RouteShape("/orders/{id}") != quotas::RouteShape("/orders/{id}/items"));
}

TEST_CASE("helpers: edit distance and closest match", "[option_schema]") {
  // The shared helpers of compiler/diag/suggest.h, on option names.
  CHECK(EditDistance("visiblity", "visibility") == 1);
  CHECK(EditDistance("memroy", "memory") == 2);
  CHECK(EditDistance("abc", "abc") == 0);
  std::vector<std::string_view> names = {"visibility", "retention", "delay"};
  CHECK(ClosestMatch("visiblity", names) == std::optional<std::string_view>("visibility"));
  CHECK_FALSE(ClosestMatch("colour", names).has_value());
}

TEST_CASE("helpers: durations and choices", "[option_schema]") {
  using options::FormatDuration;
  CHECK(FormatDuration(0) == "0s");
  CHECK(FormatDuration(1500) == "1500ms");
  CHECK(FormatDuration(90 * options::kSecond) == "90s");
  CHECK(FormatDuration(15 * options::kMinute) == "15m");
  CHECK(FormatDuration(12 * options::kHour) == "12h");
  CHECK(FormatDuration(14 * options::kDay) == "14d");
  CHECK(options::JoinChoices({"a", "b", "c"}) == "`a`, `b` or `c`");
}

TEST_CASE("schemas: options, usage and limits", "[option_schema]") {
  const options::Schema& function = options::FunctionSchema();
  const options::OptionSpec* memory = options::FindOption(function, "memory");
  REQUIRE(memory);
  REQUIRE(memory->forms.size() == 1);
  CHECK(AwsRange(memory->forms[0][0]).min == 128);
  CHECK(AwsRange(memory->forms[0][0]).max == 10240);
  CHECK(options::Usage(*memory) == "`memory MB`");
  const options::OptionSpec* timeout = options::FindOption(function, "timeout");
  REQUIRE(timeout);
  CHECK(AwsRange(timeout->forms[0][0]).max == 900 * options::kSecond);
  CHECK(options::FindOption(function, "memroy") == nullptr);

  const options::Schema& queue = options::ResourceSchema(ast::ResourceKind::kQueue);
  const options::OptionSpec* dlq = options::FindOption(queue, "dead_letter");
  REQUIRE(dlq);
  CHECK(options::Usage(*dlq) == "`dead_letter after N` or `dead_letter after N to QUEUE`");
  const options::OptionSpec* visibility = options::FindOption(queue, "visibility");
  REQUIRE(visibility);
  CHECK(AwsRange(visibility->forms[0][0]).max == 12 * options::kHour);

  const options::Schema& table = options::ResourceSchema(ast::ResourceKind::kTable);
  CHECK(options::Usage(*options::FindOption(table, "stream")) ==
        "`stream` or `stream new_image|old_image|new_and_old|keys_only`");

  CHECK(AwsRange(
            options::FindOption(options::TriggerSchema(options::TriggerSource::kFifoQueue), "batch")
                ->forms[0][0])
            .max == 10);
  CHECK(
      AwsRange(options::FindOption(options::TriggerSchema(options::TriggerSource::kQueue), "batch")
                   ->forms[0][0])
          .max == 10000);
  CHECK(options::FindOption(options::TriggerSchema(options::TriggerSource::kQueue), "prefix") ==
        nullptr);

  const auto& runtimes = options::LambdaRuntimes();
  CHECK(std::find(runtimes.begin(), runtimes.end(), "python3.12") != runtimes.end());
  // Deprecated runtimes are known (the lifecycle check names their successor); others are not.
  CHECK(std::find(runtimes.begin(), runtimes.end(), "python3.7") != runtimes.end());
  CHECK(std::find(runtimes.begin(), runtimes.end(), "python4") == runtimes.end());
}
