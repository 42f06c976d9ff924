// The expressions of DynamoDB updates and conditions that both query languages write alike:
// `SET`/`ADD`/`REMOVE` clauses and `ConditionExpression`, with the compiler's own placeholders.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "backends/aws/common/json.h"
#include "compiler/ir/ir.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

// Writes one value of the flow as a DynamoDB AttributeValue; nullopt when it cannot (it has
// reported why).
using AttributeWriter = std::function<std::optional<Json>(const ir::Value&)>;

// The arguments of a DynamoDB update: `SET #f0 = :v0, …` for `changes` (an object literal, or
// null), `ADD #a0 :a0, …` for `add` (an object literal, or null), `REMOVE #r0, …` for `remove`,
// with their ExpressionAttributeNames and ExpressionAttributeValues. False when a value cannot
// be written.
bool UpdateExpressions(const ir::Value* changes, const ir::Value* add,
                       const std::vector<std::string>& remove, const AttributeWriter& attribute,
                       Json& arguments);

// The `ConditionExpression` of an action's `if:`, or the `FilterExpression` of a query's or
// scan's `where:` (`#k0`/`:k0` placeholders added to the ExpressionAttributeNames/Values
// already in `arguments`; joined with AND to a filter already there); `key` names the
// attribute that `current == null` tests. False when a value cannot be written.
bool ConditionExpressions(const ir::Action& action, const std::string& key,
                          const AttributeWriter& attribute, Json& arguments);

// The `ProjectionExpression` of `fields:` on get, query and scan (`#p0, #p1, …`, the names added
// to the ExpressionAttributeNames already in `arguments`); nothing without `fields:`.
void ProjectionExpression(const ir::Action& action, Json& arguments);

// The type of each item a get, query or scan reads: the table's item type, or with `fields:`
// the record of those fields the checker gave the result.
types::TypeId ReadItemType(const ir::Action& action, const ir::Table& table);

// `ReturnValues` of a table operation's `returns:`; null when it has none.
const char* ReturnValuesName(ir::ReturnValues returns);

}  // namespace caios::aws
