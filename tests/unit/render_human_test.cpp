// Tests of the human diagnostic renderer: layout, caret placement, labels, long lines.
#include <catch2/catch.hpp>
#include <sstream>

#include "compiler/diag/render_cells.h"
#include "compiler/diag/render_common.h"
#include "compiler/diag/render_human.h"
#include "tests/unit/render_test_util.h"

namespace caios {
namespace {

using testing::MakeDiag;
using testing::SpanOf;

std::string Render(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                   bool color = false) {
  std::ostringstream out;
  HumanRenderOptions options;
  options.color = color;
  RenderHuman(diags, sources, options, out);
  return out.str();
}

// Display columns of a UTF-8 line (… and other characters count one column each).
size_t Columns(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

TEST_CASE("human: header, source line and caret", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("a.caios", "app x\nlet y = 5 # 3\n");
  auto d = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "#"), "unexpected character `#`");
  CHECK(Render(sources, {d}) ==
        "a.caios:2:11: error[E0101]: unexpected character `#`\n"
        "  |\n"
        "2 | let y = 5 # 3\n"
        "  |           ^\n"
        "\n"
        "error: 1 error emitted\n");
}

TEST_CASE("human: tilde underline covers the span", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("a.caios", "let value = undefined_name\n");
  auto d = MakeDiag(DiagCode::kSyntaxError, SpanOf(sources, f, "undefined_name"), "msg");
  CHECK(Render(sources, {d}) ==
        "a.caios:1:13: error[E0106]: msg\n"
        "  |\n"
        "1 | let value = undefined_name\n"
        "  |             ^~~~~~~~~~~~~~\n"
        "\n"
        "error: 1 error emitted\n");
}

TEST_CASE("human: tabs expand to four columns and the caret follows", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("t.caios", "\t\tx = #\n");
  auto d = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "#"), "m");
  std::string out = Render(sources, {d});
  CHECK(out.find("1 |         x = #\n  |             ^\n") != std::string::npos);
  CHECK(out.starts_with("t.caios:1:7: "));  // columns count characters: a tab is one
}

TEST_CASE("human: multi-byte UTF-8 and wide characters", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("u.caios", "let s = \"héllo\" # 名前 $\n");
  auto hash = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "#"), "m");
  auto dollar = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "$"), "m");
  std::vector<std::string> lines = Lines(Render(sources, {hash, dollar}));
  REQUIRE(lines.size() >= 9);
  CHECK(lines[0] == "u.caios:1:17: error[E0101]: m");
  CHECK(lines[3] == "  |                 ^");
  CHECK(lines[5] == "u.caios:1:22: error[E0101]: m");
  // 名前 takes four columns, so the caret sits under `$` at display column 23.
  CHECK(lines[8] == "  |                        ^");
}

TEST_CASE("human: zero-width span and span at the end of the file", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("z.caios", "flow f() {\n  let x = 1\n");
  Span eof{f, static_cast<uint32_t>(sources.Get(f).text().size()),
           static_cast<uint32_t>(sources.Get(f).text().size())};
  auto d = MakeDiag(DiagCode::kUnclosedDelimiter, eof, "expected `}` to close the block");
  d.Label(SpanOf(sources, f, "{"), "the block opened here");
  CHECK(Render(sources, {d}) ==
        "z.caios:3:1: error[E0107]: expected `}` to close the block\n"
        "  |\n"
        "1 | flow f() {\n"
        "  |          - the block opened here\n"
        "2 |   let x = 1\n"
        "3 |\n"
        "  | ^\n"
        "\n"
        "error: 1 error emitted\n");
}

TEST_CASE("human: end of a file without a final newline", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("n.caios", "let s = \"abc");
  uint32_t size = static_cast<uint32_t>(sources.Get(f).text().size());
  auto d = MakeDiag(DiagCode::kUnterminatedString, Span{f, size, size}, "m");
  CHECK(Render(sources, {d}).find("1 | let s = \"abc\n  |             ^\n") != std::string::npos);
}

