#include "compiler/parse/lexer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "CaiosLexer.h"
#include "compiler/parse/vocabulary.h"

namespace caios {
namespace {

using grammar::CaiosLexer;

// Byte classes, looked up once per byte in the lexer's loops (most of a file is names and the
// blanks that indent lines).
enum : uint8_t { kBlank = 1, kIdentStart = 2, kDigit = 4 };
constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> table{};
  table[' '] = table['\t'] = table['\f'] = kBlank;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kIdentStart;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kIdentStart;
  table['_'] = kIdentStart;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  return table;
}();

bool IsIdentStart(unsigned char c) { return kByteClass[c] & kIdentStart; }
bool IsIdentChar(unsigned char c) { return kByteClass[c] & (kIdentStart | kDigit); }
bool IsDigit(unsigned char c) { return kByteClass[c] & kDigit; }
bool IsHex(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Length of the UTF-8 sequence starting at text[i], or 0 if invalid there.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  unsigned char c = text[i];
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = text[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values beyond Unicode are invalid.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

class Lexer {
 public:
  Lexer(const SourceFile& file, DiagnosticSink& sink, uint32_t begin, uint32_t end)
      : file_(file), text_(file.text()), sink_(sink), pos_(begin), end_(end) {}

  LexResult Run() {
    std::vector<Token> raw;
    raw.reserve((end_ - pos_) / 4 + 2);
    while (pos_ < end_ && ok_) {
      unsigned char c = text_[pos_];
      uint32_t start = pos_;
      if (kByteClass[c] & kBlank) {
        // A run of blanks (a line's indentation) is skipped at once.
        do ++pos_;
        while (pos_ < end_ && (kByteClass[static_cast<unsigned char>(text_[pos_])] & kBlank));
      } else if (IsIdentStart(c)) {
        const char* const data = text_.data();
        while (pos_ < end_ && IsIdentChar(data[pos_])) ++pos_;
        uint16_t kind = KeywordKind(text_.substr(start, pos_ - start));
        raw.push_back({kind ? kind : static_cast<uint16_t>(CaiosLexer::IDENT), false, start, pos_});
      } else if (c == '\n' || c == '\r') {
        ++pos_;
        if (raw.empty() || raw.back().kind != CaiosLexer::NEWLINE) {
          raw.push_back({CaiosLexer::NEWLINE, false, start, pos_});
        }
      } else if (c == '/' && Peek(1) == '/') {
        while (pos_ < end_ && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
        comments_.push_back({start, pos_});
      } else if (c == '/' && Peek(1) == '*') {
        LexBlockComment(raw);
      } else if (IsDigit(c)) {
        raw.push_back(LexNumber());
      } else if (c == '"') {
        raw.push_back(LexString());
      } else {
        size_t length = 0;
        uint16_t kind = PunctuationKind(text_.substr(pos_, end_ - pos_), length);
        if (kind == 0) {
          size_t n = c < 0x80 ? 1 : std::max<size_t>(1, Utf8SequenceLength(text_, pos_));
          Error(start, start + n, diag::UnexpectedCharacter, text_.substr(start, n));
          pos_ += n;
          continue;
        }
        pos_ += length;
        raw.push_back({kind, false, start, pos_});
      }
    }
    raw.push_back({kEofToken, false, end_, end_});
    LexResult result;
    result.tokens = InsertSemicolons(raw);
    result.ok = ok_;
    result.comments = std::move(comments_);
    return result;
  }

 private:
  char Peek(size_t k) const { return pos_ + k < end_ ? text_[pos_ + k] : '\0'; }

  template <typename... Args>
  Diagnostic& Error(uint32_t begin, uint32_t end, const DiagMessage<Args...>& message,
                    std::type_identity_t<Args>... args) {
    ok_ = false;
    return sink_.Emit(Span{file_.id(), begin, end}, message, args...);
  }

  void LexBlockComment(std::vector<Token>& raw) {
    uint32_t start = pos_;
    pos_ += 2;
    bool newline = false;
    while (pos_ < end_ && !(text_[pos_] == '*' && Peek(1) == '/')) {
      if (text_[pos_] == '\n' || text_[pos_] == '\r') newline = true;
      ++pos_;
    }
    if (pos_ >= end_) {
      Error(start, start + 2, diag::UnterminatedBlockCommentBeforeEnd);
      return;
    }
    pos_ += 2;
    comments_.push_back({start, pos_});
    // A comment spanning lines counts as a line break.
    if (newline) raw.push_back({CaiosLexer::NEWLINE, false, start, pos_});
  }

  // `1.5s`: durations are whole numbers of their unit; suggest the same time in milliseconds.
  void FractionalDurationHint(Diagnostic& d, uint32_t start, uint32_t suffix,
                              std::string_view unit) {
    static const std::pair<std::string_view, double> kUnits[] = {
        {"ms", 1}, {"s", 1e3}, {"m", 60e3}, {"h", 3600e3}, {"d", 86400e3}};
    for (const auto& [name, millis] : kUnits) {
      if (unit != name) continue;
      const double value =
          std::strtod(std::string(text_.substr(start, suffix - start)).c_str(), nullptr) * millis;
      if (value == std::floor(value) && value < 1e15) {
        d.Note(fmt::format("a duration is a whole number of its unit: write `{}ms`",
                           static_cast<int64_t>(value)))
            .Fix(Span{file_.id(), start, pos_}, fmt::format("{}ms", static_cast<int64_t>(value)));
      } else {
        d.Note("a duration is a whole number of its unit: round it, or use a smaller unit");
      }
    }
  }

  // `90x`, `10min`, `2w`: an integer followed by a unit that is not one of caios's. Lists the
  // units, and writes a unit spelled out (or weeks) in one caios takes.
  void UnknownDurationUnit(uint32_t start, uint32_t suffix) {
    const std::string_view digits = text_.substr(start, suffix - start);
    const std::string_view unit = text_.substr(suffix, pos_ - suffix);
    Diagnostic& d =
        Error(start, pos_, diag::UnknownDurationUnit, unit, text_.substr(start, pos_ - start));
    std::string lower(unit);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (digits == "0" && lower.size() > 1 && lower.size() <= 17 && lower[0] == 'x' &&
        std::all_of(lower.begin() + 1, lower.end(), [](char c) { return IsHex(c); })) {
      const std::string decimal = std::to_string(std::strtoull(lower.c_str() + 1, nullptr, 16));
      d.Note(fmt::format("caios has no hexadecimal literals: write `{}` in decimal, `{}`",
                         text_.substr(start, pos_ - start), decimal))
          .Fix(Span{file_.id(), start, pos_}, decimal);
      return;
    }
    struct Alias {
      std::string_view spelling, unit;
      uint64_t factor;
    };
    static constexpr Alias kAliases[] = {
        {"msec", "ms", 1},
        {"msecs", "ms", 1},
        {"millis", "ms", 1},
        {"millisecond", "ms", 1},
        {"milliseconds", "ms", 1},
        {"sec", "s", 1},
        {"secs", "s", 1},
        {"second", "s", 1},
        {"seconds", "s", 1},
        {"min", "m", 1},
        {"mins", "m", 1},
        {"minute", "m", 1},
        {"minutes", "m", 1},
        {"hr", "h", 1},
        {"hrs", "h", 1},
        {"hour", "h", 1},
        {"hours", "h", 1},
        {"day", "d", 1},
        {"days", "d", 1},
        {"w", "d", 7},
        {"wk", "d", 7},
        {"wks", "d", 7},
        {"week", "d", 7},
        {"weeks", "d", 7},
        {"ms", "ms", 1},
        {"s", "s", 1},
        {"h", "h", 1},
        {"d", "d", 1}};  // the last four: `5S`, `2H` (units are lower case)
    for (const Alias& alias : kAliases) {
      if (lower != alias.spelling) continue;
      const uint64_t count = std::strtoull(std::string(digits).c_str(), nullptr, 10);
      if (digits.size() > 15) break;
      const std::string fixed = fmt::format("{}{}", count * alias.factor, alias.unit);
      d.Fix(Span{file_.id(), start, pos_}, fixed);
      break;
    }
    d.Note(fmt::format(
        "a duration is an integer directly followed by its unit: `ms` (milliseconds), `s` "
        "(seconds), `m` (minutes), `h` (hours) or `d` (days), such as `{}s`",
        digits));
  }

  Token LexNumber() {
    uint32_t start = pos_;
    uint16_t kind = CaiosLexer::INT;
    while (pos_ < end_ && IsDigit(text_[pos_])) ++pos_;
    if (Peek(0) == '.' && IsDigit(Peek(1))) {
      kind = CaiosLexer::NUMBER;
      pos_ += 1;
      while (pos_ < end_ && IsDigit(text_[pos_])) ++pos_;
    }
    if ((Peek(0) == 'e' || Peek(0) == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      kind = CaiosLexer::NUMBER;
      pos_ += 2;
      while (pos_ < end_ && IsDigit(text_[pos_])) ++pos_;
    }
    if (pos_ < end_ && IsIdentStart(text_[pos_])) {
      uint32_t suffix = pos_;
      while (pos_ < end_ && IsIdentChar(text_[pos_])) ++pos_;
      std::string_view unit = text_.substr(suffix, pos_ - suffix);
      if (kind == CaiosLexer::INT &&
          (unit == "ms" || unit == "s" || unit == "m" || unit == "h" || unit == "d")) {
        return {CaiosLexer::DURATION, false, start, pos_};
      }
      if (kind == CaiosLexer::INT) {
        UnknownDurationUnit(start, suffix);
        return {kind, false, start, pos_};
      }
      Diagnostic& d = Error(start, pos_, diag::InvalidNumberDurationTakesOne,
                            text_.substr(start, pos_ - start));
      if (kind == CaiosLexer::NUMBER) FractionalDurationHint(d, start, suffix, unit);
    }
    return {kind, false, start, pos_};
  }

  // Strings end on the same line. `${...}` holds an expression that may contain strings
  // without `"` or `}` in them (see INTERPOLATION in CaiosLexer.g4).
  Token LexString() {
    uint32_t start = pos_;
    ++pos_;
    while (pos_ < end_) {
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return {CaiosLexer::STRING, false, start, pos_};
      }
      if (c == '\n' || c == '\r') break;
      if (c == '\\') {
        if (!LexEscape()) continue;
      } else if (c == '$' && Peek(1) == '{') {
        if (!LexInterpolation()) return {CaiosLexer::STRING, false, start, pos_};
      } else {
        ++pos_;
      }
    }
    Error(start, pos_, diag::UnterminatedStringAddBeforeEnd);
    return {CaiosLexer::STRING, false, start, pos_};
  }

  bool LexEscape() {
    uint32_t start = pos_;
    char e = Peek(1);
    switch (e) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
      case '$':
        pos_ += 2;
        return true;
      case 'u':
        if (IsHexEscapeAt(0)) return LexUnicodeEscape();
        break;
      default:
        break;
    }
    size_t n = (e == '\0' || e == '\n' || e == '\r') ? 1 : 2;
    Error(start, start + n, diag::InvalidEscapeString, text_.substr(start, n));
    pos_ += n;
    return false;
  }

  // `\\u` and four hex digits at pos_ + k.
  bool IsHexEscapeAt(uint32_t k) const {
    return Peek(k) == '\\' && Peek(k + 1) == 'u' && IsHex(Peek(k + 2)) && IsHex(Peek(k + 3)) &&
           IsHex(Peek(k + 4)) && IsHex(Peek(k + 5));
  }
  uint32_t HexEscapeValue(uint32_t k) const {
    return static_cast<uint32_t>(
        std::stoul(std::string(text_.substr(pos_ + k + 2, 4)), nullptr, 16));
  }

  // A `\\uXXXX` escape. UTF-16 surrogates are valid only as a pair (`\\ud83d\\ude00` is one
  // character, U+1F600); alone they denote no character and would make the string invalid
  // UTF-8 (docs/language.md).
  bool LexUnicodeEscape() {
    uint32_t start = pos_;
    uint32_t unit = HexEscapeValue(0);
    if (unit >= 0xD800 && unit <= 0xDBFF && IsHexEscapeAt(6)) {
      uint32_t low = HexEscapeValue(6);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        pos_ += 12;
        return true;
      }
    }
    if (unit < 0xD800 || unit > 0xDFFF) {
      pos_ += 6;
      return true;
    }
    pos_ += 6;
    if (unit <= 0xDBFF) {
      Error(start, pos_, diag::LoneHighSurrogate, text_.substr(start, 6));
    } else {
      Error(start, pos_, diag::LoneLowSurrogate, text_.substr(start, 6));
    }
    return false;
  }

  bool LexInterpolation() {
    uint32_t start = pos_;
    pos_ += 2;
    while (pos_ < end_) {
      char c = text_[pos_];
      if (c == '}') {
        ++pos_;
        return true;
      }
      if (c == '\n' || c == '\r') break;
      if (c == '"') {
        // A nested string inside the interpolation: no `"` or `}` or line break inside it.
        ++pos_;
        while (pos_ < end_ && text_[pos_] != '"' && text_[pos_] != '}' && text_[pos_] != '\n' &&
               text_[pos_] != '\r') {
          ++pos_;
        }
        if (pos_ < end_ && text_[pos_] == '"') {
          ++pos_;
          continue;
        }
        break;
      }
      ++pos_;
    }
    Error(start, start + 2, diag::UnterminatedInterpolationNeedsClosingSame);
    return false;
  }

  const SourceFile& file_;
  std::string_view text_;
  DiagnosticSink& sink_;
  uint32_t pos_;
  uint32_t end_;
  bool ok_ = true;
  std::vector<CommentToken> comments_;
};

// Whether the 8 bytes at `p` are all ASCII and none is NUL. For a word w, (w - 0x01…01) & ~w
// & 0x80…80 is nonzero exactly when some byte is 0 (a byte borrows from the next only after a
// zero byte), and w & 0x80…80 when some byte is 0x80 or more.
bool EightAsciiWithoutNul(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return ((((w - kOnes) & ~w) | w) & kHighs) == 0;
}

bool IsPrefixOperator(uint16_t kind) {
  return kind == CaiosLexer::NOT || kind == CaiosLexer::BANG || kind == CaiosLexer::MINUS ||
         kind == CaiosLexer::RUN || kind == CaiosLexer::START || kind == CaiosLexer::AWAIT;
}

// A reserved or contextual keyword: its spelling is a word.
bool IsKeywordKind(uint16_t kind) {
  std::string_view spelling = Spelling(kind);
  return !spelling.empty() && std::isalpha(static_cast<unsigned char>(spelling[0]));
}

}  // namespace

bool EndsStatement(uint16_t kind) {
  switch (kind) {
    case CaiosLexer::IDENT:
    case CaiosLexer::STRING:
    case CaiosLexer::INT:
    case CaiosLexer::NUMBER:
    case CaiosLexer::DURATION:
    case CaiosLexer::RPAREN:
    case CaiosLexer::RBRACK:
    case CaiosLexer::RBRACE:
    case CaiosLexer::QUESTION:
    case CaiosLexer::BREAK:
    case CaiosLexer::CONTINUE:
    case CaiosLexer::RETURN:
    case CaiosLexer::TRUE:
    case CaiosLexer::FALSE:
    case CaiosLexer::NULL_LIT:
    case CaiosLexer::TASK_TOKEN:
      return true;
    default:
      // Contextual keywords end lines when used as names or flags (`jitter`, `tracing`).
      return IsContextualKeyword(kind);
  }
}

std::vector<Token> InsertSemicolons(const std::vector<Token>& with_hidden) {
  std::vector<Token> out;
  out.reserve(with_hidden.size() + with_hidden.size() / 4);
  std::vector<uint16_t> brackets;  // open bracket kinds
  for (const Token& t : with_hidden) {
    if (t.kind == CaiosLexer::NEWLINE) {
      bool in_group = !brackets.empty() && brackets.back() != CaiosLexer::LBRACE;
      // A keyword after `.` is a field name (`body.type`) and ends a line like a name does.
      const bool field_name = out.size() >= 2 && out[out.size() - 2].kind == CaiosLexer::DOT &&
                              IsKeywordKind(out.back().kind);
      if (!in_group && !out.empty() && (EndsStatement(out.back().kind) || field_name)) {
        out.push_back({CaiosLexer::SEMI, true, out.back().end, out.back().end});
      }
      continue;
    }
    switch (t.kind) {
      case CaiosLexer::LPAREN:
      case CaiosLexer::LBRACK:
      case CaiosLexer::LBRACE:
        brackets.push_back(t.kind);
        break;
      case CaiosLexer::RPAREN:
      case CaiosLexer::RBRACK:
      case CaiosLexer::RBRACE: {
        uint16_t open = t.kind == CaiosLexer::RPAREN   ? CaiosLexer::LPAREN
                        : t.kind == CaiosLexer::RBRACK ? CaiosLexer::LBRACK
                                                       : CaiosLexer::LBRACE;
        // Pop to the matching opener if there is one; a stray closer changes nothing.
        for (size_t i = brackets.size(); i > 0; --i) {
          if (brackets[i - 1] == open) {
            brackets.resize(i - 1);
            break;
          }
        }
        break;
      }
      default:
        break;
    }
    out.push_back(t);
  }
  return out;
}

bool CheckEncoding(const SourceFile& file, DiagnosticSink& sink) {
  std::string_view text = file.text();
  size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size() && EightAsciiWithoutNul(text.data() + i)) {
      i += 8;  // most source text: eight bytes at a time
      continue;
    }
    unsigned char c = text[i];
    if (c == 0) {
      sink.Emit(Span{file.id(), uint32_t(i), uint32_t(i + 1)}, diag::FileContainsNULByteLooks);
      return false;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      sink.Emit(Span{file.id(), uint32_t(i), uint32_t(i + 1)}, diag::InvalidUtf8Byte, c);
      return false;
    }
    i += n;
  }
  return true;
}

