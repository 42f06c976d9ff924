// Placeholders no source text can forge: the emitters write a marker for each `${…}`
// DefinitionSubstitutions placeholder, and SealPlaceholders turns the markers into `${KEY}`
// with keys that appear nowhere else in the definition (docs/architecture.md, "Placeholders").
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "backends/aws/asl/definition.h"
#include "backends/aws/common/json.h"

namespace caios::aws {

// The marker standing for placeholder `name` while the definition is built: a byte that UTF-8
// text never holds (the lexer rejects invalid UTF-8, E0002), so no source string can equal it.
std::string PlaceholderMarker(std::string_view name);

// Replaces every marker string in `asl` with `${KEY}`. KEY is the placeholder's name unless
// the definition's own text (strings and object keys from the program) already holds
// `${name}`; then the first of `name2`, `name3`, … it does not hold. CloudFormation replaces
// every occurrence of `${KEY}` for each key of DefinitionSubstitutions in the definition's text
// (plain text replacement), so a key that occurs only where a marker stood cannot change the
// program's strings. Returns the placeholders with their final names, sorted by name.
std::vector<Placeholder> SealPlaceholders(Json& asl,
                                          const std::map<std::string, Placeholder>& placeholders);

// Whether some string or object key of `asl` holds `{{resolve:`, a dynamic reference that
// CloudFormation would resolve. Strings of the program are E0640 when parsed; this catches text
// an emitter joins from several of them (a JSONPath interpolation of literals is one literal).
bool HoldsDynamicReference(const Json& asl);

// Whether some string or object key of `asl` holds `${` that is not one of `placeholders`:
// program text that reaches the execution literally (SealPlaceholders keeps it from being
// substituted), which cfn-lint's E1029 would take for a forgotten Fn::Sub.
bool HoldsLiteralSubstitutionText(const Json& asl, const std::vector<Placeholder>& placeholders);

// The same question about `text`, one string of the definition or the whole definition written
// as JSON: the escapes JSON adds never make or break a `${`, and outside its strings JSON text
// holds no `$`, so the rendering answers as its tree does (an unterminated `${` runs on to a
// later `}`, and what it then reads is no placeholder's name either).
bool TextHoldsLiteralSubstitution(std::string_view text,
                                  const std::vector<Placeholder>& placeholders);

}  // namespace caios::aws
