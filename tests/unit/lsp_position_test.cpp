// LSP positions: byte offsets <-> zero-based lines and UTF-16 code units (docs/editors.md).
#include <catch2/catch.hpp>
#include <string>

#include "compiler/driver/lsp_position.h"

namespace caios::lsp {
namespace {

TEST_CASE("ASCII offsets map to lines and characters and back", "[lsp]") {
  std::string text = "ab\ncd\n";
  LineIndex index(text);
  CHECK(index.ToPosition(0) == Position{0, 0});
  CHECK(index.ToPosition(2) == Position{0, 2});
  CHECK(index.ToPosition(3) == Position{1, 0});
  CHECK(index.ToPosition(6) == Position{2, 0});
  CHECK(index.ToOffset({1, 1}) == 4);
  CHECK(index.End() == Position{2, 0});
}

TEST_CASE("characters count UTF-16 code units, not bytes or code points", "[lsp]") {
  // "é" is 2 bytes and 1 unit, "€" 3 bytes and 1 unit, "😀" 4 bytes and 2 units (a pair).
  std::string text = "let é = \"€😀x\"\nz";
  LineIndex index(text);
  uint32_t x = static_cast<uint32_t>(text.find('x'));
  // l e t _ é _ = _ " € 😀(2) x: 11 units before x
  CHECK(index.ToPosition(x) == Position{0, 12});
  CHECK(index.ToOffset({0, 12}) == x);
  uint32_t e_acute = static_cast<uint32_t>(text.find("é"));
  CHECK(index.ToPosition(e_acute) == Position{0, 4});
  CHECK(index.ToPosition(e_acute + 2) == Position{0, 5});
  // An offset inside a character counts from its start.
  CHECK(index.ToPosition(e_acute + 1) == Position{0, 4});
  // A character inside a surrogate pair maps to the pair's start.
  uint32_t emoji = static_cast<uint32_t>(text.find("😀"));
  CHECK(index.ToOffset({0, 10}) == emoji);
  CHECK(index.ToOffset({0, 11}) == emoji);
  CHECK(index.ToPosition(static_cast<uint32_t>(text.size())) == Position{1, 1});
}

TEST_CASE("lines end at LF, CRLF and CR; positions past the end are clamped", "[lsp]") {
  std::string text = "a\r\nbé\rc";
  LineIndex index(text);
  CHECK(index.ToPosition(3) == Position{1, 0});
  CHECK(index.ToPosition(7) == Position{2, 0});
  CHECK(index.ToOffset({1, 99}) == 6);  // the end of "bé", before "\r"
  CHECK(index.ToOffset({9, 0}) == text.size());
  CHECK(index.ToPosition(1000) == Position{2, 1});
}

}  // namespace
}  // namespace caios::lsp
