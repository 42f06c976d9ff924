// Warning controls (docs/cli.md#warning-controls): which warnings are silenced and which
// become errors, from the command line and the project's caios.toml.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace caios {

// What one control says about a warning, and where it was said (for the note on a promoted
// warning, e.g. "`--deny W0601`").
struct WarningControl {
  bool deny = false;   // true: an error; false: silenced
  std::string origin;  // the setting that decided it, as the user wrote it
  Span where;          // where it is written in caios.toml; invalid on the command line
};

struct WarningPolicy {
  // Every warning is an error, unless a per-code control says otherwise. Empty: off.
  std::string deny_all_origin;
  Span deny_all_where;  // as WarningControl::where
  std::map<DiagCode, WarningControl> codes;

  bool empty() const { return deny_all_origin.empty() && codes.empty(); }
};

// Resolves a code given to a control (`--deny`, `--allow`, caios.toml). Codes match
// case-insensitively. Returns nullptr and sets `problem` (one line, no "error: " prefix) for a
// malformed or unknown code and for an error code: only warnings can be denied or allowed.
const DiagKindInfo* ResolveWarningCode(std::string_view code, std::string& problem);
// The same, with the problem as a diagnostic (E0071) at `span` (a code in caios.toml).
const DiagKindInfo* ResolveWarningCode(std::string_view code, Span span, DiagnosticSink& sink);

// Layers `over` on top of `base`: a per-code control of `over` replaces `base`'s for that
// code, and either's deny-all turns every other warning into an error (docs/cli.md:
// the command line overrides caios.toml, and the most specific control wins).
WarningPolicy Overlay(const WarningPolicy& base, const WarningPolicy& over);

// Applies `policy` to collected diagnostics: drops allowed warnings and turns denied ones into
// errors with a note naming the control.
void ApplyWarningPolicy(const WarningPolicy& policy, std::vector<Diagnostic>& diagnostics);
// The same with a policy chosen per diagnostic (each project folder has its own caios.toml).
void ApplyWarningPolicy(const std::function<const WarningPolicy&(const Diagnostic&)>& policy_for,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace caios