LexResult Lex(const SourceFile& file, DiagnosticSink& sink, uint32_t begin, uint32_t end) {
  end = std::min<uint32_t>(end, static_cast<uint32_t>(file.text().size()));
  // A byte order mark at the start of the file is not part of the program.
  begin = std::max(begin, file.ContentStart());
  LexResult result = Lexer(file, sink, begin, end).Run();
  // Nesting limit: bracket depth plus runs of prefix operators (each is one recursion level in
  // the parser and the later phases).
  int depth = 0;
  int prefix_run = 0;
  for (const Token& t : result.tokens) {
    if (t.kind == CaiosLexer::LPAREN || t.kind == CaiosLexer::LBRACK ||
        t.kind == CaiosLexer::LBRACE) {
      ++depth;
    } else if (t.kind == CaiosLexer::RPAREN || t.kind == CaiosLexer::RBRACK ||
               t.kind == CaiosLexer::RBRACE) {
      depth = std::max(0, depth - 1);
    }
    prefix_run = IsPrefixOperator(t.kind) ? prefix_run + 1 : 0;
    if (depth + prefix_run > kMaxNestingDepth) {
      sink.Emit(Span{file.id(), t.begin, t.end}, diag::NestingTooDeepMoreThan, kMaxNestingDepth);
      result.ok = false;
      break;
    }
  }
  return result;
}

}  // namespace caios
