// The hand-written parser (compiler/parse/descent_parser.h) against ANTLR's, its oracle: the
// same AST, every node, field and span, and the same diagnostics, on every .caios input of the
// repository, every input of the fuzz corpus and the cases where the grammar needs more than
// one token to decide; valid programs never fall back to ANTLR; the parser's token sets are the
// grammar's.
#include <catch2/catch.hpp>

// Without Catch2's FAIL macro, which would rewrite the parser's FAIL() accessor.
#pragma push_macro("FAIL")
#undef FAIL
#include "CaiosParser.h"
#include "antlr4-runtime.h"
#pragma pop_macro("FAIL")

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/parse/descent_tokens.h"
#include "compiler/parse/vocabulary.h"
#include "tests/fuzz/parser_oracle.h"
#include "tests/fuzz/program_generator.h"

namespace caios {
namespace {

namespace fs = std::filesystem;
using fuzz::CompareParsers;
using fuzz::ParserComparison;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<fs::path> FilesUnder(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && (extension.empty() || entry.path().extension() == extension)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

const fs::path kRoot = CAIOS_REPO_ROOT;

// Under the sanitizers the corpus test checks a fixed one-in-four sample of the inputs: the
// fuzz stage of CI replays the whole corpus through the same comparison under them
// (tests/fuzz/fuzz_parse.cpp, fuzz_generated.cpp).
#ifdef CAIOS_SANITIZED
constexpr size_t kCorpusStride = 4;
#else
constexpr size_t kCorpusStride = 1;
#endif

TEST_CASE("descent parser: the same AST and diagnostics as ANTLR's on every .caios file",
          "[descent]") {
  size_t files = 0;
  size_t declarations = 0;
  for (const char* dir : {"samples", "stdlib", "tests"}) {
    for (const fs::path& path : FilesUnder(kRoot / dir, ".caios")) {
      const ParserComparison c = CompareParsers(ReadFile(path));
      INFO(path.string() << "\n" << c.difference);
      CHECK(c.same);
      ++files;
      declarations += c.declarations;
      // A file ANTLR parses without an error is parsed by the hand-written parser alone.
      if (!c.antlr_errors) CHECK(c.by_antlr == 0);
    }
  }
  CHECK(files > 350);
  CHECK(declarations > 1500);
}

TEST_CASE("descent parser: the same AST and diagnostics as ANTLR's on the fuzz corpus",
          "[descent]") {
  size_t inputs = 0;
  size_t by_descent = 0;
  size_t seen = 0;
  for (const char* target : {"parse", "check", "compile"}) {
    for (const fs::path& path : FilesUnder(kRoot / "tests/fuzz/corpus" / target, "")) {
      if (seen++ % kCorpusStride != 0) continue;
      const ParserComparison c = CompareParsers(ReadFile(path));
      INFO(path.string() << "\n" << c.difference);
      CHECK(c.same);
      ++inputs;
      by_descent += c.declarations - c.by_antlr;
    }
  }
  // The structure-aware corpus: its bytes choose valid programs (tests/fuzz/program_generator.h).
  for (const fs::path& path : FilesUnder(kRoot / "tests/fuzz/corpus/generated", "")) {
    if (seen++ % kCorpusStride != 0) continue;
    const std::string bytes = ReadFile(path);
    const std::string program =
        fuzz::GenerateProgram(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    const ParserComparison c = CompareParsers(program);
    INFO(path.string() << "\n" << program << "\n" << c.difference);
    CHECK(c.same);
    if (!c.antlr_errors) CHECK(c.by_antlr == 0);
    ++inputs;
    by_descent += c.declarations - c.by_antlr;
  }
  CHECK(inputs * kCorpusStride > 5000);
  CHECK(by_descent * kCorpusStride > 10000);
}

// Where the grammar needs more than the next token to decide, or is ambiguous and ANTLR takes
// the first alternative: each case is parsed alike, by the hand-written parser alone when it
// decides (`descent`), or by ANTLR's when it leaves the choice to ANTLR.
TEST_CASE("descent parser: decisions that look ahead, and ambiguities", "[descent]") {
  struct Case {
    const char* text;
    bool descent;  // parsed without falling back to ANTLR
  };
  const Case cases[] = {
      // `true`/`false`/`null` are literals and names: the literal, unless `.`, `:` or `(`
      // follows.
      {"table T { key id: string; point_in_time true; x null, false }", true},
      {"table T { x true.y; z true: string; w true(a, b) }", true},
      {"table T { tolerate 5%; n 3, 4 5 }", true},
      // A parameter's word before its name.
      {"function f(whole event: json) { runtime python3.12 }", true},
      {"flow f(whole input: json) { return input }", true},
      // A route, or an option that looks like one (reported).
      {"api A { GET \"/a\" { rate 10 } -> f; rate 5; GET \"/b\" g }", true},
      {"api A { POST \"/a\" -> start f; burst 2 }", true},
      // Trigger options take an argument whenever one can start.
      {"on Q.message batch 10 window 5s fifo -> f", true},
      {"on Bus.\"Order Placed\" a b c -> start f", true},
      // `{ existing … }` against a block whose statement starts with the name `existing`.
      {"flow f(x: int) -> json { existing \"arn:aws:states:::x\" }", true},
      {"flow f(x: int) -> json { existing arn param P }", true},
      {"flow f(x: int) -> json { existing }", true},
      {"flow f(x: int) -> json { existing = 3 }", true},
      {"flow f(x: int) -> json { existing retry X }", false},
      // `catch as e` binds; `catch as {` catches the error named `as`.
      {"flow f() { try { g() } catch as e { fail X } }", true},
      {"flow f() { try { g() } catch as { fail X } }", true},
      {"flow f() { try { g() }\n catch A, \"B\", C.D as e { fail X(e.cause) }\n catch * { } }",
       true},
      // `expect` and `mock` are names too.
      {"test \"t\" { mock g returns 1 times 2; expect g(1) == 1; expect run f() fails E(\"c\") }",
       true},
      {"test \"t\" { mock http.post \"https://x/*\" fails E(\"c\") }", true},
      {"flow f() { expect = 3; mock = 4; let y = expect + mock }", true},
      {"flow f() { mock g returns 1 }", true},
      {"test \"t\" { expect (1 == 1) }", false},
      {"test \"t\" { expect - 1 }", false},
      {"flow f() { mock timeout 5s }", false},
      {"flow f() { expect.x = 1 }", true},
      // Else chains across line breaks, and clauses after calls.
      {"flow f(x: int) {\n if x > 1 { return 1 }\n else if x > 0 { return 2 }\n else { return 3 "
       "}\n}",
       true},
      {"flow f() { let r = g() retry { on States.ALL attempts 3 interval 1s backoff 2.0 jitter }"
       " timeout 5s heartbeat h.s name \"n\" details }",
       true},
      {"flow f() { let a = for i, x in xs concurrency 2 batch 10 max_bytes 100 tolerate 5% "
       "distributed express results B \"p/${x}\" { yield x } }",
       true},
      // Interpolations, comprehensions, prefix operators, precedence.
      {"flow f(o: json) { return \"${o.a} and ${ [x.id for x in o.items if x.n > 1] }\" }", true},
      {"flow f(a: int) { return not a == 1 and -a * 2 + 3 ?? 4 or a in [1, 2,] }", true},
      {"flow f(o: json) { return (o).x[0](1, n: 2, \"k\": 3).y }", true},
      {"flow f() { return run g(1) }", true},
      // Types with suffixes and records.
      {"type T { a?: [int]?, \"b-c\": { d: string[][] }; e: (int)?[] }", true},
      {"type U = null", true},
      // Syntax errors: ANTLR's recovery and messages.
      {"flow f( { }", false},
      {"flow f() { let = 3 }", false},
      {"flow f() { return \"${ 1 + }\" }", false},
      {"type T { a: int b: int }", false},
      {"table T { x (a,) }", false},
  };
  for (const Case& c : cases) {
    const ParserComparison r = CompareParsers(c.text);
    INFO(c.text << "\n" << r.difference);
    CHECK(r.same);
    CHECK(r.declarations == 1);
    CHECK((r.by_antlr == 0) == c.descent);
  }
}

// The token sets the hand-written parser decides with are the grammar's: FIRST of rules
// `ident`, `name`, `literal`, `expr` and `optionArg`, read from ANTLR's ATN.
TEST_CASE("descent parser: its token sets are the grammar's", "[descent]") {
  grammar::CaiosParser parser(nullptr);
  const antlr4::atn::ATN& atn = parser.getATN();
  auto first = [&](size_t rule) {
    std::set<uint16_t> kinds;
    for (ssize_t k : atn.nextTokens(atn.ruleToStartState[rule]).toList()) {
      kinds.insert(static_cast<uint16_t>(k));
    }
    return kinds;
  };
  auto ours = [](bool (*in)(uint16_t)) {
    std::set<uint16_t> kinds;
    for (uint16_t k = 1; k < 200; ++k) {
      if (in(k)) kinds.insert(k);
    }
    return kinds;
  };
  using P = grammar::CaiosParser;
  CHECK(ours(IsIdentKind) == first(P::RuleIdent));
  CHECK(ours(IsNameKind) == first(P::RuleName));
  CHECK(ours(IsLiteralKind) == first(P::RuleLiteral));
  CHECK(ours(StartsPrimary) == first(P::RulePrimary));
  CHECK(ours(StartsExpr) == first(P::RuleExpr));
  CHECK(ours(StartsOptionArg) == first(P::RuleOptionArg));
  // The lexer's keyword and punctuation spellings (grammar/token_spellings.cmake) are the
  // grammar's vocabulary.
  const antlr4::dfa::Vocabulary& vocabulary = parser.getVocabulary();
  size_t literals = 0;
  for (size_t k = 1; k <= vocabulary.getMaxTokenType(); ++k) {
    std::string literal = vocabulary.getLiteralName(k);
    if (!literal.empty()) literal = literal.substr(1, literal.size() - 2), ++literals;
    INFO("token kind " << k);
    CHECK(Spelling(static_cast<uint16_t>(k)) == literal);
  }
  CHECK(literals > 100);
}

}  // namespace
}  // namespace caios
