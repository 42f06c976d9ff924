// RenderYaml: the template as block YAML, written directly. yaml-cpp's emitter was 60% of a
// large build (a regex match per scalar); the structure here is simple enough to write by hand,
// and the result is read back with yaml-cpp in the unit tests.
#include <array>
#include <string_view>

#include "backends/aws/cloudformation/stack.h"
#include "backends/aws/cloudformation/template.h"
#include "backends/aws/common/json.h"
#include "backends/aws/common/json_writer.h"
#include "compiler/base/invariant.h"
#include "compiler/base/parallel_for.h"

namespace caios::aws {
namespace {

// YAML 1.1 and 1.2 booleans and nulls, the merge key and the value key: y Y yes Yes YES n N no
// No NO true True TRUE false False FALSE on On ON off Off OFF ~ null Null NULL << =. Grouped by
// length, so that most strings are ruled out by their size and first byte (this runs for every
// key and string of the template and of each definition).
bool IsSpecialWord(std::string_view t) {
  if (t.empty() || t.size() > 5) return false;
  switch (t[0]) {  // the first bytes of the words above: most strings stop here
    case 'y':
    case 'Y':
    case 'n':
    case 'N':
    case 'o':
    case 'O':
    case 't':
    case 'T':
    case 'f':
    case 'F':
    case '~':
    case '=':
    case '<':
      break;
    default:
      return false;
  }
  switch (t.size()) {
    case 1:
      return t[0] == 'y' || t[0] == 'Y' || t[0] == 'n' || t[0] == 'N' || t[0] == '~' || t[0] == '=';
    case 2:
      return t == "no" || t == "No" || t == "NO" || t == "on" || t == "On" || t == "ON" ||
             t == "<<";
    case 3:
      return t == "yes" || t == "Yes" || t == "YES" || t == "off" || t == "Off" || t == "OFF";
    case 4:
      return t == "true" || t == "True" || t == "TRUE" || t == "null" || t == "Null" || t == "NULL";
    case 5:
      return t == "false" || t == "False" || t == "FALSE";
    default:
      return false;
  }
}

// Bytes that cannot start a plain scalar: indicators that start something else, and digits
// (anything that starts like a number: ints, floats, .inf/.nan, 0x/0o, sexagesimal numbers,
// dates).
constexpr std::array<bool, 256> kNotPlainFirst = [] {
  std::array<bool, 256> table{};
  for (char c : std::string_view("-?:,[]{}#&*!|>'\"%@`. \t0123456789")) {
    table[static_cast<unsigned char>(c)] = true;
  }
  return table;
}();

// Whether `t` can be written as a plain scalar and read back as this very string.
bool IsPlainSafe(std::string_view t) {
  if (t.empty() || IsSpecialWord(t)) return false;
  const char first = t.front();
  if (kNotPlainFirst[static_cast<unsigned char>(first)]) return false;
  if ((first == '+') && t.size() > 1) return false;
  if (t.back() == ' ' || t.back() == ':') return false;
  for (size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (c > ':' && c < 0x7f) continue;        // most letters: nothing to check
    if (c < 0x20 || c >= 0x7f) return false;  // control characters and non-ASCII: quoted
    if (c == ':' && i + 1 < t.size() && t[i + 1] == ' ') return false;
    if (c == '#' && i > 0 && t[i - 1] == ' ') return false;
  }
  return true;
}

// The longest key written as `key: value`; YAML's limit is 1024 characters, counted here in
// bytes of the written key (never fewer than its characters).
constexpr size_t kMaxImplicitKey = 1024;

class Writer {
 public:
  Writer(std::string& out, const std::vector<FlowDefinition>& flows) : out_(out), flows_(flows) {}

  void Document(const Json& doc) {
    if (IsBlock(doc)) {
      Block(doc, 0);
    } else {
      Scalar(doc);
      out_ += '\n';
    }
  }

  // What follows `key:` for `value` at indentation 0.
  void ValueAfterKey(const Json& value) { Value(value, 0); }

