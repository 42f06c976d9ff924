#include "backends/aws/asl/marshal.h"

#include "backends/aws/asl/jsonata.h"

namespace caios::aws {
namespace {

using check::TypeKind;

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

std::string Marshal(const std::string& x, check::TypeId type, int depth);

std::string Fields(const std::string& x, check::TypeId record, int depth) {
  std::string out = "{";
  bool first = true;
  for (const check::Field& f : record->fields) {
    if (!first) out += ", ";
    first = false;
    std::string path = FieldPath(x, f.name);
    std::string value = Marshal(path, f.type, depth);
    // An absent optional field leaves the attribute out.
    if (f.optional || f.type->is(TypeKind::kOptional) || f.type->is(TypeKind::kJson)) {
      value = "($exists(" + path + ") ? " + value + ")";
    }
    out += Quote(f.name) + ": " + value;
  }
  return out + "}";
}

std::string Marshal(const std::string& x, check::TypeId type, int depth) {
  check::TypeId t = check::TypeTable::StripOptional(type);
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
      std::string e = Var(depth);
      return "{\"L\": [$map(" + x + ", function(" + e + ") { " + Marshal(e, t->element, depth + 1) +
             " })]}";
    }
    case TypeKind::kRecord:
      return "{\"M\": " + Fields(x, t, depth) + "}";
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

std::string Unmarshal(const std::string& a, check::TypeId type, int depth);

std::string UnmarshalFields(const std::string& m, check::TypeId record, int depth) {
  std::string out = "{";
  bool first = true;
  for (const check::Field& f : record->fields) {
    if (!first) out += ", ";
    first = false;
    out += Quote(f.name) + ": " + Unmarshal(FieldPath(m, f.name), f.type, depth);
  }
  return out + "}";
}

// `a` is an AttributeValue; absent attributes give undefined, so optional fields stay absent.
std::string Unmarshal(const std::string& a, check::TypeId type, int depth) {
  check::TypeId t = check::TypeTable::StripOptional(type);
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
      std::string e = Var(depth);
      return "[$map(" + a + ".L, function(" + e + ") { " + Unmarshal(e, t->element, depth + 1) +
             " })]";
    }
    case TypeKind::kRecord:
      return "($exists(" + a + ".M) ? " + UnmarshalFields(a + ".M", t, depth) + ")";
    default:
      return "$__unmarshal(" + a + ")";
  }
}

}  // namespace

std::string MarshalItem(const std::string& expr, check::TypeId type) {
  check::TypeId t = check::TypeTable::StripOptional(type);
  if (t->is(TypeKind::kRecord)) return WithHelpers(Fields(expr, t, 0));
  return WithHelpers("$__marshal(" + expr + ").M");
}

std::string MarshalValue(const std::string& expr, check::TypeId type) {
  return WithHelpers(Marshal(expr, type, 0));
}

std::string UnmarshalItem(const std::string& expr, check::TypeId type) {
  check::TypeId t = check::TypeTable::StripOptional(type);
  if (t->is(TypeKind::kRecord)) return WithHelpers(UnmarshalFields(expr, t, 0));
  return WithHelpers("$__unmarshal({\"M\": " + expr + "})");
}

}  // namespace caios::aws
