// Unit tests of the CloudFormation template (backends/aws/cloudformation) and Lambda
// configurations (backends/aws/lambda) of hand-built applications: resources and their
// properties, substitutions, environment, diagnostics, determinism and the YAML rendering.
#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "backends/aws/cloudformation/template.h"
#include "backends/aws/common/json.h"
#include "backends/aws/lambda/configuration.h"
#include "tests/unit/aws_test_util.h"
#include "yaml-cpp/yaml.h"

using namespace caios;
using Json = caios::aws::Json;

namespace {

using testing::At;
using testing::Codes;

// An application that uses every kind of entity, port and trigger.
struct RichApp {
  std::shared_ptr<types::TypeTable> type_table = std::make_shared<types::TypeTable>();
  types::TypeTable& types = *type_table;
  ir::App app;
  std::vector<aws::FlowDefinition> flows;

  RichApp() {
    app.name = "orders";
    app.types = type_table;
    ir::Table orders;
    orders.name = "Orders";
    orders.span = At(1);
    orders.key = {"id", ir::KeyAttribute::Type::kString};
    orders.sort = ir::KeyAttribute{"createdAt", ir::KeyAttribute::Type::kString};
    orders.indexes.push_back({"byCustomer",
                              {"customer", ir::KeyAttribute::Type::kString},
                              ir::KeyAttribute{"total", ir::KeyAttribute::Type::kNumber}});
    orders.ttl_attribute = "expiresAt";
    orders.point_in_time_recovery = true;
    app.tables.push_back(std::move(orders));
    ir::Bucket receipts;
    receipts.name = "Receipts";
    receipts.versioned = true;
    receipts.expire_days = 365;
    receipts.transitions.push_back({ir::Bucket::Transition::Class::kGlacier, 90});
    receipts.cors = true;
    receipts.retain = false;
    app.buckets.push_back(std::move(receipts));
    ir::Queue shipping;
    shipping.name = "Shipping";
    shipping.fifo = true;
    shipping.visibility_seconds = 60;
    shipping.dead_letter = ir::Queue::DeadLetter{5, {}};
    app.queues.push_back(std::move(shipping));
    ir::Topic events;
    events.name = "OrderEvents";
    app.topics.push_back(std::move(events));
    ir::Stream clicks;
    clicks.name = "Clicks";
    clicks.shards = 2;
    clicks.retention_hours = 48;
    app.streams.push_back(std::move(clicks));
    ir::EventBus shop;
    shop.name = "Shop";
    shop.archive = true;
    shop.archive_days = 7;
    app.buses.push_back(std::move(shop));
    ir::Connection stripe;
    stripe.name = "Stripe";
    stripe.secret = "stripe/api-key";
    app.connections.push_back(std::move(stripe));
    ir::Connection legacy;
    legacy.name = "Legacy";
    legacy.auth = ir::Connection::Auth::kBasic;
    app.connections.push_back(std::move(legacy));

    ir::Function validate;
    validate.name = "validate";
    validate.runtime = "python3.12";
    validate.handler = "validate.handler";
    validate.code_dir = "/work/app/functions/validate";
    validate.memory_mb = 512;
    validate.timeout_seconds = 10;
    validate.environment = {{"MODE", "strict"}, {"ENABLED", "true"}};
    validate.tracing = true;
    validate.grants.push_back({ir::Ref(ir::TableId{0}), {ir::Permission::kRead}, At(50)});
    validate.grants.push_back({ir::Ref(ir::QueueId{0}), {ir::Permission::kSend}, At(55)});
    validate.grants.push_back({ir::Ref(ir::FlowId{0}), {ir::Permission::kStart}, At(60)});
    app.functions.push_back(std::move(validate));
    ir::Function resize;
    resize.name = "resize";
    resize.image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize:1";
    resize.arm64 = true;
    resize.ephemeral_mb = 1024;
    resize.log_retention_days = 10;
    app.functions.push_back(std::move(resize));

    ir::Flow checkout;
    checkout.name = "checkout";
    checkout.logging = ir::Flow::Logging::kAll;
    checkout.tracing = true;
    app.flows.push_back(std::move(checkout));
    ir::Flow nightly;
    nightly.name = "nightly";
    nightly.express = true;
    app.flows.push_back(std::move(nightly));
    Access(0, ir::Access::Kind::kResourceOp, ir::Ref(ir::TableId{0}), "");
    app.accesses.back().resource_op = ir::ResourceOp::kTablePut;
    Access(0, ir::Access::Kind::kInvoke, ir::Ref(ir::FunctionId{0}), "invoke");
    Access(0, ir::Access::Kind::kHttp, ir::Ref(ir::ConnectionId{0}), "POST");
    Access(0, ir::Access::Kind::kRunFlow, ir::Ref(ir::FlowId{1}), "run");
    Access(1, ir::Access::Kind::kResourceOp, ir::Ref(ir::TopicId{0}), "");
    app.accesses.back().resource_op = ir::ResourceOp::kTopicPublish;

    ir::Api api;
    api.name = "Public";
    api.routes.push_back({ir::HttpMethod::kPost,
                          "/orders",
                          {ir::Target::Mode::kStart, ir::Ref(ir::FlowId{0})},
                          At(70)});
    api.routes.push_back({ir::HttpMethod::kGet,
                          "/orders/{id}",
                          {ir::Target::Mode::kCall, ir::Ref(ir::FunctionId{0})},
                          At(71)});
    api.routes.push_back({ir::HttpMethod::kPost,
                          "/quote",
                          {ir::Target::Mode::kRun, ir::Ref(ir::FlowId{1})},
                          At(72)});
    app.apis.push_back(std::move(api));
    ir::Schedule schedule;
    schedule.name = "nightly_schedule";
    schedule.expression = "rate(1 day)";
    schedule.target = {ir::Target::Mode::kStart, ir::Ref(ir::FlowId{1})};
    app.schedules.push_back(std::move(schedule));

    Trigger("ShippingMessageValidate", ir::Ref(ir::QueueId{0}), "message",
            ir::Ref(ir::FunctionId{0}))
        .batch_size = 20;
    ir::Trigger& created = Trigger("ReceiptsCreatedCheckout", ir::Ref(ir::BucketId{0}), "created",
                                   ir::Ref(ir::FlowId{0}));
    created.prefix = "in/";
    created.suffix = ".csv";
    Trigger("OrdersChangeValidate", ir::Ref(ir::TableId{0}), "change", ir::Ref(ir::FunctionId{0}))
        .starting_position = ir::Trigger::Starting::kTrimHorizon;
    Trigger("ClicksRecordNightly", ir::Ref(ir::StreamId{0}), "record", ir::Ref(ir::FlowId{1}));
    Trigger("ShopOrderPlacedValidate", ir::Ref(ir::EventBusId{0}), "OrderPlaced",
            ir::Ref(ir::FunctionId{0}));
    Trigger("OrderEventsMessageResize", ir::Ref(ir::TopicId{0}), "message",
            ir::Ref(ir::FunctionId{1}));

    aws::FlowDefinition c;
    c.flow = ir::FlowId{0};
    c.asl = Json::parse(R"({"QueryLanguage": "JSONata", "StartAt": "Validate", "States": {
      "Validate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "${ValidateFunctionArn}", "Payload": "{% $states.input %}"},
                   "Next": "Save"},
      "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
               "Arguments": {"TableName": "${OrdersTableName}", "Item": {"id": {"S": "1"}}}, "End": true}}})");
    c.placeholders = {{"OrdersTableName", ir::Ref(ir::TableId{0}), aws::Attribute::kName},
                      {"ValidateFunctionArn", ir::Ref(ir::FunctionId{0}), aws::Attribute::kArn}};
    flows.push_back(std::move(c));
    aws::FlowDefinition n;
    n.flow = ir::FlowId{1};
    n.asl = Json::parse(R"({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})");
    flows.push_back(std::move(n));
  }

  void Access(uint32_t from, ir::Access::Kind kind, ir::EntityRef to, std::string op) {
    ir::Access a;
    a.from = ir::FlowId{from};
    a.kind = kind;
    a.to = to;
    a.operation = std::move(op);
    a.span = At(80);
    app.accesses.push_back(std::move(a));
    ir::IndexAccesses(app);
  }

  ir::Trigger& Trigger(std::string name, ir::EntityRef source, std::string event,
                       ir::EntityRef target) {
    ir::Trigger t;
    t.name = std::move(name);
    t.span = At(90);
    t.source = source;
    t.event = std::move(event);
    t.target.mode = target.kind == ir::EntityRef::Kind::kFlow ? ir::Target::Mode::kStart
                                                              : ir::Target::Mode::kCall;
    t.target.entity = target;
    app.triggers.push_back(std::move(t));
    return app.triggers.back();
  }
};