TEST_CASE("human: labels on the same line and far away", "[render_human]") {
  SourceManager sources;
  std::string text = "type A {\n";
  for (int i = 0; i < 8; ++i) text += "  f" + std::to_string(i) + ": string\n";
  text += "}\ntype A {}\n";
  FileId f = sources.Add("l.caios", text);
  Span second{f, static_cast<uint32_t>(text.rfind("A")),
              static_cast<uint32_t>(text.rfind("A") + 1)};
  auto d = MakeDiag(DiagCode::kSyntaxError, second, "`A` is declared twice");
  d.Label(SpanOf(sources, f, "A"), "first declared here");
  d.Label(Span{f, second.begin - 5, second.begin - 1}, "in this type");
  d.Note("types share one namespace with resources");
  d.Fix(second, "B");
  CHECK(Render(sources, {d}) ==
        "l.caios:11:6: error[E0106]: `A` is declared twice\n"
        "   |\n"
        " 1 | type A {\n"
        "   |      - first declared here\n"
        "...\n"
        "11 | type A {}\n"
        "   |      ^\n"
        "   | ---- in this type\n"
        "   = note: types share one namespace with resources\n"
        "   = help: replace with `B`\n"
        "\n"
        "error: 1 error emitted\n");
}

TEST_CASE("human: a label in another file gets its own location line", "[render_human]") {
  SourceManager sources;
  FileId a = sources.Add("a.caios", "import \"./b.caios\"\n");
  FileId b = sources.Add("b.caios", "import \"./a.caios\"\n");
  auto d = MakeDiag(DiagCode::kImportCycle, SpanOf(sources, a, "\"./b.caios\""), "import cycle");
  d.Label(SpanOf(sources, b, "\"./a.caios\""), "which imports this file again");
  CHECK(Render(sources, {d}) == "a.caios:1:8: error[" +
                                    std::string(Info(DiagCode::kImportCycle).code) +
                                    "]: import cycle\n"
                                    "  |\n"
                                    "1 | import \"./b.caios\"\n"
                                    "  |        ^~~~~~~~~~~\n"
                                    " --> b.caios:1:8\n"
                                    "  |\n"
                                    "1 | import \"./a.caios\"\n"
                                    "  |        ----------- which imports this file again\n"
                                    "\n"
                                    "error: 1 error emitted\n");
}

TEST_CASE("human: diagnostics without a location", "[render_human]") {
  SourceManager sources;
  auto d = MakeDiag(DiagCode::kFileUnreadable, Span{}, "cannot read `x.caios`: no such file");
  d.Note("check the path");
  CHECK(Render(sources, {d}) ==
        "error[E0001]: cannot read `x.caios`: no such file\n"
        "  = note: check the path\n"
        "\n"
        "error: 1 error emitted\n");
  // A span naming a file the manager does not know is treated the same way.
  auto bogus = MakeDiag(DiagCode::kFileUnreadable, Span{FileId{42}, 1, 2}, "m");
  CHECK(Render(sources, {bogus}).starts_with("error[E0001]: m\n"));
}

TEST_CASE("human: spans past the end of the text are clamped", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("c.caios", "abc\n");
  auto d = MakeDiag(DiagCode::kSyntaxError, Span{f, 2, 900}, "m");
  CHECK(Render(sources, {d}).find("1 | abc\n  |   ^\n") != std::string::npos);
}

TEST_CASE("human: a span over several lines is underlined on its first line", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("m.caios", "let x = {\n  a: 1\n}\n");
  auto d = MakeDiag(DiagCode::kSyntaxError, Span{f, 8, 18}, "m");
  CHECK(Render(sources, {d}).find("1 | let x = {\n  |         ^\n") != std::string::npos);
}

TEST_CASE("human: a 10 MB line shows a window around the caret", "[render_human]") {
  SourceManager sources;
  std::string text(10 * 1024 * 1024, 'a');
  text[5'000'000] = '#';
  FileId f = sources.Add("big.caios", text);
  auto d = MakeDiag(DiagCode::kUnexpectedChar, Span{f, 5'000'000, 5'000'001}, "m");
  std::vector<std::string> lines = Lines(Render(sources, {d}));
  REQUIRE(lines.size() >= 4);
  CHECK(lines[0] == "big.caios:1:5000001: error[E0101]: m");
  const std::string& source = lines[2];
  const std::string& caret = lines[3];
  CHECK(source.size() < 200);
  CHECK(source.find("\xE2\x80\xA6") == 4);  // … after "1 | "
  CHECK(source.ends_with("\xE2\x80\xA6"));
  CHECK(Columns(source.substr(0, source.find('#'))) == Columns(caret) - 1);
  CHECK(Columns(source) <= 4 + 100 + 2);
}

