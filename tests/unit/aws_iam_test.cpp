// Unit tests of the IAM of the AWS backend (backends/aws/iam): the statements a state machine's
// role gets from its flow's accesses and a function's role from its grants, merging, unscoped
// calls (W0601) and permissions that do not apply (E0601).
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "backends/aws/iam/policies.h"
#include "backends/aws/lambda/configuration.h"
#include "tests/unit/aws_test_util.h"

using namespace caios;
using aws::Json;

namespace {

using testing::At;
using testing::Codes;

// A hand-built application with one flow and one function; tests add accesses and grants.
struct Fixture {
  std::shared_ptr<types::TypeTable> type_table = std::make_shared<types::TypeTable>();
  types::TypeTable& types = *type_table;
  ir::App app;

  Fixture() {
    app.name = "shop";
    app.types = type_table;
    ir::Table orders;
    orders.name = "Orders";
    orders.key = {"id", ir::KeyAttribute::Type::kString};
    app.tables.push_back(std::move(orders));
    ir::Table stats;
    stats.name = "ProductStats";
    stats.key = {"sku", ir::KeyAttribute::Type::kString};
    stats.indexes.push_back({"byDay", {"day", ir::KeyAttribute::Type::kString}, std::nullopt});
    app.tables.push_back(std::move(stats));
    ir::Bucket receipts;
    receipts.name = "Receipts";
    app.buckets.push_back(std::move(receipts));
    ir::Flow checkout;
    checkout.name = "checkout";
    app.flows.push_back(std::move(checkout));
    ir::Flow child;
    child.name = "child";
    app.flows.push_back(std::move(child));
    ir::Function approve;
    approve.name = "approve";
    app.functions.push_back(std::move(approve));
  }

  void Op(ir::ResourceOp op, ir::EntityRef to) {
    Access(ir::Access::Kind::kResourceOp, to, "");
    app.accesses.back().resource_op = op;
  }

  void ItemRead(ir::ItemSource::Kind source, ir::EntityRef bucket) {
    Access(ir::Access::Kind::kItemRead, bucket, "");
    app.accesses.back().item_source = source;
  }

  void Access(ir::Access::Kind kind, ir::EntityRef to, std::string operation,
              std::string service = {}, bool sync = false, uint32_t at = 100) {
    ir::Access a;
    a.from = ir::FlowId{0};
    a.kind = kind;
    a.to = to;
    a.operation = std::move(operation);
    a.service = std::move(service);
    a.sync = sync;
    a.span = At(at);
    app.accesses.push_back(std::move(a));
    ir::IndexAccesses(app);
  }

  void Grant(ir::EntityRef target, std::vector<ir::Permission> permissions, uint32_t at = 200) {
    app.functions[0].grants.push_back({target, std::move(permissions), At(at)});
  }

