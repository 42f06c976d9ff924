// Each IR action as a JSONPath task: Resource, a Parameters payload template, and how the
// result the language promises is read from the raw result (a ResultSelector template, or
// states after the task for an item that may be absent and for lists to reshape). DynamoDB
// attribute values are written from the static types.
#include <algorithm>
#include <cctype>

#include "backends/aws/asl/action_args.h"
#include "backends/aws/asl/jsonpath.h"
#include "backends/aws/asl/state_parts.h"
#include "backends/aws/asl/table_expressions.h"
#include "backends/aws/asl/test_reads.h"

namespace caios::aws {
namespace {

using ir::ValueKind;
using types::TypeKind;
using K = JpValue::Kind;

types::TypeId Strip(types::TypeId t) { return types::TypeTable::StripOptional(t); }

class Tasks {
 public:
  Tasks(const JpScope& scope, AslBuilder& b, JpProblem& problem)
      : scope_(scope), b_(b), problem_(problem) {}

  std::optional<JpTaskShape> Shape(const ir::Action& a) {
    const std::string suffix = a.callback ? ".waitForTaskToken" : "";
    JpTaskShape s;
    s.result = JpValue{K::kPath, nullptr, "$"};
    switch (a.kind) {
      case ir::Action::Kind::kInvoke:
        s.resource = InvokeResource(a);
        s.parameters["FunctionName"] = b_.Address(a.target);
        if (a.whole) {
          // The argument itself (null when an optional one is left out).
          if (a.args.empty()) {
            s.parameters["Payload"] = nullptr;
          } else if (!Put(s.parameters, "Payload", a.args[0].second.get())) {
            return std::nullopt;
          }
        } else {
          s.parameters["Payload"] = Json::object();
          for (const auto& [name, value] : a.args) {
            if (!Put(s.parameters["Payload"], name, value.get())) return std::nullopt;
          }
        }
        if (!a.callback) s.result.text = "$.Payload";
        return s;
      case ir::Action::Kind::kRunFlow:
      case ir::Action::Kind::kStartFlow: {
        const bool run = a.kind == ir::Action::Kind::kRunFlow;
        s.resource = StartExecutionResource(a);
        s.parameters["StateMachineArn"] = b_.Address(a.target);
        if (a.whole) {
          // The value itself is the input: no field is added to it, not even the console's
          // link to this execution.
          if (a.args.empty()) {
            s.parameters["Input"] = Json::object();
          } else if (!Put(s.parameters, "Input", a.args[0].second.get())) {
            return std::nullopt;
          }
        } else {
          Json input = Json::object();
          for (const auto& [name, value] : a.args) {
            if (!Put(input, name, value.get())) return std::nullopt;
          }
          // Links the child execution to this one in the console.
          input["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$"] = "$$.Execution.Id";
          s.parameters["Input"] = std::move(input);
        }
        if (a.execution_name && !Put(s.parameters, "Name", a.execution_name.get())) {
          return std::nullopt;
        }
        if (a.callback) return s;
        if (a.details) {
          // DescribeExecution's response (`.sync:2` parses Output), in `start`'s spelling.
          s.result = Template(Json{{"output.$", "$.Output"},
                                   {"executionArn.$", "$.ExecutionArn"},
                                   {"name.$", "$.Name"},
                                   {"status.$", "$.Status"},
                                   {"startDate.$", "$.StartDate"},
                                   {"stopDate.$", "$.StopDate"}});
        } else if (run) {
          s.result.text = "$.Output";
        } else {
          // The date as a string, as the JSONata target gives it (AWS gives epoch milliseconds).
          s.result = Template(Json{{"executionArn.$", "$.ExecutionArn"},
                                   {"startDate.$", "States.Format('{}', $.StartDate)"}});
        }
        return s;
      }
      case ir::Action::Kind::kResourceOp:
        return ResourceOp(a, suffix, s);
      case ir::Action::Kind::kServiceCall: {
        s.resource = ServiceCallResource(a);
        if (a.args.empty()) return s;
        auto params = Value(*a.args[0].second);
        if (!params) return std::nullopt;
        if (params->dynamic()) {
          return Fail(a.args[0].second.get(),
                      "the parameters of an AWS API call must be an object literal");
        }
        s.parameters = params->json;
        return s;
      }
      case ir::Action::Kind::kHttp: {
        s.resource = "arn:aws:states:::http:invoke";
        const char* method = ir::Spelling(a.http_method);
        if (!Put(s.parameters, "ApiEndpoint", Arg(a, "url"))) return std::nullopt;
        s.parameters["Method"] = method;
        s.parameters["Authentication"] =
            Json{{"ConnectionArn", b_.Placeholder(a.target, Attribute::kArn)}};
        if (!Put(s.parameters, "RequestBody", Arg(a, "body")) ||
            !Put(s.parameters, "Headers", Arg(a, "headers")) ||
            !Put(s.parameters, "QueryParameters", Arg(a, "query"))) {
          return std::nullopt;
        }
        s.result = Template(Json{{"status.$", "$.StatusCode"},
                                 {"body.$", "$.ResponseBody"},
                                 {"headers.$", "$.Headers"}});
        return s;
      }
    }
    return std::nullopt;
  }

