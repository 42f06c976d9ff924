// Display cells of source text for the human renderer: UTF-8 decoding, character widths, and
// a safe, printable rendering (tabs expanded, control and bidi characters escaped as
// `<U+202E>`, invalid bytes replaced by U+FFFD).
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
// Tabs are 4 columns; control, bidi and invisible characters are shown as their escape
// (`<U+0007>`, 8 columns); invalid bytes as U+FFFD, 1 column.
uint32_t CellWidth(int32_t code_point);

// `text` safe to print on a terminal: control characters (C0 other than tab, and newline when
// `keep_newlines`; DEL; C1), bidirectional controls (U+202A–U+202E, U+2066–U+2069 and the
// marks) and invisible separators become `<U+XXXX>`, invalid UTF-8 bytes U+FFFD. Source text
// echoed in a message can then neither reorder nor rewrite what the terminal shows.
std::string EscapeForTerminal(std::string_view text, bool keep_newlines = false);

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