Json Build(const RichApp& r, DiagnosticSink& sink) {
  return aws::BuildTemplate(r.app, r.flows, {"/work/app/out"}, sink);
}

Json GetAtt(const std::string& id, const std::string& attribute) {
  return Json{{"Fn::GetAtt", Json::array({id, attribute})}};
}
Json RefTo(const std::string& id) { return Json{{"Ref", id}}; }

// YAML → JSON as a YAML 1.1 reader types plain scalars (so an unquoted `yes` is a boolean);
// quoted scalars are strings.
Json ToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& kv : node) out[kv.first.Scalar()] = ToJson(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& item : node) out.push_back(ToJson(item));
      return out;
    }
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() == "!") return s;  // quoted
      static const std::regex kNull("~|null|Null|NULL|");
      static const std::regex kTrue("y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON");
      static const std::regex kFalse("n|N|no|No|NO|false|False|FALSE|off|Off|OFF");
      static const std::regex kInt("[-+]?[0-9]+");
      static const std::regex kFloat("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
      if (std::regex_match(s, kNull)) return nullptr;
      if (std::regex_match(s, kTrue)) return true;
      if (std::regex_match(s, kFalse)) return false;
      if (std::regex_match(s, kInt)) return std::stoll(s);
      if (std::regex_match(s, kFloat)) return std::stod(s);
      return s;
    }
    case YAML::NodeType::Undefined:
      break;
  }
  return nullptr;
}

Json RoundTrip(const Json& doc) { return ToJson(YAML::Load(aws::RenderYaml(doc))); }

}  // namespace

