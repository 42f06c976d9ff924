// IR values as JSONPath reference paths, payload templates and intrinsic functions.
#include <algorithm>
#include <cctype>

#include "backends/aws/asl/jsonpath.h"
#include "backends/aws/asl/state_parts.h"

namespace caios::aws {
namespace {

using ir::ValueKind;
using types::TypeKind;
using K = JpValue::Kind;

bool Is(types::TypeId t, TypeKind kind) {
  return t && types::TypeTable::StripOptional(t)->is(kind);
}
bool IsStringish(types::TypeId t) {
  return t && types::TypeTable::StripOptional(t)->is_stringish();
}
bool IsOptional(types::TypeId t) { return t && t->is(TypeKind::kOptional); }

bool IsPlainName(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// Whether a string holds the marker of a DefinitionSubstitutions placeholder
// (placeholders.h): a byte UTF-8 text never holds.
bool HoldsPlaceholder(const Json& j) {
  return j.is_string() && j.get_ref<const std::string&>().find('\xff') != std::string::npos;
}

JpValue Literal(Json j) { return JpValue{K::kLiteral, std::move(j), {}}; }
JpValue Path(std::string p) { return JpValue{K::kPath, nullptr, std::move(p)}; }
JpValue Intrinsic(std::string t) { return JpValue{K::kIntrinsic, nullptr, std::move(t)}; }

class JsonPathRenderer {
 public:
  JsonPathRenderer(const ir::Value& top, const JpScope& scope, JpProblem& problem)
      : scope_(scope), problem_(problem), absent_ok_at_(scope.absent_ok ? &top : nullptr) {}

  bool failed() const { return failed_; }

  // An argument of an intrinsic function: a path, a nested call, or a literal in the intrinsic
  // syntax (objects and arrays stored in the document first, or through States.StringToJson).
  std::string Arg(const JpValue& v) {
    // A filter or projection (a comprehension) is stored first: its quotes and brackets inside
    // an intrinsic's argument list are not read alike by every interpreter.
    if (v.kind == K::kPath && IsQuery(v.text) && scope_.store) return scope_.store(v);
    if (v.dynamic()) return v.text;
    if (v.kind == K::kTemplate) {
      if (scope_.store) return scope_.store(v);
      // Its paths would be read as text: JsonPathValue gives up (see failed_).
      failed_ = true;
      if (!problem_.at) {
        problem_ = JpProblem{nullptr,
                             "an object with computed fields cannot be an argument of an "
                             "intrinsic function here"};
      }
      return "null";
    }
    const Json& j = v.json;
    // An entity's name, ARN or URL (`Docs.name`) is stored first where it can be: in an
    // intrinsic's string literal its placeholder's braces would read as the intrinsic's own.
    if (j.is_string() && HoldsPlaceholder(j) && scope_.store) return scope_.store(v);
    if (j.is_string()) return IntrinsicString(j.get<std::string>());
    if (j.is_object() || j.is_array()) {
      if (scope_.store) return scope_.store(v);
      return "States.StringToJson(" + IntrinsicString(j.dump()) + ")";
    }
    return j.dump();
  }

  std::optional<JpValue> Render(const ir::Value& v) {
    switch (v.kind) {
      case ValueKind::kNull:
        return Literal(nullptr);
      case ValueKind::kBool:
        return Literal(v.boolean);
      case ValueKind::kInt:
        return Literal(v.integer);
      case ValueKind::kNumber:
        return Literal(v.number);
      case ValueKind::kString:
        return Literal(v.text);
      case ValueKind::kVar:
        if (!scope_.variables) return Fail(v, "a variable cannot be read here (only the result)");
        return Path(VariablePath(v.text));
      case ValueKind::kTaskToken:
        return Path("$$.Task.Token");
      case ValueKind::kContext:
        return Path(std::string("$$.") + ContextObjectPath(v.context));
      case ValueKind::kInput:
        if (scope_.input.empty()) return Fail(v, "the state input is not in reach here");
        return Path(scope_.input);
      case ValueKind::kResult:
        if (!scope_.result) return Fail(v, "the task result is not in reach here");
        return *scope_.result;
      case ValueKind::kCaught:
        return Fail(v, "a caught error is only bound by `catch … as`");
      case ValueKind::kResource:
        if (!scope_.resource) return Fail(v, "a resource's attribute cannot be read here");
        return Literal(scope_.resource(v));
      case ValueKind::kField:
        return Field(v);
      case ValueKind::kIndex:
        return Index(v);
      case ValueKind::kObject:
        return Object(v);
      case ValueKind::kArray:
        return Array(v);
      case ValueKind::kConcat:
        return Concat(v);
      case ValueKind::kUnary:
        if (v.unary_op == ir::UnaryOp::kNeg) {
          const ir::Value& x = *v.children[0];
          if (x.kind == ValueKind::kInt) return Literal(-x.integer);
          if (x.kind == ValueKind::kNumber) return Literal(-x.number);
          return Fail(v, "no intrinsic function negates a number");
        }
        if (scope_.chain) return scope_.chain(v);
        return Fail(v, "a boolean computed outside a condition has no JSONPath form here");
      case ValueKind::kBinary:
        return Binary(v);
      case ValueKind::kBuiltin:
        return Builtin(v);
      case ValueKind::kElement:
        return Fail(v, "a comprehension's element is read only in its filter or projection");
      case ValueKind::kComprehension:
        return Comprehension(v);
    }
    return Fail(v, "unknown value");
  }

 private:
  std::optional<JpValue> Fail(const ir::Value& v, std::string reason) {
    if (!problem_.at) problem_ = JpProblem{&v, std::move(reason)};
    return std::nullopt;
  }

  // Whether `v` reads a field or element of a `json` value: its shape is known only at run
  // time, and an absent one reads as null in the language.
  static bool ReadsJson(const ir::Value& v) {
    const ir::Value& object = *v.children[0];
    return object.kind != ValueKind::kInput && Is(object.type, TypeKind::kJson);
  }

  // A path to a field or element that may be missing, outside a Choice rule that guards it:
  // read null-safely into the document first (a reference path to a missing field fails the
  // state with States.Runtime).
  std::optional<JpValue> MaybeAbsent(const ir::Value& v, JpValue path, bool guarded) {
    if (guarded || path.kind != K::kPath) return path;
    if (!scope_.absent) {
      return Fail(v,
                  "this field of a `json` value may be absent, and a JSONPath reference to a "
                  "missing field fails the state; give it a default first (`x.f ?? …`)");
    }
    return Path(scope_.absent(path.text));
  }

  // A path that reads a value the language allows to be absent would fail the state
  // (JSONPath has no "missing is null"): see MaybeAbsent.
  std::optional<JpValue> Field(const ir::Value& v) {
    const ir::Value& object = *v.children[0];
    // Only the value a Choice rule tests (and the fields on its way) may be absent: the rule
    // guards it with IsPresent. Inside anything computed first it would fail that state.
    // A null-safe read of a field of a `json` value guards the fields on its way the same way.
    const bool absent_ok = &v == absent_ok_at_;
    const bool json = ReadsJson(v);
    if (absent_ok || json) absent_ok_at_ = &object;
    auto base = Render(object);
    if (!base) return std::nullopt;
    if (json && base->kind == K::kPath) {
      if (auto path = PathOfField(v, *base)) return MaybeAbsent(v, *path, absent_ok);
      return std::nullopt;
    }
    if (base->kind != K::kPath) {
      return Fail(v, "a field of a computed value has no JSONPath form");
    }
    if (IsOptional(v.type) && object.kind != ValueKind::kInput && !absent_ok) {
      return Fail(v,
                  "this field may be absent, and a JSONPath reference to a missing field fails "
                  "the state; give it a default first (`let v = x.f ?? …`) or use JSONata");
    }
    return PathOfField(v, *base);
  }

  std::optional<JpValue> PathOfField(const ir::Value& v, const JpValue& base) {
    if (!IsPlainName(v.text)) {
      // Inside `['…']` the engines read no escapes alike: a quote or a backslash has no form.
      if (v.text.find_first_of("'\\") != std::string::npos) {
        return Fail(v, "a field name with a quote or a backslash cannot be written in a JSONPath");
      }
      return Path(base.text + "['" + v.text + "']");
    }
    return Path(base.text + "." + v.text);
  }

  std::optional<JpValue> Index(const ir::Value& v) {
    // `j["k"]` and `j[0]` of a `json` value: like a field (see Field).
    const bool absent_ok = &v == absent_ok_at_;
    const bool json = ReadsJson(v) && IsConstantIndex(*v.children[1]);
    if (absent_ok || json) absent_ok_at_ = v.children[0].get();
    auto base = Render(*v.children[0]);
    if (!base) return std::nullopt;
    const ir::Value& index = *v.children[1];
    if (index.kind == ValueKind::kString && base->kind == K::kPath) {
      if (index.text.find_first_of("'\\") != std::string::npos) {
        return Fail(v, "a field name with a quote or a backslash cannot be written in a JSONPath");
      }
      JpValue path = Path(base->text + "['" + index.text + "']");
      return json ? MaybeAbsent(v, std::move(path), absent_ok) : path;
    }
    if (index.kind == ValueKind::kInt && index.integer >= 0 && base->kind == K::kPath) {
      JpValue path = Path(base->text + "[" + std::to_string(index.integer) + "]");
      return json ? MaybeAbsent(v, std::move(path), absent_ok) : path;
    }
    if (Is(index.type, TypeKind::kInt)) {
      auto i = Render(index);
      if (!i) return std::nullopt;
      const std::string xs = Arg(*base);
      if (i->kind == K::kLiteral && i->json.is_number_integer() && i->json.get<int64_t>() < 0) {
        // A constant index below zero counts from the end, as in JSONata. (A computed one is
        // taken as it is: States.ArrayGetItem fails on a negative index.)
        return Intrinsic("States.ArrayGetItem(" + xs + ", States.MathAdd(States.ArrayLength(" + xs +
                         "), " + i->json.dump() + "))");
      }
      return Intrinsic("States.ArrayGetItem(" + xs + ", " + Arg(*i) + ")");
    }
    return Fail(v, "indexing with a computed string has no JSONPath form");
  }

  static bool IsConstantIndex(const ir::Value& index) {
    return index.kind == ValueKind::kString ||
           (index.kind == ValueKind::kInt && index.integer >= 0);
  }

  std::optional<JpValue> Object(const ir::Value& v) {
    Json out = Json::object();
    bool constant = true;
    for (size_t i = 0; i < v.keys.size(); ++i) {
      if (v.keys[i].size() >= 2 && v.keys[i].ends_with(".$")) {
        return Fail(v, "a field name ending in `.$` would be read as a path in JSONPath");
      }
      auto field = Render(*v.children[i]);
      if (!field) return std::nullopt;
      constant = constant && field->kind == K::kLiteral;
      PutTemplateField(out, v.keys[i], *field);
    }
    return JpValue{constant ? K::kLiteral : K::kTemplate, std::move(out), {}};
  }

  std::optional<JpValue> Array(const ir::Value& v) {
    std::vector<JpValue> items;
    bool constant = true;
    for (const auto& child : v.children) {
      auto item = Render(*child);
      if (!item) return std::nullopt;
      if (item->kind == K::kTemplate && !scope_.store) {
        return Fail(*child,
                    "an array element built from an object with computed fields has "
                    "no JSONPath form (States.Array takes paths and literals)");
      }
      constant = constant && item->kind == K::kLiteral;
      items.push_back(std::move(*item));
    }
    if (constant) {
      Json out = Json::array();
      for (JpValue& item : items) out.push_back(std::move(item.json));
      return Literal(std::move(out));
    }
    std::string call = "States.Array(";
    for (size_t i = 0; i < items.size(); ++i) call += (i ? ", " : "") + Arg(items[i]);
    return Intrinsic(call + ")");
  }

  // Interpolation: States.Format with the literal parts in the template.
  std::optional<JpValue> Concat(const ir::Value& v) {
    std::vector<std::string> pieces(1);  // the literal text around each hole
    std::string args;
    std::vector<JpValue> parts;
    for (const auto& child : v.children) {
      auto part = Render(*child);
      if (!part) return std::nullopt;
      parts.push_back(std::move(*part));
    }
    // Only literals and entities' attributes: one string, with the placeholders inside it.
    const bool constant = std::all_of(parts.begin(), parts.end(), [](const JpValue& p) {
      return p.kind == K::kLiteral && !p.json.is_object() && !p.json.is_array();
    });
    for (size_t i = 0; i < parts.size(); ++i) {
      const ir::ValuePtr& child = v.children[i];
      std::optional<JpValue> part = std::move(parts[i]);
      const bool placeholder = part->kind == K::kLiteral && HoldsPlaceholder(part->json);
      if (part->kind == K::kLiteral && !part->json.is_object() && !part->json.is_array() &&
          (constant || !placeholder)) {
        pieces.back() += part->json.is_string() ? part->json.get<std::string>() : part->json.dump();
        continue;
      }
      if (part->kind == K::kTemplate || (part->kind == K::kLiteral && !placeholder)) {
        return Fail(*child, "an object or array cannot be interpolated in JSONPath");
      }
      pieces.emplace_back();
      args += ", " + Arg(*part);
    }
    if (pieces.size() == 1) return Literal(pieces.front());
    return Intrinsic("States.Format(" + FormatPattern(pieces) + args + ")");
  }

  std::optional<JpValue> Binary(const ir::Value& v) {
    const ir::Value& a = *v.children[0];
    const ir::Value& c = *v.children[1];
    using B = ir::BinaryOp;
    // The parameters of a flow or an iteration are read with null defaults already merged in.
    if (v.binary_op == B::kCoalesce && c.kind == ValueKind::kNull && ReadsInputField(a)) {
      return Render(a);
    }
    if (v.binary_op == B::kIn && Is(c.type, TypeKind::kArray)) {
      auto x = Render(a), xs = Render(c);
      if (!x || !xs) return std::nullopt;
      return Intrinsic("States.ArrayContains(" + Arg(*xs) + ", " + Arg(*x) + ")");
    }
    if (v.binary_op == B::kAdd && IsStringish(a.type) && IsStringish(c.type)) {
      auto x = Render(a), y = Render(c);
      if (!x || !y) return std::nullopt;
      return Intrinsic("States.Format('{}{}', " + Arg(*x) + ", " + Arg(*y) + ")");
    }
    if (IsIntSum(v)) return IntSum(v);
    switch (v.binary_op) {
      case B::kAdd:
      case B::kSub:
        return Fail(v, "JSONPath adds whole numbers only (States.MathAdd)");
      case B::kMul:
      case B::kDiv:
      case B::kMod:
        return Fail(v, "no intrinsic function multiplies, divides or takes a remainder");
      default:
        if (scope_.chain) return scope_.chain(v);
        return Fail(v, v.binary_op == B::kCoalesce
                           ? "`??` has no JSONPath form here"
                           : "a boolean computed outside a condition has no JSONPath form here");
    }
  }

  static bool IsIntSum(const ir::Value& v) {
    return v.kind == ValueKind::kBinary &&
           (v.binary_op == ir::BinaryOp::kAdd || v.binary_op == ir::BinaryOp::kSub) &&
           Is(v.children[0]->type, TypeKind::kInt) && Is(v.children[1]->type, TypeKind::kInt);
  }

  // `a + b - 1 + c …` on whole numbers: nested States.MathAdd, built along the chain's left
  // spine without recursion (a sum of a thousand operands would otherwise nest a thousand
  // Render frames).
  std::optional<JpValue> IntSum(const ir::Value& v) {
    std::vector<const ir::Value*> spine;  // the sums, outermost first
    const ir::Value* leftmost = &v;
    while (IsIntSum(*leftmost)) {
      spine.push_back(leftmost);
      leftmost = leftmost->children[0].get();
    }
    auto acc = Render(*leftmost);
    if (!acc) return std::nullopt;
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
      const ir::Value& sum = **it;
      const ir::Value& c = *sum.children[1];
      std::string right;
      if (sum.binary_op == ir::BinaryOp::kSub) {
        if (c.kind != ValueKind::kInt) {
          return Fail(sum, "JSONPath subtracts only a literal (States.MathAdd with its negation)");
        }
        right = std::to_string(-c.integer);
      } else {
        auto y = Render(c);
        if (!y) return std::nullopt;
        right = Arg(*y);
      }
      acc = Intrinsic("States.MathAdd(" + Arg(*acc) + ", " + right + ")");
    }
    return acc;
  }

  bool ReadsInputField(const ir::Value& v) const {
    return v.kind == ValueKind::kField && v.children[0]->kind == ValueKind::kInput &&
           !scope_.input.empty();
  }

  std::optional<JpValue> Call(const ir::Value& v, const std::string& fn) {
    std::string call = fn + "(";
    for (size_t i = 0; i < v.children.size(); ++i) {
      auto a = Render(*v.children[i]);
      if (!a) return std::nullopt;
      call += (i ? ", " : "") + Arg(*a);
    }
    return Intrinsic(call + ")");
  }

  std::optional<JpValue> Builtin(const ir::Value& v) {
    const std::string& f = v.text;
    if (f == "uuid") return Intrinsic("States.UUID()");
    if (f.rfind("is_", 0) == 0) {
      return Fail(v,
                  "a type test is a Choice rule in JSONPath: use it as the condition of an `if` "
                  "or a `while`");
    }
    if (f == "now") return Path("$$.State.EnteredTime");
    // A `json` value is taken for an array (checked when the state runs, like every `json`).
    if (f == "len" &&
        (Is(v.children[0]->type, TypeKind::kArray) || Is(v.children[0]->type, TypeKind::kJson))) {
      return Call(v, "States.ArrayLength");
    }
    if (f == "merge") {
      auto a = Render(*v.children[0]), c = Render(*v.children[1]);
      if (!a || !c) return std::nullopt;
      if ((a->kind == K::kTemplate || c->kind == K::kTemplate) && !scope_.store) {
        return Fail(v, "merge takes paths or constant objects here");
      }
      return Intrinsic("States.JsonMerge(" + Arg(*a) + ", " + Arg(*c) + ", false)");
    }
    if (f == "contains" && Is(v.children[0]->type, TypeKind::kArray)) {
      return Call(v, "States.ArrayContains");
    }
    if (f == "range") {
      std::vector<int64_t> bounds;
      for (const auto& c : v.children) {
        std::optional<int64_t> bound = IntLiteral(*c);
        if (!bound) return ComputedRange(v);
        bounds.push_back(*bound);
      }
      int64_t step = bounds.size() > 2 ? bounds[2] : 1;
      Json out = Json::array();
      for (int64_t i = bounds[0]; step > 0 ? i < bounds[1] : i > bounds[1]; i += step) {
        out.push_back(i);
        if (out.size() > 1000) return Fail(v, "a literal range of more than 1000 numbers");
      }
      return Literal(std::move(out));
    }
    if (f == "split") {
      const ir::Value& sep = *v.children[1];
      if (sep.kind != ValueKind::kString || sep.text.size() != 1) {
        return Fail(v,
                    "JSONPath splits at a literal one-character separator (States.StringSplit "
                    "splits at each character of its second argument)");
      }
      return Call(v, "States.StringSplit");
    }
    if (f == "json_parse") return Call(v, "States.StringToJson");
    if (f == "json_string") {
      auto a = Render(*v.children[0]);
      if (!a) return std::nullopt;
      if (a->kind == K::kPath) return Intrinsic("States.JsonToString(" + a->text + ")");
      if (!scope_.store) return Fail(v, "States.JsonToString takes a path");
      return Intrinsic("States.JsonToString(" + scope_.store(*a) + ")");
    }
    // States.MathRandom's end is exclusive (AWS's intrinsic functions reference), as `random`'s.
    if (f == "random") return Call(v, "States.MathRandom");
    if (f == "join") {
      return Fail(v,
                  "no intrinsic function joins an array (States.Format takes a fixed number of "
                  "values)");
    }
    if (f == "base64_encode") return Call(v, "States.Base64Encode");
    if (f == "base64_decode") return Call(v, "States.Base64Decode");
    if (f == "hash") {
      auto s = Render(*v.children[0]);
      if (!s) return std::nullopt;
      std::string alg = "'SHA-256'";
      if (v.children.size() > 1) {
        auto a = Render(*v.children[1]);
        if (!a) return std::nullopt;
        alg = Arg(*a);
      }
      return Intrinsic("States.Hash(" + Arg(*s) + ", " + alg + ")");
    }
    if (f == "format") {
      const ir::Value& t = *v.children[0];
      if (t.kind != ValueKind::kString) return Fail(v, "JSONPath formats a literal template only");
      // `{}` holes are States.Format's own; every other brace is escaped.
      std::vector<std::string> pieces(1);
      for (size_t i = 0; i < t.text.size(); ++i) {
        if (t.text.compare(i, 2, "{}") == 0) {
          pieces.emplace_back();
          ++i;
        } else {
          pieces.back() += t.text[i];
        }
      }
      std::string call = "States.Format(" + FormatPattern(pieces);
      for (size_t i = 1; i < v.children.size(); ++i) {
        auto a = Render(*v.children[i]);
        if (!a) return std::nullopt;
        if (!a->dynamic() && (a->json.is_object() || a->json.is_array())) {
          return Fail(*v.children[i], "an object or array cannot be formatted in JSONPath");
        }
        call += ", " + Arg(*a);
      }
      return Intrinsic(call + ")");
    }
    return Fail(v, "`" + f + "` has no intrinsic function");
  }

  // `range(a, b, step)` with a computed bound: States.ArrayRange, whose end is inclusive, with
  // the end moved one step of 1 towards the start; an empty range (which ArrayRange's reference
  // leaves undefined) is told apart first by a Choice (JsonPathEmitter::Chain). The step must be
  // a literal: its sign decides the comparison and the end's adjustment.
  std::optional<JpValue> ComputedRange(const ir::Value& v) {
    if (v.children.size() > 2 && !IntLiteral(*v.children[2])) {
      return Fail(*v.children[2],
                  "JSONPath takes a computed `range` with a literal step (its sign decides how "
                  "States.ArrayRange's inclusive end is moved)");
    }
    if (v.children.size() > 2 && *IntLiteral(*v.children[2]) == 0) {
      return Fail(*v.children[2], "a `range` with a step of 0 has no end");
    }
    if (!scope_.chain) {
      return Fail(v,
                  "a `range` with computed bounds needs a Choice state before this one "
                  "(empty ranges), which cannot be added here");
    }
    return scope_.chain(v);
  }

  // [e for x in xs if c] on a path `xs`: a filter expression `xs[?(c)]` and a projection
  // `[*].f` (Jayway JsonPath, which Step Functions evaluates `.$` paths with, gives an array for
  // both, also of one element or none). `c` compares a field of the element with a literal
  // (Filter); `e` is the element or a field path of it.
  std::optional<JpValue> Comprehension(const ir::Value& v) {
    auto source = Render(*v.children[0]);
    if (!source) return std::nullopt;
    // A computed array, or one that is itself a filter or projection (whose own `[?()]` a
    // second filter would apply to differently in Jayway and jsonpath-plus), is stored first.
    if (source->kind != K::kPath || IsQuery(source->text)) {
      if (!scope_.store) {
        return Fail(*v.children[0], "JSONPath filters and projects an array held in a path only");
      }
      source = Path(scope_.store(*source));
    }
    std::string projection;
    if (!ElementPath(*v.children[1], v.text, projection)) {
      const ir::Value& e = *v.children[1];
      if (e.kind == ValueKind::kField && (IsOptional(e.type) || Is(e.type, TypeKind::kJson))) {
        return Fail(e,
                    "a projection leaves out the elements that lack the field, where the "
                    "language gives null: project only fields that are always present");
      }
      return Fail(*v.children[1],
                  "JSONPath maps an element only to itself or a field of it (`[o.id for o in "
                  "xs]`, a projection); objects and other computed values need JSONata");
    }
    if (v.children.size() > 2) {
      // `a and b and c`: a filter per comparison, each on the stored result of the one before
      // (a filter expression holds one comparison).
      std::vector<const ir::Value*> parts;
      Conjuncts(*v.children[2], parts, 0);
      std::string path = source->text;
      for (size_t i = 0; i < parts.size(); ++i) {
        std::string filter;
        if (!Filter(*parts[i], v.text, filter)) return std::nullopt;
        path += "[?(" + filter + ")]";
        if (i + 1 == parts.size()) break;
        if (!scope_.store) {
          return Fail(*v.children[2], "a JSONPath filter is one comparison here (no `and`)");
        }
        path = scope_.store(Path(path));
      }
      return Path(path + projection);
    }
    if (projection.empty()) return source;
    return Path(source->text + "[*]" + projection);
  }

  // `x` or `x.a.b` of the element `x` (`element`, the comprehension's own), with fields that are
  // always present (Jayway leaves an element without the field out of a projection): `.a.b` (empty
  // for `x`).
  static bool ElementPath(const ir::Value& v, const std::string& element, std::string& out) {
    if (v.kind == ValueKind::kElement) return v.text == element;
    if (v.kind != ValueKind::kField || !IsPlainName(v.text) || IsOptional(v.type) ||
        Is(v.type, TypeKind::kJson) || !ElementPath(*v.children[0], element, out)) {
      return false;
    }
    out += "." + v.text;
    return true;
  }

  // A condition of a comprehension as a filter expression over `@`, in the forms the States
  // Language's path grammar takes (asl-validator's, which aws-local-stepfunctions applies too):
  // one comparison `==`, `<`, `<=`, `>`, `>=` of a field `@.f` with a string, whole number or
  // boolean literal, or of a deeper path (`@.a.b`, `@`) with a whole number; a `bool` field alone
  // is `@.f == true`. No `!=`, `&&` or `||`.
  bool Filter(const ir::Value& c, const std::string& element, std::string& out) {
    using B = ir::BinaryOp;
    std::string path;
    if (ElementPath(c, element, path) && Is(c.type, TypeKind::kBool) && IsOneField(path)) {
      out = "@" + path + " == true";
      return true;
    }
    const char* op = nullptr;
    const char* mirrored = nullptr;
    if (c.kind == ValueKind::kBinary) {
      switch (c.binary_op) {
        case B::kEq:
          op = mirrored = "==";
          break;
        case B::kLt:
          op = "<", mirrored = ">";
          break;
        case B::kLe:
          op = "<=", mirrored = ">=";
          break;
        case B::kGt:
          op = ">", mirrored = "<";
          break;
        case B::kGe:
          op = ">=", mirrored = "<=";
          break;
        default:
          break;
      }
    }
    if (op == nullptr) {
      if (c.kind == ValueKind::kBinary && c.binary_op == B::kAnd) {
        Fail(c, "`and` nested this deep inside parentheses");
        return false;
      }
      const bool logical =
          c.kind == ValueKind::kBinary && (c.binary_op == B::kOr || c.binary_op == B::kNe);
      Fail(c, logical ? "`or` and `!=` have no form in the States Language's filter "
                        "expressions (one comparison each; `and` is a filter after a filter)"
                      : "a JSONPath filter compares a field of the element with a literal "
                        "(`o.total > 10`, `o.status == \"paid\"`); other conditions need JSONata");
      return false;
    }
    // `literal op x.f` is `@.f mirrored literal`: the path on the left.
    std::string lhs, rhs;
    bool whole_number = false;
    auto literal = [&whole_number](const ir::Value& x, std::string& text) {
      if (std::optional<int64_t> n = IntLiteral(x)) {
        text = std::to_string(*n);
        whole_number = true;
        return true;
      }
      if (x.kind == ValueKind::kBool) {
        text = x.boolean ? "true" : "false";
        return true;
      }
      // Inside '…' the engines read no escapes alike, and aws-local-stepfunctions'
      // jsonpath-plus cuts a filter at `)]` and rewrites `@` even inside a string.
      if (x.kind == ValueKind::kString && x.text.find_first_of("'\\()[]@$") == std::string::npos) {
        text = "'" + x.text + "'";
        return true;
      }
      return false;
    };
    const ir::Value& a = *c.children[0];
    const ir::Value& b = *c.children[1];
    bool ok = false;
    if (ElementPath(a, element, lhs) && literal(b, rhs)) {
      ok = true;
    } else if (ElementPath(b, element, lhs) && literal(a, rhs)) {
      ok = true;
      op = mirrored;
    }
    if (ok && (whole_number || IsOneField(lhs))) {
      out = "@" + lhs + " " + op + " " + rhs;
      return true;
    }
    Fail(c, ok ? "a JSONPath filter compares a nested field or the element itself only with a "
                 "whole number"
               : "a JSONPath filter compares a field of the element with a literal (`o.total > "
                 "10`, `o.status == \"paid\"`; numbers whole); other conditions need JSONata");
    return false;
  }

  // The operands of a chain of `and`s, left to right. `a and b and c` nests to the left, which is
  // walked without recursion; a parenthesised `and` on the right recurses, up to 32 levels
  // (deeper ones stay whole, and Filter reports them).
  static void Conjuncts(const ir::Value& c, std::vector<const ir::Value*>& out, int depth) {
    auto is_and = [](const ir::Value& v) {
      return v.kind == ValueKind::kBinary && v.binary_op == ir::BinaryOp::kAnd;
    };
    std::vector<const ir::Value*> rights;
    const ir::Value* left = &c;
    while (is_and(*left)) {
      rights.push_back(left->children[1].get());
      left = left->children[0].get();
    }
    out.push_back(left);
    for (auto it = rights.rbegin(); it != rights.rend(); ++it) {
      if (is_and(**it) && depth < 32) {
        Conjuncts(**it, out, depth + 1);
      } else {
        out.push_back(*it);
      }
    }
  }

  // `.f`: one field of the element.
  static bool IsOneField(const std::string& path) {
    return !path.empty() && path.find('.', 1) == std::string::npos;
  }

  static bool IsQuery(const std::string& path) {
    return path.find("[?(") != std::string::npos || path.find("[*]") != std::string::npos;
  }

  // A States.Format template: the literal pieces, escaped, with a `{}` hole between each two.
  static std::string FormatPattern(const std::vector<std::string>& pieces) {
    std::string out = "'";
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (i) out += "{}";
      const std::string quoted = IntrinsicString(pieces[i]);
      out += quoted.substr(1, quoted.size() - 2);
    }
    return out + "'";
  }

