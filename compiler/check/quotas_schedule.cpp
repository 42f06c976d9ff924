// EventBridge rate/cron expressions and route paths. Cron fields follow the EventBridge user
// guide, "Cron expressions reference": minutes 0-59, hours 0-23, day-of-month 1-31 (, - * ? / L
// W), month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT (, - * ? L #), year 1970-2199; one of
// day-of-month and day-of-week must be `?`.
#include "compiler/check/quotas_schedule.h"

#include <cctype>
#include <charconv>
#include <set>
#include <tuple>
#include <type_traits>
#include <vector>

namespace caios::quotas {
namespace {

struct CronField {
  const char* name;
  int min;
  int max;
  std::string_view wildcards;  // besides digits and names
  const char* const* names;    // names[0] is the value `min`
  int name_count;
};

const char* const kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                               "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char* const kDays[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

const CronField kFields[] = {
    {"minutes", 0, 59, ",-*/", nullptr, 0},         {"hours", 0, 23, ",-*/", nullptr, 0},
    {"day-of-month", 1, 31, ",-*?/LW", nullptr, 0}, {"month", 1, 12, ",-*/", kMonths, 12},
    {"day-of-week", 1, 7, ",-*?L#", kDays, 7},      {"year", 1970, 2199, ",-*/", nullptr, 0},
};

struct Piece {
  std::string_view text;
  size_t offset;  // within the whole expression
};

std::vector<Piece> Split(std::string_view text, size_t base, char sep) {
  std::vector<Piece> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      out.push_back({text.substr(start, i - start), base + start});
      start = i + 1;
    }
  }
  return out;
}

std::optional<int> ParseInt(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// A string_view argument is kept as a string: the problem outlives the text it was cut from.
template <typename T>
using Owned = std::conditional_t<std::is_same_v<T, std::string_view>, std::string, T>;

template <typename... Args>
TextProblem Problem(size_t offset, size_t length, const DiagMessage<Args...>& message,
                    std::type_identity_t<Args>... args) {
  return TextProblem{
      message.Format(args...), offset, length,
      [&message, owned = std::tuple<Owned<Args>...>(Owned<Args>(args)...)](
          DiagnosticSink& sink, Span span) -> Diagnostic& {
        return std::apply(
            [&](const auto&... a) -> Diagnostic& { return sink.Emit(span, message, a...); }, owned);
      }};
}

class CronChecker {
 public:
  std::optional<TextProblem> problem;

  template <typename... Args>
  void Fail(const Piece& where, const DiagMessage<Args...>& message,
            std::type_identity_t<Args>... args) {
    if (!problem) problem = Problem(where.offset, where.text.size(), message, args...);
  }

  // A number or (for month/day-of-week) a name, within the field's range.
  std::optional<int> Value(const CronField& f, const Piece& p) {
    if (auto v = ParseInt(p.text)) {
      if (*v < f.min || *v > f.max) {
        Fail(p, diag::CronValueOutOfRange, p.text, f.name, f.min, f.max);
        return std::nullopt;
      }
      return v;
    }
    for (int i = 0; i < f.name_count; ++i) {
      std::string upper;
      for (char c : p.text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper == f.names[i]) return f.min + i;
    }
    Fail(p, diag::CronValueInvalid, p.text, f.name);
    return std::nullopt;
  }

  bool Allows(const CronField& f, char c) { return f.wildcards.find(c) != std::string_view::npos; }

  void Item(const CronField& f, const Piece& item, bool only_item) {
    std::string_view t = item.text;
    if (t.empty()) return Fail(item, diag::CronEmptyValue, f.name);
    if (t == "?") {
      if (!Allows(f, '?')) return Fail(item, diag::CronQuestionNotAllowed, f.name);
      if (!only_item) return Fail(item, diag::MustStandAloneField);
      return;
    }
    size_t slash = t.find('/');
    if (slash != std::string_view::npos) {
      if (!Allows(f, '/')) {
        return Fail(item, diag::CronSlashNotAllowed, f.name);
      }
      Piece step{t.substr(slash + 1), item.offset + slash + 1};
      auto n = ParseInt(step.text);
      if (!n || *n < 1) return Fail(step, diag::IncrementAfterMustPositiveNumber);
      t = t.substr(0, slash);
      if (t == "*") return;
    }
    Piece base{t, item.offset};
    if (t == "*") return;
    if (f.wildcards.find('L') != std::string_view::npos && (t == "L" || t == "LW")) {
      if (t == "LW" && !Allows(f, 'W')) return Fail(base, diag::LWOnlyValidDayMonth);
      return;
    }
    if (t.size() > 1 && (t.back() == 'W' || t.back() == 'L') && Allows(f, t.back())) {
      if (t.back() == 'L' && std::string_view(f.name) == "day-of-month") {
        return Fail(base, diag::DayMonthTakesLAlone);
      }
      Value(f, {t.substr(0, t.size() - 1), base.offset});
      return;
    }
    size_t hash = t.find('#');
    if (hash != std::string_view::npos) {
      if (!Allows(f, '#')) return Fail(base, diag::CronHashNotAllowed, f.name);
      if (!only_item) return Fail(base, diag::DayWeekMustOnlyValue);
      Value(f, {t.substr(0, hash), base.offset});
      Piece nth{t.substr(hash + 1), base.offset + hash + 1};
      auto n = ParseInt(nth.text);
      if (!n || *n < 1 || *n > 5) Fail(nth, diag::WeekNumberAfterMust1);
      return;
    }
    size_t dash = t.find('-');
    if (dash != std::string_view::npos && dash > 0) {
      Value(f, {t.substr(0, dash), base.offset});
      Value(f, {t.substr(dash + 1), base.offset + dash + 1});
      return;
    }
    Value(f, base);
  }
};

std::optional<TextProblem> ValidateCron(std::string_view body, size_t base) {
  std::vector<Piece> fields;
  size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && body[i] == ' ') ++i;
    size_t start = i;
    while (i < body.size() && body[i] != ' ') ++i;
    if (i > start) fields.push_back({body.substr(start, i - start), base + start});
  }
  if (fields.size() != 6) {
    return Problem(base, body.size(), diag::CronFieldCount, fields.size());
  }
  CronChecker checker;
  for (size_t f = 0; f < 6 && !checker.problem; ++f) {
    std::vector<Piece> items = Split(fields[f].text, fields[f].offset, ',');
    for (const Piece& item : items) checker.Item(kFields[f], item, items.size() == 1);
  }
  if (checker.problem) return checker.problem;
  bool dom_any = fields[2].text == "?";
  bool dow_any = fields[4].text == "?";
  if (dom_any == dow_any) {
    const Piece& p = fields[4];
    return dom_any ? Problem(p.offset, p.text.size(), diag::CronBothDaysAny)
                   : Problem(p.offset, p.text.size(), diag::CronNeitherDayAny);
  }
  return std::nullopt;
}