TEST_CASE("human: the window also works at both ends of a long line", "[render_human]") {
  SourceManager sources;
  std::string text(5000, 'b');
  text[3] = '#';
  text[4990] = '$';
  FileId f = sources.Add("w.caios", text);
  auto start = MakeDiag(DiagCode::kUnexpectedChar, Span{f, 3, 4}, "m");
  auto end = MakeDiag(DiagCode::kUnexpectedChar, Span{f, 4990, 4991}, "m");
  std::vector<std::string> lines = Lines(Render(sources, {start, end}));
  CHECK(lines[2].starts_with("1 | bbb#"));
  CHECK(lines[3] == "  |    ^");
  CHECK(lines[7].ends_with("bbbbbbbbb$bbbbbbbbb"));
  CHECK(Columns(lines[7].substr(0, lines[7].find('$'))) == Columns(lines[8]) - 1);
}

TEST_CASE("human: control characters are escaped, invalid UTF-8 prints as U+FFFD",
          "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("bin.caios", std::string("ab\x01\xFF\xC3#\n", 7));
  auto d = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "#"), "m");
  std::vector<std::string> lines = Lines(Render(sources, {d}));
  CHECK(lines[2] == "1 | ab<U+0001>\xEF\xBF\xBD\xEF\xBF\xBD#");
  CHECK(lines[3] == "  | " + std::string(12, ' ') + "^");
}

TEST_CASE("human: bidi controls are escaped in excerpts and messages, carets aligned",
          "[render_human]") {
  SourceManager sources;
  // U+202E (right-to-left override) would reverse the rest of the printed line.
  FileId f = sources.Add("bidi.caios", "let s = \"\xE2\x80\xAE\" + \xE2\x80\xAE x\n");
  Span second{f, 16, 19};
  REQUIRE(sources.Get(f).text().substr(16, 3) == "\xE2\x80\xAE");
  auto d = MakeDiag(DiagCode::kUnexpectedChar, second, "unexpected character `\xE2\x80\xAE`");
  d.Label(Span{f, 9, 12}, "also here: \xE2\x80\xAE").Note("a\x1b[2Jb\nsecond line");
  std::string text = Render(sources, {d});
  CHECK(text.find("\xE2\x80\xAE") == std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  std::vector<std::string> lines = Lines(text);
  CHECK(lines[0] == "bidi.caios:1:15: error[E0101]: unexpected character `<U+202E>`");
  CHECK(lines[2] == "1 | let s = \"<U+202E>\" + <U+202E> x");
  CHECK(lines[3] == "  | " + std::string(21, ' ') + "^" + std::string(7, '~'));
  CHECK(lines[4] == "  | " + std::string(9, ' ') + "-------- also here: <U+202E>");
  CHECK(lines[5] == "  = note: a<U+001B>[2Jb");
  CHECK(lines[6] == "          second line");
  CHECK(EscapeForTerminal("tab\tok \xE2\x81\xA6x\n") == "tab\tok <U+2066>x<U+000A>");
  CHECK(EscapeForTerminal("a\nb", true) == "a\nb");
}

TEST_CASE("human: a byte order mark is not a column", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("bom.caios",
                         "\xEF\xBB\xBF"
                         "app x #\n");
  auto d = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "#"), "m");
  std::vector<std::string> lines = Lines(Render(sources, {d}));
  CHECK(lines[0] == "bom.caios:1:7: error[E0101]: m");
  CHECK(lines[2] == "1 | app x #");
  CHECK(lines[3] == "  |       ^");
  // A span at the mark itself resolves to the start of line 1.
  auto at_mark = MakeDiag(DiagCode::kUnexpectedChar, Span{f, 0, 3}, "m");
  CHECK(Lines(Render(sources, {at_mark}))[0] == "bom.caios:1:1: error[E0101]: m");
}

TEST_CASE("human: a file that is not a .caios source is never quoted", "[render_human]") {
  SourceManager sources;
  FileId secret = sources.Add("/etc/shadow", "root:$6$secret:19000\n", /*quotable=*/false);
  FileId main = sources.Add("main.caios", "import x\n");
  auto d = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, secret, "$"), "m");
  d.Label(SpanOf(sources, main, "x"), "imported here");
  auto other = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, main, "x"), "m");
  other.Label(SpanOf(sources, secret, "root"), "see this");
  std::string text = Render(sources, {d, other});
  INFO(text);
  CHECK(text.find("secret") == std::string::npos);
  CHECK(text.find("root:") == std::string::npos);
  CHECK(text.find("/etc/shadow:1:6: error[E0101]: m") != std::string::npos);
  CHECK(text.find("1 | import x") != std::string::npos);
  CHECK(text.find("= note: /etc/shadow:1:1: see this") != std::string::npos);
}