  const JpScope& scope_;
  JpProblem& problem_;
  bool failed_ = false;            // an argument could not be written: the whole value has no form
  const ir::Value* absent_ok_at_;  // the field that may be absent (see Field)
};

}  // namespace

std::string VariablePath(const std::string& name) { return "$.vars." + name + ".v"; }

std::optional<int64_t> IntLiteral(const ir::Value& v) {
  if (v.kind == ValueKind::kInt) return v.integer;
  if (v.kind == ValueKind::kUnary && v.unary_op == ir::UnaryOp::kNeg &&
      v.children[0]->kind == ValueKind::kInt) {
    return -v.children[0]->integer;
  }
  return std::nullopt;
}

std::string IntrinsicString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '{' || c == '}' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

void PutTemplateField(Json& object, const std::string& key, const JpValue& v) {
  if (v.dynamic()) {
    object[key + ".$"] = v.text;
  } else {
    object[key] = v.json;
  }
}

Json BoxedTemplate(const JpValue& v) {
  Json box = Json::object();
  PutTemplateField(box, "v", v);
  return box;
}

std::optional<JpValue> JsonPathValue(const ir::Value& v, const JpScope& scope, JpProblem& problem) {
  JsonPathRenderer renderer(v, scope, problem);
  auto out = renderer.Render(v);
  if (renderer.failed()) return std::nullopt;
  return out;
}

}  // namespace caios::aws