std::optional<TextProblem> ValidateRate(std::string_view body, size_t base) {
  size_t space = body.find(' ');
  if (space == std::string_view::npos) {
    return Problem(base, body.size(), diag::RateRateVALUEUNITExample);
  }
  Piece value{body.substr(0, space), base};
  size_t unit_start = body.find_first_not_of(' ', space);
  Piece unit{unit_start == std::string_view::npos ? std::string_view() : body.substr(unit_start),
             base + (unit_start == std::string_view::npos ? body.size() : unit_start)};
  auto n = ParseInt(value.text);
  if (!n || *n < 1) {
    return Problem(value.offset, value.text.size(), diag::RateValueMustPositiveInteger);
  }
  static const std::string_view kUnits[] = {"minute", "hour", "day"};
  for (std::string_view u : kUnits) {
    bool singular = unit.text == u;
    bool plural = unit.text.size() == u.size() + 1 && unit.text.substr(0, u.size()) == u &&
                  unit.text.back() == 's';
    if (!singular && !plural) continue;
    if (*n == 1 && plural) {
      return Problem(unit.offset, unit.text.size(), diag::WriteValue1, u);
    }
    if (*n != 1 && singular) {
      return Problem(unit.offset, unit.text.size(), diag::WriteSValueOtherThan, u);
    }
    return std::nullopt;
  }
  return Problem(unit.offset, unit.text.size(), diag::RateUnitMustMinuteS);
}

// `at(yyyy-mm-ddThh:mm:ss)`: a one-time schedule (EventBridge Scheduler user guide, "Schedule
// types"), a local date and time in the schedule's time zone.
std::optional<TextProblem> ValidateAt(std::string_view body, size_t base) {
  static constexpr std::string_view kShape = "yyyy-mm-ddThh:mm:ss";
  const TextProblem shape = Problem(base, body.size(), diag::AtScheduleShape);
  if (body.size() != kShape.size()) return shape;
  for (size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(body[i])) != 0;
    const bool want_digit =
        std::islower(static_cast<unsigned char>(kShape[i])) != 0 && kShape[i] != 'T';
    if (want_digit ? !digit : body[i] != kShape[i]) return shape;
  }
  struct Part {
    size_t offset;
    int min, max;
    const char* what;
  };
  static const Part kParts[] = {{5, 1, 12, "month"},
                                {8, 1, 31, "day"},
                                {11, 0, 23, "hour"},
                                {14, 0, 59, "minute"},
                                {17, 0, 59, "second"}};
  const int year = *ParseInt(body.substr(0, 4));
  for (const Part& p : kParts) {
    const int v = *ParseInt(body.substr(p.offset, 2));
    int max = p.max;
    if (p.offset == 8) {  // the days of that month
      static const int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const int month = *ParseInt(body.substr(5, 2));
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      max = kDaysIn[month - 1] + (month == 2 && leap ? 1 : 0);
    }
    if (v < p.min || v > max) {
      return Problem(base + p.offset, 2, diag::AtFieldOutOfRange, body.substr(p.offset, 2), p.what,
                     p.min, max);
    }
  }
  return std::nullopt;
}

