// The type system of .caios: interned types, assignability, joins and printing. The check
// phase creates the table; the IR owns it with the program it describes (shared by each
// application lowered from one check).
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace caios::types {

enum class TypeKind {
  kError,  // the type of an erroneous expression; compatible with everything, never reported
  kNever,  // the element type of `[]`; assignable to everything
  kString,
  kInt,
  kNumber,
  kBool,
  kJson,  // dynamic: assignable to and from every type
  kNull,
  kToken,     // a task token (`task_token`); usable where a string is expected
  kArray,     // element
  kOptional,  // element (never optional, null or json itself)
  kRecord,    // fields; `name` set for declared record types
};

struct Type;
using TypeId = const Type*;

struct Field {
  std::string name;
  TypeId type = nullptr;
  bool optional = false;
};

struct Type {
  TypeKind kind = TypeKind::kError;
  TypeId element = nullptr;   // kArray, kOptional
  std::vector<Field> fields;  // kRecord, in declaration order
  std::string name;           // kRecord: the declared type's name, empty for inline records

  bool is(TypeKind k) const { return kind == k; }
  // Error and never: types that already failed or carry no information.
  bool is_unknown() const { return kind == TypeKind::kError || kind == TypeKind::kNever; }
  bool is_numeric() const { return kind == TypeKind::kInt || kind == TypeKind::kNumber; }
  bool is_stringish() const { return kind == TypeKind::kString || kind == TypeKind::kToken; }
  // The field named `name`, or nullptr.
  const Field* FindField(std::string_view field_name) const;
};

// Owns and interns all types of a compilation. Primitive, array, optional and inline record types
// are unique per structure, so pointer equality means the same type; declared record types are
// unique per declaration (they may be recursive, so they are created first and filled later).
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  TypeId Error() const { return error_; }
  TypeId Never() const { return never_; }
  TypeId String() const { return string_; }
  TypeId Int() const { return int_; }
  TypeId Number() const { return number_; }
  TypeId Bool() const { return bool_; }
  TypeId Json() const { return json_; }
  TypeId Null() const { return null_; }
  TypeId Token() const { return token_; }
  // The builtin type spelled `name` (string, int, number, bool, json, token), or nullptr.
  TypeId Builtin(std::string_view name) const;
  static const std::vector<std::string_view>& BuiltinNames();

  TypeId Array(TypeId element);
  // T? ; optional of an optional, of null, of json or of an error type is the type itself.
  TypeId Optional(TypeId element);
  TypeId Record(std::vector<Field> fields);
  // A declared record type; fill its fields with SetFields once they are resolved.
  TypeId NewNamedRecord(std::string name);
  void SetFields(TypeId named_record, std::vector<Field> fields);

  // Whether a value of type `from` may be used where `to` is expected.
  bool Assignable(TypeId from, TypeId to) const;
  // Whether `a == b` makes sense: one is assignable to the other, or both are numbers.
  bool Comparable(TypeId a, TypeId b) const;
  // The least common type of two values (used for `yield`s and `??`): the more general of the
  // two when one is assignable to the other, T? for T and null, json otherwise.
  TypeId Join(TypeId a, TypeId b);
  // T for T?, the type itself otherwise.
  static TypeId StripOptional(TypeId t);

  // `string`, `[Item]`, `Order?`, `{ id: string, note?: string }`.
  static std::string ToString(TypeId t);

 private:
  // Checks what `from` → `to` decides at once; queues the pairs of parts it depends on.
  bool AssignableStep(TypeId from, TypeId to, std::vector<std::pair<TypeId, TypeId>>& work,
                      std::set<std::pair<TypeId, TypeId>>& assumed) const;

  std::deque<Type> storage_;
  std::map<TypeId, TypeId> arrays_;
  std::map<TypeId, TypeId> optionals_;
  std::map<std::vector<std::tuple<std::string, TypeId, bool>>, TypeId> records_;
  TypeId error_, never_, string_, int_, number_, bool_, json_, null_, token_;
};

}  // namespace caios::types
