// The parser's replacements for parts of the ANTLR runtime (compiler/parse/chunk_token_stream.h,
// grammar/caios_parser_base.h) must behave exactly as the runtime's own: the token stream as a
// CommonTokenStream over a ListTokenSource of the same tokens, the rule contexts' accessors as
// ParserRuleContext's, on trees built with and without error recovery.
#include <catch2/catch.hpp>

// Without Catch2's FAIL macro, which would rewrite the parser's FAIL() accessor (in a unity
// build, another test file of the batch may have included Catch2 before this one).
#pragma push_macro("FAIL")
#undef FAIL
#include "CaiosParser.h"
#include "antlr4-runtime.h"
#pragma pop_macro("FAIL")

#include <sstream>

#include "compiler/parse/chunk_token_stream.h"
#include "compiler/parse/lexer.h"
#include "compiler/parse/syntax_errors.h"

namespace {

using caios::ChunkTokenStream;
using caios::Token;
using P = caios::grammar::CaiosParser;

std::vector<Token> LexText(const std::string& text, Token& eof) {
  caios::SourceFile file(caios::FileId{0}, "test.caios", text);
  caios::DiagnosticSink sink;
  caios::LexResult lexed = caios::Lex(file, sink);
  REQUIRE(lexed.ok);
  eof = lexed.tokens.back();
  lexed.tokens.pop_back();
  return lexed.tokens;
}

// The reference: what parse.cpp built before ChunkTokenStream.
struct Reference {
  explicit Reference(const std::vector<Token>& tokens, Token eof)
      : source(Make(tokens, eof)), stream(&source) {}
  static std::vector<std::unique_ptr<antlr4::Token>> Make(const std::vector<Token>& tokens,
                                                          Token eof) {
    std::vector<std::unique_ptr<antlr4::Token>> out;
    auto add = [&](size_t kind, uint32_t begin, uint32_t end) {
      auto t = std::make_unique<antlr4::CommonToken>(kind);
      t->setStartIndex(begin);
      t->setStopIndex(end == begin ? begin - 1 : end - 1);
      t->setTokenIndex(out.size());
      out.push_back(std::move(t));
    };
    for (const Token& t : tokens) add(t.kind, t.begin, t.end);
    add(antlr4::Token::EOF, eof.begin, eof.begin);
    return out;
  }
  antlr4::ListTokenSource source;
  antlr4::CommonTokenStream stream;
};

std::string Describe(antlr4::Token* t) {
  if (t == nullptr) return "null";
  std::ostringstream s;
  s << t->getType() << '@' << t->getStartIndex() << ".." << t->getStopIndex() << '#'
    << t->getTokenIndex();
  return s.str();
}

const char* kProgram =
    "app demo\n"
    "table Orders { key pk: string }\n"
    "flow f(order: { id: string, items: [json] }) -> json {\n"
    "  let x: number? = 1 + 2 * 3\n"
    "  if x > 2 and not (x == 4) { wait 5s } else { x = -x }\n"
    "  let m = for i in order.items concurrency 2 { yield { v: i, \"k\": [1, 2] } }\n"
    "  Orders.put({ pk: order.id })\n"
    "  return { id: order.id, m }\n"
    "}\n";

// Every accessor of `node` and of its descendants against ParserRuleContext's own.
void CompareAccessors(antlr4::ParserRuleContext* node) {
  auto* ctx = dynamic_cast<caios::grammar::CaiosRuleContext*>(node);
  REQUIRE(ctx != nullptr);
  for (size_t type = 1; type <= P::WS; ++type) {
    CHECK(ctx->getTokens(type) == ctx->antlr4::ParserRuleContext::getTokens(type));
    for (size_t i = 0; i < 3; ++i) {
      CHECK(ctx->getToken(type, i) == ctx->antlr4::ParserRuleContext::getToken(type, i));
    }
  }
  CHECK(ctx->getRuleContexts<P::ExprContext>() ==
        ctx->antlr4::ParserRuleContext::getRuleContexts<P::ExprContext>());
  CHECK(ctx->getRuleContexts<P::StatementContext>() ==
        ctx->antlr4::ParserRuleContext::getRuleContexts<P::StatementContext>());
  CHECK(ctx->getRuleContexts<P::BlockContext>() ==
        ctx->antlr4::ParserRuleContext::getRuleContexts<P::BlockContext>());
  for (size_t i = 0; i < 3; ++i) {
    CHECK(ctx->getRuleContext<P::ExprContext>(i) ==
          ctx->antlr4::ParserRuleContext::getRuleContext<P::ExprContext>(i));
    CHECK(ctx->getRuleContext<P::IdentContext>(i) ==
          ctx->antlr4::ParserRuleContext::getRuleContext<P::IdentContext>(i));
    CHECK(ctx->getRuleContext<P::NameContext>(i) ==
          ctx->antlr4::ParserRuleContext::getRuleContext<P::NameContext>(i));
  }
  for (antlr4::tree::ParseTree* child : ctx->children) {
    CHECK(child->parent == ctx);
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child)) CompareAccessors(rule);
  }
}

