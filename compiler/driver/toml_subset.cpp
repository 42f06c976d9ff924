#include "compiler/driver/toml_subset.h"

#include <map>
#include <utility>

#include "fmt/format.h"

namespace caios {

namespace {

bool IsBareKeyChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// The length of the valid UTF-8 sequence at `i`, or 0.
size_t Utf8Length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  size_t n = 0;
  uint32_t cp = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0)
    n = 2, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0)
    n = 3, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0)
    n = 4, cp = c & 0x07;
  else
    return 0;
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

class Reader {
 public:
  Reader(FileId file, std::string_view text, DiagnosticSink& sink, TomlDocument& document)
      : file_(file), text_(text), sink_(sink), document_(document) {}

  bool Run() {
    if (text_.starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
    if (!CheckText()) return false;
    std::map<std::string, Span> tables;
    std::map<std::pair<std::string, std::string>, Span> keys;
    std::string table;
    while (true) {
      SkipSpaces();
      if (AtEnd()) return true;
      char c = text_[pos_];
      if (c == '#' || c == '\n' || c == '\r') {
        if (!EndOfLine()) return false;
        continue;
      }
      if (c == '[') {
        if (Peek(1) == '[') return Fail(pos_, 2, diag::ArraysTablesAreSupported);
        ++pos_;
        SkipSpaces();
        size_t begin = pos_;
        if (!BareKey()) return false;
        Span name_span = At(begin, pos_ - begin);
        std::string name(text_.substr(begin, pos_ - begin));
        SkipSpaces();
        if (Peek(0) == '.') return Fail(pos_, 1, diag::DottedTableNamesAreSupported);
        if (Peek(0) != ']') return Fail(pos_, 1, diag::ExpectedCloseTableHeader);
        ++pos_;
        if (auto [it, added] = tables.emplace(name, name_span); !added) {
          sink_.Emit(name_span, diag::TableGivenTwice, name).Label(it->second, "first given here");
          return false;
        }
        document_.tables.push_back({name, name_span});
        table = std::move(name);
        if (!EndOfLine()) return false;
        continue;
      }
      size_t begin = pos_;
      if (!BareKey()) return false;
      TomlEntry entry;
      entry.table = table;
      entry.key = std::string(text_.substr(begin, pos_ - begin));
      entry.key_span = At(begin, pos_ - begin);
      SkipSpaces();
      if (Peek(0) == '.') return Fail(pos_, 1, diag::DottedKeysAreSupported);
      if (Peek(0) != '=') return Fail(pos_, 1, diag::ExpectedAfterKey);
      ++pos_;
      SkipSpaces();
      if (!Value(entry.value)) return false;
      if (auto [it, added] = keys.emplace(std::pair(table, entry.key), entry.key_span); !added) {
        sink_.Emit(entry.key_span, diag::KeyGivenTwice, entry.key)
            .Label(it->second, "first given here");
        return false;
      }
      document_.entries.push_back(std::move(entry));
      if (!EndOfLine()) return false;
    }
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  Span At(size_t begin, size_t length) const {
    return Span{file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(begin + length)};
  }
  template <typename... Args>
  bool Fail(size_t begin, size_t length, const DiagMessage<Args...>& message,
            std::type_identity_t<Args>... args) {
    if (begin >= text_.size()) length = 0;
    sink_.Emit(At(begin, length), message, args...);
    return false;
  }

  // Text rules of the whole file first: UTF-8, no control characters but tab and line ends
  // (a lone carriage return is not a line end), as TOML requires.
  bool CheckText() {
    for (size_t i = pos_; i < text_.size();) {
      unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')) {
        return Fail(i, 1, diag::CarriageReturnMustFollowedLine);
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        return Fail(i, 1, diag::TomlControlCharacter, c);
      }
      size_t n = Utf8Length(text_, i);
      if (n == 0) return Fail(i, 1, diag::TomlNotUtf8);
      i += n;
    }
    return true;
  }

  void SkipSpaces() {
    while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  void SkipComment() {
    if (Peek(0) != '#') return;
    while (!AtEnd() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
  }
  // After a header or a value: spaces, an optional comment, then a line end or the end.
  bool EndOfLine() {
    SkipSpaces();
    SkipComment();
    if (AtEnd()) return true;
    if (text_[pos_] == '\n') return ++pos_, true;
    if (text_[pos_] == '\r' && Peek(1) == '\n') return pos_ += 2, true;
    return Fail(pos_, 1, diag::ExpectedEndLine);
  }
  // Spaces, comments and line ends, inside an array.
  void SkipBlank() {
    while (!AtEnd()) {
      SkipSpaces();
      SkipComment();
      if (Peek(0) == '\n') {
        ++pos_;
      } else if (Peek(0) == '\r' && Peek(1) == '\n') {
        pos_ += 2;
      } else {
        return;
      }
    }
  }

  bool BareKey() {
    size_t begin = pos_;
    while (!AtEnd() && IsBareKeyChar(text_[pos_])) ++pos_;
    if (pos_ > begin) return true;
    char c = Peek(0);
    if (c == '"' || c == '\'') return Fail(pos_, 1, diag::QuotedKeysAreSupported);
    return Fail(pos_, 1, diag::ExpectedKeyLettersDigitsTable);
  }

  bool String(TomlString& out) {
    size_t begin = pos_;
    if (Peek(0) == '\'') {
      return Fail(pos_, 1, diag::LiteralStringsAreSupportedUse);
    }
    if (Peek(1) == '"' && Peek(2) == '"') {
      return Fail(pos_, 3, diag::MultiLineStringsAreSupported);
    }
    ++pos_;  // the opening quote
    while (true) {
      if (AtEnd() || text_[pos_] == '\n' || text_[pos_] == '\r') {
        return Fail(begin, 1, diag::UnterminatedStringStringEndsLine);
      }
      char c = text_[pos_];
      if (c == '"') break;
      if (c == '\\') {
        char e = Peek(1);
        const char* replacement = e == '"'    ? "\""
                                  : e == '\\' ? "\\"
                                  : e == 'n'  ? "\n"
                                  : e == 't'  ? "\t"
                                              : nullptr;
        if (replacement == nullptr) {
          return Fail(pos_, 2, diag::UnsupportedEscapeOnlyNT);
        }
        out.text += replacement;
        pos_ += 2;
        continue;
      }
      out.text += c;
      ++pos_;
    }
    ++pos_;  // the closing quote
    out.span = At(begin, pos_ - begin);
    return true;
  }

  bool Value(TomlValue& value) {
    size_t begin = pos_;
    char c = Peek(0);
    if (c == '"' || c == '\'') {
      value.kind = TomlValue::Kind::kString;
      if (!String(value.string)) return false;
    } else if (c == '[') {
      value.kind = TomlValue::Kind::kArray;
      ++pos_;
      while (true) {
        SkipBlank();
        if (AtEnd()) return Fail(begin, 1, diag::UnterminatedArrayWithout);
        if (Peek(0) == ']') break;
        if (Peek(0) == '[') return Fail(pos_, 1, diag::NestedArraysAreSupported);
        if (Peek(0) != '"' && Peek(0) != '\'') {
          return Fail(pos_, 1, diag::ArrayCaiosTomlHoldsOnly);
        }
        TomlString item;
        if (!String(item)) return false;
        value.items.push_back(std::move(item));
        SkipBlank();
        if (Peek(0) == ',') {
          ++pos_;
        } else if (Peek(0) != ']') {
          if (AtEnd()) return Fail(begin, 1, diag::UnterminatedArrayWithout);
          return Fail(pos_, 1, diag::TomlExpectedCommaOrBracket);
        }
      }
      ++pos_;  // ]
    } else if (text_.substr(pos_).starts_with("true") || text_.substr(pos_).starts_with("false")) {
      value.kind = TomlValue::Kind::kBool;
      value.boolean = c == 't';
      pos_ += value.boolean ? 4 : 5;
      if (!AtEnd() && IsBareKeyChar(text_[pos_])) {
        return Fail(begin, pos_ - begin + 1, diag::ExpectedTrueFalse);
      }
    } else if (c == '{') {
      return Fail(pos_, 1, diag::InlineTablesAreSupported);
    } else if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
      return Fail(pos_, 1, diag::NumbersDatesAreSupported);
    } else {
      return Fail(pos_, 1, diag::ExpectedValueStringDoubleQuotes);
    }
    value.span = At(begin, pos_ - begin);
    return true;
  }

  FileId file_;
  std::string_view text_;
  DiagnosticSink& sink_;
  TomlDocument& document_;
  size_t pos_ = 0;
};

}  // namespace

bool ParseTomlSubset(FileId file, std::string_view text, DiagnosticSink& sink,
                     TomlDocument& document) {
  return Reader(file, text, sink, document).Run();
}

}  // namespace caios
