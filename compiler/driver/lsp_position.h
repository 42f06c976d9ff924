// Positions for `caios lsp`: byte offsets in UTF-8 text <-> LSP line/character in UTF-16 code
// units, the encoding LSP 3.17 uses by default (docs/editors.md).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace caios::lsp {

// A zero-based line and a character offset in UTF-16 code units within it.
struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
  friend bool operator==(Position a, Position b) = default;
};

// The line starts of a text, for converting in both directions. Lines end at "\n", "\r\n" or
// "\r", as LSP defines them. The text must outlive the index.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  // The position of byte `offset` (clamped to the text). An offset inside a multi-byte
  // character counts from that character's start.
  Position ToPosition(uint32_t offset) const;
  // The byte offset of `position`: a line past the end gives the text's end, a character past
  // the line's end gives the line's end, and one inside a surrogate pair the pair's start.
  uint32_t ToOffset(Position position) const;
  // The position just after the last character.
  Position End() const { return ToPosition(static_cast<uint32_t>(text_.size())); }

 private:
  // The end of line `line`'s content (before its terminator).
  uint32_t LineEnd(uint32_t line) const;

  std::string_view text_;
  std::vector<uint32_t> starts_;
};

}  // namespace caios::lsp
