#include "backends/aws/asl/marshal.h"

#include <algorithm>
#include <vector>

#include "backends/aws/asl/jsonata.h"

namespace caios::aws {
namespace {

using types::TypeKind;

// Generic conversions for `json` values: the type is only known at run time.
constexpr const char* kMarshalJson =
    "function($v) { $type($v) = \"string\" ? {\"S\": $v} : $type($v) = \"number\" ? "
    "{\"N\": $string($v)} : $type($v) = \"boolean\" ? {\"BOOL\": $v} : $type($v) = \"null\" ? "
    "{\"NULL\": true} : $type($v) = \"array\" ? {\"L\": [$map($v, $__marshal)]} : "
    "{\"M\": $merge([{}, $each($v, function($x, $k) { {$k: $__marshal($x)} })])} }";
constexpr const char* kUnmarshalJson =
    "function($a) { $exists($a.S) ? $a.S : $exists($a.N) ? $number($a.N) : $exists($a.BOOL) ? "
    "$a.BOOL : $exists($a.NULL) ? null : $exists($a.L) ? [$map($a.L, $__unmarshal)] : "
    "$exists($a.M) ? $merge([{}, $each($a.M, function($x, $k) { {$k: $__unmarshal($x)} })]) : "
    "$exists($a.SS) ? $a.SS : $exists($a.NS) ? [$map($a.NS, $number)] : null }";

std::string FieldPath(const std::string& expr, const std::string& name) {
  bool simple =
      !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) simple = simple && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  return expr + "." + (simple ? name : "`" + name + "`");
}

// Lambda-bound variable names per nesting depth, so nested maps do not shadow each other.
std::string Var(int depth) { return "$__e" + std::to_string(depth); }

// How far the conversion is spelled out from the static type. Beyond it, and for a record type
// inside itself (a recursive type: `type Tree { kids: [Tree] }`), the generic run-time
// conversion takes over: it gives the same attribute values for every value of the type
// (docs/language.md, "Tables"), and keeps the expression finite and linear in the type's size.
constexpr int kMaxStaticDepth = 32;
constexpr int kMaxStaticNodes = 2000;

// The state of one conversion: the record types being spelled out (outermost first) and the
// type nodes spelled out so far.
struct Expansion {
  std::vector<types::TypeId> records;
  int nodes = 0;

  // Whether `t` (optional stripped) is spelled out inside `depth` arrays (and the records on
  // the path), rather than converted at run time.
  bool Static(types::TypeId t, int depth) {
    if (depth + static_cast<int>(records.size()) >= kMaxStaticDepth || nodes >= kMaxStaticNodes) {
      return false;
    }
    if (t->is(TypeKind::kRecord) && std::find(records.begin(), records.end(), t) != records.end()) {
      return false;
    }
    ++nodes;
    return true;
  }
};

std::string Marshal(const std::string& x, types::TypeId type, int depth, Expansion& e);

std::string Fields(const std::string& x, types::TypeId record, int depth, Expansion& e) {
  e.records.push_back(record);
  std::string out = "{";
  bool first = true;
  for (const types::Field& f : record->fields) {
    if (!first) out += ", ";
    first = false;
    std::string path = FieldPath(x, f.name);
    std::string value = Marshal(path, f.type, depth, e);
    // An absent optional field leaves the attribute out.
    if (f.optional || f.type->is(TypeKind::kOptional) || f.type->is(TypeKind::kJson)) {
      value = "($exists(" + path + ") ? " + value + ")";
    }
    out += Quote(f.name) + ": " + value;
  }
  e.records.pop_back();
  return out + "}";
}

std::string Marshal(const std::string& x, types::TypeId type, int depth, Expansion& e) {
  types::TypeId t = types::TypeTable::StripOptional(type);
  if (!e.Static(t, depth)) return "$__marshal(" + x + ")";
  switch (t->kind) {
    case TypeKind::kString:
    case TypeKind::kToken:
      return "{\"S\": " + x + "}";
    case TypeKind::kInt:
    case TypeKind::kNumber:
      return "{\"N\": $string(" + x + ")}";
    case TypeKind::kBool:
      return "{\"BOOL\": " + x + "}";
    case TypeKind::kNull:
      return "{\"NULL\": true}";
    case TypeKind::kArray: {
      std::string v = Var(depth);
      return "{\"L\": [$map(" + x + ", function(" + v + ") { " +
             Marshal(v, t->element, depth + 1, e) + " })]}";
    }
    case TypeKind::kRecord:
      return "{\"M\": " + Fields(x, t, depth, e) + "}";
    default:
      return "$__marshal(" + x + ")";
  }
}

// Wraps `body` with the generic helper when it uses it.
std::string WithHelpers(const std::string& body) {
  std::string out = body;
  if (body.find("$__unmarshal") != std::string::npos) {
    out = "$__unmarshal := " + std::string(kUnmarshalJson) + "; " + out;
  }
  if (body.find("$__marshal") != std::string::npos) {
    out = "$__marshal := " + std::string(kMarshalJson) + "; " + out;
  }
  return out == body ? body : "(" + out + ")";
}

std::string Unmarshal(const std::string& a, types::TypeId type, int depth, Expansion& e);

std::string UnmarshalFields(const std::string& m, types::TypeId record, int depth, Expansion& e) {
  e.records.push_back(record);
  std::string out = "{";
  bool first = true;
  for (const types::Field& f : record->fields) {
    if (!first) out += ", ";
    first = false;
    out += Quote(f.name) + ": " + Unmarshal(FieldPath(m, f.name), f.type, depth, e);
  }
  e.records.pop_back();
  return out + "}";
}

// `a` is an AttributeValue; absent attributes give undefined, so optional fields stay absent.
std::string Unmarshal(const std::string& a, types::TypeId type, int depth, Expansion& e) {
  types::TypeId t = types::TypeTable::StripOptional(type);
  if (!e.Static(t, depth)) return "$__unmarshal(" + a + ")";
  switch (t->kind) {
    case TypeKind::kString:
    case TypeKind::kToken:
      return a + ".S";
    case TypeKind::kInt:
    case TypeKind::kNumber:
      return "$number(" + a + ".N)";
    case TypeKind::kBool:
      return a + ".BOOL";
    case TypeKind::kNull:
      return "null";
    case TypeKind::kArray: {
      std::string v = Var(depth);
      return "[$map(" + a + ".L, function(" + v + ") { " + Unmarshal(v, t->element, depth + 1, e) +
             " })]";
    }
    case TypeKind::kRecord:
      return "($exists(" + a + ".M) ? " + UnmarshalFields(a + ".M", t, depth, e) + ")";
    default:
      return "$__unmarshal(" + a + ")";
  }
}

}  // namespace

std::string MarshalItem(const std::string& expr, types::TypeId type) {
  types::TypeId t = types::TypeTable::StripOptional(type);
  Expansion e;
  if (t->is(TypeKind::kRecord)) return WithHelpers(Fields(expr, t, 0, e));
  return WithHelpers("$__marshal(" + expr + ").M");
}

std::string MarshalValue(const std::string& expr, types::TypeId type) {
  Expansion e;
  return WithHelpers(Marshal(expr, type, 0, e));
}

std::string UnmarshalItem(const std::string& expr, types::TypeId type) {
  types::TypeId t = types::TypeTable::StripOptional(type);
  Expansion e;
  if (t->is(TypeKind::kRecord)) return WithHelpers(UnmarshalFields(expr, t, 0, e));
  return WithHelpers("$__unmarshal({\"M\": " + expr + "})");
}

}  // namespace caios::aws
