// The hand-written lexer must produce exactly the tokens of the ANTLR lexer generated from
// grammar/CaiosLexer.g4 (the specification), on every sample, stdlib module and valid golden case.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "CaiosLexer.h"
#include "antlr4-runtime.h"
#include "compiler/parse/lexer.h"

namespace fs = std::filesystem;
using caios::Token;
using caios::grammar::CaiosLexer;

namespace {

std::vector<Token> LexWithAntlr(const std::string& text) {
  antlr4::ANTLRInputStream input(text);
  CaiosLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<Token> raw;
  for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken()) {
    // ANTLR indexes code points; our sources in these tests are ASCII, checked below.
    Token tok{static_cast<uint16_t>(t->getType()), false, uint32_t(t->getStartIndex()),
              uint32_t(t->getStopIndex() + 1)};
    std::string s = t->getText();
    switch (t->getType()) {
      case CaiosLexer::WS:
      case CaiosLexer::LINE_COMMENT:
        continue;
      case CaiosLexer::BLOCK_COMMENT:
        if (s.find('\n') == std::string::npos && s.find('\r') == std::string::npos) continue;
        tok.kind = CaiosLexer::NEWLINE;
        break;
      case CaiosLexer::NEWLINE:
        if (!raw.empty() && raw.back().kind == CaiosLexer::NEWLINE) continue;
        break;
      default:
        break;
    }
    raw.push_back(tok);
  }
  raw.push_back({caios::kEofToken, false, uint32_t(text.size()), uint32_t(text.size())});
  return caios::InsertSemicolons(raw);
}

std::vector<fs::path> Corpus() {
  std::vector<fs::path> files;
  for (const char* dir : {"samples", "stdlib", "tests/golden/valid"}) {
    fs::path root = fs::path(CAIOS_REPO_ROOT) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.path().extension() == ".caios") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("lexer: the hand lexer agrees with the ANTLR lexer on the corpus", "[lexer]") {
  std::vector<fs::path> files = Corpus();
  REQUIRE(files.size() >= 6);
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
    if (!ascii) continue;  // offsets differ (code points vs bytes); covered by unit cases
    caios::SourceManager sources;
    caios::DiagnosticSink sink;
    const caios::SourceFile& file = sources.Get(sources.Add(path.string(), text));
    caios::LexResult ours = caios::Lex(file, sink);
    INFO(path.string());
    REQUIRE(ours.ok);
    std::vector<Token> spec = LexWithAntlr(text);
    REQUIRE(ours.tokens.size() == spec.size());
    for (size_t i = 0; i < spec.size(); ++i) {
      INFO("token " << i << " at offset " << spec[i].begin);
      CHECK(ours.tokens[i].kind == spec[i].kind);
      CHECK(ours.tokens[i].begin == spec[i].begin);
      CHECK(ours.tokens[i].end == spec[i].end);
      CHECK(ours.tokens[i].implicit == spec[i].implicit);
    }
  }
}

TEST_CASE("lexer: newline inserts `;` only after a token that can end a statement", "[lexer]") {
  caios::SourceManager sources;
  caios::DiagnosticSink sink;
  const auto& file = sources.Get(sources.Add("t.caios", "let a = b +\n c\nf(\n x\n)\n"));
  auto result = caios::Lex(file, sink);
  std::vector<uint16_t> kinds;
  for (const Token& t : result.tokens) kinds.push_back(t.kind);
  std::vector<uint16_t> expected = {CaiosLexer::LET,   CaiosLexer::IDENT,  CaiosLexer::ASSIGN,
                                    CaiosLexer::IDENT, CaiosLexer::PLUS,   CaiosLexer::IDENT,
                                    CaiosLexer::SEMI,  CaiosLexer::IDENT,  CaiosLexer::LPAREN,
                                    CaiosLexer::IDENT, CaiosLexer::RPAREN, CaiosLexer::SEMI,
                                    caios::kEofToken};
  CHECK(kinds == expected);
}

TEST_CASE("lexer: durations, numbers and their errors", "[lexer]") {
  caios::SourceManager sources;
  caios::DiagnosticSink sink;
  const auto& file = sources.Get(sources.Add("t.caios", "500ms 30s 5m 1h 7d 1.5 2e3 12"));
  auto result = caios::Lex(file, sink);
  REQUIRE(result.ok);
  std::vector<uint16_t> kinds;
  for (const Token& t : result.tokens) kinds.push_back(t.kind);
  CHECK(kinds == std::vector<uint16_t>{CaiosLexer::DURATION, CaiosLexer::DURATION,
                                       CaiosLexer::DURATION, CaiosLexer::DURATION,
                                       CaiosLexer::DURATION, CaiosLexer::NUMBER, CaiosLexer::NUMBER,
                                       CaiosLexer::INT, caios::kEofToken});
  const auto& bad = sources.Get(sources.Add("u.caios", "let x = 10sec"));
  CHECK_FALSE(caios::Lex(bad, sink).ok);
  auto diags = sink.TakeSorted();
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].kind == caios::DiagCode::kInvalidNumber);
}
