// The hand-written parser against ANTLR's: on the same text, compiler/parse with its default
// parser (the hand-written one, handing ANTLR the declarations it gives up on) must give the
// same AST, every node, field and span (ast::Dump), and the same diagnostics as ANTLR's parser
// alone. The unit tests run it on every .caios input of the repository and the fuzz corpus,
// the fuzz targets on every input (docs/architecture.md, "Parse").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caios::fuzz {

struct ParserComparison {
  bool same = true;
  std::string difference;     // where the two results first differ, with context
  size_t declarations = 0;    // declarations parsed
  size_t by_antlr = 0;        // of which the hand-written parser gave to ANTLR's
  bool antlr_errors = false;  // whether ANTLR's parse reported errors
};

ParserComparison CompareParsers(std::string_view text);

// CompareParsers, and an abort with the difference on stderr when the parsers disagree: for
// the fuzz targets.
void RequireParsersAgree(std::string_view text);

}  // namespace caios::fuzz
