// An ANTLR token stream over the tokens of one chunk, held in one array, all on the default
// channel.
#pragma once

#include <string>
#include <vector>

#include "antlr4-runtime.h"
#include "compiler/parse/token.h"

namespace caios {

// antlr4::CommonTokenStream pulls tokens one at a time from a token source and, for each, tests
// with two dynamic_casts whether it may set the token's index; looking ahead then walks the
// channels. Our lexer has produced every token already, none off the default channel, so this
// stream creates them all at once and answers each query by index (docs/performance.md, "Parsing
// without the runtime's casts"). It behaves as CommonTokenStream over a ListTokenSource of
// the same tokens: LT(k) past the end is EOF, LT(-k) before the start is null, consuming EOF
// throws.
class ChunkTokenStream final : public antlr4::TokenStream {
 public:
  // `tokens` are the chunk's (without EOF); ANTLR's EOF is an empty token at `end_token.begin`.
  // Token i has token index i, and its start and stop are byte offsets into the file (stop <
  // start marks an empty token).
  ChunkTokenStream(const std::vector<Token>& tokens, Token end_token);

  antlr4::Token* LT(ssize_t k) override;
  size_t LA(ssize_t i) override;
  antlr4::Token* get(size_t index) const override;
  void consume() override;
  ssize_t mark() override { return 0; }
  void release(ssize_t) override {}
  size_t index() override { return p_; }
  void seek(size_t index) override { p_ = std::min(index, tokens_.size() - 1); }
  size_t size() override { return tokens_.size(); }
  std::string getSourceName() const override { return ""; }

  antlr4::TokenSource* getTokenSource() const override;
  // Our tokens carry no text (diagnostics read the file), so these are empty, as they were with
  // CommonTokenStream.
  std::string getText(const antlr4::misc::Interval& interval) override;
  std::string getText() override;
  std::string getText(antlr4::RuleContext* ctx) override;
  std::string getText(antlr4::Token* start, antlr4::Token* stop) override;

 private:
  // Only for the parser's token factory (antlr4::Parser::getTokenFactory); it produces nothing.
  class Source final : public antlr4::TokenSource {
   public:
    std::unique_ptr<antlr4::Token> nextToken() override;
    size_t getLine() const override { return 0; }
    size_t getCharPositionInLine() override { return 0; }
    antlr4::CharStream* getInputStream() override { return nullptr; }
    std::string getSourceName() override { return ""; }
    antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;
  };

  std::vector<antlr4::CommonToken> tokens_;  // the chunk's, then EOF; never reallocated
  size_t p_ = 0;                             // the index of LT(1)
  mutable Source source_;
};

}  // namespace caios
