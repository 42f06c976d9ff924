#include "compiler/parse/chunk_token_stream.h"

#include <algorithm>

namespace caios {

ChunkTokenStream::ChunkTokenStream(const std::vector<Token>& tokens, Token end_token) {
  tokens_.reserve(tokens.size() + 1);
  auto add = [&](size_t kind, uint32_t begin, uint32_t end) {
    antlr4::CommonToken& t = tokens_.emplace_back(kind);
    t.setStartIndex(begin);
    t.setStopIndex(end == begin ? begin - 1 : end - 1);  // stop < start marks an empty token
    t.setTokenIndex(tokens_.size() - 1);
  };
  for (const Token& t : tokens) add(t.kind, t.begin, t.end);
  add(antlr4::Token::EOF, end_token.begin, end_token.begin);
}

antlr4::Token* ChunkTokenStream::LT(ssize_t k) {
  if (k == 0) return nullptr;
  if (k < 0) {
    size_t back = static_cast<size_t>(-k);
    return back > p_ ? nullptr : &tokens_[p_ - back];
  }
  return &tokens_[std::min(p_ + static_cast<size_t>(k) - 1, tokens_.size() - 1)];
}

size_t ChunkTokenStream::LA(ssize_t i) { return LT(i)->getType(); }

antlr4::Token* ChunkTokenStream::get(size_t index) const {
  if (index >= tokens_.size()) {
    throw antlr4::IndexOutOfBoundsException("token index " + std::to_string(index) +
                                            " out of range 0.." +
                                            std::to_string(tokens_.size() - 1));
  }
  return const_cast<antlr4::CommonToken*>(&tokens_[index]);
}

void ChunkTokenStream::consume() {
  if (p_ + 1 >= tokens_.size()) throw antlr4::IllegalStateException("cannot consume EOF");
  ++p_;
}

antlr4::TokenSource* ChunkTokenStream::getTokenSource() const { return &source_; }

std::string ChunkTokenStream::getText(const antlr4::misc::Interval& interval) {
  if (interval.a < 0 || interval.b < 0) return "";
  size_t stop = std::min(static_cast<size_t>(interval.b), tokens_.size() - 1);
  std::string text;
  for (size_t i = static_cast<size_t>(interval.a); i <= stop; ++i) {
    if (tokens_[i].getType() == antlr4::Token::EOF) break;
    text += tokens_[i].getText();
  }
  return text;
}

std::string ChunkTokenStream::getText() {
  return getText(antlr4::misc::Interval(size_t{0}, tokens_.size() - 1));
}

std::string ChunkTokenStream::getText(antlr4::RuleContext* ctx) {
  return getText(ctx->getSourceInterval());
}

std::string ChunkTokenStream::getText(antlr4::Token* start, antlr4::Token* stop) {
  if (start == nullptr || stop == nullptr) return "";
  return getText(antlr4::misc::Interval(start->getTokenIndex(), stop->getTokenIndex()));
}

std::unique_ptr<antlr4::Token> ChunkTokenStream::Source::nextToken() {
  return std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF);
}

antlr4::TokenFactory<antlr4::CommonToken>* ChunkTokenStream::Source::getTokenFactory() {
  return antlr4::CommonTokenFactory::DEFAULT.get();
}

}  // namespace caios
