#include "compiler/types/types.h"

#include <algorithm>
#include <set>

#include "compiler/base/invariant.h"

namespace caios::types {

const Field* Type::FindField(std::string_view field_name) const {
  for (const Field& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

TypeTable::TypeTable() {
  auto make = [this](TypeKind kind) {
    storage_.push_back(Type{kind, nullptr, {}, {}});
    return &storage_.back();
  };
  error_ = make(TypeKind::kError);
  never_ = make(TypeKind::kNever);
  string_ = make(TypeKind::kString);
  int_ = make(TypeKind::kInt);
  number_ = make(TypeKind::kNumber);
  bool_ = make(TypeKind::kBool);
  json_ = make(TypeKind::kJson);
  null_ = make(TypeKind::kNull);
  token_ = make(TypeKind::kToken);
}

const std::vector<std::string_view>& TypeTable::BuiltinNames() {
  static const std::vector<std::string_view> names = {"string", "int",  "number",
                                                      "bool",   "json", "token"};
  return names;
}

TypeId TypeTable::Builtin(std::string_view name) const {
  if (name == "string") return string_;
  if (name == "int") return int_;
  if (name == "number") return number_;
  if (name == "bool") return bool_;
  if (name == "json") return json_;
  if (name == "token") return token_;
  return nullptr;
}

TypeId TypeTable::Array(TypeId element) {
  CAIOS_CHECK_INVARIANT(element != nullptr);
  auto it = arrays_.find(element);
  if (it != arrays_.end()) return it->second;
  storage_.push_back(Type{TypeKind::kArray, element, {}, {}});
  arrays_[element] = &storage_.back();
  return &storage_.back();
}

TypeId TypeTable::Optional(TypeId element) {
  CAIOS_CHECK_INVARIANT(element != nullptr);
  switch (element->kind) {
    case TypeKind::kOptional:
    case TypeKind::kNull:
    case TypeKind::kJson:
    case TypeKind::kError:
      return element;
    default:
      break;
  }
  auto it = optionals_.find(element);
  if (it != optionals_.end()) return it->second;
  storage_.push_back(Type{TypeKind::kOptional, element, {}, {}});
  optionals_[element] = &storage_.back();
  return &storage_.back();
}

TypeId TypeTable::Record(std::vector<Field> fields) {
  std::vector<std::tuple<std::string, TypeId, bool>> key;
  key.reserve(fields.size());
  for (const Field& f : fields) key.emplace_back(f.name, f.type, f.optional);
  auto it = records_.find(key);
  if (it != records_.end()) return it->second;
  storage_.push_back(Type{TypeKind::kRecord, nullptr, std::move(fields), {}});
  records_[std::move(key)] = &storage_.back();
  return &storage_.back();
}

TypeId TypeTable::NewNamedRecord(std::string name) {
  storage_.push_back(Type{TypeKind::kRecord, nullptr, {}, std::move(name)});
  return &storage_.back();
}

void TypeTable::SetFields(TypeId named_record, std::vector<Field> fields) {
  CAIOS_CHECK_INVARIANT(named_record->kind == TypeKind::kRecord && !named_record->name.empty());
  // Named records are created by this table and only completed here, once, during resolution.
  const_cast<Type*>(named_record)->fields = std::move(fields);
}

TypeId TypeTable::StripOptional(TypeId t) {
  return t->kind == TypeKind::kOptional ? t->element : t;
}

bool TypeTable::Assignable(TypeId from, TypeId to) const {
  // Assignability of composite types is the conjunction of that of their parts, so it is
  // checked with a work list rather than recursion (types may be thousands of levels deep).
  // A pair of records met again is assumed to hold (coinduction): that makes recursive
  // records work, and visits each pair once.
  std::vector<std::pair<TypeId, TypeId>> work;
  std::set<std::pair<TypeId, TypeId>> assumed;
  if (!AssignableStep(from, to, work, assumed)) return false;
  while (!work.empty()) {
    auto [f, t] = work.back();
    work.pop_back();
    if (!AssignableStep(f, t, work, assumed)) return false;
  }
  return true;
}

bool TypeTable::AssignableStep(TypeId from, TypeId to, std::vector<std::pair<TypeId, TypeId>>& work,
                               std::set<std::pair<TypeId, TypeId>>& assumed) const {
  if (from == to) return true;
  if (from->is_unknown() || to->kind == TypeKind::kError) return true;
  if (from->kind == TypeKind::kJson || to->kind == TypeKind::kJson) return true;
  switch (to->kind) {
    case TypeKind::kNumber:
      return from->kind == TypeKind::kInt;
    case TypeKind::kString:
      return from->kind == TypeKind::kToken;
    case TypeKind::kOptional:
      if (from->kind == TypeKind::kNull) return true;
      work.emplace_back(StripOptional(from), to->element);
      return true;
    case TypeKind::kArray:
      if (from->kind != TypeKind::kArray) return false;
      work.emplace_back(from->element, to->element);
      return true;
    case TypeKind::kRecord: {
      if (from->kind != TypeKind::kRecord) return false;
      if (!assumed.emplace(from, to).second) return true;
      for (const Field& want : to->fields) {
        const Field* have = from->FindField(want.name);
        if (have == nullptr) {
          if (!want.optional) return false;
        } else if (have->optional && !want.optional) {
          return false;
        } else if (want.optional) {
          // An optional field accepts null and T? as well as T.
          TypeId have_type = StripOptional(have->type);
          if (have_type->kind != TypeKind::kNull) {
            work.emplace_back(have_type, StripOptional(want.type));
          }
        } else {
          work.emplace_back(have->type, want.type);
        }
      }
      return true;
    }
    default:
      return false;
  }
}

bool TypeTable::Comparable(TypeId a, TypeId b) const {
  if (a->is_numeric() && b->is_numeric()) return true;
  if (a->is_stringish() && b->is_stringish()) return true;
  return Assignable(a, b) || Assignable(b, a);
}

TypeId TypeTable::Join(TypeId a, TypeId b) {
  if (a->kind == TypeKind::kNever) return b;
  if (b->kind == TypeKind::kNever) return a;
  if (a->kind == TypeKind::kError || b->kind == TypeKind::kError) return error_;
  if (Assignable(a, b)) return b;
  if (Assignable(b, a)) return a;
  if (a->kind == TypeKind::kNull) return Optional(b);
  if (b->kind == TypeKind::kNull) return Optional(a);
  if (a->is_numeric() && b->is_numeric()) return number_;
  const bool optional = a->kind == TypeKind::kOptional || b->kind == TypeKind::kOptional;
  TypeId sa = StripOptional(a), sb = StripOptional(b);
  if (sa != a || sb != b) {
    TypeId inner = Join(sa, sb);
    return optional ? Optional(inner) : inner;
  }
  return json_;
}

std::string TypeTable::ToString(TypeId t) {
  switch (t->kind) {
    case TypeKind::kError:
      return "{unknown}";
    case TypeKind::kNever:
      return "never";
    case TypeKind::kString:
      return "string";
    case TypeKind::kInt:
      return "int";
    case TypeKind::kNumber:
      return "number";
    case TypeKind::kBool:
      return "bool";
    case TypeKind::kJson:
      return "json";
    case TypeKind::kNull:
      return "null";
    case TypeKind::kToken:
      return "token";
    case TypeKind::kArray:
      return "[" + ToString(t->element) + "]";
    case TypeKind::kOptional: {
      std::string inner = ToString(t->element);
      return inner + "?";
    }
    case TypeKind::kRecord: {
      if (!t->name.empty()) return t->name;
      if (t->fields.empty()) return "{}";
      std::string out = "{ ";
      for (size_t i = 0; i < t->fields.size(); ++i) {
        if (i > 0) out += ", ";
        out += t->fields[i].name;
        out += t->fields[i].optional ? "?: " : ": ";
        out += ToString(t->fields[i].type);
      }
      return out + " }";
    }
  }
  return "?";
}

}  // namespace caios::types
