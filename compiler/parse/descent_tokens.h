// The token sets the hand-written parser decides with, as grammar/CaiosParser.g4 defines
// them (rules `ident`, `name`, `literal`, and the first tokens of `expr` and `optionArg`);
// tests/unit/descent_parser_test.cpp compares them with the grammar's ATN.
#pragma once

#include <cstdint>

#include "CaiosLexer.h"

namespace caios {

// rule `ident`: IDENT and the contextual keywords (`timeout`, `test`, `secret`, …).
inline bool IsIdentKind(uint16_t k) {
  using L = grammar::CaiosLexer;
  return k == L::IDENT || (k >= L::CONCURRENCY && k <= L::PARAMETER);
}

// rule `name`: an ident or any reserved keyword.
inline bool IsNameKind(uint16_t k) {
  using L = grammar::CaiosLexer;
  return IsIdentKind(k) || (k >= L::APP && k <= L::TASK_TOKEN);
}

// rule `literal`.
inline bool IsLiteralKind(uint16_t k) {
  using L = grammar::CaiosLexer;
  return k == L::STRING || k == L::INT || k == L::NUMBER || k == L::TRUE || k == L::FALSE ||
         k == L::NULL_LIT;
}

// The first tokens of rule `primary`.
inline bool StartsPrimary(uint16_t k) {
  using L = grammar::CaiosLexer;
  return IsLiteralKind(k) || IsIdentKind(k) || k == L::TASK_TOKEN || k == L::LBRACE ||
         k == L::LBRACK || k == L::LPAREN || k == L::RUN || k == L::START || k == L::AWAIT;
}

// The first tokens of rule `expr` (an operand may start with `not`, `!` or `-`).
inline bool StartsExpr(uint16_t k) {
  using L = grammar::CaiosLexer;
  return StartsPrimary(k) || k == L::NOT || k == L::BANG || k == L::MINUS;
}

// The first tokens of rule `optionArg`.
inline bool StartsOptionArg(uint16_t k) {
  using L = grammar::CaiosLexer;
  return IsLiteralKind(k) || IsNameKind(k) || k == L::DURATION || k == L::LBRACE || k == L::LBRACK;
}

}  // namespace caios