size_t CountErrorNodes(antlr4::tree::ParseTree* node) {
  size_t n = dynamic_cast<antlr4::tree::ErrorNode*>(node) != nullptr ? 1 : 0;
  for (antlr4::tree::ParseTree* child : node->children) n += CountErrorNodes(child);
  return n;
}

// The first and last token of every context, recomputed from its leaves.
void CheckStartStop(antlr4::ParserRuleContext* ctx, antlr4::Token*& first, antlr4::Token*& last) {
  first = nullptr;
  last = nullptr;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    antlr4::Token* f = nullptr;
    antlr4::Token* l = nullptr;
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child)) {
      CheckStartStop(rule, f, l);
    } else {
      f = l = dynamic_cast<antlr4::tree::TerminalNode*>(child)->getSymbol();
    }
    if (first == nullptr) first = f;
    if (l != nullptr) last = l;
  }
  if (first != nullptr) CHECK(ctx->getStart() == first);
  if (last != nullptr) CHECK(ctx->getStop() == last);
}

}  // namespace

TEST_CASE("ChunkTokenStream answers as CommonTokenStream does", "[parse]") {
  Token eof;
  std::vector<Token> tokens = LexText(kProgram, eof);
  Reference ref(tokens, eof);
  ChunkTokenStream ours(tokens, eof);
  ref.stream.fill();
  CHECK(ours.size() == ref.stream.size());
  for (size_t pos = 0;; ++pos) {
    INFO("position " << pos);
    CHECK(ours.index() == ref.stream.index());
    for (ssize_t k = -3; k <= 4; ++k) {
      CHECK(Describe(ours.LT(k)) == Describe(ref.stream.LT(k)));
      if (k != 0 && ref.stream.LT(k) != nullptr) CHECK(ours.LA(k) == ref.stream.LA(k));
    }
    CHECK(Describe(ours.get(pos)) == Describe(ref.stream.get(pos)));
    if (ref.stream.LA(1) == antlr4::Token::EOF) break;
    ours.consume();
    ref.stream.consume();
  }
  CHECK_THROWS_AS(ours.consume(), antlr4::IllegalStateException);
  CHECK_THROWS_AS(ref.stream.consume(), antlr4::IllegalStateException);
  CHECK_THROWS_AS(ours.get(ours.size()), antlr4::IndexOutOfBoundsException);
  for (size_t target : {size_t{0}, size_t{7}, tokens.size(), tokens.size() + 5}) {
    ours.seek(target);
    ref.stream.seek(target);
    CHECK(ours.index() == ref.stream.index());
    CHECK(Describe(ours.LT(1)) == Describe(ref.stream.LT(1)));
  }
  CHECK(ours.getText() == ref.stream.getText());
  CHECK(ours.getTokenSource()->getTokenFactory() == ref.source.getTokenFactory());
}

TEST_CASE("CaiosRuleContext accessors and rule exits match the runtime's", "[parse]") {
  for (bool broken : {false, true}) {
    INFO((broken ? "with error recovery" : "a correct program"));
    // The broken program loses a `)` and a `}`, so the tree holds error nodes and conjured
    // tokens.
    std::string text = kProgram;
    if (broken) {
      text.replace(text.find("(x == 4)"), 8, "(x == 4");
      text.replace(text.find("wait 5s }"), 9, "wait 5s ] }");
    }
    Token eof;
    std::vector<Token> tokens = LexText(text, eof);
    ChunkTokenStream stream(tokens, eof);
    P parser(&stream);
    parser.removeErrorListeners();
    // The recovery of parse.cpp's second stage (our tokens have no token source to conjure
    // missing ones from).
    caios::SourceFile file(caios::FileId{0}, "test.caios", text);
    caios::DiagnosticSink sink;
    caios::ChunkContext chunk{&file, &sink, &tokens, eof, 0, 0};
    parser.setErrorHandler(std::make_shared<caios::CaiosErrorStrategy>(chunk));
    P::FileContext* tree = parser.file();
    CHECK((chunk.errors > 0) == broken);
    CHECK((CountErrorNodes(tree) > 0) == broken);
    CompareAccessors(tree);
    antlr4::Token* first = nullptr;
    antlr4::Token* last = nullptr;
    if (!broken) CheckStartStop(tree, first, last);
  }
}
