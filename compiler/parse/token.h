// Compact tokens produced by the hand-written lexer (kinds are the ANTLR token types).
#pragma once

#include <cstdint>
#include <vector>

namespace caios {

struct Token {
  uint16_t kind = 0;      // a CaiosLexer token type; kEof at the end
  bool implicit = false;  // a `;` inserted at a line break, not written by the user
  uint32_t begin = 0;     // byte offsets into the file
  uint32_t end = 0;
};

// A `//` or `/* */` comment: kept beside the token list (the parser never sees it) for the
// formatter (docs/architecture.md, "Format").
struct CommentToken {
  uint32_t begin = 0;  // byte offsets into the file, the delimiters included
  uint32_t end = 0;
};

constexpr uint16_t kEofToken = 0xFFFF;  // stands for antlr4::Token::EOF in Token::kind

}  // namespace caios
