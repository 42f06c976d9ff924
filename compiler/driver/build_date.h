// The day a build is judged on (the Lambda runtime lifecycle): SOURCE_DATE_EPOCH, the
// reproducible-builds convention, when it is set, else the system clock (docs/cli.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/diag/diagnostic.h"

namespace caios {

// Days since 1970-01-01 UTC of a SOURCE_DATE_EPOCH value (decimal seconds since the epoch,
// digits only, before the year 10000); nullopt when it is malformed.
std::optional<int64_t> DayOfSourceDateEpoch(std::string_view text);

// The day of this build: SOURCE_DATE_EPOCH when set and non-empty, else today (UTC). A
// malformed SOURCE_DATE_EPOCH reports E0531 into `sink` and gives nullopt.
std::optional<int64_t> BuildDay(DiagnosticSink& sink);

}  // namespace caios