  // Writes the map entries [begin, end) of `map` at `indent`, as Block writes them all.
  void Entries(const Json::object_t& map, size_t begin, size_t end, int indent) {
    for (auto it = map.begin() + begin; it != map.begin() + end; ++it) {
      Indent(indent);
      Entry(it->first, it->second, indent);
    }
  }

  // `key:` at the start of a line, for a map whose entries follow at indentation 2.
  void KeyOfBlock(const std::string& key) {
    Key(key, 0);
    out_ += '\n';
  }

 private:
  static bool IsBlock(const Json& v) { return (v.is_object() || v.is_array()) && !v.empty(); }

  void Indent(int n) { out_.append(static_cast<size_t>(n), ' '); }

  void String(const std::string& s) {
    if (IsPlainSafe(s)) {
      out_ += s;
    } else {
      Quoted(s);
    }
  }

  // A double-quoted scalar with JSON's escapes, which YAML shares, plus the characters YAML
  // does not allow unescaped (DEL, C1 controls, U+FFFE/U+FFFF) or reads as line breaks in
  // YAML 1.1 (U+2028, U+2029) and the byte order mark. A byte that is not part of well-formed
  // UTF-8 (which the front end never lets through) becomes U+FFFD, as JSON output does.
  void Quoted(const std::string& s) {
    out_ += '"';
    for (size_t i = 0; i < s.size();) {
      // A run of printable ASCII without `"` and `\` is copied as it is.
      size_t end = i;
      while (end < s.size() && IsVerbatim(static_cast<unsigned char>(s[end]))) ++end;
      if (end > i) {
        out_.append(s, i, end - i);
        i = end;
        continue;
      }
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {
        const size_t n = Utf8Length(s, i);
        if (n == 0) {
          Escape(0xfffd);
          ++i;
          continue;
        }
        const unsigned cp = CodePoint(s, i, n);
        if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
            cp == 0xfffe || cp == 0xffff) {
          Escape(cp);
        } else {
          out_.append(s, i, n);
        }
        i += n;
        continue;
      }
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\t':
          out_ += "\\t";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            Escape(c);
          } else {
            out_ += static_cast<char>(c);
          }
      }
      ++i;
    }
    out_ += '"';
  }

  static bool IsVerbatim(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

  void Escape(unsigned cp) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out_ += kHex[(cp >> shift) & 0xf];
  }

  // Length of the well-formed UTF-8 sequence at s[i] (a lead byte ≥ 0x80), or 0.
  static size_t Utf8Length(const std::string& s, size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
    }
    const unsigned cp = CodePoint(s, i, n);
    const unsigned min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return n;
  }

  static unsigned CodePoint(const std::string& s, size_t i, size_t n) {
    static constexpr unsigned kLeadMask[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
    unsigned cp = static_cast<unsigned char>(s[i]) & kLeadMask[n];
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    return cp;
  }

  void Scalar(const Json& v) {
    switch (v.type()) {
      case Json::value_t::string:
        String(v.get_ref<const std::string&>());
        break;
      case Json::value_t::object:
        out_ += "{}";
        break;
      case Json::value_t::array:
        out_ += "[]";
        break;
      case Json::value_t::boolean:
        out_ += v.get<bool>() ? "true" : "false";
        break;
      case Json::value_t::null:
      case Json::value_t::discarded:
        out_ += "null";
        break;
      case Json::value_t::number_float: {
        // JSON's spelling (2.0 stays 2.0), with a fraction before an exponent: YAML 1.1
        // (which CloudFormation's parser follows) reads `1e+100` as a string.
        std::string text = v.dump();
        const size_t e = text.find_first_of("eE");
        if (e != std::string::npos && text.find('.') == std::string::npos) text.insert(e, ".0");
        out_ += text;
        break;
      }
      default:
        out_ += v.dump();
        break;  // integers
    }
  }

  // `key: value`, from where the key starts (after its indentation).
  void Entry(const std::string& key, const Json& item, int indent) {
    Key(key, indent);
    Value(item, indent);
  }

  // `key:`, from where the key starts.
  void Key(const std::string& key, int indent) {
    const size_t key_begin = out_.size();
    String(key);
    if (out_.size() - key_begin > kMaxImplicitKey) {
      // YAML allows an implicit (`key:`) key of at most 1024 characters, quoted or not;
      // a longer one takes the explicit form `? key` with `:` on the next line.
      out_.insert(key_begin, "? ");
      out_ += '\n';
      Indent(indent);
    }
    out_ += ':';
  }

  // Writes the entries of a non-empty map or sequence at `indent`. With `inline_first`, the
  // first line continues a `- ` already written.
  void Block(const Json& v, int indent, bool inline_first = false) {
    bool first = true;
    if (v.is_object()) {
      for (const auto& [key, item] : v.get_ref<const Json::object_t&>()) {
        if (!(first && inline_first)) Indent(indent);
        first = false;
        Entry(key, item, indent);
      }
      return;
    }
    for (const Json& item : v.get_ref<const Json::array_t&>()) {
      if (!(first && inline_first)) Indent(indent);
      first = false;
      out_ += '-';
      if (item.is_object() && !item.empty()) {
        out_ += ' ';
        Block(item, indent + 2, true);
      } else {
        Value(item, indent);
      }
    }
  }

  // The value after `key:` or `-`: a scalar on the same line, a block on the next ones.
  void Value(const Json& item, int indent) {
    if (item.is_binary()) {
      // A part written on the emitting threads (MakeStandIn), moved to this indentation.
      WriteStandIn(
          item, flows_, [&](const Json& tree) { Value(tree, indent); },
          [&](std::string_view text) { AppendIndented(out_, text, static_cast<size_t>(indent)); });
      return;
    }
    if (IsBlock(item)) {
      out_ += '\n';
      Block(item, indent + 2);
      return;
    }
    out_ += ' ';
    Scalar(item);
    out_ += '\n';
  }

  std::string& out_;
  const std::vector<FlowDefinition>& flows_;
};

}  // namespace