  Json FlowStatements(DiagnosticSink& sink) {
    return aws::StateMachinePolicy(app, ir::FlowId{0}, sink).Document()["Statement"];
  }
  Json FunctionStatements(DiagnosticSink& sink) {
    return aws::FunctionPolicy(app, ir::FunctionId{0}, Json("LOGS"), sink).Document()["Statement"];
  }
};

const ir::EntityRef kOrders = ir::Ref(ir::TableId{0});
const ir::EntityRef kStats = ir::Ref(ir::TableId{1});
const ir::EntityRef kReceipts = ir::Ref(ir::BucketId{0});
const ir::EntityRef kCheckout = ir::Ref(ir::FlowId{0});
const ir::EntityRef kChild = ir::Ref(ir::FlowId{1});

Json GetAttArn(const std::string& id) { return Json{{"Fn::GetAtt", Json::array({id, "Arn"})}}; }

// Every action of every statement of `statements`.
std::vector<std::string> AllActions(const Json& statements) {
  std::vector<std::string> out;
  for (const Json& s : statements) {
    if (s["Action"].is_string()) {
      out.push_back(s["Action"]);
    } else {
      for (const Json& a : s["Action"]) out.push_back(a);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("iam: a table put gets exactly PutItem on that table", "[aws_iam]") {
  Fixture f;
  f.Op(ir::ResourceOp::kTablePut, kOrders);
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  CHECK(sink.error_count() == 0);
  CHECK(sink.warning_count() == 0);
  REQUIRE(statements.size() == 1);
  CHECK(statements[0] == Json{{"Effect", "Allow"},
                              {"Action", "dynamodb:PutItem"},
                              {"Resource", GetAttArn("OrdersTable")}});
}

TEST_CASE("iam: accesses on one resource merge into one sorted statement", "[aws_iam]") {
  Fixture f;
  f.Op(ir::ResourceOp::kTableUpdate, kOrders);
  f.Op(ir::ResourceOp::kTableGet, kOrders);
  f.Op(ir::ResourceOp::kTableGet, kOrders);
  f.Op(ir::ResourceOp::kBucketPut, kReceipts);
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  REQUIRE(statements.size() == 2);
  CHECK(statements[0]["Action"] == Json::array({"dynamodb:GetItem", "dynamodb:UpdateItem"}));
  CHECK(statements[0]["Resource"] == GetAttArn("OrdersTable"));
  CHECK(statements[1]["Action"] == "s3:PutObject");
  CHECK(statements[1]["Resource"] == Json{{"Fn::Sub", "${ReceiptsBucket.Arn}/*"}});
}

TEST_CASE("iam: query covers the indexes of a table that has some", "[aws_iam]") {
  Fixture f;
  f.Op(ir::ResourceOp::kTableQuery, kStats);
  f.Op(ir::ResourceOp::kTableQuery, kOrders);
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  REQUIRE(statements.size() == 1);
  CHECK(statements[0]["Action"] == "dynamodb:Query");
  CHECK(statements[0]["Resource"] ==
        Json::array({GetAttArn("ProductStatsTable"),
                     Json{{"Fn::Sub", "${ProductStatsTable.Arn}/index/*"}},
                     GetAttArn("OrdersTable")}));
}

TEST_CASE("iam: a generic service call is unscoped and warned about once", "[aws_iam]") {
  Fixture f;
  f.Access(ir::Access::Kind::kServiceCall, {}, "detectSentiment", "comprehend", false, 100);
  f.Access(ir::Access::Kind::kServiceCall, {}, "detectSentiment", "comprehend", false, 300);
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  REQUIRE(statements.size() == 1);
  CHECK(statements[0] == Json{{"Sid", "UnscopedComprehendDetectSentiment"},
                              {"Effect", "Allow"},
                              {"Action", "comprehend:DetectSentiment"},
                              {"Resource", "*"}});
  std::vector<Diagnostic> diags = sink.TakeSorted();
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].kind == DiagCode::kBackendUnscopedResource);
  CHECK(diags[0].span.begin == 100);
}

TEST_CASE("iam: .sync jobs add their describe/stop actions and managed rule", "[aws_iam]") {
  Fixture f;
  f.Access(ir::Access::Kind::kServiceCall, {}, "submitJob", "batch", true);
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  REQUIRE(statements.size() == 2);
  CHECK(statements[0]["Action"] ==
        Json::array({"events:DescribeRule", "events:PutRule", "events:PutTargets"}));
  CHECK(statements[0]["Resource"] ==
        Json{{"Fn::Sub",
              "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/"
              "StepFunctionsGetEventsForBatchJobsRule"}});
  CHECK(statements[1]["Sid"] == "UnscopedBatchSubmitJobSync");
  CHECK(statements[1]["Action"] ==
        Json::array({"batch:DescribeJobs", "batch:SubmitJob", "batch:TerminateJob"}));
  CHECK(Codes(sink) == std::vector<std::string>{"W0601"});
}

TEST_CASE("iam: SDK names that differ from IAM names", "[aws_iam]") {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"sfn", "listExecutions", "states:ListExecutions"},
      {"s3", "listObjectsV2", "s3:ListBucket"},
      {"ec2", "describeInstances", "ec2:DescribeInstances"},
      {"bedrockruntime", "invokeModel", "bedrock:InvokeModel"},
      {"rdsdata", "executeStatement", "rds-data:ExecuteStatement"},
      {"cognitoidentityprovider", "adminGetUser", "cognito-idp:AdminGetUser"},
      {"apigatewaymanagementapi", "postToConnection", "execute-api:ManageConnections"},
      // From the models' signing names (and botocore's names as aliases).
      {"stepfunctions", "startExecution", "states:StartExecution"},
      {"mwaa", "createCliToken", "airflow:CreateCliToken"},
      {"sesv2", "sendEmail", "ses:SendEmail"},
      {"cloudwatchevents", "putEvents", "events:PutEvents"},
      // Exceptions the models cannot give (docs/iam.md).
      {"iotdataplane", "publish", "iot:Publish"},
      {"resourcegroupstaggingapi", "getResources", "tag:GetResources"},
  };
  for (const auto& [service, operation, action] : cases) {
    CAPTURE(service, operation);
    CHECK(aws::ServiceCallActions(service, operation) == std::vector<std::string>{action});
  }
}

