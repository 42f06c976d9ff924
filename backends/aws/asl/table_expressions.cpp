#include "backends/aws/asl/table_expressions.h"

#include "backends/aws/asl/action_args.h"
#include "backends/aws/common/json.h"
#include "compiler/base/invariant.h"

namespace caios::aws {
namespace {

// Writes the condition `c` into `out`, numbering placeholders with `next`.
class ConditionWriter {
 public:
  ConditionWriter(const ir::Action& action, const std::string& key,
                  const AttributeWriter& attribute, Json& names, Json& values)
      : action_(action), key_(key), attribute_(attribute), names_(names), values_(values) {}

  std::optional<std::string> Write(const ir::ItemCondition& c, int depth) {
    using K = ir::ItemCondition::Kind;
    CAIOS_CHECK_INVARIANT(depth <= 1000 && "conditions are as deep as expressions");
    switch (c.kind) {
      case K::kAnd:
      case K::kOr: {
        auto l = Write(c.operands[0], depth + 1);
        if (!l) return std::nullopt;
        auto r = Write(c.operands[1], depth + 1);
        if (!r) return std::nullopt;
        return "(" + *l + (c.kind == K::kAnd ? " AND " : " OR ") + *r + ")";
      }
      case K::kNot: {
        auto x = Write(c.operands[0], depth + 1);
        if (!x) return std::nullopt;
        return "(NOT " + *x + ")";
      }
      case K::kExists:
      case K::kNotExists:
        return std::string(c.kind == K::kExists ? "attribute_exists(" : "attribute_not_exists(") +
               Name(c.left.attribute.empty() ? key_ : c.left.attribute) + ")";
      case K::kCompare: {
        auto l = Side(c.left);
        if (!l) return std::nullopt;
        auto r = Side(c.right);
        if (!r) return std::nullopt;
        return *l + " " + c.op + " " + *r;
      }
    }
    return std::nullopt;
  }

 private:
  // The same attribute gets the same placeholder each time it appears.
  std::string Name(const std::string& attribute) {
    for (const auto& [placeholder, name] : names_.items()) {
      if (placeholder.rfind("#k", 0) == 0 && name == attribute) return placeholder;
    }
    std::string n = "#k" + std::to_string(count_names_++);
    names_[n] = attribute;
    return n;
  }

  std::optional<std::string> Side(const ir::ItemCondition::Side& side) {
    if (!side.attribute.empty()) return Name(side.attribute);
    const ir::Value* v = Arg(action_, side.arg);
    CAIOS_CHECK_INVARIANT(v != nullptr && "a condition value that is not an argument");
    auto x = attribute_(*v);
    if (!x) return std::nullopt;
    std::string p = ":k" + std::to_string(count_values_++);
    values_[p] = std::move(*x);
    return p;
  }

  const ir::Action& action_;
  const std::string& key_;
  const AttributeWriter& attribute_;
  Json& names_;
  Json& values_;
  int count_names_ = 0;
  int count_values_ = 0;
};

// Adds the names and values to `arguments`, leaving out empty maps (DynamoDB rejects them).
void PutMaps(Json names, Json values, Json& arguments) {
  if (!names.empty()) arguments["ExpressionAttributeNames"] = std::move(names);
  if (!values.empty()) arguments["ExpressionAttributeValues"] = std::move(values);
}

}  // namespace

bool UpdateExpressions(const ir::Value* changes, const ir::Value* add,
                       const std::vector<std::string>& remove, const AttributeWriter& attribute,
                       Json& arguments) {
  std::string set, adds, removes;
  Json names = Json::object();
  Json values = Json::object();
  // One SET or ADD clause: `fields` (an object value) as `#<tag>i <sep> :<tag>i` pairs.
  auto clause = [&](const ir::Value* fields, const char* verb, const char* name_tag,
                    const char* value_tag, const char* separator, std::string& out) {
    if (fields == nullptr) return true;
    for (size_t i = 0; i < fields->keys.size(); ++i) {
      std::string n = name_tag + std::to_string(i), v = value_tag + std::to_string(i);
      out += (i ? ", " : verb) + n + separator + v;
      names[n] = fields->keys[i];
      std::optional<Json> value = attribute(*fields->children[i]);
      if (!value) return false;
      values[v] = std::move(*value);
    }
    return true;
  };
  if (!clause(changes, "SET ", "#f", ":v", " = ", set)) return false;
  if (!clause(add, "ADD ", "#a", ":a", " ", adds)) return false;
  for (size_t i = 0; i < remove.size(); ++i) {
    std::string n = "#r" + std::to_string(i);
    removes += (i ? ", " : "REMOVE ") + n;
    names[n] = remove[i];
  }
  std::string expression;
  for (const std::string* part : {&set, &adds, &removes}) {
    if (part->empty()) continue;
    expression += (expression.empty() ? "" : " ") + *part;
  }
  if (!expression.empty()) arguments["UpdateExpression"] = expression;
  PutMaps(std::move(names), std::move(values), arguments);
  return true;
}

void ProjectionExpression(const ir::Action& action, Json& arguments) {
  if (action.projection.empty()) return;
  Json names = arguments.contains("ExpressionAttributeNames")
                   ? arguments["ExpressionAttributeNames"]
                   : Json::object();
  CAIOS_CHECK_INVARIANT(names.is_object() && "`fields:` next to conditions known at run time");
  std::string expression;
  for (size_t i = 0; i < action.projection.size(); ++i) {
    std::string n = "#p" + std::to_string(i);
    names[n] = action.projection[i];
    expression += (i == 0 ? "" : ", ") + n;
  }
  arguments["ProjectionExpression"] = expression;
  arguments["ExpressionAttributeNames"] = std::move(names);
}

types::TypeId ReadItemType(const ir::Action& action, const ir::Table& table) {
  if (action.projection.empty()) return table.item_type;
  CAIOS_CHECK_INVARIANT(action.result_type != nullptr &&
                        (action.result_type->is(types::TypeKind::kOptional) ||
                         action.result_type->is(types::TypeKind::kArray)));
  return action.result_type->element;
}

bool ConditionExpressions(const ir::Action& action, const std::string& key,
                          const AttributeWriter& attribute, Json& arguments) {
  if (!action.condition) return true;
  Json names = arguments.contains("ExpressionAttributeNames")
                   ? arguments["ExpressionAttributeNames"]
                   : Json::object();
  Json values = arguments.contains("ExpressionAttributeValues")
                    ? arguments["ExpressionAttributeValues"]
                    : Json::object();
  CAIOS_CHECK_INVARIANT(names.is_object() && values.is_object() &&
                        "a condition next to changes known only at run time (E0256)");
  ConditionWriter writer(action, key, attribute, names, values);
  std::optional<std::string> expression = writer.Write(*action.condition, 0);
  if (!expression) return false;
  const bool filter = action.resource_op == ir::ResourceOp::kTableQuery ||
                      action.resource_op == ir::ResourceOp::kTableScan;
  const char* name = filter ? "FilterExpression" : "ConditionExpression";
  if (arguments.contains(name)) {
    arguments[name] = "(" + arguments[name].get<std::string>() + ") AND " + *expression;
  } else {
    arguments[name] = *expression;
  }
  PutMaps(std::move(names), std::move(values), arguments);
  return true;
}

const char* ReturnValuesName(ir::ReturnValues returns) {
  switch (returns) {
    case ir::ReturnValues::kNone:
      return nullptr;
    case ir::ReturnValues::kAllOld:
      return "ALL_OLD";
    case ir::ReturnValues::kAllNew:
      return "ALL_NEW";
  }
  return nullptr;
}

}  // namespace caios::aws
