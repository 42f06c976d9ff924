// The check phase: names, types, flow rules and quotas over a loaded program. Entry point of
// compiler/check. Reports diagnostics; never throws.
#pragma once

#include "compiler/check/model.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/modules/program.h"
#include "compiler/target/limits.h"

#include <cstdint>
#include <optional>

namespace caios {

// What the check phase judges the program against besides its text.
struct CheckContext {
  // The day of the build (days since 1970-01-01 UTC: SOURCE_DATE_EPOCH or the clock, see
  // docs/cli.md) for the Lambda runtime lifecycle (W0530, E0530); nullopt skips that check.
  std::optional<int64_t> build_day;
};

// Checks every module of `program` and returns the semantic model for lowering (see
// check/model.h). The model refers to the AST of `program` and is valid while it lives. Names,
// types and flow rules are the language's; the ranges of lengths, durations and counts are the
// target's `limits` (the driver passes the chosen target's, e.g. aws::TargetLimits()).
check::CheckResult Check(const Program& program, DiagnosticSink& sink, const target::Limits& limits,
                         const CheckContext& context = {});

}  // namespace caios
