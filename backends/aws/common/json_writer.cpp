#include "backends/aws/common/json_writer.h"

#include <array>
#include <cstring>

#include "backends/aws/common/json.h"
#include "compiler/base/invariant.h"

namespace caios::aws {
namespace {

// Length of the well-formed UTF-8 sequence at s[i] (a lead byte ≥ 0x80), or 0: the sequences
// nlohmann's decoder accepts (no overlong forms, surrogates or code points above U+10FFFF).
size_t Utf8Length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  size_t n = 0;
  unsigned char low = 0x80, high = 0xbf;  // bounds of the second byte
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) low = 0xa0;
    if (c == 0xed) high = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) low = 0x90;
    if (c == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (i + n > s.size() || b(1) < low || b(1) > high) return 0;
  for (size_t k = 2; k < n; ++k) {
    if ((b(k) & 0xc0) != 0x80) return 0;
  }
  return n;
}

// The ASCII bytes JSON writes as they are (as nlohmann does): printable ones and DEL, not `"`
// or `\`.
constexpr std::array<bool, 256> kVerbatim = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[c] = c != '"' && c != '\\';
  return table;
}();

}  // namespace

void JsonWriter::AppendString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t begin = out.size();
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (kVerbatim[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const size_t n = Utf8Length(text, i);
      if (n == 0) {
        // Not UTF-8 (the front end lets none through): nlohmann's replacement, exactly.
        out.resize(begin);
        out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
      }
      i += n;
      continue;
    }
    out.append(text, run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
    run = ++i;
  }
  out.append(text, run, text.size() - run);
  out += '"';
}

size_t JsonWriter::StringSize(std::string_view text) {
  size_t size = 2;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if (kVerbatim[c] || c >= 0x80) {
      ++size;
      continue;
    }
    switch (c) {
      case '"':
      case '\\':
      case '\b':
      case '\t':
      case '\n':
      case '\f':
      case '\r':
        size += 2;  // the escapes AppendString writes as two characters
        break;
      default:
        size += 6;  // \u00XX
    }
  }
  return size;
}

void JsonWriter::Indent() { out_.append(open_.size() * 2, ' '); }

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;  // the document itself
  out_ += open_.back() ? ",\n" : "\n";
  open_.back() = true;
  Indent();
}

void JsonWriter::Key(std::string_view key) {
  CAIOS_CHECK_INVARIANT(!open_.empty() && !after_key_);
  out_ += open_.back() ? ",\n" : "\n";
  open_.back() = true;
  Indent();
  AppendString(out_, key);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  open_.push_back(false);
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  open_.push_back(false);
}

void JsonWriter::EndObject() { Close('}'); }

void JsonWriter::EndArray() { Close(']'); }

void JsonWriter::Close(char bracket) {
  CAIOS_CHECK_INVARIANT(!open_.empty() && !after_key_);
  const bool entries = open_.back();
  open_.pop_back();
  if (entries) {
    out_ += '\n';
    Indent();
  }
  out_ += bracket;
}

void JsonWriter::String(std::string_view text) {
  BeforeValue();
  AppendString(out_, text);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  out_ += std::to_string(value);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
}

void JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  AppendIndented(out_, json, open_.size() * 2);
}

void JsonWriter::Value(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      BeginObject();
      for (const auto& [key, item] : value.get_ref<const Json::object_t&>()) {
        Key(key);
        Value(item);
      }
      EndObject();
      break;
    case Json::value_t::array:
      BeginArray();
      for (const Json& item : value.get_ref<const Json::array_t&>()) Value(item);
      EndArray();
      break;
    case Json::value_t::string:
      String(value.get_ref<const std::string&>());
      break;
    case Json::value_t::boolean:
      Bool(value.get<bool>());
      break;
    case Json::value_t::number_integer:
      Int(value.get<int64_t>());
      break;
    case Json::value_t::binary:
      CAIOS_CHECK_INVARIANT(splice_ != nullptr);
      splice_(value, *this);
      break;
    case Json::value_t::null:
    case Json::value_t::discarded:
      Null();
      break;
    default:  // unsigned and floating-point numbers: nlohmann's own spelling
      BeforeValue();
      out_ += value.dump();
      break;
  }
}

void AppendIndented(std::string& out, std::string_view text, size_t spaces) {
  size_t at = 0;
  while (at < text.size()) {
    const void* nl = std::memchr(text.data() + at, '\n', text.size() - at);
    const size_t end =
        nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1 : text.size();
    out.append(text, at, end - at);
    at = end;
    if (nl && at < text.size()) out.append(spaces, ' ');
  }
}

}  // namespace caios::aws
