// The hand-written lexer of .caios: UTF-8 and binary checks, tokens, newline `;` insertion and
// the nesting-depth limit. grammar/CaiosLexer.g4 is its specification.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/parse/token.h"
#include "compiler/source/source.h"

namespace caios {

constexpr int kMaxNestingDepth = 128;

struct LexResult {
  std::vector<Token> tokens;           // ends with one kEofToken token
  bool ok = true;                      // false when lexical errors were reported
  std::vector<CommentToken> comments;  // every comment, in order (not in `tokens`)
};

// Lexes bytes [begin, end) of `file` (the whole file by default). Reports errors into `sink`.
// Hidden tokens (spaces, comments, newlines) are dropped (comments are listed apart); `;` is
// inserted at line breaks as docs/language.md describes.
LexResult Lex(const SourceFile& file, DiagnosticSink& sink, uint32_t begin = 0,
              uint32_t end = UINT32_MAX);

// Returns false (and reports E0002/E0003) if `file` is not valid UTF-8 text.
bool CheckEncoding(const SourceFile& file, DiagnosticSink& sink);

// Whether a newline after a token of this kind ends the statement (inserts `;`).
bool EndsStatement(uint16_t kind);

// Applies `;` insertion to a token list that still contains newline tokens (kind NEWLINE,
// and block comments spanning lines, which count as newlines) and drops the hidden ones.
// Shared by the hand lexer and the conformance test that runs the ANTLR lexer.
std::vector<Token> InsertSemicolons(const std::vector<Token>& with_hidden);

}  // namespace caios
