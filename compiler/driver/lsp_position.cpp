#include "compiler/driver/lsp_position.h"

#include <algorithm>

namespace caios::lsp {

namespace {

// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation or invalid
// byte, which editors show as one replacement character).
uint32_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(i + 1);
    } else if (text[i] == '\n') {
      starts_.push_back(i + 1);
    }
  }
}

uint32_t LineIndex::LineEnd(uint32_t line) const {
  if (line + 1 >= starts_.size()) return static_cast<uint32_t>(text_.size());
  // A line's content holds no terminator character, so every trailing one is the terminator.
  uint32_t end = starts_[line + 1];
  while (end > starts_[line] && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return end;
}

Position LineIndex::ToPosition(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts_.begin()) - 1;
  uint32_t character = 0;
  uint32_t end = std::min(offset, LineEnd(line));
  for (uint32_t i = starts_[line]; i < end;) {
    uint32_t length = SequenceLength(static_cast<unsigned char>(text_[i]));
    if (i + length > end) break;       // `offset` is inside this character
    character += length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    i += length;
  }
  return Position{line, character};
}

uint32_t LineIndex::ToOffset(Position position) const {
  if (position.line >= starts_.size()) return static_cast<uint32_t>(text_.size());
  uint32_t end = LineEnd(position.line);
  uint32_t i = starts_[position.line];
  uint32_t character = 0;
  while (i < end) {
    uint32_t length = SequenceLength(static_cast<unsigned char>(text_[i]));
    uint32_t units = length == 4 ? 2 : 1;
    if (character + units > position.character) break;
    character += units;
    i = std::min(i + length, end);
  }
  return i;
}

}  // namespace caios::lsp
