// A streaming JSON writer whose output is byte for byte nlohmann's `dump(2)`: documents are
// written as they are produced instead of being built as a tree first (docs/performance.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/aws/common/json.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

class JsonWriter {
 public:
  // Appends to `out`; nested lines are indented by 2 spaces per level.
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // The key of the next value in the current object.
  void Key(std::string_view key);

  void String(std::string_view text);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // A sub-document built as a tree (small parts that are easier to build than to stream).
  // A binary value in it is a stand-in for a part written elsewhere: `splice` writes it.
  void Value(const Json& value);
  void set_splice(std::function<void(const Json&, JsonWriter&)> splice) {
    splice_ = std::move(splice);
  }
  // A value already written by another JsonWriter at depth 0, re-indented to this depth.
  void Raw(std::string_view json);

  // Convenience: a key and its value.
  void Field(std::string_view key, std::string_view text) {
    Key(key);
    String(text);
  }
  void Field(std::string_view key, const char* text) { Field(key, std::string_view(text)); }
  void Field(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }

  // The JSON spelling of `text` (quotes and escapes as nlohmann writes them), appended to `out`.
  static void AppendString(std::string& out, std::string_view text);
  // The size of what AppendString appends for well-formed UTF-8 `text` (the front end lets
  // nothing else through), quotes included, counted without writing it.
  static size_t StringSize(std::string_view text);

 private:
  void BeforeValue();
  void Indent();
  // Ends the innermost object or array with `bracket`, on a line of its own if it has entries.
  void Close(char bracket);

  std::string& out_;
  // Per open container: whether it has an entry yet. After Key, `after_key_` is true.
  std::vector<char> open_;
  bool after_key_ = false;
  std::function<void(const Json&, JsonWriter&)> splice_;
};

// `text` (a rendering of one value with lines indented from 0) with `spaces` more spaces at the
// start of every line but the first, appended to `out`.
void AppendIndented(std::string& out, std::string_view text, size_t spaces);

}  // namespace caios::aws
