#include "compiler/check/lambda_runtimes.h"

#include <cstdlib>

namespace caios::runtimes {

const std::vector<RuntimeLifecycle>& AllRuntimes() {
  static const std::vector<RuntimeLifecycle> kRuntimes = {
#define CAIOS_RUNTIME(id, deprecated, block_create, block_update, successor) \
  {id, deprecated, block_create, block_update, successor},
#include "compiler/check/lambda_runtimes.def"
#undef CAIOS_RUNTIME
  };
  return kRuntimes;
}

const RuntimeLifecycle* FindRuntime(std::string_view id) {
  for (const RuntimeLifecycle& r : AllRuntimes()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::optional<int64_t> ParseDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t len) -> std::optional<unsigned> {
    unsigned v = 0;
    for (size_t i = from; i < from + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return v;
  };
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  if (*d > kDays[*m - 1] + (*m == 2 && leap ? 1 : 0)) return std::nullopt;
  return DaysFromCivil(*y, *m, *d);
}

RuntimeStatus StatusOn(const RuntimeLifecycle& runtime, int64_t day) {
  // The table's dates are checked by tests/unit/lambda_runtimes_test.cpp; a malformed one is a
  // bug in the table, never a user error.
  auto at = [](std::string_view date) {
    std::optional<int64_t> d = ParseDay(date);
    if (!d) std::abort();
    return *d;
  };
  if (day >= at(runtime.block_create)) return RuntimeStatus::kCreateBlocked;
  if (day >= at(runtime.deprecated)) return RuntimeStatus::kDeprecated;
  return RuntimeStatus::kSupported;
}

}  // namespace caios::runtimes