bool IsParamChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

bool IsPathChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-._~:@!$&'()*+,;=").find(c) != std::string_view::npos;
}

}  // namespace

std::optional<TextProblem> ValidateScheduleExpression(std::string_view text) {
  auto body_of = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (text.substr(0, prefix.size()) != prefix || text.size() < prefix.size() + 1 ||
        text.back() != ')') {
      return std::nullopt;
    }
    return text.substr(prefix.size(), text.size() - prefix.size() - 1);
  };
  if (auto body = body_of("rate(")) return ValidateRate(*body, 5);
  if (auto body = body_of("cron(")) return ValidateCron(*body, 5);
  if (auto body = body_of("at(")) return ValidateAt(*body, 3);
  return Problem(0, text.size(), diag::ScheduleRateCron);
}

std::optional<TextProblem> ValidateRoutePath(std::string_view path) {
  if (path.empty() || path[0] != '/') {
    return Problem(0, path.empty() ? 0u : 1u, diag::RoutePathStarts);
  }
  if (path == "/") return std::nullopt;
  size_t q = path.find_first_of("?#");
  if (q != std::string_view::npos) {
    return Problem(q, path.size() - q, diag::RoutePathHoldQueryString);
  }
  std::vector<Piece> segments = Split(path.substr(1), 1, '/');
  std::set<std::string_view> params;
  for (size_t i = 0; i < segments.size(); ++i) {
    const Piece& s = segments[i];
    if (s.text.empty()) {
      const size_t at = s.offset > 0 ? s.offset - 1 : 0;
      return i + 1 == segments.size() ? Problem(at, 1, diag::RouteTrailingSlash)
                                      : Problem(at, 1, diag::RouteEmptySegment);
    }
    bool has_brace = s.text.find_first_of("{}") != std::string_view::npos;
    if (!has_brace) {
      for (size_t k = 0; k < s.text.size(); ++k) {
        if (!IsPathChar(s.text[k])) {
          return Problem(s.offset + k, 1, diag::RouteBadCharacter, std::string(1, s.text[k]));
        }
      }
      continue;
    }
    if (s.text.front() != '{' || s.text.back() != '}' || s.text.size() < 3) {
      return Problem(s.offset, s.text.size(), diag::PathParameterWholeSegmentName);
    }
    std::string_view name = s.text.substr(1, s.text.size() - 2);
    bool greedy = !name.empty() && name.back() == '+';
    if (greedy) name.remove_suffix(1);
    bool ok = !name.empty();
    for (char c : name) ok = ok && IsParamChar(c);
    if (!ok) {
      return Problem(s.offset, s.text.size(), diag::PathParameterNameHoldsOnly);
    }
    if (greedy && i + 1 != segments.size()) {
      return Problem(s.offset, s.text.size(), diag::GreedyParameterMustLastSegment, name);
    }
    if (!params.insert(name).second) {
      return Problem(s.offset, s.text.size(), diag::PathParameterAppearsTwice, name);
    }
  }
  return std::nullopt;
}

std::optional<TextProblem> ValidateTimezone(std::string_view name) {
  constexpr size_t kMaxLength = 50;
  if (name.empty()) return Problem(0, 0, diag::TimeZoneEmpty);
  if (name.size() > kMaxLength) {
    return Problem(kMaxLength, name.size() - kMaxLength, diag::TimeZoneNameMost50);
  }
  for (const Piece& segment : Split(name, 0, '/')) {
    if (segment.text.empty()) {
      return Problem(segment.offset, 1, diag::TimeZoneNameNameEach);
    }
    if (!std::isalpha(static_cast<unsigned char>(segment.text[0]))) {
      return Problem(segment.offset, 1, diag::EachPartTimeZoneName);
    }
    for (size_t i = 0; i < segment.text.size(); ++i) {
      char c = segment.text[i];
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '+') {
        const size_t at = segment.offset + i;
        if (c == ' ') return Problem(at, 1, diag::TimezoneSpace);
        if (static_cast<unsigned char>(c) >= 0x80) return Problem(at, 1, diag::TimezoneNotAscii);
        return Problem(at, 1, diag::TimezoneBadCharacter, std::string(1, c));
      }
    }
  }
  return std::nullopt;
}

std::string RouteShape(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      out += path[i];
      continue;
    }
    size_t close = path.find('}', i);
    if (close == std::string_view::npos) {
      out += path.substr(i);
      break;
    }
    out += path[close - 1] == '+' ? "{+}" : "{}";
    i = close;
  }
  return out;
}

}  // namespace caios::quotas
