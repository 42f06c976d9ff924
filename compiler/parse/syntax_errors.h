// Turns ANTLR recognition errors into human diagnostics ("expected `}` to close the block",
// with a label on the opening brace) instead of ANTLR's "mismatched input" texts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "antlr4-runtime.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/parse/token.h"
#include "compiler/source/source.h"

namespace caios {

// What the parser is looking at, shared by the error strategy of one chunk.
struct ChunkContext {
  const SourceFile* file = nullptr;
  DiagnosticSink* sink = nullptr;
  const std::vector<Token>* tokens = nullptr;  // the chunk's tokens, index = ANTLR token index
  Token end_token;                             // what follows the chunk; ANTLR's EOF stands for it
  int errors = 0;
  uint32_t last_error_line = 0;  // see CaiosErrorStrategy::Report
};

// DefaultErrorStrategy's recovery with our messages.
class CaiosErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit CaiosErrorStrategy(ChunkContext& chunk) : chunk_(chunk) {}

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;
  // After a parameter without its type, skips to the `,` or `)` after it, as if the name were
  // not there, so that the rest of the declaration parses (no errors that follow from it).
  void recover(antlr4::Parser* parser, std::exception_ptr e) override;

 protected:
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  // The default creates the conjured token through the token's source, which our tokens do
  // not have; this one owns it here instead.
  antlr4::Token* getMissingSymbol(antlr4::Parser* parser) override;

 private:
  void Report(antlr4::Parser* parser, antlr4::Token* offending,
              const antlr4::misc::IntervalSet& expected, bool unwanted);
  ChunkContext& chunk_;
  bool skip_parameter_ = false;  // see recover
  std::vector<std::unique_ptr<antlr4::Token>> conjured_;
};

}  // namespace caios
