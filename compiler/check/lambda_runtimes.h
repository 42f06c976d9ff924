// The Lambda runtime lifecycle table (lambda_runtimes.def) and the judgement of one runtime on
// one day: supported, deprecated (W0530) or blocked for new functions (E0530).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace caios::runtimes {

struct RuntimeLifecycle {
  std::string_view id;            // "nodejs24.x"
  std::string_view deprecated;    // "YYYY-MM-DD"
  std::string_view block_create;  // AWS refuses new functions from this day
  std::string_view block_update;  // ... and updates of existing ones from this day
  std::string_view successor;     // empty for the newest runtime of its language
};

// Every row of lambda_runtimes.def, in its order.
const std::vector<RuntimeLifecycle>& AllRuntimes();
const RuntimeLifecycle* FindRuntime(std::string_view id);

// Days since 1970-01-01 of a proleptic Gregorian date (negative before it).
constexpr int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  // H. Hinnant's days_from_civil: years start in March so the leap day comes last.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// "YYYY-MM-DD" to days since 1970-01-01; nullopt when `text` is not such a date.
std::optional<int64_t> ParseDay(std::string_view text);

enum class RuntimeStatus { kSupported, kDeprecated, kCreateBlocked };

// Where `runtime` stands on `day` (days since 1970-01-01, UTC).
RuntimeStatus StatusOn(const RuntimeLifecycle& runtime, int64_t day);

}  // namespace caios::runtimes
