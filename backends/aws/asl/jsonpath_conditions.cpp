// Conditions as JSONPath Choice rules: comparisons of a path with a literal or another path,
// And/Or/Not, IsNull/IsPresent, the type tests (IsString, …); other boolean values are computed
// before the Choice.
#include "backends/aws/asl/jsonpath.h"

namespace caios::aws {
namespace {

using ir::BinaryOp;
using ir::ValueKind;
using types::TypeKind;
using K = JpValue::Kind;

// The comparison family of a type: String, Numeric or Boolean; empty when there is none.
std::string Family(types::TypeId t) {
  if (!t) return "";
  types::TypeId s = types::TypeTable::StripOptional(t);
  if (s->is_stringish()) return "String";
  if (s->is(TypeKind::kInt) || s->is(TypeKind::kNumber)) return "Numeric";
  if (s->is(TypeKind::kBool)) return "Boolean";
  return "";
}

std::string FamilyOfLiteral(const Json& j) {
  if (j.is_string()) return "String";
  if (j.is_number()) return "Numeric";
  if (j.is_boolean()) return "Boolean";
  return "";
}

// a OP b ⇔ b FLIP(OP) a.
BinaryOp Flip(BinaryOp op) {
  switch (op) {
    case BinaryOp::kLt:
      return BinaryOp::kGt;
    case BinaryOp::kLe:
      return BinaryOp::kGe;
    case BinaryOp::kGt:
      return BinaryOp::kLt;
    case BinaryOp::kGe:
      return BinaryOp::kLe;
    default:
      return op;
  }
}

std::string OperatorName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kLt:
      return "LessThan";
    case BinaryOp::kLe:
      return "LessThanEquals";
    case BinaryOp::kGt:
      return "GreaterThan";
    case BinaryOp::kGe:
      return "GreaterThanEquals";
    default:
      return "Equals";
  }
}

// Always true: the state input is always present.
Json True() { return Json{{"Variable", "$"}, {"IsPresent", true}}; }
Json Not(Json rule) { return Json{{"Not", std::move(rule)}}; }

// An optional field, or a `json` one (whose type does not say), or an element of a `json`
// value at a constant index or key: it may be missing.
bool MayBeAbsent(const ir::Value& v) {
  if (v.kind == ValueKind::kIndex) {
    const ir::Value& object = *v.children[0];
    const ir::Value& index = *v.children[1];
    return object.kind != ValueKind::kInput && object.type &&
           types::TypeTable::StripOptional(object.type)->is(TypeKind::kJson) &&
           (index.kind == ValueKind::kString ||
            (index.kind == ValueKind::kInt && index.integer >= 0));
  }
  return v.kind == ValueKind::kField && v.type &&
         (v.type->is(TypeKind::kOptional) || v.type->is(TypeKind::kJson));
}

class Conditions {
 public:
  Conditions(const JpScope& scope, const std::function<std::string(const JpValue&)>& materialize,
             JpProblem& problem)
      : scope_(scope), materialize_(materialize), problem_(problem) {
    scope_.absent_ok = true;
  }

  std::optional<Json> Rule(const ir::Value& c) {
    if (c.kind == ValueKind::kBool) return c.boolean ? True() : Not(True());
    if (c.kind == ValueKind::kUnary && c.unary_op == ir::UnaryOp::kNot) {
      auto inner = Rule(*c.children[0]);
      if (!inner) return std::nullopt;
      return Not(std::move(*inner));
    }
    if (c.kind == ValueKind::kBinary) {
      switch (c.binary_op) {
        case BinaryOp::kAnd:
        case BinaryOp::kOr: {
          auto a = Rule(*c.children[0]);
          ++right_of_guard_;
          auto d = Rule(*c.children[1]);
          --right_of_guard_;
          if (!a || !d) return std::nullopt;
          const char* key = c.binary_op == BinaryOp::kAnd ? "And" : "Or";
          Json all = Json::array();
          for (Json* r : {&*a, &*d}) {
            if (r->contains(key)) {
              for (Json& x : (*r)[key]) all.push_back(std::move(x));
            } else {
              all.push_back(std::move(*r));
            }
          }
          return Json{{key, std::move(all)}};
        }
        case BinaryOp::kEq:
        case BinaryOp::kNe:
        case BinaryOp::kLt:
        case BinaryOp::kLe:
        case BinaryOp::kGt:
        case BinaryOp::kGe:
          return Compare(c);
        case BinaryOp::kIn:
          if (!c.children[1]->type->is(TypeKind::kArray) &&
              c.children[0]->kind == ValueKind::kString) {
            return Present(c);
          }
          break;
        default:
          break;
      }
    }
    if (c.kind == ValueKind::kBuiltin && c.text.rfind("is_", 0) == 0) return TypeTest(c);
    if (c.kind == ValueKind::kBuiltin && c.text == "contains" &&
        types::TypeTable::StripOptional(c.children[0]->type)->is_stringish() &&
        c.children[1]->kind == ValueKind::kString) {
      return Substring(c);
    }
    // Any other boolean: its value, computed before the Choice, must be true. (Not through a
    // Choice chain: that would test this very condition again.)
    JpScope strict = scope_;
    strict.chain = nullptr;
    strict.absent_ok = false;
    auto value = JsonPathValue(c, strict, problem_);
    if (!value || ComputedTooEarly(c, c, *value)) return std::nullopt;
    return Json{{"Variable", Operand(*value)}, {"BooleanEquals", true}};
  }

