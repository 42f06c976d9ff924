// How the template addresses entities outside the application (backends/aws/common/existing.cpp,
// docs/language.md "Resources that already exist"): flows, secrets and parameters of the
// parameter store by name and by ARN, and template parameters that hold an ARN.
#include <catch2/catch.hpp>

#include "backends/aws/common/existing.h"

using namespace caios;
using K = ir::EntityRef::Kind;

namespace {

ir::Existing Literal(std::string text) {
  ir::Existing e;
  e.literal = std::move(text);
  return e;
}

ir::Existing ArnParameter(std::string name) {
  ir::Existing e;
  e.parameter = std::move(name);
  e.parameter_holds_arn = true;
  return e;
}

}  // namespace

TEST_CASE("existing: a flow's executions, by name and by ARN", "[existing]") {
  const aws::Json by_name = aws::ExistingExecutionsArn(Literal("fulfil"));
  CHECK(by_name.dump() ==
        R"({"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":states:",{"Ref":"AWS::Region"},)"
        R"(":",{"Ref":"AWS::AccountId"},":execution:fulfil:*"]]})");
  CHECK(aws::ExistingExecutionsArn(
            Literal("arn:aws:states:eu-west-1:111111111111:stateMachine:billing")) ==
        "arn:aws:states:eu-west-1:111111111111:execution:billing:*");
  CHECK(!aws::ExistingLiteralProblem(K::kFlow, "fulfil", false));
  CHECK(aws::ExistingLiteralProblem(K::kFlow, "arn:aws:lambda:eu-west-1:123456789012:function:f",
                                    false));
}

TEST_CASE("existing: a secret's IAM resource ends in six wildcards", "[existing]") {
  const aws::Json policy = aws::ExistingSecretPolicyArn(Literal("prod/api-key"));
  CHECK(policy.dump().find(":secretsmanager:") != std::string::npos);
  CHECK(policy.dump().find("secret:prod/api-key-??????") != std::string::npos);
  const std::string arn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:shared-AbCdEf";
  CHECK(aws::ExistingSecretPolicyArn(Literal(arn)) == arn);
  CHECK(aws::ReadExistingLiteral(K::kSecret, arn).name == "shared");
  CHECK(aws::ExistingLiteralProblem(K::kSecret, "prod/api key", false));
}

TEST_CASE("existing: parameters of the parameter store are paths or names", "[existing]") {
  CHECK(aws::ExistingArn(K::kParameter, Literal("/shop/threshold"))
            .dump()
            .find(":parameter/shop/threshold") != std::string::npos);
  CHECK(aws::ExistingArn(K::kParameter, Literal("flag")).dump().find(":parameter/flag") !=
        std::string::npos);
  CHECK(aws::ReadExistingLiteral(K::kParameter, "arn:aws:ssm:eu-west-1:111111111111:parameter/a/b")
            .name == "/a/b");
  CHECK(aws::ExistingLiteralProblem(K::kParameter, "app/level", false));
  CHECK(!aws::ExistingLiteralProblem(K::kParameter, "/app/level", false));
}

TEST_CASE("existing: a template parameter that holds the ARN", "[existing]") {
  const ir::Existing queue = ArnParameter("JobsArn");
  CHECK(aws::ExistingArn(K::kQueue, queue) == aws::Json{{"Ref", "JobsArn"}});
  CHECK(aws::ExistingName(K::kQueue, queue).dump() ==
        R"({"Fn::Select":[5,{"Fn::Split":[":",{"Ref":"JobsArn"}]}]})");
  CHECK(aws::ExistingName(K::kTable, ArnParameter("T")).dump() ==
        R"({"Fn::Select":[1,{"Fn::Split":["table/",{"Ref":"T"}]}]})");
  CHECK(aws::ExistingName(K::kBucket, ArnParameter("B")).dump() ==
        R"({"Fn::Select":[1,{"Fn::Split":[":::",{"Ref":"B"}]}]})");
  CHECK(aws::ExistingName(K::kSecret, ArnParameter("S")) == aws::Json{{"Ref", "S"}});
  CHECK(aws::GivenByArn(&queue));
  CHECK(aws::ExistingArnPattern(K::kTable) ==
        "^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_\\.-]{3,255}$");
  CHECK(aws::ExistingArnPattern(K::kBucket) == "^arn:aws[a-z-]*:s3:::[a-z0-9\\.-]{3,63}$");
}
