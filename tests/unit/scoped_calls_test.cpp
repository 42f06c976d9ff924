// The table of generic service calls scoped by a literal parameter (backends/aws/iam/
// scoped_calls.cpp, docs/iam.md "Scoped service calls"): the ARNs it builds, the escaping of
// `${` inside Fn::Sub, and the literals it refuses to scope.
#include <catch2/catch.hpp>

#include "backends/aws/iam/scoped_calls.h"

using namespace caios;
using Params = std::vector<std::pair<std::string, std::string>>;

TEST_CASE("scoped calls: a literal name gives the resource's ARN", "[iam]") {
  auto crawler = aws::ScopeServiceCall("glue", "startCrawler", Params{{"Name", "nightly"}});
  REQUIRE(crawler);
  CHECK(crawler->resources.at(0)["Fn::Sub"] ==
        "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:crawler/nightly");
  CHECK(crawler->sync_resources.empty());

  auto job = aws::ScopeServiceCall("glue", "startJobRun", Params{{"JobName", "etl"}});
  REQUIRE(job);
  CHECK(job->sync_resources == job->resources);

  auto param = aws::ScopeServiceCall("ssm", "getParameter", Params{{"Name", "/prod/db"}});
  REQUIRE(param);
  CHECK(param->resources.at(0)["Fn::Sub"] ==
        "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/prod/db");
  auto by_arn = aws::ScopeServiceCall(
      "ssm", "getParameter", Params{{"Name", "arn:aws:ssm:eu-west-1:123456789012:parameter/x"}});
  REQUIRE(by_arn);
  CHECK(by_arn->resources.at(0) == "arn:aws:ssm:eu-west-1:123456789012:parameter/x");

  auto machine = aws::ScopeServiceCall(
      "sfn", "startExecution",
      Params{{"StateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:child"}});
  REQUIRE(machine);
  CHECK(machine->resources.at(0) == "arn:aws:states:us-east-1:123456789012:stateMachine:child");
  CHECK(machine->sync_resources.at(0) == "arn:aws:states:us-east-1:123456789012:execution:child:*");
}

TEST_CASE("scoped calls: a literal cannot inject into Fn::Sub", "[iam]") {
  auto s =
      aws::ScopeServiceCall("glue", "getCrawler", Params{{"Name", "a${AWS::Region}b${X.Arn}"}});
  REQUIRE(s);
  CHECK(s->resources.at(0)["Fn::Sub"] ==
        "arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:crawler/"
        "a${!AWS::Region}b${!X.Arn}");
}

TEST_CASE("scoped calls: what stays unscoped", "[iam]") {
  CHECK_FALSE(aws::ScopeServiceCall("glue", "startCrawler", Params{}));
  CHECK_FALSE(aws::ScopeServiceCall("glue", "startCrawler", Params{{"Name", ""}}));
  CHECK_FALSE(aws::ScopeServiceCall("glue", "startCrawler", Params{{"Name", "night*"}}));
  CHECK_FALSE(aws::ScopeServiceCall("comprehend", "detectSentiment", Params{{"Text", "x"}}));
  CHECK_FALSE(aws::ScopeServiceCall("sfn", "startExecution",
                                    Params{{"StateMachineArn", "not-an-arn:stateMachine:x"}}));
  CHECK_FALSE(aws::ScopeServiceCall(
      "sfn", "startExecution",
      Params{{"StateMachineArn", "arn:aws:states:us-east-1:1:stateMachine:a:b"}}));
}
