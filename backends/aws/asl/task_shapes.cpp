// Each IR action as a Step Functions task: optimized integrations where AWS offers them, AWS
// SDK integrations otherwise, with the result reshaped to the type the language promises.
#include "backends/aws/asl/action_args.h"
#include "backends/aws/asl/marshal.h"
#include "backends/aws/asl/state_parts.h"
#include "backends/aws/asl/table_expressions.h"
#include "backends/aws/asl/task_builder.h"
#include "backends/aws/asl/test_reads.h"
#include "compiler/base/invariant.h"

namespace caios::aws {
namespace {

using ir::ValueKind;
using types::TypeKind;

bool IsAtomic(const ir::Value& v) {
  if (v.kind == ValueKind::kVar) return true;
  if (v.kind == ValueKind::kField) return IsAtomic(*v.children[0]);
  return false;
}

// Runs `make` on an expression text that may be repeated: the value itself when it is a plain
// variable or path, a bound temporary otherwise.
template <class F>
std::string Bound(AslBuilder& b, const ir::Value& v, F&& make) {
  if (IsAtomic(v)) return make(b.Expr(v));
  return "($__x := " + b.Expr(v) + "; " + make(std::string("$__x")) + ")";
}

types::TypeId ItemTypeOf(const ir::App& app, ir::EntityRef ref) {
  using K = ir::EntityRef::Kind;
  switch (ref.kind) {
    case K::kTable:
      return app.tables[ref.index].item_type;
    case K::kQueue:
      return app.queues[ref.index].item_type;
    case K::kTopic:
      return app.topics[ref.index].item_type;
    case K::kStream:
      return app.streams[ref.index].item_type;
    case K::kEventBus:
      return app.buses[ref.index].item_type;
    default:
      return app.types->Json();
  }
}

// An attribute value as a JSON template: literal parts stay literal, so `{ id: order.id }`
// becomes {"id": {"S": "{% $order.id %}"}}. Values whose shape is only known at run time
// (optional, json, arrays) use the JSONata marshaller.
Json MarshalJson(AslBuilder& b, const ir::Value& v);

Json MarshalFieldsJson(AslBuilder& b, const ir::Value& object) {
  Json out = Json::object();
  for (size_t i = 0; i < object.keys.size(); ++i) {
    out[object.keys[i]] = MarshalJson(b, *object.children[i]);
  }
  return out;
}

Json MarshalJson(AslBuilder& b, const ir::Value& v) {
  types::TypeId t = v.type;
  auto computed = [&] {
    return Json(Template(Bound(b, v, [&](const std::string& x) { return MarshalValue(x, t); })));
  };
  switch (t->kind) {
    case TypeKind::kString:
    case TypeKind::kToken:
      return Json{{"S", b.Value(v)}};
    case TypeKind::kInt:
    case TypeKind::kNumber:
      if (v.kind == ValueKind::kInt) return Json{{"N", std::to_string(v.integer)}};
      return Json{{"N", Template("$string(" + b.Expr(v) + ")")}};
    case TypeKind::kBool:
      return Json{{"BOOL", b.Value(v)}};
    case TypeKind::kNull:
      return Json{{"NULL", true}};
    case TypeKind::kRecord:
      if (v.kind == ValueKind::kObject) return Json{{"M", MarshalFieldsJson(b, v)}};
      return computed();
    default:
      return computed();
  }
}

// The item or key map of a put/get/update/delete.
Json MarshalItemJson(AslBuilder& b, const ir::Value& v) {
  if (v.kind == ValueKind::kObject && v.type->is(TypeKind::kRecord)) {
    return MarshalFieldsJson(b, v);
  }
  return Template(Bound(b, v, [&](const std::string& x) { return MarshalItem(x, v.type); }));
}

std::string AsString(AslBuilder& b, const ir::Value& v) {
  std::string e = b.Expr(v);
  types::TypeId t = types::TypeTable::StripOptional(v.type);
  return t->is_stringish() ? e : "$string(" + e + ")";
}

// SET #f0 = :v0, ..., ADD #a0 :a0, ..., REMOVE #r0, ... for `update(key, changes, add:, remove:)`.
void UpdateArguments(AslBuilder& b, const ir::Action& a, TaskShape& shape) {
  const ir::Value* changes = Arg(a, "changes");
  if (changes == nullptr || changes->kind == ValueKind::kObject) {
    // Every value can be written in JSONata.
    bool written = UpdateExpressions(
        changes, Arg(a, "add"), a.remove,
        [&](const ir::Value& value) { return std::optional(MarshalJson(b, value)); },
        shape.arguments);
    CAIOS_CHECK_INVARIANT(written);
    return;
  }
  // Changes known only at run time: one SET clause per present field.
  std::string c = b.Expr(*changes);
  shape.arguments["UpdateExpression"] =
      Template("\"SET \" & $join($map($keys(" + c +
               "), function($k, $i) { \"#f\" & $i & \" = :v\" & $i "
               "}), \", \")");
  shape.arguments["ExpressionAttributeNames"] =
      Template("$merge([{}, $map($keys(" + c + "), function($k, $i) { {\"#f\" & $i: $k} })])");
  shape.arguments["ExpressionAttributeValues"] =
      Template("$merge([{}, $map($keys(" + c + "), function($k, $i) { {\":v\" & $i: " +
               MarshalValue("$lookup(" + c + ", $k)", b.app().types->Json()) + "} })])");
}

// query(conditions): the key (or index) whose partition key the conditions name; the other
// fields filter.
void QueryArguments(AslBuilder& b, const ir::Table& table, const ir::Value& conditions,
                    TaskShape& shape) {
  if (conditions.kind != ValueKind::kObject) {
    // Conditions known only at run time: every field is an equality filter over a scan-like
    // query on the table key.
    std::string c = b.Expr(conditions);
    shape.arguments["KeyConditionExpression"] = "#k0 = :k0";
    shape.arguments["ExpressionAttributeNames"] = Json{{"#k0", table.key.name}};
    shape.arguments["ExpressionAttributeValues"] = Template(
        "{\":k0\": " +
        MarshalValue("$lookup(" + c + ", " + Quote(table.key.name) + ")", b.app().types->Json()) +
        "}");
    return;
  }
  QueryExpressions(
      table, conditions,
      [&](const ir::Value& value) -> std::optional<Json> { return MarshalJson(b, value); },
      shape.arguments);
}

std::string ItemsResult(const std::string& items, types::TypeId item_type) {
  return "[$map(" + items + ", function($__i) { " + UnmarshalItem("$__i", item_type) + " })]";
}

TaskShape ResourceOp(const ir::Action& a, AslBuilder& b) {
  TaskShape s;
  const ir::App& app = b.app();
  const std::string suffix = a.callback ? ".waitForTaskToken" : "";
  types::TypeId item_type = ItemTypeOf(app, a.target);
  auto marshal_item = [&](const ir::Value& v) { return MarshalItemJson(b, v); };
  auto table = [&]() -> const ir::Table& {
    s.arguments["TableName"] = b.Address(a.target);
    return app.tables[a.target.index];
  };
  auto bucket = [&] { s.arguments["Bucket"] = b.Address(a.target); };
  // `if:` and `returns:` of put, update and delete; `where:` of query and scan.
  auto clauses = [&] {
    const ir::Table& t = app.tables[a.target.index];
    bool written = ConditionExpressions(
        a, t.key.name, [&](const ir::Value& value) { return std::optional(MarshalJson(b, value)); },
        s.arguments);
    CAIOS_CHECK_INVARIANT(written);
    if (const char* returns = ReturnValuesName(a.returns)) {
      s.arguments["ReturnValues"] = returns;
      s.result = "($exists($states.result.Attributes) ? " +
                 UnmarshalItem("$states.result.Attributes", item_type) + " : null)";
    }
  };
  using O = ir::ResourceOp;
  switch (a.resource_op) {
    case O::kTableGet: {
      const ir::Table& t = table();
      s.resource = "arn:aws:states:::dynamodb:getItem";
      s.arguments["Key"] = marshal_item(*Arg(a, "key"));
      ProjectionExpression(a, s.arguments);
      s.result = "($exists($states.result.Item) ? " +
                 UnmarshalItem("$states.result.Item", ReadItemType(a, t)) + " : null)";
      return s;
    }
    case O::kTablePut:
      table();
      s.resource = "arn:aws:states:::dynamodb:putItem";
      s.arguments["Item"] = marshal_item(*Arg(a, "item"));
      clauses();
      return s;
    case O::kTableUpdate:
      table();
      s.resource = "arn:aws:states:::dynamodb:updateItem";
      s.arguments["Key"] = marshal_item(*Arg(a, "key"));
      UpdateArguments(b, a, s);
      clauses();
      return s;
    case O::kTableDelete:
      table();
      s.resource = "arn:aws:states:::dynamodb:deleteItem";
      s.arguments["Key"] = marshal_item(*Arg(a, "key"));
      clauses();
      return s;
    case O::kTableQuery: {
      const ir::Table& t = table();
      s.resource = "arn:aws:states:::aws-sdk:dynamodb:query";
      QueryArguments(b, t, *Arg(a, "conditions"), s);
      clauses();
      ProjectionExpression(a, s.arguments);
      s.result = ItemsResult("$states.result.Items", ReadItemType(a, t));
      return s;
    }
    case O::kTableScan: {
      const ir::Table& t = table();
      s.resource = "arn:aws:states:::aws-sdk:dynamodb:scan";
      clauses();
      ProjectionExpression(a, s.arguments);
      s.result = ItemsResult("$states.result.Items", ReadItemType(a, t));
      return s;
    }
    case O::kBucketGet:
      bucket();
      s.resource = "arn:aws:states:::aws-sdk:s3:getObject";
      s.arguments["Key"] = b.Value(*Arg(a, "key"));
      s.result = "$states.result.Body";
      return s;
    case O::kBucketPut: {
      bucket();
      s.resource = "arn:aws:states:::aws-sdk:s3:putObject";
      s.arguments["Key"] = b.Value(*Arg(a, "key"));
      const ir::Value& body = *Arg(a, "body");
      s.arguments["Body"] = Template(AsString(b, body));
      if (!types::TypeTable::StripOptional(body.type)->is_stringish()) {
        s.arguments["ContentType"] = "application/json";
      }
      return s;
    }
    case O::kBucketDelete:
      bucket();
      s.resource = "arn:aws:states:::aws-sdk:s3:deleteObject";
      s.arguments["Key"] = b.Value(*Arg(a, "key"));
      return s;
    case O::kBucketList:
      bucket();
      s.resource = "arn:aws:states:::aws-sdk:s3:listObjectsV2";
      if (const ir::Value* prefix = Arg(a, "prefix")) s.arguments["Prefix"] = b.Value(*prefix);
      s.result =
          "[$map($states.result.Contents, function($o) { {\"key\": $o.Key, \"size\": $o.Size, "
          "\"etag\": $o.ETag} })]";
      return s;
    case O::kQueueSend:
      s.resource = "arn:aws:states:::sqs:sendMessage" + suffix;
      s.arguments["QueueUrl"] = b.Address(a.target);
      s.arguments["MessageBody"] = b.Value(*Arg(a, "message"));
      if (const ir::Value* v = Arg(a, "group")) s.arguments["MessageGroupId"] = b.Value(*v);
      if (const ir::Value* v = Arg(a, "dedup")) s.arguments["MessageDeduplicationId"] = b.Value(*v);
      if (const ir::Value* v = Arg(a, "delay")) s.arguments["DelaySeconds"] = b.Value(*v);
      if (!a.callback) s.result = "{\"messageId\": $states.result.MessageId}";
      return s;
    case O::kTopicPublish:
      s.resource = "arn:aws:states:::sns:publish" + suffix;
      s.arguments["TopicArn"] = b.Address(a.target);
      s.arguments["Message"] = b.Value(*Arg(a, "message"));
      if (const ir::Value* v = Arg(a, "subject")) s.arguments["Subject"] = b.Value(*v);
      if (const ir::Value* v = Arg(a, "group")) s.arguments["MessageGroupId"] = b.Value(*v);
      if (const ir::Value* v = Arg(a, "dedup")) s.arguments["MessageDeduplicationId"] = b.Value(*v);
      if (!a.callback) s.result = "{\"messageId\": $states.result.MessageId}";
      return s;
    case O::kQueueMessages:
    case O::kTopicMessages: {
      const bool queue = a.resource_op == O::kQueueMessages;
      s.resource = std::string(queue ? kQueueMessagesResource : kTopicMessagesResource);
      s.arguments[queue ? "QueueUrl" : "TopicArn"] = b.Address(a.target);
      s.arguments["Body"] = MessageBodyForm(item_type);
      return s;
    }
    case O::kStreamPut:
      s.resource = "arn:aws:states:::aws-sdk:kinesis:putRecord" + suffix;
      s.arguments["StreamName"] = b.Address(a.target);
      s.arguments["Data"] = Template(AsString(b, *Arg(a, "record")));
      s.arguments["PartitionKey"] = b.Value(*Arg(a, "partition"));
      if (!a.callback) {
        s.result =
            "{\"shardId\": $states.result.ShardId, \"sequenceNumber\": "
            "$states.result.SequenceNumber}";
      }
      return s;
    case O::kEventsPut: {
      s.resource = "arn:aws:states:::events:putEvents" + suffix;
      Json entry = Json::object();
      entry["Detail"] = b.Value(*Arg(a, "detail"));
      entry["DetailType"] = b.Value(*Arg(a, "type"));
      entry["Source"] = b.Value(*Arg(a, "source"));
      entry["EventBusName"] = b.Address(a.target);
      s.arguments["Entries"] = Json::array({entry});
      return s;
    }
  }
  return s;
}

Json ArgsObject(const ir::Action& a, AslBuilder& b) {
  Json o = Json::object();
  for (const auto& [name, value] : a.args) o[name] = b.Value(*value);
  return o;
}

}  // namespace

TaskShape ShapeTask(const ir::Action& a, AslBuilder& b) {
  const std::string suffix = a.callback ? ".waitForTaskToken" : "";
  TaskShape s;
  switch (a.kind) {
    case ir::Action::Kind::kInvoke:
      s.resource = InvokeResource(a);
      s.arguments["FunctionName"] = b.Address(a.target);
      // A `whole` function's payload is its argument itself (null when an optional one is
      // left out).
      s.arguments["Payload"] = !a.whole         ? ArgsObject(a, b)
                               : a.args.empty() ? Json(nullptr)
                                                : b.Value(*a.args[0].second);
      // A callback's result is what SendTaskSuccess delivers, not the invocation's response.
      s.result = a.callback ? "$states.result" : "$states.result.Payload";
      return s;
    case ir::Action::Kind::kResourceOp:
      return ResourceOp(a, b);
    case ir::Action::Kind::kRunFlow:
    case ir::Action::Kind::kStartFlow: {
      const bool run = a.kind == ir::Action::Kind::kRunFlow;
      s.resource = StartExecutionResource(a);
      s.arguments["StateMachineArn"] = b.Address(a.target);
      if (a.whole) {
        // The value itself is the input: no field is added to it, not even the console's link
        // to this execution.
        s.arguments["Input"] = a.args.empty() ? Json::object() : b.Value(*a.args[0].second);
      } else {
        Json input = ArgsObject(a, b);
        // Links the child execution to this one in the console.
        input["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"] =
            Template("$states.context.Execution.Id");
        s.arguments["Input"] = input;
      }
      if (a.execution_name) s.arguments["Name"] = b.Value(*a.execution_name);
      if (a.callback) return s;
      if (a.details) {
        // DescribeExecution's response (`.sync:2` parses Output), in `start`'s spelling.
        s.result =
            "{\"output\": $states.result.Output, \"executionArn\": $states.result.ExecutionArn, "
            "\"name\": $states.result.Name, \"status\": $states.result.Status, \"startDate\": "
            "$states.result.StartDate, \"stopDate\": $states.result.StopDate}";
      } else {
        s.result = run ? "$states.result.Output"
                       : "{\"executionArn\": $states.result.ExecutionArn, \"startDate\": "
                         "$string($states.result.StartDate)}";
      }
      return s;
    }
    case ir::Action::Kind::kServiceCall: {
      s.resource = ServiceCallResource(a);
      if (!a.args.empty()) {
        Json params = b.Value(*a.args[0].second);
        if (params.is_object()) {
          s.arguments = params;
        } else {
          s.arguments = params;  // a `{% %}` expression giving the whole parameter object
        }
      }
      return s;
    }
    case ir::Action::Kind::kHttp: {
      s.resource = "arn:aws:states:::http:invoke";
      const char* method = ir::Spelling(a.http_method);
      s.arguments["ApiEndpoint"] = b.Value(*Arg(a, "url"));
      s.arguments["Method"] = method;
      s.arguments["Authentication"] =
          Json{{"ConnectionArn", b.Placeholder(a.target, Attribute::kArn)}};
      if (const ir::Value* v = Arg(a, "body")) s.arguments["RequestBody"] = b.Value(*v);
      if (const ir::Value* v = Arg(a, "headers")) s.arguments["Headers"] = b.Value(*v);
      if (const ir::Value* v = Arg(a, "query")) s.arguments["QueryParameters"] = b.Value(*v);
      s.result =
          "{\"status\": $states.result.StatusCode, \"body\": $states.result.ResponseBody, "
          "\"headers\": $states.result.Headers}";
      return s;
    }
  }
  return s;
}

}  // namespace caios::aws