TEST_CASE("human: colour only when asked", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("a.caios", "x #\n");
  auto d = MakeDiag(DiagCode::kUnexpectedChar, SpanOf(sources, f, "#"), "m");
  CHECK(Render(sources, {d}, false).find('\x1b') == std::string::npos);
  std::string coloured = Render(sources, {d}, true);
  CHECK(coloured.find("\x1b[1;31merror[E0101]") != std::string::npos);
  CHECK(coloured.find("\x1b[0m") != std::string::npos);
}

TEST_CASE("human: nothing at all for no diagnostics", "[render_human]") {
  SourceManager sources;
  CHECK(Render(sources, {}).empty());
}

TEST_CASE("summary wording", "[render_human]") {
  CHECK(SummaryText({0, 0}).empty());
  CHECK(SummaryText({1, 0}) == "1 error emitted");
  CHECK(SummaryText({3, 1}) == "3 errors and 1 warning emitted");
  CHECK(SummaryText({0, 2}) == "2 warnings emitted");
  CHECK(SummaryText({1, 2}) == "1 error and 2 warnings emitted");
}

TEST_CASE("display paths are relative below the base folder", "[render_human]") {
  CHECK(DisplayPath("/repo/tests/a.caios", "/repo") == "tests/a.caios");
  CHECK(DisplayPath("/repo/./tests/../a.caios", "/repo/") == "a.caios");
  CHECK(DisplayPath("/other/a.caios", "/repo") == "/other/a.caios");
  CHECK(DisplayPath("rel/a.caios", "/repo") == "rel/a.caios");
}

TEST_CASE("cells: widths and windows", "[render_human]") {
  CellWindow w = RenderCells("a\tb", 0, 3);
  CHECK(w.text == "a    b");
  CHECK(w.cells == std::vector<uint32_t>{0, 1, 5, 6});
  int32_t cp;
  CHECK(DecodeUtf8("\xC3\xA9", 0, cp) == 2);
  CHECK(cp == 0xE9);
  CHECK(DecodeUtf8("\xC0\x80", 0, cp) == 1);  // overlong
  CHECK(cp == -1);
  CHECK(DecodeUtf8("\xED\xA0\x80", 0, cp) == 1);  // surrogate
  CHECK(CellWidth(0x540D) == 2);
  CHECK(CellWidth(0x0301) == 0);
  auto [b, e] = ChooseWindow(std::string(50, 'x'), 10, 100);
  CHECK(b == 0);
  CHECK(e == 50);
  std::string multi;
  for (int i = 0; i < 300; ++i) multi += "é";
  auto [mb, me] = ChooseWindow(multi, 300, 100);
  CHECK(mb % 2 == 0);  // on code point boundaries
  CHECK(me % 2 == 0);
  CHECK((me - mb) / 2 == 100);
}

}  // namespace
}  // namespace caios

namespace caios {
namespace {

TEST_CASE("human: a note with a span and two fix-its", "[render_human]") {
  SourceManager sources;
  FileId f = sources.Add("m.caios", "flow f() {\n  return totl\n}\n");
  FileId g = sources.Add("lib.caios", "queue Jobs\n");
  auto d = testing::MakeDiag(DiagCode::kUnknownName, testing::SpanOf(sources, f, "totl"),
                             "unknown name `totl`");
  d.Note(testing::SpanOf(sources, g, "Jobs"), "declared here").Note("plain");
  d.Fix(testing::SpanOf(sources, f, "totl"), "total")
      .Fix(testing::SpanOf(sources, f, "totl"), "tota");
  HumanRenderOptions options;
  options.color = false;
  std::ostringstream out;
  RenderHumanDiagnostic(d, sources, options, out);
  CHECK(out.str() ==
        "m.caios:2:10: error[E0211]: unknown name `totl`\n"
        "  |\n"
        "2 |   return totl\n"
        "  |          ^~~~\n"
        "  = note: declared here\n"
        " --> lib.caios:1:7\n"
        "  |\n"
        "1 | queue Jobs\n"
        "  |       ----\n"
        "  = note: plain\n"
        "  = help: replace with `total`\n"
        "  = help: replace with `tota`\n");
}

}  // namespace
}  // namespace caios