 private:
  static JpValue Template(Json j) { return JpValue{K::kTemplate, std::move(j), {}}; }

  std::optional<JpValue> Value(const ir::Value& v) { return JsonPathValue(v, scope_, problem_); }

  std::nullopt_t Fail(const ir::Value* at, std::string reason) {
    if (!problem_.at && problem_.reason.empty()) problem_ = JpProblem{at, std::move(reason)};
    return std::nullopt;
  }

  // Puts an optional argument into a template; false on a problem.
  bool Put(Json& object, const std::string& key, const ir::Value* v) {
    if (!v) return true;
    if (key.size() >= 2 && key.ends_with(".$")) {
      Fail(v, "a field name ending in `.$` would be read as a path in JSONPath");
      return false;
    }
    auto x = Value(*v);
    if (!x) return false;
    PutTemplateField(object, key, *x);
    return true;
  }

  // A string for a field that takes text: strings as they are, anything else as JSON text.
  bool PutText(Json& object, const std::string& key, const ir::Value& v) {
    auto x = Value(v);
    if (!x) return false;
    if (Strip(v.type)->is_stringish() || (x->kind == K::kLiteral && x->json.is_string())) {
      PutTemplateField(object, key, *x);
    } else if (x->kind == K::kPath) {
      object[key + ".$"] = "States.JsonToString(" + x->text + ")";
    } else if (x->kind == K::kLiteral) {
      object[key] = x->json.dump();
    } else if (scope_.store) {
      object[key + ".$"] = "States.JsonToString(" + scope_.store(*x) + ")";
    } else {
      Fail(&v,
           "only a value held in a variable can be sent as JSON text (States.JsonToString "
           "takes a path)");
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- DynamoDB attribute values

  // The AttributeValue template of `v`, from its static type.
  std::optional<Json> Attribute(const ir::Value& v) {
    types::TypeId t = v.type;
    if (t->is(TypeKind::kOptional)) {
      return Fail(&v, "an optional value has no fixed DynamoDB attribute type in JSONPath");
    }
    if (v.kind == ValueKind::kObject && t->is(TypeKind::kRecord)) {
      auto fields = Fields(v);
      if (!fields) return std::nullopt;
      return Json{{"M", std::move(*fields)}};
    }
    if (v.kind == ValueKind::kArray) {
      Json list = Json::array();
      for (const auto& e : v.children) {
        auto x = Attribute(*e);
        if (!x) return std::nullopt;
        list.push_back(std::move(*x));
      }
      return Json{{"L", std::move(list)}};
    }
    auto x = Value(v);
    if (!x) return std::nullopt;
    switch (t->kind) {
      case TypeKind::kString:
      case TypeKind::kToken: {
        Json a = Json::object();
        PutTemplateField(a, "S", *x);
        return a;
      }
      case TypeKind::kInt:
      case TypeKind::kNumber:
        if (x->kind == K::kLiteral) return Json{{"N", x->json.dump()}};
        if (x->kind == K::kPath) return Json{{"N.$", "States.JsonToString(" + x->text + ")"}};
        if (scope_.store) return Json{{"N.$", "States.JsonToString(" + scope_.store(*x) + ")"}};
        return Fail(&v,
                    "a computed number cannot be stored in DynamoDB here (States.JsonToString "
                    "takes a path)");
      case TypeKind::kBool: {
        Json a = Json::object();
        PutTemplateField(a, "BOOL", *x);
        return a;
      }
      case TypeKind::kNull:
        return Json{{"NULL", true}};
      case TypeKind::kRecord:
        if (x->kind != K::kPath) return Fail(&v, "a computed record has no JSONPath form here");
        if (auto m = RecordAt(v, t, x->text)) return Json{{"M", std::move(*m)}};
        return std::nullopt;
      default:
        return Fail(&v,
                    "the shape of this value is known only at run time; DynamoDB "
                    "attribute values are written from the static types in JSONPath");
    }
  }

  // The attribute map of a record held at `path`, field by field from its type. `depth` counts
  // the records around it: a record field of its own type (directly or through others) has no
  // finite template.
  std::optional<Json> RecordAt(const ir::Value& v, types::TypeId record, const std::string& path,
                               int depth = 0) {
    if (depth >= kMaxTemplateDepth) {
      return Fail(&v,
                  "this record nests other records too deeply (or refers to itself) for a "
                  "field-by-field DynamoDB template in JSONPath");
    }
    Json out = Json::object();
    for (const types::Field& f : record->fields) {
      if (f.optional || f.type->is(TypeKind::kOptional)) {
        return Fail(&v, "field `" + f.name +
                            "` may be absent, and a record held in a variable "
                            "is written field by field in JSONPath");
      }
      const std::string at = path + "." + f.name;
      types::TypeId ft = f.type;
      if (ft->is_stringish()) {
        out[f.name] = Json{{"S.$", at}};
      } else if (ft->is_numeric()) {
        out[f.name] = Json{{"N.$", "States.JsonToString(" + at + ")"}};
      } else if (ft->is(TypeKind::kBool)) {
        out[f.name] = Json{{"BOOL.$", at}};
      } else if (ft->is(TypeKind::kRecord)) {
        auto m = RecordAt(v, ft, at, depth + 1);
        if (!m) return std::nullopt;
        out[f.name] = Json{{"M", std::move(*m)}};
      } else {
        return Fail(&v, "field `" + f.name +
                            "` (an array or `json`) has no per-element "
                            "DynamoDB form in JSONPath");
      }
    }
    return out;
  }

  std::optional<Json> Fields(const ir::Value& object) {
    Json out = Json::object();
    for (size_t i = 0; i < object.keys.size(); ++i) {
      auto x = Attribute(*object.children[i]);
      if (!x) return std::nullopt;
      out[object.keys[i]] = std::move(*x);
    }
    return out;
  }

  // The item or key map of a put/get/update/delete.
  std::optional<Json> ItemMap(const ir::Value& v) {
    if (v.kind == ValueKind::kObject) return Fields(v);
    types::TypeId t = Strip(v.type);
    if (!t->is(TypeKind::kRecord)) {
      return Fail(&v,
                  "the item's shape is known only at run time (`json`); JSONPath writes "
                  "DynamoDB items from record types");
    }
    auto x = Value(v);
    if (!x) return std::nullopt;
    if (x->kind != K::kPath) return Fail(&v, "a computed record has no JSONPath form here");
    return RecordAt(v, t, x->text);
  }

  std::optional<JpTaskShape> ResourceOp(const ir::Action& a, const std::string& suffix,
                                        JpTaskShape& s) {
    const ir::App& app = b_.app();
    auto table = [&]() -> const ir::Table& {
      s.parameters["TableName"] = b_.Address(a.target);
      return app.tables[a.target.index];
    };
    // get, put, delete and update name their item (put) or its key first.
    auto item_or_key = [&](const char* arg, const char* parameter) {
      auto map = ItemMap(*Arg(a, arg));
      if (!map) return false;
      s.parameters[parameter] = std::move(*map);
      return true;
    };
    using O = ir::ResourceOp;
    switch (a.resource_op) {
      case O::kTableGet: {
        const ir::Table& t = table();
        if (!item_or_key("key", "Key")) return std::nullopt;
        s.resource = "arn:aws:states:::dynamodb:getItem";
        ProjectionExpression(a, s.parameters);
        if (!ReadsItems(ReadItemType(a, t), JpTaskShape::Post::kMaybeItem, "$.Item", s)) {
          return std::nullopt;
        }
        return s;
      }
      case O::kTablePut: {
        const ir::Table& t = table();
        if (!item_or_key("item", "Item")) return std::nullopt;
        s.resource = "arn:aws:states:::dynamodb:putItem";
        if (!Clauses(a, t, s)) return std::nullopt;
        return s;
      }
      case O::kTableDelete: {
        const ir::Table& t = table();
        if (!item_or_key("key", "Key")) return std::nullopt;
        s.resource = "arn:aws:states:::dynamodb:deleteItem";
        if (!Clauses(a, t, s)) return std::nullopt;
        return s;
      }
      case O::kTableUpdate: {
        const ir::Table& t = table();
        if (!item_or_key("key", "Key")) return std::nullopt;
        s.resource = "arn:aws:states:::dynamodb:updateItem";
        const ir::Value* changes = Arg(a, "changes");
        if (changes != nullptr && changes->kind != ValueKind::kObject) {
          return Fail(changes, "the changes of an update must be an object literal in JSONPath");
        }
        if (!UpdateExpressions(
                changes, Arg(a, "add"), a.remove,
                [&](const ir::Value& value) { return Attribute(value); }, s.parameters)) {
          return std::nullopt;
        }
        if (!Clauses(a, t, s)) return std::nullopt;
        return s;
      }
      case O::kTableQuery: {
        const ir::Table& t = table();
        s.resource = "arn:aws:states:::aws-sdk:dynamodb:query";
        if (!Query(t, *Arg(a, "conditions"), s) || !Clauses(a, t, s)) return std::nullopt;
        ProjectionExpression(a, s.parameters);
        if (!ReadsItems(ReadItemType(a, t), JpTaskShape::Post::kList, "$.Items", s)) {
          return std::nullopt;
        }
        return s;
      }
      case O::kTableScan: {
        const ir::Table& t = table();
        s.resource = "arn:aws:states:::aws-sdk:dynamodb:scan";
        if (!Clauses(a, t, s)) return std::nullopt;
        ProjectionExpression(a, s.parameters);
        if (!ReadsItems(ReadItemType(a, t), JpTaskShape::Post::kList, "$.Items", s)) {
          return std::nullopt;
        }
        return s;
      }
      case O::kBucketGet:
        s.parameters["Bucket"] = b_.Address(a.target);
        s.resource = "arn:aws:states:::aws-sdk:s3:getObject";
        if (!Put(s.parameters, "Key", Arg(a, "key"))) return std::nullopt;
        s.result.text = "$.Body";
        return s;
      case O::kBucketPut: {
        s.parameters["Bucket"] = b_.Address(a.target);
        s.resource = "arn:aws:states:::aws-sdk:s3:putObject";
        if (!Put(s.parameters, "Key", Arg(a, "key"))) return std::nullopt;
        const ir::Value& body = *Arg(a, "body");
        if (!PutText(s.parameters, "Body", body)) return std::nullopt;
        if (!Strip(body.type)->is_stringish()) s.parameters["ContentType"] = "application/json";
        return s;
      }
      case O::kBucketDelete:
        s.parameters["Bucket"] = b_.Address(a.target);
        s.resource = "arn:aws:states:::aws-sdk:s3:deleteObject";
        if (!Put(s.parameters, "Key", Arg(a, "key"))) return std::nullopt;
        return s;
      case O::kBucketList:
        s.parameters["Bucket"] = b_.Address(a.target);
        s.resource = "arn:aws:states:::aws-sdk:s3:listObjectsV2";
        if (!Put(s.parameters, "Prefix", Arg(a, "prefix"))) return std::nullopt;
        s.post = JpTaskShape::Post::kList;
        s.list_path = "$.Contents";
        s.element = [](const std::string& p) -> std::optional<Json> {
          return Json{{"key.$", p + ".Key"}, {"size.$", p + ".Size"}, {"etag.$", p + ".ETag"}};
        };
        return s;
      case O::kQueueSend:
        s.resource = "arn:aws:states:::sqs:sendMessage" + suffix;
        s.parameters["QueueUrl"] = b_.Address(a.target);
        if (!Put(s.parameters, "MessageBody", Arg(a, "message")) ||
            !Put(s.parameters, "MessageGroupId", Arg(a, "group")) ||
            !Put(s.parameters, "MessageDeduplicationId", Arg(a, "dedup")) ||
            !Put(s.parameters, "DelaySeconds", Arg(a, "delay"))) {
          return std::nullopt;
        }
        if (!a.callback) s.result = Template(Json{{"messageId.$", "$.MessageId"}});
        return s;
      case O::kTopicPublish:
        s.resource = "arn:aws:states:::sns:publish" + suffix;
        s.parameters["TopicArn"] = b_.Address(a.target);
        if (!Put(s.parameters, "Message", Arg(a, "message")) ||
            !Put(s.parameters, "Subject", Arg(a, "subject")) ||
            !Put(s.parameters, "MessageGroupId", Arg(a, "group")) ||
            !Put(s.parameters, "MessageDeduplicationId", Arg(a, "dedup"))) {
          return std::nullopt;
        }
        if (!a.callback) s.result = Template(Json{{"messageId.$", "$.MessageId"}});
        return s;
      case O::kQueueMessages:
      case O::kTopicMessages: {
        const bool queue = a.resource_op == O::kQueueMessages;
        s.resource = std::string(queue ? kQueueMessagesResource : kTopicMessagesResource);
        s.parameters[queue ? "QueueUrl" : "TopicArn"] = b_.Address(a.target);
        s.parameters["Body"] = MessageBodyForm(queue ? app.queues[a.target.index].item_type
                                                     : app.topics[a.target.index].item_type);
        return s;
      }
      case O::kStreamPut:
        s.resource = "arn:aws:states:::aws-sdk:kinesis:putRecord" + suffix;
        s.parameters["StreamName"] = b_.Address(a.target);
        if (!PutText(s.parameters, "Data", *Arg(a, "record")) ||
            !Put(s.parameters, "PartitionKey", Arg(a, "partition"))) {
          return std::nullopt;
        }
        if (!a.callback) {
          s.result =
              Template(Json{{"shardId.$", "$.ShardId"}, {"sequenceNumber.$", "$.SequenceNumber"}});
        }
        return s;
      case O::kEventsPut: {
        s.resource = "arn:aws:states:::events:putEvents" + suffix;
        Json entry = Json::object();
        if (!Put(entry, "Detail", Arg(a, "detail")) || !Put(entry, "DetailType", Arg(a, "type")) ||
            !Put(entry, "Source", Arg(a, "source"))) {
          return std::nullopt;
        }
        entry["EventBusName"] = b_.Address(a.target);
        s.parameters["Entries"] = Json::array({std::move(entry)});
        return s;
      }
    }
    return std::nullopt;
  }

  // query(conditions): the key (or index) whose partition key the conditions name; the other
  // fields filter. As in the JSONata target.
  bool Query(const ir::Table& table, const ir::Value& conditions, JpTaskShape& s) {
    if (conditions.kind != ValueKind::kObject) {
      Fail(&conditions, "the conditions of a query must be an object literal in JSONPath");
      return false;
    }
    return QueryExpressions(
        table, conditions, [&](const ir::Value& value) { return Attribute(value); }, s.parameters);
  }

  // `if:` and `returns:` of put, update and delete, `where:` of query and scan
  // (docs/language.md, section 14).
  bool Clauses(const ir::Action& a, const ir::Table& table, JpTaskShape& s) {
    if (!ConditionExpressions(
            a, table.key.name, [&](const ir::Value& value) { return Attribute(value); },
            s.parameters)) {
      return false;
    }
    const char* returns = ReturnValuesName(a.returns);
    if (returns == nullptr) return true;
    s.parameters["ReturnValues"] = returns;
    return ReadsItems(table.item_type, JpTaskShape::Post::kMaybeItem, "$.Attributes", s);
  }

  // The task's result holds the table's items at `path` (one that may be absent, or a list):
  // states after it unmarshal them.
  bool ReadsItems(types::TypeId item_type, JpTaskShape::Post post, const char* path,
                  JpTaskShape& s) {
    if (!Unmarshallable(item_type)) return false;
    s.post = post;
    s.list_path = path;
    s.element = [type = item_type](const std::string& prefix) {
      return UnmarshalTemplate(type, prefix);
    };
    return true;
  }

  bool Unmarshallable(types::TypeId type) {
    if (UnmarshalTemplate(type, "$")) return true;
    Fail(nullptr,
         "items of this table have fields (optional, arrays or `json`) that JSONPath "
         "cannot read back from DynamoDB attribute values");
    return false;
  }

  const JpScope& scope_;
  AslBuilder& b_;
  JpProblem& problem_;
};

}  // namespace

std::optional<Json> UnmarshalTemplate(types::TypeId type, const std::string& prefix, int depth) {
  types::TypeId t = types::TypeTable::StripOptional(type);
  if (!t->is(TypeKind::kRecord) || depth >= kMaxTemplateDepth) return std::nullopt;
  Json out = Json::object();
  for (const types::Field& f : t->fields) {
    if (f.optional || f.type->is(TypeKind::kOptional)) return std::nullopt;
    const std::string at = prefix + "." + f.name;
    if (f.type->is_stringish()) {
      out[f.name + ".$"] = at + ".S";
    } else if (f.type->is_numeric()) {
      out[f.name + ".$"] = "States.StringToJson(" + at + ".N)";
    } else if (f.type->is(TypeKind::kBool)) {
      out[f.name + ".$"] = at + ".BOOL";
    } else if (f.type->is(TypeKind::kRecord)) {
      auto m = UnmarshalTemplate(f.type, at + ".M", depth + 1);
      if (!m) return std::nullopt;
      out[f.name] = std::move(*m);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::optional<JpTaskShape> JsonPathTask(const ir::Action& action, const JpScope& scope,
                                        AslBuilder& b, JpProblem& problem) {
  return Tasks(scope, b, problem).Shape(action);
}

}  // namespace caios::aws
