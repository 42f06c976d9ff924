#include "compiler/driver/build_date.h"

#include <chrono>
#include <cstdlib>
#include <string>

namespace caios {

namespace {

constexpr int64_t kSecondsPerDay = 86400;
// 10000-01-01T00:00:00Z: later dates have no YYYY-MM-DD form.
constexpr int64_t kMaxEpochSeconds = 253402300799;

}  // namespace

std::optional<int64_t> DayOfSourceDateEpoch(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  int64_t seconds = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  if (seconds > kMaxEpochSeconds) return std::nullopt;
  return seconds / kSecondsPerDay;
}

std::optional<int64_t> BuildDay(DiagnosticSink& sink) {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (env != nullptr && *env != '\0') {
    std::optional<int64_t> day = DayOfSourceDateEpoch(env);
    if (!day) {
      sink.Emit(Span{}, diag::SOURCEDATEEPOCHNumberSeconds, env)
          .Note(
              "unset it to judge the build against today, or give seconds, such as "
              "`date -u -d 2026-12-01 +%s`");
    }
    return day;
  }
  auto now = std::chrono::system_clock::now();
  return std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
}

}  // namespace caios
