#include "backends/aws/asl/jsonata.h"
#include "backends/aws/asl/state_parts.h"

#include <set>

#include "compiler/base/invariant.h"

#include "compiler/types/types.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace caios::aws {
namespace {

using ir::ValueKind;
using types::TypeKind;

// JSONata's function library and Step Functions' additions: a variable of the same name would
// hide the function inside every expression that uses it.
const std::set<std::string>& ReservedNames() {
  static const std::set<std::string> kNames = {"abs",
                                               "append",
                                               "assert",
                                               "average",
                                               "base64decode",
                                               "base64encode",
                                               "boolean",
                                               "ceil",
                                               "contains",
                                               "count",
                                               "decodeUrl",
                                               "decodeUrlComponent",
                                               "distinct",
                                               "each",
                                               "encodeUrl",
                                               "encodeUrlComponent",
                                               "error",
                                               "eval",
                                               "exists",
                                               "filter",
                                               "floor",
                                               "formatBase",
                                               "formatInteger",
                                               "formatNumber",
                                               "fromMillis",
                                               "hash",
                                               "join",
                                               "keys",
                                               "length",
                                               "lookup",
                                               "lowercase",
                                               "map",
                                               "match",
                                               "max",
                                               "merge",
                                               "millis",
                                               "min",
                                               "not",
                                               "now",
                                               "number",
                                               "pad",
                                               "parse",
                                               "parseInteger",
                                               "partition",
                                               "power",
                                               "random",
                                               "range",
                                               "reduce",
                                               "replace",
                                               "reverse",
                                               "round",
                                               "shuffle",
                                               "sift",
                                               "single",
                                               "sort",
                                               "split",
                                               "spread",
                                               "sqrt",
                                               "states",
                                               "string",
                                               "substring",
                                               "substringAfter",
                                               "substringBefore",
                                               "sum",
                                               "toMillis",
                                               "trim",
                                               "type",
                                               "uppercase",
                                               "uuid",
                                               "zip"};
  return kNames;
}

bool IsArray(types::TypeId t) {
  return t && types::TypeTable::StripOptional(t)->is(TypeKind::kArray);
}
bool IsString(types::TypeId t) { return t && types::TypeTable::StripOptional(t)->is_stringish(); }
// Dynamic (or unknown): may hold any JSON value at run time.
bool IsJson(types::TypeId t) {
  return !t || types::TypeTable::StripOptional(t)->is(TypeKind::kJson);
}

bool IsSimpleName(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  // JSONata reads these as literals, which cannot be steps of a path.
  if (s == "true" || s == "false" || s == "null") return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

class JsonataRenderer {
 public:
  explicit JsonataRenderer(const JsonataContext& ctx) : ctx_(ctx) {}

  std::string Render(const ir::Value& v) {
    switch (v.kind) {
      case ValueKind::kNull:
        return "null";
      case ValueKind::kBool:
        return v.boolean ? "true" : "false";
      case ValueKind::kInt:
        return std::to_string(v.integer);
      case ValueKind::kNumber:
        return fmt::format("{}", v.number);
      case ValueKind::kString:
        return Quote(v.text);
      case ValueKind::kVar:
        return "$" + ctx_.variables->Of(v.text);
      case ValueKind::kTaskToken:
        return "$states.context.Task.Token";
      case ValueKind::kContext:
        return std::string("$states.context.") + ContextObjectPath(v.context);
      case ValueKind::kInput:
        return "$states.input";
      case ValueKind::kResult:
        return ctx_.result;
      case ValueKind::kCaught:
        return "{\"error\": $states.errorOutput.Error, \"cause\": $states.errorOutput.Cause}";
      case ValueKind::kResource:
        // A string literal around the placeholder, which CloudFormation replaces by a name, ARN
        // or URL: none holds `"` or `\`. (The marker is not UTF-8, so it is not JSON-quoted.)
        return "\"" + ctx_.resource(v) + "\"";
      case ValueKind::kField: {
        std::string object = Operand(*v.children[0]);
        if (IsSimpleName(v.text)) return object + "." + v.text;
        // A backtick name cannot hold a backtick: JSONata has no escape there.
        if (v.text.find('`') != std::string::npos) {
          return "$lookup(" + object + ", " + Quote(v.text) + ")";
        }
        return object + ".`" + v.text + "`";
      }
      case ValueKind::kIndex: {
        const ir::Value& index = *v.children[1];
        if (IsString(index.type)) {
          return "$lookup(" + Render(*v.children[0]) + ", " + Render(index) + ")";
        }
        return Operand(*v.children[0]) + "[" + Render(index) + "]";
      }
      case ValueKind::kObject: {
        std::string out = "{";
        for (size_t i = 0; i < v.keys.size(); ++i) {
          if (i) out += ", ";
          out += Quote(v.keys[i]) + ": " + Render(*v.children[i]);
        }
        return out + "}";
      }
      case ValueKind::kArray: {
        // JSONata splices an array value into an array constructor: nest it to keep it whole.
        // Whether a `json` element holds an array is known only at run time: such arrays are
        // appended together from one-element arrays.
        for (const auto& e : v.children) {
          if (IsJson(e->type)) return DynamicArray(v);
        }
        std::string out = "[";
        for (size_t i = 0; i < v.children.size(); ++i) {
          if (i) out += ", ";
          const ir::Value& e = *v.children[i];
          out += IsArray(e.type) ? KeepWhole(Render(e)) : Render(e);
        }
        return out + "]";
      }
      case ValueKind::kConcat: {
        std::string out;
        for (size_t i = 0; i < v.children.size(); ++i) {
          if (i) out += " & ";
          out += Operand(*v.children[i]);
        }
        if (v.children.size() == 1) out = "$string(" + out + ")";
        return v.children.empty() ? "\"\"" : out;
      }
      case ValueKind::kUnary:
        if (v.unary_op == ir::UnaryOp::kNot) return "$not(" + Render(*v.children[0]) + ")";
        return "-" + Operand(*v.children[0]);
      case ValueKind::kBinary:
        return Binary(v);
      case ValueKind::kBuiltin:
        return Builtin(v);
      case ValueKind::kElement:
        return ElementName(v.text);
      case ValueKind::kComprehension:
        return Comprehension(v);
    }
    return "null";
  }

 private:
  // An operand of an operator or path: parenthesised unless it is atomic.
  std::string Operand(const ir::Value& v) {
    switch (v.kind) {
      case ValueKind::kBinary:
      case ValueKind::kUnary:
      case ValueKind::kConcat:
      case ValueKind::kCaught:
        return "(" + Render(v) + ")";
      case ValueKind::kInt:
      case ValueKind::kNumber:
        return v.integer < 0 || v.number < 0 ? "(" + Render(v) + ")" : Render(v);
      default:
        return Render(v);
    }
  }

  // JSONata keeps an element of an array constructor whole when the element is itself written
  // as a constructor (`[[1, 2], $xs]` is `[[1, 2], 1, 2]` for `$xs = [1, 2]`): an expression
  // whose value is an array, as a constructor with the same value.
  static std::string KeepWhole(const std::string& e) {
    return IsConstructor(e) ? e : "[" + e + "]";
  }

  // Whether the JSONata text `e` (as this renderer writes it: strings in quotes with escapes,
  // names in backticks without, no regular expressions) is one array constructor `[…]` as a
  // whole.
  static bool IsConstructor(const std::string& e) {
    if (e.empty() || e.front() != '[') return false;
    int depth = 0;
    for (size_t i = 0; i < e.size(); ++i) {
      const char c = e[i];
      if (c == '"' || c == '\'') {
        for (++i; i < e.size() && e[i] != c; ++i) {
          if (e[i] == '\\') ++i;
        }
      } else if (c == '`') {
        for (++i; i < e.size() && e[i] != '`'; ++i) {
        }
      } else if (c == '[' || c == '(' || c == '{') {
        ++depth;
      } else if (c == ']' || c == ')' || c == '}') {
        if (--depth == 0) return i + 1 == e.size();
      }
    }
    return false;
  }

  // [e1, e2, …] as $append([e1], $append([e2], …)), each element wrapped so that it stays one
  // element whatever it holds.
  std::string DynamicArray(const ir::Value& v) {
    std::string out;
    for (size_t i = v.children.size(); i-- > 0;) {
      const ir::Value& e = *v.children[i];
      std::string one;
      if (IsJson(e.type)) {
        one = "($__e := " + Render(e) + "; $type($__e) = \"array\" ? [[$__e]] : [$__e])";
      } else if (IsArray(e.type)) {
        one = "[" + KeepWhole(Render(e)) + "]";
      } else {
        one = "[" + Render(e) + "]";
      }
      out = out.empty() ? one : "$append(" + one + ", " + out + ")";
    }
    return out;
  }

  // The parameter that holds a comprehension's element: `$__` names are never flow variables
  // (VariableNames::Add), and no scratch name of this renderer starts with `__el_`.
  static std::string ElementName(const std::string& name) { return "$__el_" + name; }

  // [e for x in xs if c]: $filter and $map would give a single value for a one-element result
  // (and nothing for an empty one) and splice arrays that `e` gives; $reduce appends each
  // element wrapped in its own array, so the result is always an array of `e`'s values.
  std::string Comprehension(const ir::Value& v) {
    const ir::Value& e = *v.children[1];
    std::string one;
    if (IsJson(e.type)) {
      one = "($__e := " + NullIfAbsent(e) + "; $type($__e) = \"array\" ? [[$__e]] : [$__e])";
    } else if (IsArray(e.type)) {
      one = "[" + KeepWhole(Render(e)) + "]";
    } else {
      // An absent optional field is null in the language; `[undefined]` would drop it.
      one = "[" + NullIfAbsent(e) + "]";
    }
    std::string step = "$append($__acc, " + one + ")";
    if (v.children.size() > 2) step = Operand(*v.children[2]) + " ? " + step + " : $__acc";
    return "$reduce(" + Render(*v.children[0]) + ", function($__acc, " + ElementName(v.text) +
           ") { " + step + " }, [])";
  }

  // `is_string(x)` …: `$type` names what the value is; an absent field is null (as for
  // `x == null`), and the tests after `?` read `x` only once `$type` said it is a number or a
  // string (docs/language.md, "Type tests").
  std::string TypeTest(const ir::Value& v) {
    const std::string& f = v.text;
    // `$type` of an absent field is undefined, which equals no name: only `is_null` needs the
    // absent field read as null.
    const std::string x = f == "is_null" ? NullIfAbsent(*v.children[0]) : Operand(*v.children[0]);
    const std::string type = "$type(" + x + ")";
    auto is = [&](const char* name) { return "(" + type + " = \"" + name + "\")"; };
    if (f == "is_string") return is("string");
    if (f == "is_number") return is("number");
    if (f == "is_bool") return is("boolean");
    if (f == "is_array") return is("array");
    if (f == "is_object") return is("object");
    if (f == "is_null") return is("null");
    if (f == "is_int") return "(" + type + " = \"number\" ? $floor(" + x + ") = " + x + " : false)";
    CAIOS_CHECK_INVARIANT(f == "is_timestamp");
    // RFC 3339 with a time zone, as the States Language's IsTimestamp takes it.
    return "(" + type + " = \"string\" ? $contains(" + x +
           ", /^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$/) : "
           "false)";
  }

  // A field that may be absent reads as null in the language; JSONata's undefined would make
  // every comparison false (`$r.n != 3` too).
  std::string NullIfAbsent(const ir::Value& e) {
    const bool may_be_absent = e.kind == ValueKind::kField && e.type &&
                               (e.type->is(TypeKind::kOptional) || IsJson(e.type));
    if (!may_be_absent) return Operand(e);
    const std::string x = Render(e);
    return "($exists(" + x + ") ? " + x + " : null)";
  }

  std::string Binary(const ir::Value& v) {
    const ir::Value& a = *v.children[0];
    const ir::Value& b = *v.children[1];
    using B = ir::BinaryOp;
    auto op = [&](const char* o) { return Operand(a) + " " + o + " " + Operand(b); };
    switch (v.binary_op) {
      case B::kAdd:
        return IsString(a.type) || IsString(b.type) ? op("&") : op("+");
      case B::kSub:
        return op("-");
      case B::kMul:
        return op("*");
      case B::kDiv:
        return op("/");
      case B::kMod:
        return op("%");
      case B::kEq:
        return NullIfAbsent(a) + " = " + NullIfAbsent(b);
      case B::kNe:
        return NullIfAbsent(a) + " != " + NullIfAbsent(b);
      case B::kLt:
        return op("<");
      case B::kLe:
        return op("<=");
      case B::kGt:
        return op(">");
      case B::kGe:
        return op(">=");
      case B::kAnd:
        return op("and");
      case B::kOr:
        return op("or");
      case B::kIn:
        if (IsArray(b.type)) return op("in");
        return Operand(a) + " in [$keys(" + Render(b) + ")]";
      case B::kCoalesce: {
        std::string x = Operand(a);
        return "($exists(" + x + ") and $type(" + x + ") != \"null\" ? " + x + " : " + Operand(b) +
               ")";
      }
    }
    return "null";
  }

  std::string Args(const ir::Value& v, size_t from = 0) {
    std::string out;
    for (size_t i = from; i < v.children.size(); ++i) {
      if (i > from) out += ", ";
      out += Render(*v.children[i]);
    }
    return out;
  }

  std::string Builtin(const ir::Value& v) {
    const std::string& f = v.text;
    auto arg = [&](size_t i) { return Render(*v.children[i]); };
    auto call = [&](const char* fn) { return std::string(fn) + "(" + Args(v) + ")"; };
    if (f == "uuid") return "$uuid()";
    if (f == "now") return "$now()";
    if (f == "len") {
      types::TypeId t = v.children[0]->type;
      if (IsString(t)) return "$length(" + arg(0) + ")";
      if (IsArray(t)) return "$count(" + arg(0) + ")";
      std::string x = arg(0);
      return "($type(" + x + ") = \"string\" ? $length(" + x + ") : $count(" + x + "))";
    }
    if (f == "keys") return "[$keys(" + arg(0) + ")]";
    if (f.rfind("is_", 0) == 0) return TypeTest(v);
    if (f == "merge") return "$merge([" + Args(v) + "])";
    if (f == "contains") {
      if (IsString(v.children[0]->type)) return call("$contains");
      return Operand(*v.children[1]) + " in " + Operand(*v.children[0]);
    }
    if (f == "range") {
      std::string start = Operand(*v.children[0]), end = Operand(*v.children[1]);
      if (v.children.size() < 3) return "[" + start + ".." + end + " - 1]";
      std::string step = Operand(*v.children[2]);
      return "[$map([0..$ceil((" + end + " - " + start + ") / " + step + ") - 1], function($i) { " +
             start + " + $i * " + step + " })]";
    }
    if (f == "split") return "[$split(" + Args(v) + ")]";
    if (f == "join") return call("$join");
    if (f == "json_parse") return call("$parse");
    if (f == "json_string") {
      // $string gives a string itself, not its JSON text: wrap any value that may be a
      // string in an object, serialize, and cut the text back out of `{"v":…}`. A missing
      // value (an absent optional field) is null, whose text is "null".
      types::TypeId t = v.children[0]->type;
      const std::string text =
          !IsString(t) && !IsJson(t)
              ? std::string("$string($__v)")
              : std::string(
                    "($__s := $string({\"v\": $__v}); $substring($__s, 5, $length($__s) - 6))");
      return "($__v := " + arg(0) + "; $exists($__v) ? " + text + " : \"null\")";
    }
    if (f == "base64_encode") return call("$base64encode");
    if (f == "base64_decode") return call("$base64decode");
    if (f == "hash") {
      return "$hash(" + arg(0) + ", " + (v.children.size() > 1 ? arg(1) : Quote("SHA-256")) + ")";
    }
    if (f == "format") return Format(v);
    if (f == "abs") return call("$abs");
    if (f == "floor") return call("$floor");
    if (f == "ceil") return call("$ceil");
    if (f == "round") return call("$round");
    if (f == "min") return "$min([" + Args(v) + "])";
    if (f == "max") return "$max([" + Args(v) + "])";
    if (f == "random") {
      std::string lo = Operand(*v.children[0]), hi = Operand(*v.children[1]);
      return "($floor($random() * (" + hi + " - " + lo + ")) + " + lo + ")";
    }
    if (f == "upper") return call("$uppercase");
    if (f == "lower") return call("$lowercase");
    // $trim also collapses inner runs of whitespace; trim() only removes both ends.
    if (f == "trim") return "$replace(" + arg(0) + ", /^\\s+|\\s+$/, \"\")";
    return "null";
  }

  // format("a {} b {}", x, y): a literal template is split at compile time.
  std::string Format(const ir::Value& v) {
    const ir::Value& t = *v.children[0];
    if (t.kind == ValueKind::kString) {
      std::string out;
      size_t arg = 1, pos = 0;
      auto piece = [&](const std::string& s) {
        if (s.empty()) return;
        if (!out.empty()) out += " & ";
        out += Quote(s);
      };
      while (true) {
        size_t hole = t.text.find("{}", pos);
        if (hole == std::string::npos || arg >= v.children.size()) {
          piece(t.text.substr(pos));
          break;
        }
        piece(t.text.substr(pos, hole - pos));
        if (!out.empty()) out += " & ";
        out += "$string(" + Render(*v.children[arg++]) + ")";
        pos = hole + 2;
      }
      return out.empty() ? "\"\"" : "(" + out + ")";
    }
    return "$reduce([" + Args(v, 1) +
           "], function($acc, $v) { $replace($acc, \"{}\", "
           "$string($v), 1) }, " +
           Render(t) + ")";
  }

  const JsonataContext& ctx_;
};

}  // namespace

const std::string& VariableNames::Add(const std::string& name) {
  auto it = names_.find(name);
  if (it != names_.end()) return it->second;
  std::string candidate = name;
  for (int n = 1;
       ReservedNames().count(candidate) || candidate.rfind("__", 0) == 0 || taken_.count(candidate);
       ++n) {
    candidate = name + "_" + (n == 1 ? std::string() : std::to_string(n));
    if (candidate.rfind("__", 0) == 0) candidate = "v" + candidate;
  }
  taken_[candidate] = name;
  return names_[name] = candidate;
}

const std::string& VariableNames::Of(const std::string& name) const {
  auto it = names_.find(name);
  return it == names_.end() ? name : it->second;
}

std::string Jsonata(const ir::Value& value, const JsonataContext& ctx) {
  return JsonataRenderer(ctx).Render(value);
}

std::string Template(const std::string& expression) { return "{% " + expression + " %}"; }

std::string Quote(const std::string& text) { return nlohmann::json(text).dump(); }

}  // namespace caios::aws
