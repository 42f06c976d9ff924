#include "compiler/parse/vocabulary.h"

#include <algorithm>
#include <array>
#include <vector>

#include "CaiosLexer.h"
#include "CaiosParser.h"
#include "antlr4-runtime.h"
#include "compiler/parse/token.h"

namespace caios {
namespace {

using grammar::CaiosLexer;

struct Tables {
  // Keywords by their first byte: the lexer looks up every identifier, and comparing the few
  // keywords with its first letter (a length test rules out most) costs a fraction of hashing
  // it (docs/performance.md).
  std::array<std::vector<std::pair<std::string, uint16_t>>, 256> keywords;
  // Punctuation by its first byte, longest spelling first: the lexer tries a handful, not all.
  std::array<std::vector<std::pair<std::string, uint16_t>>, 256> punctuation;
  std::vector<std::string> spellings;  // by kind
};

// One literal token of the lexer grammar, as token_spellings.inc lists them.
struct TokenSpelling {
  uint16_t kind;
  const char* spelling;
};

#include "token_spellings.inc"

bool IsWordSpelling(const std::string& s) {
  for (char c : s) {
    if (!(c == '_' || (c >= 'a' && c <= 'z'))) return false;
  }
  return !s.empty();
}

const Tables& GetTables() {
  static const Tables tables = [] {
    Tables t;
    // The spellings ANTLR gives the lexer's tokens (grammar/token_spellings.cmake): no
    // recognizer is constructed, so no ATN is deserialized at start-up (docs/performance.md).
    size_t max = 0;
    for (const TokenSpelling& token : kTokenSpellings) max = std::max<size_t>(max, token.kind);
    t.spellings.resize(max + 1);
    for (const TokenSpelling& token : kTokenSpellings) t.spellings[token.kind] = token.spelling;
    for (size_t kind = 1; kind <= max; ++kind) {
      const std::string& s = t.spellings[kind];
      if (s.empty()) continue;
      if (IsWordSpelling(s)) {
        t.keywords[static_cast<unsigned char>(s[0])].emplace_back(s, static_cast<uint16_t>(kind));
      } else {
        t.punctuation[static_cast<unsigned char>(s[0])].emplace_back(s,
                                                                     static_cast<uint16_t>(kind));
      }
    }
    for (auto& bucket : t.punctuation) {
      std::stable_sort(bucket.begin(), bucket.end(), [](const auto& a, const auto& b) {
        return a.first.size() > b.first.size();
      });
    }
    return t;
  }();
  return tables;
}

}  // namespace

uint16_t KeywordKind(std::string_view word) {
  if (word.empty()) return 0;
  for (const auto& [spelling, kind] : GetTables().keywords[static_cast<unsigned char>(word[0])]) {
    if (spelling == word) return kind;
  }
  return 0;
}

uint16_t PunctuationKind(std::string_view text, size_t& length) {
  length = 0;
  if (text.empty()) return 0;
  for (const auto& [spelling, kind] :
       GetTables().punctuation[static_cast<unsigned char>(text[0])]) {
    if (text.substr(0, spelling.size()) == spelling) {
      length = spelling.size();
      return kind;
    }
  }
  length = 0;
  return 0;
}

std::string_view Spelling(uint16_t kind) {
  const auto& spellings = GetTables().spellings;
  if (kind >= spellings.size()) return {};
  return spellings[kind];
}

bool IsContextualKeyword(uint16_t kind) {
  return kind >= CaiosLexer::CONCURRENCY && kind <= CaiosLexer::PARAMETER;
}

std::string DisplayName(uint16_t kind) {
  switch (kind) {
    case kEofToken:
      return "end of file";
    case CaiosLexer::IDENT:
      return "a name";
    case CaiosLexer::STRING:
      return "a string";
    case CaiosLexer::INT:
      return "an integer";
    case CaiosLexer::NUMBER:
      return "a number";
    case CaiosLexer::DURATION:
      return "a duration";
    default:
      break;
  }
  std::string_view s = Spelling(kind);
  if (!s.empty()) return "`" + std::string(s) + "`";
  return "a token";
}

TokenClass ClassOf(uint16_t kind) {
  switch (kind) {
    case CaiosLexer::IDENT:
      return TokenClass::kName;
    case CaiosLexer::STRING:
      return TokenClass::kString;
    case CaiosLexer::INT:
    case CaiosLexer::NUMBER:
    case CaiosLexer::DURATION:
      return TokenClass::kNumber;
    default:
      break;
  }
  std::string_view s = Spelling(kind);
  if (s.empty()) return TokenClass::kOther;
  return IsWordSpelling(std::string(s)) ? TokenClass::kKeyword : TokenClass::kPunctuation;
}

const std::vector<std::string>& StartKeywords(GrammarRule rule) {
  static const std::array<std::vector<std::string>, 4> lists = [] {
    std::array<std::vector<std::string>, 4> out;
    grammar::CaiosParser parser(nullptr);
    const antlr4::atn::ATN& atn = parser.getATN();
    const size_t rules[] = {grammar::CaiosParser::RuleTopDecl, grammar::CaiosParser::RuleStatement,
                            grammar::CaiosParser::RuleExpr, grammar::CaiosParser::RuleRhs};
    for (size_t i = 0; i < out.size(); ++i) {
      antlr4::misc::IntervalSet first = atn.nextTokens(atn.ruleToStartState[rules[i]]);
      for (ssize_t kind : first.toList()) {
        if (kind <= 0 || kind > UINT16_MAX) continue;
        auto k = static_cast<uint16_t>(kind);
        if (ClassOf(k) != TokenClass::kKeyword || IsContextualKeyword(k)) continue;
        out[i].emplace_back(Spelling(k));
      }
      std::sort(out[i].begin(), out[i].end());
    }
    return out;
  }();
  return lists[static_cast<size_t>(rule)];
}

}  // namespace caios