TEST_CASE("template: sections and resources of a full application", "[aws_template]") {
  RichApp r;
  DiagnosticSink sink;
  Json t = Build(r, sink);
  CHECK(Codes(sink).empty());
  std::vector<std::string> sections;
  for (const auto& [key, value] : t.items()) sections.push_back(key);
  CHECK(sections == std::vector<std::string>{"AWSTemplateFormatVersion", "Description",
                                             "Parameters", "Resources", "Outputs"});
  CHECK(t["AWSTemplateFormatVersion"] == "2010-09-09");
  CHECK(t["Description"] == "caios application orders");
  const Json& res = t["Resources"];
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"OrdersTable", "AWS::DynamoDB::Table"},
      {"ReceiptsBucket", "AWS::S3::Bucket"},
      {"ReceiptsBucketPolicy", "AWS::S3::BucketPolicy"},
      {"ShippingDeadLetterQueue", "AWS::SQS::Queue"},
      {"ShippingQueue", "AWS::SQS::Queue"},
      {"OrderEventsTopic", "AWS::SNS::Topic"},
      {"ClicksStream", "AWS::Kinesis::Stream"},
      {"ShopEventBus", "AWS::Events::EventBus"},
      {"ShopEventBusArchive", "AWS::Events::Archive"},
      {"StripeConnection", "AWS::Events::Connection"},
      {"LegacyConnection", "AWS::Events::Connection"},
      {"ValidateFunctionLogGroup", "AWS::Logs::LogGroup"},
      {"ValidateFunctionRole", "AWS::IAM::Role"},
      {"ValidateFunction", "AWS::Lambda::Function"},
      {"CheckoutStateMachineLogGroup", "AWS::Logs::LogGroup"},
      {"CheckoutStateMachineRole", "AWS::IAM::Role"},
      {"CheckoutStateMachine", "AWS::StepFunctions::StateMachine"},
      {"NightlyStateMachine", "AWS::StepFunctions::StateMachine"},
      {"PublicApi", "AWS::ApiGateway::RestApi"},
      {"PublicApiStage", "AWS::ApiGateway::Stage"},
      {"PublicApiRole", "AWS::IAM::Role"},
      {"PublicApiOrdersResource", "AWS::ApiGateway::Resource"},
      {"PublicApiOrdersIdResource", "AWS::ApiGateway::Resource"},
      {"PublicApiPostOrdersMethod", "AWS::ApiGateway::Method"},
      {"PublicApiGetOrdersIdMethodPermission", "AWS::Lambda::Permission"},
      {"PublicApiGetOrdersIdMethod", "AWS::ApiGateway::Method"},
      {"NightlyScheduleSchedule", "AWS::Scheduler::Schedule"},
      {"ShippingMessageValidateTrigger", "AWS::Lambda::EventSourceMapping"},
      {"ReceiptsCreatedCheckoutTrigger", "AWS::Events::Rule"},
      {"OrdersChangeValidateTrigger", "AWS::Lambda::EventSourceMapping"},
      {"ClicksRecordNightlyTrigger", "AWS::Pipes::Pipe"},
      {"ShopOrderPlacedValidateTriggerPermission", "AWS::Lambda::Permission"},
      {"OrderEventsMessageResizeTrigger", "AWS::SNS::Subscription"},
  };
  for (const auto& [id, type] : expected) {
    INFO(id);
    REQUIRE(res.contains(id));
    CHECK(res[id]["Type"] == type);
  }
  // Every role is used by one kind of service and every function/state machine has its own.
  for (const auto& [id, resource] : res.items()) {
    if (resource["Type"] == "AWS::IAM::Role") {
      INFO(id);
      CHECK(resource["Properties"]["AssumeRolePolicyDocument"]["Statement"].size() == 1);
    }
  }
  CHECK(
      t["Outputs"]["PublicApiUrl"]["Value"] ==
      Json{{"Fn::Sub", "https://${PublicApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/prod/"}});
  CHECK(t["Outputs"]["ShippingQueueUrl"]["Value"] == RefTo("ShippingQueue"));
  CHECK(t["Outputs"]["CheckoutStateMachineArn"]["Value"] == RefTo("CheckoutStateMachine"));
}

