// Unit tests of the streaming JSON writer (backends/aws/common/json_writer.h): its output is
// nlohmann's dump(2), byte for byte, for every kind of value and string.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "backends/aws/common/json.h"
#include "backends/aws/common/json_writer.h"

using namespace caios;
using Json = caios::aws::Json;

namespace {

std::string Write(const Json& value) {
  std::string out;
  aws::JsonWriter(out).Value(value);
  return out;
}

}  // namespace

TEST_CASE("json writer: trees come out as nlohmann's dump(2)", "[json_writer]") {
  const Json docs[] = {
      nullptr,
      Json::object(),
      Json::array(),
      Json{{"a", 1}},
      Json{{"a", Json::object()}, {"b", Json::array()}, {"c", Json::array({1, "x", nullptr})}},
      Json{{"neg", -42}, {"big", 9007199254740993LL}, {"u", 18446744073709551615ULL}},
      Json{{"f", 2.0}, {"g", 0.1}, {"h", 1e100}, {"i", -3.5e-7}},
      Json{{"t", true}, {"f", false}},
      Json::array({Json::array({Json::array({Json{{"deep", Json{{"er", Json::array()}}}}})})}),
      Json{{"quote\"key", "back\\slash"}, {"ctl", std::string("\b\f\n\r\t\x01\x1f\x7f", 8)}},
      Json{{"nul", std::string("a\0b", 3)}, {"slash", "a/b"}},
      Json{{"utf8", "é → 𝄞 \u2028 \ufeff"}, {"ключ", "значение"}},
  };
  for (const Json& doc : docs) {
    CAPTURE(doc.dump());
    CHECK(Write(doc) == doc.dump(2));
  }
}

namespace {

// Strings of up to 60 pieces drawn from letters, punctuation, escapes, control characters and
// multi-byte characters, so that a byte to escape comes at any offset of a long run.
std::vector<std::string> RandomTexts() {
  static const char* const kPieces[] = {
      "a",    "Z",    "0", " ", ":", "#", "\"",     "\\",     "\t",         "\n",       "\x01",
      "\x1f", "\x7f", "{", "$", "'", "-", "\u00e9", "\u2192", "\U0001D11E", "abcdefgh", "        "};
  std::mt19937 random(20261205);
  std::vector<std::string> texts;
  for (int n = 0; n < 400; ++n) {
    std::string text;
    const size_t pieces = random() % 61;
    for (size_t i = 0; i < pieces; ++i) text += kPieces[random() % std::size(kPieces)];
    texts.push_back(text);
  }
  return texts;
}

}  // namespace

TEST_CASE("json writer: long strings with special bytes anywhere", "[json_writer]") {
  for (const std::string& text : RandomTexts()) {
    const Json doc{{text, text}, {"in", Json::array({text, "x" + text + "y"})}};
    CAPTURE(text);
    CHECK(Write(doc) == doc.dump(2));
    std::string appended;
    aws::JsonWriter::AppendString(appended, text);
    CHECK(aws::JsonWriter::StringSize(text) == appended.size());
  }
}

TEST_CASE("json writer: text that is not UTF-8 is replaced as nlohmann replaces it",
          "[json_writer]") {
  const std::string bad[] = {"x\xff",        "\xc3",          "a\xc3(b",
                             "\xe0\x80\x80", "\xed\xa0\x80",  "\xf4\x90\x80\x80",
                             "\xc0\xaf",     "ok\xf0\x9f\x98"};
  for (const std::string& s : bad) {
    const Json doc{{s, s}};
    CHECK(Write(doc) == doc.dump(2, ' ', false, Json::error_handler_t::replace));
  }
}

TEST_CASE("json writer: streamed documents", "[json_writer]") {
  std::string out;
  aws::JsonWriter w(out);
  w.BeginObject();
  w.Field("s", "text");
  w.Field("n", int64_t{7});
  w.Key("empty");
  w.BeginObject();
  w.EndObject();
  w.Key("list");
  w.BeginArray();
  w.String("a");
  w.Bool(false);
  w.Null();
  w.Value(Json{{"x", Json::array({1})}});
  w.EndArray();
  w.Key("raw");
  w.Raw("{\n  \"r\": [\n    1\n  ]\n}");
  w.EndObject();
  const Json expected{{"s", "text"},
                      {"n", 7},
                      {"empty", Json::object()},
                      {"list", Json::array({"a", false, nullptr, Json{{"x", Json::array({1})}}})},
                      {"raw", Json{{"r", Json::array({1})}}}};
  CHECK(out == expected.dump(2));
}

TEST_CASE("json writer: re-indenting a rendered value", "[json_writer]") {
  std::string out;
  aws::AppendIndented(out, "{\n  \"a\": 1\n}", 4);
  CHECK(out == "{\n      \"a\": 1\n    }");
  out.clear();
  aws::AppendIndented(out, "\n  a: 1\n  b: 2\n", 6);  // a YAML block: the last newline ends it
  CHECK(out == "\n        a: 1\n        b: 2\n");
  out.clear();
  aws::AppendIndented(out, " null\n", 6);
  CHECK(out == " null\n");
}