 private:
  std::string Operand(const JpValue& v) { return v.kind == K::kPath ? v.text : materialize_(v); }

  // A computed operand is evaluated by a Pass before the Choice tests anything, so on the
  // right of `and`/`or` it must not read a value that only the left side proves non-null
  // (docs/language.md, "Null checks narrow").
  bool ComputedTooEarly(const ir::Value& c, const ir::Value& operand, const JpValue& v) {
    if (right_of_guard_ == 0 || v.kind == K::kPath || !ReadsGuarded(operand)) return false;
    Fail(c,
         "computes a value before the Choice state that only the null check on the left of "
         "`and`/`or` makes safe to read; test it in a nested `if` or use JSONata");
    return true;
  }
  static bool ReadsGuarded(const ir::Value& v) {
    if (v.guard_narrowed) return true;
    for (const ir::ValuePtr& child : v.children) {
      if (ReadsGuarded(*child)) return true;
    }
    return false;
  }

  // `"k" in o`: the field is present.
  std::optional<Json> Present(const ir::Value& c) {
    auto object = JsonPathValue(*c.children[1], scope_, problem_);
    if (!object || ComputedTooEarly(c, *c.children[1], *object)) return std::nullopt;
    const std::string& key = c.children[0]->text;
    if (key.find('\'') != std::string::npos) {
      if (!problem_.at)
        problem_ = {&c, "a field name with a quote cannot be written in a JSONPath"};
      return std::nullopt;
    }
    return Json{{"Variable", Operand(*object) + "['" + key + "']"}, {"IsPresent", true}};
  }

  std::optional<Json> Compare(const ir::Value& c) {
    const ir::Value* a = c.children[0].get();
    const ir::Value* d = c.children[1].get();
    BinaryOp op = c.binary_op;
    auto x = JsonPathValue(*a, scope_, problem_);
    auto y = JsonPathValue(*d, scope_, problem_);
    if (!x || !y) return std::nullopt;
    // The literal (if any) goes on the right.
    if (x->kind == K::kLiteral && y->kind != K::kLiteral) {
      std::swap(a, d);
      std::swap(x, y);
      op = Flip(op);
    }
    if (x->kind == K::kLiteral) {
      // Both constant: decide now with the same rule on a constant.
      return Fail(c, "compares two constants");
    }
    if (ComputedTooEarly(c, *a, *x) || ComputedTooEarly(c, *d, *y)) return std::nullopt;
    const std::string variable = Operand(*x);
    const bool equality = op == BinaryOp::kEq || op == BinaryOp::kNe;
    if (y->kind == K::kLiteral && y->json.is_null()) {
      if (!equality) return Fail(c, "orders a value against null");
      return op == BinaryOp::kNe ? NotNullRule(*a, variable) : IsNullRule(*a, variable);
    }
    Json rule;
    std::string other;
    if (y->kind == K::kLiteral) {
      std::string family = Family(a->type);
      if (family.empty()) family = FamilyOfLiteral(y->json);
      if (family.empty() || FamilyOfLiteral(y->json) != family) {
        return Fail(c, "JSONPath compares strings, numbers and booleans only");
      }
      if (family == "Boolean" && !equality) return Fail(c, "orders booleans");
      rule = Json{{"Variable", variable}, {family + OperatorName(op), y->json}};
    } else {
      std::string family = Family(a->type);
      if (family.empty()) family = Family(d->type);
      if (family.empty()) {
        return Fail(c,
                    "JSONPath compares two values only when their type is known to be a "
                    "string, number or boolean");
      }
      if (family == "Boolean" && !equality) return Fail(c, "orders booleans");
      other = Operand(*y);
      rule = Json{{"Variable", variable}, {family + OperatorName(op) + "Path", other}};
    }
    // A typed comparison with null is a runtime error (or false) in Step Functions, so an
    // optional operand is tested first: the comparison holds only between two values, and
    // `==` also holds between two nulls, as in the language.
    const bool a_null = Nullable(*a), d_null = !other.empty() && Nullable(*d);
    if (a_null || d_null) {
      Json all = Json::array();
      auto add = [&](Json r) {
        if (!r.contains("And")) return all.push_back(std::move(r));
        for (Json& x : r["And"]) all.push_back(std::move(x));
      };
      if (a_null) add(NotNullRule(*a, variable));
      if (d_null) add(NotNullRule(*d, other));
      add(std::move(rule));
      rule = Json{{"And", std::move(all)}};
      if (equality && a_null && d_null) {
        Json both_null{{"And", Json::array({IsNullRule(*a, variable), IsNullRule(*d, other)})}};
        rule = Json{{"Or", Json::array({std::move(both_null), std::move(rule)})}};
      }
    }
    return op == BinaryOp::kNe ? Not(std::move(rule)) : rule;
  }

