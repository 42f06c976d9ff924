// The parse phase: source text → owned AST. Entry point of compiler/parse.
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source.h"

namespace caios {

// Parses one file. Never throws; reports every syntax error it can recover from into `sink`
// and returns the declarations it could build (with kError expressions where it recovered).
// Large files are parsed on up to `threads` threads, one declaration at a time; the result
// does not depend on the thread count.
ast::Module ParseFile(const SourceFile& file, DiagnosticSink& sink, unsigned threads = 1);

}  // namespace caios
