#include "backends/aws/asl/state_parts.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "backends/aws/common/json.h"
#include "compiler/aws_models/aws_models.h"
#include "compiler/aws_models/bedrock.h"
#include "compiler/base/invariant.h"

namespace caios::aws {

const char* ContextObjectPath(ir::ContextField field) {
  using F = ir::ContextField;
  switch (field) {
    case F::kExecutionId:
      return "Execution.Id";
    case F::kExecutionName:
      return "Execution.Name";
    case F::kExecutionStartTime:
      return "Execution.StartTime";
    case F::kExecutionInput:
      return "Execution.Input";
    case F::kFlowArn:
      return "StateMachine.Id";
    case F::kFlowName:
      return "StateMachine.Name";
    case F::kStateName:
      return "State.Name";
    case F::kStateEnteredTime:
      return "State.EnteredTime";
    case F::kStateRetryCount:
      return "State.RetryCount";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown context field");
  return "";
}

std::string ErrorName(const std::string& error) { return error == "*" ? "States.ALL" : error; }

DynamoDbSpelling DynamoDbSpellingOf(const Json& state) {
  const auto type = state.find("Type");
  if (type == state.end() || !type->is_string()) return DynamoDbSpelling::kOptimized;
  const std::string& kind = type->get_ref<const std::string&>();
  if (kind == "Parallel" || kind == "Map") return DynamoDbSpelling::kBoth;
  const auto resource = state.find("Resource");
  if (kind != "Task" || resource == state.end() || !resource->is_string()) {
    return DynamoDbSpelling::kOptimized;
  }
  constexpr std::string_view kSdk = "arn:aws:states:::aws-sdk:dynamodb:";
  return resource->get_ref<const std::string&>().rfind(kSdk, 0) == 0 ? DynamoDbSpelling::kSdk
                                                                     : DynamoDbSpelling::kOptimized;
}

Json ErrorEquals(const std::vector<std::string>& errors, DynamoDbSpelling spelling) {
  Json out = Json::array();
  auto add = [&](std::string name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  };
  for (const std::string& e : errors) {
    // Either spelling in the program names the same error of DynamoDB (both are 9 bytes).
    if (e.rfind("DynamoDB.", 0) != 0 && e.rfind("DynamoDb.", 0) != 0) {
      add(ErrorName(e));
      continue;
    }
    const std::string error = e.substr(9);
    if (spelling != DynamoDbSpelling::kSdk) add("DynamoDB." + error);
    if (spelling != DynamoDbSpelling::kOptimized) add("DynamoDb." + error);
  }
  return out;
}

// The errors AWS recommends retrying on every Lambda invoke (Step Functions developer guide,
// "Handling errors in Step Functions workflows": transient Lambda service errors).
const std::vector<std::string>& LambdaTransientErrors() {
  static const std::vector<std::string> kErrors = {
      "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException"};
  return kErrors;
}

// The errors of a rule: a transient rule (ir::RetryRule::transient) takes the Lambda errors no
// other rule of the list names.
std::vector<std::string> RuleErrors(const std::vector<ir::RetryRule>& retries,
                                    const ir::RetryRule& rule) {
  if (!rule.transient) return rule.errors;
  std::vector<std::string> errors;
  for (const std::string& transient : LambdaTransientErrors()) {
    bool decided = false;
    for (const ir::RetryRule& r : retries) {
      decided = decided || std::find(r.errors.begin(), r.errors.end(), transient) != r.errors.end();
    }
    if (!decided) errors.push_back(transient);
  }
  return errors;
}

Json RetryRules(const std::vector<ir::RetryRule>& retries, DynamoDbSpelling spelling) {
  Json out = Json::array();
  for (const ir::RetryRule& r : retries) {
    std::vector<std::string> errors = RuleErrors(retries, r);
    if (errors.empty()) continue;  // a transient rule whose errors the others all decide
    Json rule = Json::object();
    rule["ErrorEquals"] = ErrorEquals(errors, spelling);
    rule["IntervalSeconds"] = r.interval_seconds;
    rule["MaxAttempts"] = r.attempts;
    rule["BackoffRate"] = r.backoff;
    if (r.max_delay_seconds) rule["MaxDelaySeconds"] = *r.max_delay_seconds;
    if (r.jitter) rule["JitterStrategy"] = "FULL";
    out.push_back(std::move(rule));
  }
  return out;
}

std::string MapLabel(const std::string& state_name) {
  std::string out;
  for (char c : state_name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
    if (out.size() == 40) break;
  }
  return out.empty() ? "Map" : out;
}

const char* InputType(ir::ItemSource::Kind kind) {
  using SK = ir::ItemSource::Kind;
  switch (kind) {
    case SK::kCsv:
      return "CSV";
    case SK::kJsonl:
      return "JSONL";
    case SK::kJson:
      return "JSON";
    case SK::kManifest:
      return "MANIFEST";
    case SK::kObjects:
      break;  // listed, not read from a file
  }
  CAIOS_CHECK_INVARIANT(false);
  return "";
}

void CsvConfig(const ir::ItemSource& source, Json& config) {
  if (source.csv_headers.empty()) {
    config["CSVHeaderLocation"] = "FIRST_ROW";
  } else {
    config["CSVHeaderLocation"] = "GIVEN";
    config["CSVHeaders"] = source.csv_headers;
  }
  using D = ir::ItemSource::Delimiter;
  switch (source.csv_delimiter) {
    case D::kComma:
      break;  // the reader's default
    case D::kPipe:
      config["CSVDelimiter"] = "PIPE";
      break;
    case D::kSemicolon:
      config["CSVDelimiter"] = "SEMICOLON";
      break;
    case D::kSpace:
      config["CSVDelimiter"] = "SPACE";
      break;
    case D::kTab:
      config["CSVDelimiter"] = "TAB";
      break;
  }
}

std::vector<ir::StateId> StatesInReadingOrder(const ir::StateGraph& g, const ir::Graph& graph) {
  std::vector<ir::StateId> order = graph.states;
  std::stable_sort(order.begin(), order.end(), [&](ir::StateId a, ir::StateId b) {
    if ((a == graph.start) != (b == graph.start)) return a == graph.start;
    const Span& x = g.at(a).span;
    const Span& y = g.at(b).span;
    return std::pair(x.file.value, x.begin) < std::pair(y.file.value, y.begin);
  });
  return order;
}

bool QueryExpressions(const ir::Table& table, const ir::Value& conditions,
                      const std::function<std::optional<Json>(const ir::Value&)>& attribute,
                      Json& arguments) {
  auto has = [&](const std::string& name) {
    return std::find(conditions.keys.begin(), conditions.keys.end(), name) != conditions.keys.end();
  };
  std::string partition = table.key.name;
  std::optional<std::string> sort = table.sort ? std::optional(table.sort->name) : std::nullopt;
  if (!has(partition)) {
    for (const ir::TableIndex& i : table.indexes) {
      if (has(i.partition.name)) {
        arguments["IndexName"] = i.name;
        partition = i.partition.name;
        sort = i.sort ? std::optional(i.sort->name) : std::nullopt;
        break;
      }
    }
  }
  std::string key_condition, filter;
  Json names = Json::object(), values = Json::object();
  for (size_t i = 0; i < conditions.keys.size(); ++i) {
    const std::string& field = conditions.keys[i];
    std::string n = "#c" + std::to_string(i), v = ":c" + std::to_string(i);
    names[n] = field;
    auto x = attribute(*conditions.children[i]);
    if (!x) return false;
    values[v] = std::move(*x);
    std::string& target = field == partition || (sort && field == *sort) ? key_condition : filter;
    target += (target.empty() ? "" : " AND ") + n + " = " + v;
  }
  arguments["KeyConditionExpression"] = key_condition;
  if (!filter.empty()) arguments["FilterExpression"] = filter;
  arguments["ExpressionAttributeNames"] = names;
  arguments["ExpressionAttributeValues"] = values;
  return true;
}

std::string InvokeResource(const ir::Action& action) {
  return std::string("arn:aws:states:::lambda:invoke") +
         (action.callback ? ".waitForTaskToken" : "");
}

std::string StartExecutionResource(const ir::Action& action) {
  const char* suffix = action.callback                             ? ".waitForTaskToken"
                       : action.kind == ir::Action::Kind::kRunFlow ? ".sync:2"
                                                                   : "";
  return std::string("arn:aws:states:::states:startExecution") + suffix;
}

std::string ServiceCallResource(const ir::Action& action) {
  // Step Functions offers Bedrock Runtime only as an optimized integration.
  if (aws_models::IsBedrockInvoke(action.service, action.operation)) {
    return "arn:aws:states:::bedrock:invokeModel";
  }
  const aws_models::Service* model = aws_models::FindService(action.service);
  std::string service = model != nullptr ? std::string(model->name) : action.service;
  if (action.sync) {
    // Optimized integrations spelled differently from the SDK integration's service.
    static const std::map<std::string, std::string, std::less<>> kSyncNames = {
        {"sfn", "states"},
        {"emr", "elasticmapreduce"},
        {"emrserverless", "emr-serverless"},
        {"emrcontainers", "emr-containers"},
        {"gluedatabrew", "databrew"},
    };
    if (auto it = kSyncNames.find(service); it != kSyncNames.end()) service = it->second;
    return "arn:aws:states:::" + service + ":" + action.operation + ".sync";
  }
  return "arn:aws:states:::aws-sdk:" + service + ":" + action.operation +
         (action.callback ? ".waitForTaskToken" : "");
}

}  // namespace caios::aws