TEST_CASE("iam: running a child flow", "[aws_iam]") {
  Fixture f;
  f.Access(ir::Access::Kind::kRunFlow, kChild, "run");
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  REQUIRE(statements.size() == 3);
  CHECK(statements[0]["Action"] == "states:StartExecution");
  CHECK(statements[0]["Resource"] ==
        Json{{"Fn::Sub",
              "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:"
              "${AWS::StackName}-child"}});
  CHECK(statements[1]["Action"] ==
        Json::array({"states:DescribeExecution", "states:StopExecution"}));
  CHECK(statements[1]["Resource"] ==
        Json{{"Fn::Sub",
              "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:"
              "${AWS::StackName}-child:*"}});
  CHECK(statements[2]["Resource"]["Fn::Sub"].get<std::string>().ends_with(
      "rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"));
}

TEST_CASE("iam: distributed loops, item readers and result writers", "[aws_iam]") {
  Fixture f;
  f.ItemRead(ir::ItemSource::Kind::kObjects, kReceipts);
  f.Access(ir::Access::Kind::kChildFlows, kCheckout, "");
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  REQUIRE(statements.size() == 3);
  CHECK(statements[0] == Json{{"Effect", "Allow"},
                              {"Action", "s3:ListBucket"},
                              {"Resource", GetAttArn("ReceiptsBucket")}});
  CHECK(statements[1]["Action"] == "states:StartExecution");
  CHECK(statements[2]["Resource"]["Fn::Sub"].get<std::string>().ends_with(
      ":execution:${AWS::StackName}-checkout/*"));

  Fixture g;
  g.ItemRead(ir::ItemSource::Kind::kCsv, kReceipts);
  g.Access(ir::Access::Kind::kResultWrite, kReceipts, "");
  statements = g.FlowStatements(sink);
  REQUIRE(statements.size() == 1);  // both on the objects: one statement
  CHECK(statements[0]["Action"] == Json::array({"s3:AbortMultipartUpload", "s3:GetObject",
                                                "s3:ListMultipartUploadParts", "s3:PutObject"}));
}

TEST_CASE("iam: logging and tracing add only the unscopable actions", "[aws_iam]") {
  Fixture f;
  f.app.flows[0].logging = ir::Flow::Logging::kError;
  f.app.flows[0].tracing = true;
  DiagnosticSink sink;
  Json statements = f.FlowStatements(sink);
  REQUIRE(statements.size() == 2);
  CHECK(statements[0]["Sid"] == "Logging");
  CHECK(statements[0]["Resource"] == "*");
  CHECK(statements[1]["Sid"] == "Tracing");
  CHECK(sink.warning_count() == 0);
}

TEST_CASE("iam: a function's grants", "[aws_iam]") {
  Fixture f;
  f.Grant(kOrders, {ir::Permission::kRead});
  DiagnosticSink sink;
  Json statements = f.FunctionStatements(sink);
  CHECK(sink.error_count() == 0);
  REQUIRE(statements.size() == 2);
  CHECK(statements[0] ==
        Json{{"Effect", "Allow"},
             {"Action", Json::array({"logs:CreateLogStream", "logs:PutLogEvents"})},
             {"Resource", "LOGS"}});
  CHECK(statements[1] ==
        Json{{"Effect", "Allow"},
             {"Action", Json::array({"dynamodb:BatchGetItem", "dynamodb:GetItem"})},
             {"Resource", GetAttArn("OrdersTable")}});
}