  // An optional value is null when it is; an optional field also when it is absent, which the
  // language reads as null. (`Or`/`And` stop at the first decisive rule, so IsNull never
  // looks at an absent field.)
  static bool Nullable(const ir::Value& v) {
    return v.type && (v.type->is(TypeKind::kOptional) || MayBeAbsent(v));
  }
  static Json IsNullRule(const ir::Value& v, const std::string& path) {
    // `"IsNull": false` means "not null" in the States Language, but some interpreters read it
    // as never true: negations are written out with Not.
    Json null{{"Variable", path}, {"IsNull", true}};
    if (!MayBeAbsent(v)) return null;
    Json absent = Not(Json{{"Variable", path}, {"IsPresent", true}});
    return Json{{"Or", Json::array({std::move(absent), std::move(null)})}};
  }
  static Json NotNullRule(const ir::Value& v, const std::string& path) {
    Json not_null = Not(Json{{"Variable", path}, {"IsNull", true}});
    if (!MayBeAbsent(v)) return not_null;
    Json present{{"Variable", path}, {"IsPresent", true}};
    return Json{{"And", Json::array({std::move(present), std::move(not_null)})}};
  }

  // `is_string(x)` …: the States Language's IsString, IsNumeric, IsBoolean, IsTimestamp and
  // IsNull. A value that may be absent is tested present first (a rule on a missing path fails
  // the state); absent counts as null, as for `x == null` (docs/language.md, "Type tests").
  std::optional<Json> TypeTest(const ir::Value& c) {
    const std::string& f = c.text;
    const char* test = f == "is_string"      ? "IsString"
                       : f == "is_number"    ? "IsNumeric"
                       : f == "is_bool"      ? "IsBoolean"
                       : f == "is_timestamp" ? "IsTimestamp"
                       : f == "is_null"      ? "IsNull"
                                             : nullptr;
    if (test == nullptr) {
      return Fail(c, "tests `" + f +
                         "`, which has no Choice rule (the States Language tests strings, "
                         "numbers, booleans, timestamps and null)");
    }
    const ir::Value& x = *c.children[0];
    auto value = JsonPathValue(x, scope_, problem_);
    if (!value || ComputedTooEarly(c, x, *value)) return std::nullopt;
    const std::string path = Operand(*value);
    if (f == "is_null") return IsNullRule(x, path);
    Json rule{{"Variable", path}, {test, true}};
    if (!MayBeAbsent(x)) return rule;
    Json present{{"Variable", path}, {"IsPresent", true}};
    return Json{{"And", Json::array({std::move(present), std::move(rule)})}};
  }

  // `contains(s, "lit")`: StringMatches `*lit*`, with the pattern's own `*` and `\` escaped.
  std::optional<Json> Substring(const ir::Value& c) {
    const ir::Value& haystack = *c.children[0];
    auto value = JsonPathValue(haystack, scope_, problem_);
    if (!value || ComputedTooEarly(c, haystack, *value)) return std::nullopt;
    std::string pattern = "*";
    for (char ch : c.children[1]->text) {
      if (ch == '*' || ch == '\\') pattern += '\\';
      pattern += ch;
    }
    pattern += '*';
    const std::string path = Operand(*value);
    Json rule{{"Variable", path}, {"StringMatches", pattern}};
    if (!Nullable(haystack)) return rule;
    // A missing or null string contains nothing (JSONata: `$contains` of null is false).
    Json present{{"Variable", path}, {"IsPresent", true}};
    Json is_string{{"Variable", path}, {"IsString", true}};
    return Json{{"And", Json::array({std::move(present), std::move(is_string), std::move(rule)})}};
  }

  std::optional<Json> Fail(const ir::Value& c, const std::string& what) {
    if (!problem_.at) problem_ = JpProblem{&c, "this condition " + what};
    return std::nullopt;
  }

  JpScope scope_;
  const std::function<std::string(const JpValue&)>& materialize_;
  JpProblem& problem_;
  int right_of_guard_ = 0;  // depth of right sides of `and`/`or` being ruled
};

}  // namespace

std::optional<Json> JsonPathCondition(const ir::Value& condition, const JpScope& scope,
                                      const std::function<std::string(const JpValue&)>& materialize,
                                      JpProblem& problem) {
  return Conditions(scope, materialize, problem).Rule(condition);
}

}  // namespace caios::aws
