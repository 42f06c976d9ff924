#include "compiler/diag/render_cells.h"

#include <algorithm>

#include "fmt/format.h"

namespace caios {

namespace {

constexpr int32_t kInvalid = -1;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr uint32_t kTabWidth = 4;

bool InRange(int32_t c, int32_t lo, int32_t hi) { return c >= lo && c <= hi; }

// Characters shown as an escape: controls, C1 controls, bidirectional controls (which would
// reorder the rest of the printed line), invisible marks and separators.
bool IsEscaped(int32_t c) {
  return (c >= 0 && c < 0x20 && c != '\t') || InRange(c, 0x7F, 0x9F) || c == 0x061C ||
         InRange(c, 0x200B, 0x200F) || InRange(c, 0x2028, 0x202E) || InRange(c, 0x2060, 0x2069) ||
         c == 0xFEFF;
}

std::string EscapeOf(int32_t c) { return fmt::format("<U+{:04X}>", c); }

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

size_t DecodeUtf8(std::string_view text, size_t i, int32_t& code_point) {
  auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  }
  size_t len;
  int32_t cp;
  int32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    code_point = kInvalid;
    return 1;
  }
  if (i + len > text.size()) {
    code_point = kInvalid;
    return 1;
  }
  for (size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(text[i + k]);
    if (!IsContinuation(b)) {
      code_point = kInvalid;
      return 1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || InRange(cp, 0xD800, 0xDFFF)) {
    code_point = kInvalid;
    return 1;
  }
  code_point = cp;
  return len;
}

uint32_t CellWidth(int32_t c) {
  if (c == '\t') return kTabWidth;
  if (c == kInvalid) return 1;
  if (IsEscaped(c)) return static_cast<uint32_t>(EscapeOf(c).size());
  if (InRange(c, 0x0300, 0x036F) || InRange(c, 0x200B, 0x200F) || InRange(c, 0xFE00, 0xFE0F) ||
      InRange(c, 0x20D0, 0x20FF)) {
    return 0;
  }
  if (InRange(c, 0x1100, 0x115F) || InRange(c, 0x2E80, 0x303E) || InRange(c, 0x3041, 0x33FF) ||
      InRange(c, 0x3400, 0x4DBF) || InRange(c, 0x4E00, 0x9FFF) || InRange(c, 0xA000, 0xA4CF) ||
      InRange(c, 0xAC00, 0xD7A3) || InRange(c, 0xF900, 0xFAFF) || InRange(c, 0xFE30, 0xFE4F) ||
      InRange(c, 0xFF00, 0xFF60) || InRange(c, 0xFFE0, 0xFFE6) || InRange(c, 0x1F300, 0x1F64F) ||
      InRange(c, 0x1F900, 0x1F9FF) || InRange(c, 0x20000, 0x3FFFD)) {
    return 2;
  }
  return 1;
}

CellWindow RenderCells(std::string_view line, size_t begin, size_t end) {
  CellWindow w;
  w.cells.assign(end - begin + 1, 0);
  uint32_t col = 0;
  size_t i = begin;
  while (i < end) {
    int32_t cp;
    size_t len = std::min(DecodeUtf8(line, i, cp), end - i);
    for (size_t k = 0; k < len; ++k) w.cells[i - begin + k] = col;
    if (cp == '\t') {
      w.text.append(kTabWidth, ' ');
    } else if (cp == kInvalid) {
      w.text.append(kReplacement);
    } else if (IsEscaped(cp)) {
      w.text.append(EscapeOf(cp));
    } else {
      w.text.append(line.substr(i, len));
    }
    col += CellWidth(cp);
    i += len;
  }
  w.cells[end - begin] = col;
  return w;
}

std::string EscapeForTerminal(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    int32_t cp;
    size_t len = DecodeUtf8(text, i, cp);
    if (cp == kInvalid) {
      out.append(kReplacement);
    } else if (IsEscaped(cp) && !(keep_newlines && cp == '\n')) {
      out.append(EscapeOf(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

namespace {

// The start of the code point before byte `i` (invalid bytes count as one each).
size_t PreviousBoundary(std::string_view line, size_t i) {
  size_t j = i - 1;
  size_t steps = 0;
  while (j > 0 && steps < 3 && IsContinuation(static_cast<unsigned char>(line[j]))) --j, ++steps;
  int32_t cp;
  if (j + DecodeUtf8(line, j, cp) == i) return j;
  return i - 1;
}

uint32_t WidthAt(std::string_view line, size_t i, size_t* len) {
  int32_t cp;
  *len = DecodeUtf8(line, i, cp);
  return CellWidth(cp);
}

}  // namespace

namespace {

// Moves `begin` left over whole characters while `used` stays within `budget`.
size_t ExtendLeft(std::string_view line, size_t begin, size_t& used, size_t budget) {
  while (begin > 0) {
    size_t prev = PreviousBoundary(line, begin);
    size_t len;
    uint32_t w = WidthAt(line, prev, &len);
    if (used + w > budget) break;
    used += w;
    begin = prev;
  }
  return begin;
}

}  // namespace

std::pair<size_t, size_t> ChooseWindow(std::string_view line, size_t anchor, size_t max_width) {
  anchor = std::min(anchor, line.size());
  if (max_width == 0) max_width = 1;
  // Context before the anchor: about a third of the width, so the rest of the span shows.
  size_t used = 0;
  size_t begin = ExtendLeft(line, anchor, used, max_width / 3);
  size_t end = begin;
  used = 0;
  while (end < line.size()) {
    size_t len;
    uint32_t w = WidthAt(line, end, &len);
    if (used + w > max_width) break;
    used += w;
    end += len;
  }
  // Near the end of the line: spend the unused width on more context before.
  begin = ExtendLeft(line, begin, used, max_width);
  return {begin, end};
}

}  // namespace caios
