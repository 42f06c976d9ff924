// Unit tests of the embedded AWS service models (compiler/aws_models/aws_models.h): every service
// decodes into consistent shapes, names and aliases resolve, and operations are found by the
// lowerCamelCase action names the language uses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/aws_models/aws_models.h"

using namespace caios;

TEST_CASE("aws models: every service decodes with shape references in range", "[aws_models]") {
  CHECK(aws_models::BotocoreVersion().size() >= 5);
  std::vector<std::string> names = aws_models::ServiceNames();
  CHECK(names.size() > 400);
  CHECK(std::is_sorted(names.begin(), names.end()));
  size_t operations = 0;
  for (const std::string& name : names) {
    CAPTURE(name);
    const aws_models::Service* s = aws_models::FindService(name);
    REQUIRE(s != nullptr);
    CHECK(!s->iam_prefix.empty());
    REQUIRE(!s->operations().empty());
    operations += s->operations().size();
    for (const aws_models::Operation& op : s->operations()) {
      CHECK(s->FindOperation(aws_models::ActionName(op.name)) == &op);
      for (aws_models::Ref r : {op.input, op.output}) {
        if (r.kind == aws_models::Ref::Kind::kShape)
          CHECK(s->shape(r.index).kind >= aws_models::Shape::Kind::kStructure);
      }
    }
  }
  CHECK(operations > 15000);
}

TEST_CASE("aws models: Step Functions names, aliases and IAM prefixes", "[aws_models]") {
  const aws_models::Service* sfn = aws_models::FindService("sfn");
  REQUIRE(sfn != nullptr);
  CHECK(sfn->iam_prefix == "states");
  CHECK(aws_models::FindService("stepfunctions") == sfn);
  CHECK(aws_models::FindService("logs") == aws_models::FindService("cloudwatchlogs"));
  CHECK(aws_models::FindService("cloudwatchevents")->name == "eventbridge");
  CHECK(aws_models::FindService("elbv2")->name == "elasticloadbalancingv2");
  CHECK(aws_models::FindService("dms")->name == "databasemigration");
  CHECK(aws_models::FindService("bedrockruntime")->iam_prefix == "bedrock");
  CHECK(aws_models::FindService("iotdataplane")->iam_prefix == "iot");
  CHECK(aws_models::FindService("resourcegroupstaggingapi")->iam_prefix == "tag");
  CHECK(aws_models::FindService("bedrok") == nullptr);
}

TEST_CASE("aws models: operations, members and output shapes", "[aws_models]") {
  const aws_models::Service* s3 = aws_models::FindService("s3");
  REQUIRE(s3 != nullptr);
  CHECK(s3->FindOperation("GetObject") == nullptr);  // actions are lowerCamelCase
  const aws_models::Operation* get = s3->FindOperation("getObject");
  REQUIRE(get != nullptr);
  REQUIRE(get->input.kind == aws_models::Ref::Kind::kShape);
  const aws_models::Shape& input = s3->shape(get->input.index);
  REQUIRE(input.Find("Bucket") != nullptr);
  CHECK(input.Find("Bucket")->required);
  CHECK(input.Find("Key")->required);
  CHECK(!input.Find("Range")->required);
  CHECK(input.Find("Body") == nullptr);
  const aws_models::Shape& output = s3->shape(get->output.index);
  CHECK(output.name == "GetObjectOutput");
  CHECK(output.Find("Body")->ref.kind == aws_models::Ref::Kind::kBlob);
  CHECK(output.Find("ContentLength")->ref.kind == aws_models::Ref::Kind::kInt);
  CHECK(output.Find("LastModified")->ref.kind == aws_models::Ref::Kind::kTimestamp);

  const aws_models::Operation* list = s3->FindOperation("listObjectsV2");
  REQUIRE(list != nullptr);
  const aws_models::Shape& contents =
      s3->shape(s3->shape(list->output.index).Find("Contents")->ref.index);
  CHECK(contents.kind == aws_models::Shape::Kind::kList);
  CHECK(s3->shape(contents.element.index).Find("Key") != nullptr);
}

TEST_CASE("aws models: the services that have an action", "[aws_models]") {
  const aws_models::Service* bedrock = aws_models::FindService("bedrock");
  REQUIRE(bedrock != nullptr);
  CHECK(bedrock->FindOperation("invokeModel") == nullptr);
  std::vector<const aws_models::Service*> with =
      aws_models::ServicesWithOperation("invokeModel", bedrock);
  REQUIRE(!with.empty());
  CHECK(std::find(with.begin(), with.end(), aws_models::FindService("bedrockruntime")) !=
        with.end());
  CHECK(aws_models::ServicesWithOperation("noSuchActionAnywhere").empty());
}