TEST_CASE("template: storage and buses", "[aws_template]") {
  RichApp r;
  DiagnosticSink sink;
  Json res = Build(r, sink)["Resources"];
  const Json& table = res["OrdersTable"];
  CHECK(table["DeletionPolicy"] == "Retain");
  CHECK(table["Properties"]["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(table["Properties"]["AttributeDefinitions"] ==
        Json::parse(R"([{"AttributeName":"id","AttributeType":"S"},
                        {"AttributeName":"createdAt","AttributeType":"S"},
                        {"AttributeName":"customer","AttributeType":"S"},
                        {"AttributeName":"total","AttributeType":"N"}])"));
  CHECK(table["Properties"]["SSESpecification"] == Json{{"SSEEnabled", true}});
  // A `change` trigger turns the stream on.
  CHECK(table["Properties"]["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES");

  const Json& bucket = res["ReceiptsBucket"];
  CHECK(bucket["DeletionPolicy"] == "Delete");
  CHECK(bucket["Properties"]["PublicAccessBlockConfiguration"] ==
        Json{{"BlockPublicAcls", true},
             {"BlockPublicPolicy", true},
             {"IgnorePublicAcls", true},
             {"RestrictPublicBuckets", true}});
  // A `created` trigger needs EventBridge notifications.
  CHECK(bucket["Properties"]["NotificationConfiguration"]["EventBridgeConfiguration"]
              ["EventBridgeEnabled"] == true);

  const Json& queue = res["ShippingQueue"]["Properties"];
  CHECK(queue["SqsManagedSseEnabled"] == true);
  CHECK(queue["RedrivePolicy"] ==
        Json{{"deadLetterTargetArn", GetAtt("ShippingDeadLetterQueue", "Arn")},
             {"maxReceiveCount", 5}});
  CHECK(res["ShippingDeadLetterQueue"]["Properties"]["FifoQueue"] == true);
  CHECK(res["OrderEventsTopic"]["Properties"]["KmsMasterKeyId"] == "alias/aws/sns");
  CHECK(res["ClicksStream"]["Properties"]["StreamEncryption"]["KeyId"] == "alias/aws/kinesis");

  CHECK(res["StripeConnection"]["Properties"]["AuthParameters"]["ApiKeyAuthParameters"]
           ["ApiKeyValue"] == "{{resolve:secretsmanager:stripe/api-key}}");
  RichApp r2;
  Json t = Build(r2, sink);
  CHECK(t["Parameters"]["LegacyConnectionPassword"]["NoEcho"] == true);
  CHECK(t["Resources"]["LegacyConnection"]["Properties"]["AuthParameters"]["BasicAuthParameters"]
         ["Password"] == RefTo("LegacyConnectionPassword"));
}

TEST_CASE("template: functions", "[aws_template]") {
  RichApp r;
  DiagnosticSink sink;
  Json res = Build(r, sink)["Resources"];
  const Json& fn = res["ValidateFunction"]["Properties"];
  CHECK(fn["Code"] == "../functions/validate");
  CHECK(fn["Role"] == GetAtt("ValidateFunctionRole", "Arn"));
  CHECK(fn["MemorySize"] == 512);
  CHECK(fn["LoggingConfig"]["LogGroup"] == RefTo("ValidateFunctionLogGroup"));
  std::vector<std::string> keys;
  for (const auto& [key, value] : fn["Environment"]["Variables"].items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"MODE", "ENABLED", "ORDERS_NAME", "ORDERS_ARN",
                                         "SHIPPING_NAME", "SHIPPING_URL", "SHIPPING_ARN",
                                         "CHECKOUT_NAME", "CHECKOUT_ARN"});
  CHECK(fn["Environment"]["Variables"]["ORDERS_NAME"] == RefTo("OrdersTable"));
  CHECK(fn["Environment"]["Variables"]["SHIPPING_URL"] == RefTo("ShippingQueue"));
  CHECK(res["ValidateFunctionLogGroup"]["Properties"]["RetentionInDays"] == 30);
  // 10 days is not a CloudWatch Logs period: the next one up.
  CHECK(res["ResizeFunctionLogGroup"]["Properties"]["RetentionInDays"] == 14);
  const Json& image = res["ResizeFunction"]["Properties"];
  CHECK(image["PackageType"] == "Image");
  CHECK(image["Code"] == Json{{"ImageUri", r.app.functions[1].image}});
  CHECK_FALSE(image.contains("Runtime"));
  CHECK(image["Architectures"] == Json::array({"arm64"}));

  const Json& esm = res["ShippingMessageValidateTrigger"]["Properties"];
  CHECK(esm["BatchSize"] == 20);
  CHECK(esm["MaximumBatchingWindowInSeconds"] == 1);
  CHECK(esm["FunctionResponseTypes"] == Json::array({"ReportBatchItemFailures"}));
  CHECK(res["OrdersChangeValidateTrigger"]["Properties"]["StartingPosition"] == "TRIM_HORIZON");
}

TEST_CASE("template: state machines", "[aws_template]") {
  RichApp r;
  DiagnosticSink sink;
  Json res = Build(r, sink)["Resources"];
  const Json& sm = res["CheckoutStateMachine"]["Properties"];
  CHECK(sm["StateMachineName"] == Json{{"Fn::Sub", "${AWS::StackName}-checkout"}});
  CHECK(sm["StateMachineType"] == "STANDARD");
  // A stand-in: the renderers write flow 0's definition there.
  CHECK(sm["Definition"] == Json::binary({0}, 0));
  CHECK(sm["DefinitionSubstitutions"] ==
        Json{{"OrdersTableName", RefTo("OrdersTable")},
             {"ValidateFunctionArn", GetAtt("ValidateFunction", "Arn")}});
  CHECK(sm["LoggingConfiguration"]["Level"] == "ALL");
  CHECK(sm["TracingConfiguration"] == Json{{"Enabled", true}});
  CHECK(res["NightlyStateMachine"]["Properties"]["StateMachineType"] == "EXPRESS");
  CHECK_FALSE(res.contains("NightlyStateMachineLogGroup"));
  CHECK_FALSE(res["NightlyStateMachine"]["Properties"].contains("DefinitionSubstitutions"));
}

TEST_CASE("template: apis, schedules, pipes and rules", "[aws_template]") {
  RichApp r;
  DiagnosticSink sink;
  Json res = Build(r, sink)["Resources"];
  const Json& start = res["PublicApiPostOrdersMethod"]["Properties"];
  CHECK(start["HttpMethod"] == "POST");
  CHECK(start["ResourceId"] == RefTo("PublicApiOrdersResource"));
  CHECK(start["Integration"]["Type"] == "AWS");
  CHECK(start["Integration"]["Uri"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution");
  CHECK(start["Integration"]["Credentials"] == GetAtt("PublicApiRole", "Arn"));
  CHECK(start["Integration"]["IntegrationResponses"][0] == Json{{"StatusCode", "202"}});
  // `run`: the response template answers a failed execution with an error status.
  const Json& run = res["PublicApiPostQuoteMethod"]["Properties"]["Integration"];
  CHECK(run["Uri"]["Fn::Sub"] ==
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartSyncExecution");
  const std::string answer =
      run["IntegrationResponses"][0]["ResponseTemplates"]["application/json"];
  CHECK(answer.find("#if($status == \"SUCCEEDED\")\n$input.path('$.output')") != std::string::npos);
  CHECK(answer.find("#set($context.responseOverride.status = 500)") != std::string::npos);
  CHECK(answer.find("$input.path('$.cause')") != std::string::npos);
  CHECK(res["PublicApiPostQuoteMethod"]["Properties"]["MethodResponses"].size() == 4);
  const Json& get = res["PublicApiGetOrdersIdMethod"]["Properties"];
  CHECK(get["Integration"]["Type"] == "AWS_PROXY");
  CHECK(get["ResourceId"] == RefTo("PublicApiOrdersIdResource"));
  CHECK(res["PublicApiOrdersIdResource"]["Properties"]["ParentId"] ==
        RefTo("PublicApiOrdersResource"));
  CHECK(res["PublicApiOrdersResource"]["Properties"]["ParentId"] ==
        GetAtt("PublicApi", "RootResourceId"));
  CHECK(res["PublicApiGetOrdersIdMethodPermission"]["Properties"]["SourceArn"]["Fn::Sub"]
            .get<std::string>()
            .ends_with("${PublicApi}/*/GET/orders/*"));
  const Json& api_policy =
      res["PublicApiRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
  REQUIRE(api_policy.size() == 2);
  CHECK(api_policy[0]["Action"] == "states:StartExecution");
  CHECK(api_policy[1]["Action"] == "states:StartSyncExecution");

  const Json& schedule = res["NightlyScheduleSchedule"]["Properties"];
  CHECK(schedule["FlexibleTimeWindow"] == Json{{"Mode", "OFF"}});
  CHECK(schedule["Target"]["RoleArn"] == GetAtt("NightlyScheduleScheduleRole", "Arn"));

  const Json& pipe = res["ClicksRecordNightlyTrigger"]["Properties"];
  CHECK(pipe["TargetParameters"]["StepFunctionStateMachineParameters"]["InvocationType"] ==
        "FIRE_AND_FORGET");
  CHECK(pipe["SourceParameters"]["KinesisStreamParameters"]["StartingPosition"] == "LATEST");

  const Json& rule = res["ReceiptsCreatedCheckoutTrigger"]["Properties"];
  CHECK(rule["EventPattern"]["detail-type"] == Json::array({"Object Created"}));
  CHECK(rule["EventPattern"]["detail"]["object"]["key"] ==
        Json::array({Json{{"wildcard", "in/*.csv"}}}));
  CHECK(rule["Targets"][0]["RoleArn"] == GetAtt("ReceiptsCreatedCheckoutTriggerRole", "Arn"));
  CHECK(res["ShopOrderPlacedValidateTrigger"]["Properties"]["EventBusName"] ==
        RefTo("ShopEventBus"));
}

TEST_CASE("template: a topic cannot start a flow (E0602)", "[aws_template]") {
  RichApp r;
  r.Trigger("OrderEventsMessageCheckout", ir::Ref(ir::TopicId{0}), "message",
            ir::Ref(ir::FlowId{0}));
  DiagnosticSink sink;
  Json res = Build(r, sink)["Resources"];
  CHECK(Codes(sink) == std::vector<std::string>{"E0602"});
  CHECK_FALSE(res.contains("OrderEventsMessageCheckoutTrigger"));
}

TEST_CASE("template: a run route needs an express flow (E0650)", "[aws_template]") {
  RichApp r;
  r.app.apis[0].routes.push_back({ir::HttpMethod::kPost,
                                  "/checkout",
                                  {ir::Target::Mode::kRun, ir::Ref(ir::FlowId{0})},
                                  At(73)});
  DiagnosticSink sink;
  Build(r, sink);
  std::vector<Diagnostic> diags = sink.TakeSorted();
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].kind == DiagCode::kBackendRunRouteNotExpress);
  CHECK(diags[0].span.begin == 73);
}

TEST_CASE("template: two declarations with one logical ID (E0603)", "[aws_template]") {
  RichApp r;
  ir::Queue clash;
  clash.name = "ShippingDeadLetter";  // ShippingDeadLetterQueue, as Shipping's generated DLQ
  clash.span = At(400);
  r.app.queues.push_back(std::move(clash));
  DiagnosticSink sink;
  Json res = Build(r, sink)["Resources"];
  std::vector<Diagnostic> diags = sink.TakeSorted();
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].kind == DiagCode::kBackendLogicalIdClash);
  CHECK(diags[0].span.begin == 400);
}

TEST_CASE("template: the same application gives the same bytes", "[aws_template]") {
  RichApp a, b;
  DiagnosticSink sink;
  const std::string yaml = aws::RenderYaml(Build(a, sink), a.flows);
  CHECK(yaml == aws::RenderYaml(Build(b, sink), b.flows));
  CHECK(aws::RenderJson(Build(a, sink), a.flows) == aws::RenderJson(Build(b, sink), b.flows));
  CHECK(aws::RenderJson(Json{{"a", 1}}) == "{\n  \"a\": 1\n}\n");
}

TEST_CASE("yaml: strings that would read as other types are quoted", "[aws_template]") {
  Json doc = Json{{"t", "true"},
                  {"y", "yes"},
                  {"off", "OFF"},
                  {"num", "123"},
                  {"f", "1.5"},
                  {"e", "1e3"},
                  {"nul", "null"},
                  {"tilde", "~"},
                  {"empty", ""},
                  {"date", "2010-09-09"},
                  {"hex", "0x1F"},
                  {"inf", ".inf"},
                  {"plain", "hello"},
                  {"colon", "a: b"},
                  {"hash", "a #b"},
                  {"lead", "- x"},
                  {"brace", "{{resolve:x}}"},
                  {"star", "*"},
                  {"bang", "!Ref x"},
                  {"multi", "line one\nline two"},
                  {"unicode", "caf\u00e9"},
                  {"123", "numeric key"},
                  {"bool", true},
                  {"int", 42},
                  {"neg", -7},
                  {"float", 2.5},
                  {"two", 2.0},
                  {"null", nullptr},
                  {"list", Json::array({"false", 1, Json::object(), Json::array()})},
                  {"nested", Json{{"Fn::GetAtt", Json::array({"X", "Arn"})}}}};
  const std::string yaml = aws::RenderYaml(doc);
  CHECK(yaml.find("t: \"true\"") != std::string::npos);
  CHECK(yaml.find("num: \"123\"") != std::string::npos);
  CHECK(yaml.find("nul: \"null\"") != std::string::npos);
  CHECK(yaml.find("empty: \"\"") != std::string::npos);
  CHECK(yaml.find("plain: hello") != std::string::npos);
  CHECK(yaml.find("Fn::GetAtt:\n") != std::string::npos);  // long form, block list
  // The only `!` is inside the quoted string: no YAML tags.
  CHECK(yaml.find('!') == yaml.find("\"!Ref x\"") + 1);
  CHECK(RoundTrip(doc) == doc);
}

TEST_CASE("yaml: resources written in parallel slices give one writer's bytes", "[aws_template]") {
  // More resources than one slice holds (64), with the sections around them, scalars that
  // need quotes, a key longer than YAML's implicit-key limit, and empty values.
  Json resources = Json::object();
  for (int i = 0; i < 300; ++i) {
    resources["R" + std::to_string(i)] =
        Json{{"Type", "AWS::SQS::Queue"},
             {"Properties", Json{{"QueueName", i % 7 == 0 ? "true" : "q" + std::to_string(i)},
                                 {"Tags", Json::array({Json{{"Key", "k"}, {"Value", "a: b"}}})},
                                 {"Empty", Json::object()}}}};
  }
  resources[std::string(1100, 'K')] = Json{{"Type", "AWS::SNS::Topic"}};
  const Json doc = {{"AWSTemplateFormatVersion", "2010-09-09"},
                    {"Parameters", Json{{"P", Json{{"Type", "String"}}}}},
                    {"Resources", resources},
                    {"Outputs", Json{{"O", Json{{"Value", "x"}}}}}};
  const std::string one = aws::RenderYaml(doc, {}, 1);
  CHECK(aws::RenderYaml(doc, {}, 2) == one);
  CHECK(aws::RenderYaml(doc, {}, 5) == one);
  CHECK(RoundTrip(doc) == doc);
}

TEST_CASE("yaml: every special word is quoted, and words like them are not", "[aws_template]") {
  // YAML 1.1 and 1.2 booleans and nulls, the merge key and the value key.
  for (const char* word :
       {"y",    "Y",    "yes",  "Yes",   "YES",   "n",     "N",  "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off",
        "Off",  "OFF",  "~",    "null",  "Null",  "NULL",  "<<", "="}) {
    INFO(word);
    CHECK(aws::RenderYaml(Json{{"k", word}}) == std::string("k: \"") + word + "\"\n");
  }
  for (const char* word : {"x", "yo", "nO", "oN", "yES", "tRUE", "nulls", "falsy", "<", "=="}) {
    INFO(word);
    CHECK(aws::RenderYaml(Json{{"k", word}}) == std::string("k: ") + word + "\n");
  }
}

TEST_CASE("yaml: quoted strings escape what YAML does not allow as is", "[aws_template]") {
  Json doc = Json{{"tab", "a\tb"},
                  {"quote", "say \"hi\" \\ bye"},
                  {"ctl", std::string("x\x01y")},
                  {"del", std::string("x\x7fy")},
                  {"nel", "x\u0085y"},
                  {"nonchar", "x\ufffey"},
                  {"emoji", "{% 'caf\u00e9 \U0001F600' %}"},
                  {"template", "{% $states.input.id & \"-\" %}"}};
  const std::string yaml = aws::RenderYaml(doc);
  CHECK(yaml.find("del: \"x\\u007fy\"") != std::string::npos);
  CHECK(yaml.find("nel: \"x\\u0085y\"") != std::string::npos);
  CHECK(yaml.find("nonchar: \"x\\ufffey\"") != std::string::npos);
  CHECK(yaml.find("ctl: \"x\\u0001y\"") != std::string::npos);
  CHECK(yaml.find("emoji: \"{% 'caf\u00e9 \U0001F600' %}\"") != std::string::npos);
  for (char ch : yaml) {
    const auto c = static_cast<unsigned char>(ch);
    CHECK((c == '\n' || (c >= 0x20 && c != 0x7f)));
  }
  CHECK(RoundTrip(doc) == doc);
  // Invalid UTF-8 (the front end rejects it; belt and braces) becomes U+FFFD.
  CHECK(aws::RenderYaml(Json{{"bad", std::string("x\xff\xc3y")}}) == "bad: \"x\\ufffd\\ufffdy\"\n");
  // YAML 1.1 reads U+2028 and U+2029 as line breaks; the byte order mark only starts a stream.
  Json breaks = Json{{"ls", "a\u2028b"}, {"ps", "a\u2029b"}, {"bom", "a\ufeffb"}};
  const std::string y = aws::RenderYaml(breaks);
  CHECK(y == "ls: \"a\\u2028b\"\nps: \"a\\u2029b\"\nbom: \"a\\ufeffb\"\n");
  CHECK(RoundTrip(breaks) == breaks);
}

TEST_CASE("yaml: long strings with special bytes anywhere read back as written", "[aws_template]") {
  // A byte that needs quoting or an escape, at any offset of a long run of plain ones.
  static const char* const kPieces[] = {
      "a",      "Z",      "0",          " ",        ":",        "#",  "\"", "\\",
      "\t",     "\n",     "\x01",       "\x7f",     "{",        "$",  "'",  "-",
      "\u00e9", "\u2192", "\U0001D11E", "abcdefgh", "        ", ": ", " #"};
  std::mt19937 random(20261205);
  for (int n = 0; n < 300; ++n) {
    std::string text;
    const size_t pieces = random() % 41;
    for (size_t i = 0; i < pieces; ++i) text += kPieces[random() % std::size(kPieces)];
    const Json doc{{"k" + text, text}, {"list", Json::array({text, "x" + text})}};
    CAPTURE(text);
    const std::string yaml = aws::RenderYaml(doc);
    for (char ch : yaml) {
      const auto c = static_cast<unsigned char>(ch);
      CHECK((c == '\n' || (c >= 0x20 && c != 0x7f)));
    }
    CHECK(RoundTrip(doc) == doc);
  }
}

TEST_CASE("yaml: a float with an exponent keeps a fraction (YAML 1.1 reads 1e+100 as text)",
          "[aws_template]") {
  Json doc = Json{{"big", 1e100}, {"small", 2.5e-30}, {"plain", 0.5}};
  const std::string yaml = aws::RenderYaml(doc);
  CHECK(yaml == "big: 1.0e+100\nsmall: 2.5e-30\nplain: 0.5\n");
  CHECK(RoundTrip(doc) == doc);
}

TEST_CASE("yaml: a key longer than 1024 characters takes the explicit form", "[aws_template]") {
  const std::string plain(1500, 'k');
  const std::string quoted = "x: " + std::string(1100, 'q');  // quoted, and still too long
  const std::string edge(1024, 'e');                          // the longest implicit key
  Json doc = Json{{plain, "v"},
                  {quoted, Json{{"inner", 1}, {plain, Json::array({1, Json{{plain, true}}})}}},
                  {edge, "w"},
                  {"list", Json::array({Json{{plain, "first"}, {"b", 2}}})}};
  const std::string yaml = aws::RenderYaml(doc);
  CHECK(yaml.rfind("? " + plain + "\n: v\n", 0) == 0);
  CHECK(yaml.find("\n" + edge + ": w\n") != std::string::npos);
  CHECK(yaml.find("  - ? " + plain + "\n    : first\n    b: 2\n") != std::string::npos);
  CHECK(RoundTrip(doc) == doc);
}

// `doc` with each definition's stand-in replaced by the definition's tree.
Json WithDefinitions(Json doc, const std::vector<aws::FlowDefinition>& flows) {
  for (auto& [id, resource] : doc["Resources"].items()) {
    Json& props = resource["Properties"];
    if (props.contains("Definition")) {
      props["Definition"] = flows.at(props["Definition"].get_binary().subtype()).asl;
    }
  }
  return doc;
}

TEST_CASE("yaml: the full template round-trips", "[aws_template]") {
  RichApp r;
  DiagnosticSink sink;
  Json t = Build(r, sink);
  const Json expected = WithDefinitions(t, r.flows);
  CHECK(ToJson(YAML::Load(aws::RenderYaml(t, r.flows))) == expected);
  CHECK(Json::parse(aws::RenderJson(t, r.flows)) == expected);
}

namespace {
// A template whose definitions and roles were prepared as the emitting threads prepare them.
struct Prepared {
  RichApp r;
  aws::TemplateOptions options{"/work/app/out"};

  Prepared(aws::TemplateFormat format, DiagnosticSink& sink) {
    for (aws::FlowDefinition& def : r.flows) {
      aws::RenderDefinition(def, format);
      aws::PrepareRole(r.app, def, format, sink);
    }
    for (uint32_t i = 0; i < r.app.functions.size(); ++i) {
      options.function_roles.push_back(
          aws::PrepareFunctionRole(r.app, ir::FunctionId{i}, format, sink));
    }
  }
  Json Build(DiagnosticSink& sink) const {
    return aws::BuildTemplate(r.app, r.flows, options, sink);
  }
};
}  // namespace

TEST_CASE("template: rendered definitions give the same bytes as their trees", "[aws_template]") {
  RichApp tree;
  DiagnosticSink sink, tree_sink, yaml_sink, json_sink;
  Prepared yaml_parts(aws::TemplateFormat::kYaml, yaml_sink);
  Prepared json_parts(aws::TemplateFormat::kJson, json_sink);
  const RichApp& yaml = yaml_parts.r;
  const RichApp& json = json_parts.r;
  // The roles' diagnostics (W0601 for an unscoped call, E0601) are those BuildTemplate reports
  // when it builds the roles itself.
  Build(tree, tree_sink);
  yaml_parts.Build(yaml_sink);
  json_parts.Build(json_sink);
  const std::vector<std::string> codes = Codes(tree_sink);
  CHECK(Codes(yaml_sink) == codes);
  CHECK(Codes(json_sink) == codes);
  for (size_t i = 0; i < tree.flows.size(); ++i) {
    CHECK(yaml.flows[i].rendered);
    CHECK(yaml.flows[i].asl.is_null());  // the tree is freed
    CHECK(yaml.flows[i].json == tree.flows[i].asl.dump(2) + "\n");
    CHECK(json.flows[i].json == yaml.flows[i].json);
  }
  // The definitions sit at different depths in the two formats: the texts are re-indented.
  CHECK(aws::RenderYaml(yaml_parts.Build(sink), yaml.flows) ==
        aws::RenderYaml(Build(tree, sink), tree.flows));
  CHECK(aws::RenderJson(json_parts.Build(sink), json.flows) ==
        aws::RenderJson(Build(tree, sink), tree.flows));
  CHECK(aws::RenderJson(Build(tree, sink), tree.flows) ==
        aws::RenderJson(WithDefinitions(Build(tree, sink), tree.flows)));
  CHECK(aws::RenderJson(WithDefinitions(Build(tree, sink), tree.flows)) ==
        WithDefinitions(Build(tree, sink), tree.flows).dump(2) + "\n");
}

TEST_CASE("lambda configuration: functions/<name>.json", "[aws_template]") {
  RichApp r;
  const std::string text = aws::LambdaConfiguration(r.app, ir::FunctionId{0});
  Json c = Json::parse(text);
  CHECK(text == c.dump(2) + "\n");
  CHECK_FALSE(c.contains("Role"));
  CHECK_FALSE(c.contains("Code"));
  // The deployed name: the template's resource ValidateFunction (not the source name, which
  // the template does not use).
  CHECK(c["FunctionName"] == "${ValidateFunctionName}");
  CHECK(c["Runtime"] == "python3.12");
  CHECK(c["Handler"] == "validate.handler");
  CHECK(c["MemorySize"] == 512);
  CHECK(c["Timeout"] == 10);
  CHECK(c["PackageType"] == "Zip");
  CHECK(c["TracingConfig"] == Json{{"Mode", "Active"}});
  CHECK(c["Environment"]["Variables"] == Json{{"MODE", "strict"},
                                              {"ENABLED", "true"},
                                              {"ORDERS_NAME", "${OrdersTableName}"},
                                              {"ORDERS_ARN", "${OrdersTableArn}"},
                                              {"SHIPPING_NAME", "${ShippingQueueName}"},
                                              {"SHIPPING_URL", "${ShippingQueueUrl}"},
                                              {"SHIPPING_ARN", "${ShippingQueueArn}"},
                                              {"CHECKOUT_NAME", "${CheckoutStateMachineName}"},
                                              {"CHECKOUT_ARN", "${CheckoutStateMachineArn}"}});
  const std::string image_text = aws::LambdaConfiguration(r.app, ir::FunctionId{1});
  Json image = Json::parse(image_text);
  CHECK(image_text == image.dump(2) + "\n");
  CHECK(image["PackageType"] == "Image");
  CHECK_FALSE(image.contains("Runtime"));
  CHECK(image["EphemeralStorage"] == Json{{"Size", 1024}});
  CHECK_FALSE(image.contains("Environment"));
  r.app.functions[0].layers = {"arn:aws:lambda:eu-west-1:123456789012:layer:deps:3", "L2"};
  const std::string layered = aws::LambdaConfiguration(r.app, ir::FunctionId{0});
  CHECK(Json::parse(layered)["Layers"] ==
        Json::array({"arn:aws:lambda:eu-west-1:123456789012:layer:deps:3", "L2"}));
  CHECK(layered == Json::parse(layered).dump(2) + "\n");
}
