// Display cells of source text for the human renderer: UTF-8 decoding, character widths, and
// a safe, printable rendering (tabs expanded, control and invalid bytes replaced).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace caios {

// Decodes the code point at text[i]; returns its byte length (1 for an invalid byte, with
// `code_point` set to -1).
size_t DecodeUtf8(std::string_view text, size_t i, int32_t& code_point);

// Columns a code point takes on a terminal: 0 (combining marks), 1 or 2 (wide CJK, emoji).
// Tabs are 4 columns; control and invalid characters are shown as U+FFFD, 1 column.
uint32_t CellWidth(int32_t code_point);

// The printable form of a window [begin, end) of a line, with the display column of every
// byte boundary inside it (cells[i] = columns before byte begin + i; size end - begin + 1).
struct CellWindow {
  std::string text;
  std::vector<uint32_t> cells;
};
CellWindow RenderCells(std::string_view line, size_t begin, size_t end);

// Chooses a window of at most `max_width` columns of `line` that shows byte `anchor`.
// Returns [begin, end) byte offsets on code point boundaries.
std::pair<size_t, size_t> ChooseWindow(std::string_view line, size_t anchor, size_t max_width);

}  // namespace caios