std::string RenderYaml(const Json& doc, const std::vector<FlowDefinition>& flows, unsigned jobs) {
  std::string out;
  out.reserve(TemplateBytesEstimate(doc, flows));
  Writer writer(out, flows);
  // A template's resources are most of its text, and each is written on its own: slices of
  // them are written on `jobs` threads and joined in order (the same bytes as one writer).
  const Json* resources = doc.is_object() ? &doc : nullptr;
  if (resources) {
    auto it = doc.find("Resources");
    resources = it != doc.end() && it->is_object() ? &*it : nullptr;
  }
  constexpr size_t kSlice = 64;  // resources per slice
  if (!resources || ResolveThreads(jobs) <= 1 || resources->size() <= kSlice) {
    writer.Document(doc);
    return out;
  }
  const Json::object_t& top = doc.get_ref<const Json::object_t&>();
  const Json::object_t& map = resources->get_ref<const Json::object_t&>();
  std::vector<std::string> slices((map.size() + kSlice - 1) / kSlice);
  ParallelFor(slices.size(), jobs, [&](size_t i) {
    Writer(slices[i], flows).Entries(map, i * kSlice, std::min(map.size(), (i + 1) * kSlice), 2);
  });
  size_t resources_bytes = 0;
  for (const std::string& slice : slices) resources_bytes += slice.size();
  out.reserve(out.size() + resources_bytes + (1 << 16));
  for (size_t i = 0; i < top.size(); ++i) {
    const auto& [key, value] = *(top.begin() + i);
    if (&value != resources) {
      writer.Entries(top, i, i + 1, 0);
      continue;
    }
    writer.KeyOfBlock(key);
    for (std::string& slice : slices) {
      out += slice;
      std::string().swap(slice);
    }
  }
  return out;
}

std::string RenderYamlValue(const Json& value) {
  std::string out;
  Writer(out, {}).ValueAfterKey(value);
  return out;
}

}  // namespace caios::aws
