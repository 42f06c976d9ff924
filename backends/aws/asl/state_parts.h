// Parts of ASL states that both query languages write alike: error names and Retry rules,
// distributed-map labels, the order of a graph's states, and task resource ARNs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/aws/common/json.h"
#include "compiler/ir/ir.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

// Where the Context Object holds a field of the run's context: `Execution.Id`, … (read as
// `$states.context.` + it in JSONata, `$$.` + it in JSONPath).
const char* ContextObjectPath(ir::ContextField field);

// `*` is States.ALL; other names stay as written.
std::string ErrorName(const std::string& error);

// How DynamoDB's errors are spelled where a state's Retry and Catch see them. The program names
// them `DynamoDB.…`, as the optimized integration (get, put, update, delete) raises them; the AWS
// SDK integration (`aws-sdk:dynamodb:…`: query, scan, `aws.dynamodb.*` calls) raises the same
// errors as `DynamoDb.…` (Step Functions developer guide, "DynamoDB": exception prefix
// differences). A Parallel or Map state sees the errors of the tasks inside it, of either kind.
enum class DynamoDbSpelling { kOptimized, kSdk, kBoth };
// The spelling for `state` (its `Type` and, for a Task, its `Resource`, already set).
DynamoDbSpelling DynamoDbSpellingOf(const Json& state);

// An `ErrorEquals` array; `DynamoDB.` names in `spelling`.
Json ErrorEquals(const std::vector<std::string>& errors,
                 DynamoDbSpelling spelling = DynamoDbSpelling::kOptimized);

// A `Retry` array, one rule per `retry` clause in source order.
Json RetryRules(const std::vector<ir::RetryRule>& retries,
                DynamoDbSpelling spelling = DynamoDbSpelling::kOptimized);

// Distributed Map labels name child executions: letters, digits, `-`, `_`; ≤ 40 characters.
std::string MapLabel(const std::string& state_name);

// An ItemReader's `ReaderConfig.InputType` for a file source: CSV, JSONL, JSON, MANIFEST.
const char* InputType(ir::ItemSource::Kind kind);
// The CSV part of a `ReaderConfig`: `CSVHeaderLocation` (FIRST_ROW, or GIVEN with
// `CSVHeaders`) and `CSVDelimiter` when it is not the comma.
void CsvConfig(const ir::ItemSource& source, Json& config);

// The states of a graph in the order a reader follows them: its start, then source order.
std::vector<ir::StateId> StatesInReadingOrder(const ir::StateGraph& g, const ir::Graph& graph);

// The arguments of a DynamoDB query whose conditions are an object literal: the table's key
// (or the first index whose partition key the conditions name) with its sort key makes the
// KeyConditionExpression, other fields filter. `attribute` writes one condition's attribute
// value; false when it cannot (it has reported why).
bool QueryExpressions(const ir::Table& table, const ir::Value& conditions,
                      const std::function<std::optional<Json>(const ir::Value&)>& attribute,
                      Json& arguments);

// `lambda:invoke` and `states:startExecution` with the suffix the action asks for
// (`.waitForTaskToken` for a callback, `.sync:2` for `run`).
std::string InvokeResource(const ir::Action& action);
std::string StartExecutionResource(const ir::Action& action);
// An `aws.<service>.<action>` call: `aws-sdk:<service>:<action>` with the service as Step
// Functions spells it (the model's name for an alias: `stepfunctions` → `sfn`), or the
// optimized integration's `<service>:<action>.sync` for `run` (`sfn` → `states`).
std::string ServiceCallResource(const ir::Action& action);

}  // namespace caios::aws
