// EventBridge rate/cron expressions and route paths. Cron fields follow the EventBridge user
// guide, "Cron expressions reference": minutes 0-59, hours 0-23, day-of-month 1-31 (, - * ? / L
// W), month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT (, - * ? L #), year 1970-2199; one of
// day-of-month and day-of-week must be `?`.
#include "compiler/check/quotas_schedule.h"

#include <cctype>
#include <charconv>
#include <set>
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

class CronChecker {
 public:
  std::optional<TextProblem> problem;

  void Fail(const Piece& where, std::string message) {
    if (!problem) problem = TextProblem{std::move(message), where.offset, where.text.size()};
  }

  // A number or (for month/day-of-week) a name, within the field's range.
  std::optional<int> Value(const CronField& f, const Piece& p) {
    if (auto v = ParseInt(p.text)) {
      if (*v < f.min || *v > f.max) {
        Fail(p, "`" + std::string(p.text) + "` is out of range for the " + f.name + " field (" +
                    std::to_string(f.min) + "-" + std::to_string(f.max) + ")");
        return std::nullopt;
      }
      return v;
    }
    for (int i = 0; i < f.name_count; ++i) {
      std::string upper;
      for (char c : p.text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper == f.names[i]) return f.min + i;
    }
    Fail(p, "`" + std::string(p.text) + "` is not a valid value of the " + f.name + " field");
    return std::nullopt;
  }

  bool Allows(const CronField& f, char c) { return f.wildcards.find(c) != std::string_view::npos; }

