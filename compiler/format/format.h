// The format phase: a parsed .caios file laid out in the one canonical style, comments kept.
#pragma once

#include <optional>
#include <string>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

// Lines are laid out within this many columns where they can be broken (docs/language.md,
// "Layout"); one indentation level is kFormatIndent spaces.
inline constexpr int kFormatWidth = 100;
inline constexpr int kFormatIndent = 2;

// Returns `file` in canonical layout. A file with lexical or syntax errors is not formatted:
// its diagnostics (those `caios check` reports while parsing) go to `sink` and the result is
// empty. The tokens of the result are those of the input except `;`, `,` that only end a
// list, and line breaks, so it parses to the same AST; formatting the result changes nothing.
std::optional<std::string> FormatFile(const SourceFile& file, DiagnosticSink& sink);

}  // namespace caios