TEST_CASE("iam: callback permissions are scoped to the flow's state machine", "[aws_iam]") {
  Fixture f;
  f.Grant(kCheckout, {ir::Permission::kCallback});
  DiagnosticSink sink;
  Json statements = f.FunctionStatements(sink);
  CHECK(sink.warning_count() == 0);
  REQUIRE(statements.size() == 2);
  CHECK(statements[1]["Action"] ==
        Json::array(
            {"states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"}));
  CHECK(statements[1]["Resource"]["Fn::Sub"].get<std::string>().ends_with(
      ":stateMachine:${AWS::StackName}-checkout"));
}

TEST_CASE("iam: a permission that does not apply is E0601", "[aws_iam]") {
  Fixture f;
  f.Grant(kOrders, {ir::Permission::kRead, ir::Permission::kPublish}, 250);
  DiagnosticSink sink;
  Json statements = f.FunctionStatements(sink);
  std::vector<Diagnostic> diags = sink.TakeSorted();
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].kind == DiagCode::kBackendPermissionNotApplicable);
  CHECK(diags[0].span.begin == 250);
  CHECK(diags[0].message == "`publish` does not apply to table `Orders`");
  REQUIRE(diags[0].notes.size() == 1);
  CHECK(diags[0].notes[0].message ==
        "the permissions of a table are `read`, `write`, `delete`, `list`, `query`");
  CHECK(AllActions(statements) ==
        std::vector<std::string>{"logs:CreateLogStream", "logs:PutLogEvents",
                                 "dynamodb:BatchGetItem", "dynamodb:GetItem"});
}

TEST_CASE("iam: triggers give the function read access to their source", "[aws_iam]") {
  Fixture f;
  ir::Queue q;
  q.name = "Shipping";
  f.app.queues.push_back(std::move(q));
  ir::Trigger t;
  t.name = "ShippingMessageApprove";
  t.source = ir::Ref(ir::QueueId{0});
  t.event = "message";
  t.target.entity = ir::Ref(ir::FunctionId{0});
  f.app.triggers.push_back(std::move(t));
  DiagnosticSink sink;
  Json statements = f.FunctionStatements(sink);
  REQUIRE(statements.size() == 2);
  CHECK(statements[1]["Action"] == Json::array({"sqs:ChangeMessageVisibility", "sqs:DeleteMessage",
                                                "sqs:GetQueueAttributes", "sqs:ReceiveMessage"}));
  CHECK(statements[1]["Resource"] == GetAttArn("ShippingQueue"));
}

TEST_CASE("iam: no action has a wildcard", "[aws_iam]") {
  for (int k = static_cast<int>(ir::EntityRef::Kind::kTable);
       k <= static_cast<int>(ir::EntityRef::Kind::kFlow); ++k) {
    for (int p = 0; p <= static_cast<int>(ir::Permission::kCallback); ++p) {
      for (bool express : {false, true}) {
        for (const aws::ActionSet& set : aws::GrantActions(
                 static_cast<ir::Permission>(p), static_cast<ir::EntityRef::Kind>(k), express)) {
          for (const std::string& action : set.actions) {
            INFO(action);
            CHECK(action.find('*') == std::string::npos);
            CHECK(action.find(':') != std::string::npos);
          }
        }
      }
    }
  }
}

TEST_CASE("iam: environment names in upper snake case", "[aws_iam]") {
  CHECK(aws::UpperSnake("ProductStats") == "PRODUCT_STATS");
  CHECK(aws::UpperSnake("order_events") == "ORDER_EVENTS");
  CHECK(aws::UpperSnake("Orders") == "ORDERS");
  CHECK(aws::UpperSnake("HTTPServer") == "HTTP_SERVER");
  CHECK(aws::UpperSnake("orders2go") == "ORDERS2GO");
  CHECK(aws::UpperSnake("checkout") == "CHECKOUT");
}