  void Item(const CronField& f, const Piece& item, bool only_item) {
    std::string_view t = item.text;
    if (t.empty()) return Fail(item, std::string("empty value in the ") + f.name + " field");
    if (t == "?") {
      if (!Allows(f, '?'))
        return Fail(item, std::string("`?` is not allowed in the ") + f.name + " field; use `*`");
      if (!only_item) return Fail(item, "`?` must stand alone in its field");
      return;
    }
    size_t slash = t.find('/');
    if (slash != std::string_view::npos) {
      if (!Allows(f, '/')) {
        return Fail(item, std::string("`/` is not allowed in the ") + f.name + " field");
      }
      Piece step{t.substr(slash + 1), item.offset + slash + 1};
      auto n = ParseInt(step.text);
      if (!n || *n < 1) return Fail(step, "the increment after `/` must be a positive number");
      t = t.substr(0, slash);
      if (t == "*") return;
    }
    Piece base{t, item.offset};
    if (t == "*") return;
    if (f.wildcards.find('L') != std::string_view::npos && (t == "L" || t == "LW")) {
      if (t == "LW" && !Allows(f, 'W')) return Fail(base, "`LW` is only valid in day-of-month");
      return;
    }
    if (t.size() > 1 && (t.back() == 'W' || t.back() == 'L') && Allows(f, t.back())) {
      if (t.back() == 'L' && std::string_view(f.name) == "day-of-month") {
        return Fail(base, "day-of-month takes `L` alone (the last day of the month)");
      }
      Value(f, {t.substr(0, t.size() - 1), base.offset});
      return;
    }
    size_t hash = t.find('#');
    if (hash != std::string_view::npos) {
      if (!Allows(f, '#'))
        return Fail(base, std::string("`#` is not allowed in the ") + f.name + " field");
      if (!only_item) return Fail(base, "a day-of-week with `#` must be the only value");
      Value(f, {t.substr(0, hash), base.offset});
      Piece nth{t.substr(hash + 1), base.offset + hash + 1};
      auto n = ParseInt(nth.text);
      if (!n || *n < 1 || *n > 5) Fail(nth, "the week number after `#` must be 1-5");
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
    return TextProblem{
        "a cron expression has 6 fields (minutes hours day-of-month month "
        "day-of-week year), this one has " +
            std::to_string(fields.size()),
        base, body.size()};
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
    return TextProblem{dom_any ? "day-of-month and day-of-week cannot both be `?`"
                               : "one of day-of-month and day-of-week must be `?`",
                       p.offset, p.text.size()};
  }
  return std::nullopt;
}

std::optional<TextProblem> ValidateRate(std::string_view body, size_t base) {
  size_t space = body.find(' ');
  if (space == std::string_view::npos) {
    return TextProblem{"a rate is `rate(VALUE UNIT)`, for example `rate(5 minutes)`", base,
                       body.size()};
  }
  Piece value{body.substr(0, space), base};
  size_t unit_start = body.find_first_not_of(' ', space);
  Piece unit{unit_start == std::string_view::npos ? std::string_view() : body.substr(unit_start),
             base + (unit_start == std::string_view::npos ? body.size() : unit_start)};
  auto n = ParseInt(value.text);
  if (!n || *n < 1) {
    return TextProblem{"the rate value must be a positive integer", value.offset,
                       value.text.size()};
  }
  static const std::string_view kUnits[] = {"minute", "hour", "day"};
  for (std::string_view u : kUnits) {
    bool singular = unit.text == u;
    bool plural = unit.text.size() == u.size() + 1 && unit.text.substr(0, u.size()) == u &&
                  unit.text.back() == 's';
    if (!singular && !plural) continue;
    if (*n == 1 && plural) {
      return TextProblem{"write `" + std::string(u) + "` for a value of 1", unit.offset,
                         unit.text.size()};
    }
    if (*n != 1 && singular) {
      return TextProblem{"write `" + std::string(u) + "s` for a value other than 1", unit.offset,
                         unit.text.size()};
    }
    return std::nullopt;
  }
  return TextProblem{"the rate unit must be `minute(s)`, `hour(s)` or `day(s)`", unit.offset,
                     unit.text.size()};
}

// `at(yyyy-mm-ddThh:mm:ss)`: a one-time schedule (EventBridge Scheduler user guide, "Schedule
// types"), a local date and time in the schedule's time zone.
std::optional<TextProblem> ValidateAt(std::string_view body, size_t base) {
  static constexpr std::string_view kShape = "yyyy-mm-ddThh:mm:ss";
  const TextProblem shape{
      "a one-time schedule is `at(yyyy-mm-ddThh:mm:ss)`, for example "
      "`at(2027-03-01T09:30:00)`",
      base, body.size()};
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
      return TextProblem{"`" + std::string(body.substr(p.offset, 2)) + "` is not a valid " +
                             p.what + " (" + std::to_string(p.min) + "-" + std::to_string(max) +
                             ")",
                         base + p.offset, 2};
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
  return TextProblem{"a schedule is `rate(...)`, `cron(...)` or `at(...)`", 0, text.size()};
}

std::optional<TextProblem> ValidateRoutePath(std::string_view path) {
  if (path.empty() || path[0] != '/') {
    return TextProblem{"a route path starts with `/`", 0, path.empty() ? 0u : 1u};
  }
  if (path == "/") return std::nullopt;
  size_t q = path.find_first_of("?#");
  if (q != std::string_view::npos) {
    return TextProblem{"a route path cannot hold a query string or fragment", q, path.size() - q};
  }
  std::vector<Piece> segments = Split(path.substr(1), 1, '/');
  std::set<std::string_view> params;
  for (size_t i = 0; i < segments.size(); ++i) {
    const Piece& s = segments[i];
    if (s.text.empty()) {
      return TextProblem{
          i + 1 == segments.size() ? "remove the trailing `/`" : "empty path segment (`//`)",
          s.offset > 0 ? s.offset - 1 : 0, 1};
    }
    bool has_brace = s.text.find_first_of("{}") != std::string_view::npos;
    if (!has_brace) {
      for (size_t k = 0; k < s.text.size(); ++k) {
        if (!IsPathChar(s.text[k])) {
          return TextProblem{"`" + std::string(1, s.text[k]) + "` is not allowed in a route path",
                             s.offset + k, 1};
        }
      }
      continue;
    }
    if (s.text.front() != '{' || s.text.back() != '}' || s.text.size() < 3) {
      return TextProblem{"a path parameter is a whole segment: `{name}`", s.offset, s.text.size()};
    }
    std::string_view name = s.text.substr(1, s.text.size() - 2);
    bool greedy = !name.empty() && name.back() == '+';
    if (greedy) name.remove_suffix(1);
    bool ok = !name.empty();
    for (char c : name) ok = ok && IsParamChar(c);
    if (!ok) {
      return TextProblem{"a path parameter name holds only letters, digits, `_` and `-`", s.offset,
                         s.text.size()};
    }
    if (greedy && i + 1 != segments.size()) {
      return TextProblem{
          "a greedy parameter `{" + std::string(name) + "+}` must be the last segment", s.offset,
          s.text.size()};
    }
    if (!params.insert(name).second) {
      return TextProblem{"path parameter `" + std::string(name) + "` appears twice", s.offset,
                         s.text.size()};
    }
  }
  return std::nullopt;
}

std::optional<TextProblem> ValidateTimezone(std::string_view name) {
  constexpr size_t kMaxLength = 50;
  if (name.empty()) return TextProblem{"the time zone is empty", 0, 0};
  if (name.size() > kMaxLength) {
    return TextProblem{"a time zone name has at most 50 characters", kMaxLength,
                       name.size() - kMaxLength};
  }
  for (const Piece& segment : Split(name, 0, '/')) {
    if (segment.text.empty()) {
      return TextProblem{"a time zone name has a name on each side of every `/`", segment.offset,
                         1};
    }
    if (!std::isalpha(static_cast<unsigned char>(segment.text[0]))) {
      return TextProblem{"each part of a time zone name starts with a letter", segment.offset, 1};
    }
    for (size_t i = 0; i < segment.text.size(); ++i) {
      char c = segment.text[i];
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '+') {
        std::string message =
            c == ' ' ? "a time zone name has no spaces; IANA names write `_` for them"
            : static_cast<unsigned char>(c) >= 0x80
                ? "a time zone name holds only ASCII letters, digits, `_`, `-` and `+`"
                : "`" + std::string(1, c) + "` cannot appear in a time zone name";
        return TextProblem{std::move(message), segment.offset + i, 1};
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
