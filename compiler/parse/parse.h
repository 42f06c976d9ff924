// The parse phase: source text → owned AST. Entry point of compiler/parse.
#pragma once

#include <cstddef>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

// Which parser recognises the declarations (docs/architecture.md, "Parse").
enum class ParserChoice {
  // The hand-written parser; a declaration it finds a syntax error in goes to ANTLR's, whose
  // error recovery and messages the diagnostics keep. What the compiler uses.
  kDescent,
  // ANTLR's parser alone: the reference the tests compare the hand-written one with.
  kAntlr,
};

struct ParseOptions {
  unsigned threads = 1;  // large files are parsed on up to this many threads
  ParserChoice parser = ParserChoice::kDescent;
};

// How the declarations of a file were parsed.
struct ParseCounts {
  size_t declarations = 0;
  size_t by_antlr = 0;  // declarations the ANTLR parser parsed
};

// Parses one file. Never throws; reports every syntax error it can recover from into `sink`
// and returns the declarations it could build (with kError expressions where it recovered).
// Large files are parsed on up to `threads` threads, one declaration at a time; the result
// does not depend on the thread count or on the parser chosen.
ast::Module ParseFile(const SourceFile& file, DiagnosticSink& sink, unsigned threads = 1);
ast::Module ParseFile(const SourceFile& file, DiagnosticSink& sink, const ParseOptions& options,
                      ParseCounts* counts = nullptr);

}  // namespace caios
