// Unit tests of the Bedrock integration's model IDs (compiler/aws_models/bedrock.h): what is a
// model ID, an inference profile or an ARN, and what is refused before it reaches an ARN.
#include <catch2/catch.hpp>

#include <string>

#include "compiler/aws_models/bedrock.h"

using namespace caios;
using aws_models::BedrockModel;
using aws_models::ParseBedrockModelId;

TEST_CASE("bedrock: model and inference profile IDs", "[bedrock]") {
  std::string problem;
  auto m = ParseBedrockModelId("anthropic.claude-3-haiku-20240307-v1:0", &problem);
  REQUIRE(m);
  CHECK(m->kind == BedrockModel::Kind::kFoundationModel);
  CHECK(m->foundation_model == "anthropic.claude-3-haiku-20240307-v1:0");
  m = ParseBedrockModelId("us.anthropic.claude-3-5-sonnet-20240620-v1:0", &problem);
  REQUIRE(m);
  CHECK(m->kind == BedrockModel::Kind::kInferenceProfile);
  CHECK(m->foundation_model == "anthropic.claude-3-5-sonnet-20240620-v1:0");
  // `us` alone before one dot is a provider, not a geography.
  m = ParseBedrockModelId("us.model", &problem);
  REQUIRE(m);
  CHECK(m->kind == BedrockModel::Kind::kFoundationModel);
}

TEST_CASE("bedrock: ARNs", "[bedrock]") {
  std::string problem;
  auto m = ParseBedrockModelId(
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.meta.llama3-2-1b-instruct-v1:0",
      &problem);
  REQUIRE(m);
  CHECK(m->kind == BedrockModel::Kind::kArn);
  CHECK(m->resource_type == "inference-profile");
  CHECK(m->foundation_model == "meta.llama3-2-1b-instruct-v1:0");
  m = ParseBedrockModelId(
      "arn:aws-cn:bedrock:cn-north-1::foundation-model/amazon.titan-text-express-v1", &problem);
  REQUIRE(m);
  CHECK(m->partition == "aws-cn");
  CHECK(m->foundation_model == "amazon.titan-text-express-v1");
  m = ParseBedrockModelId(
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123", &problem);
  REQUIRE(m);
  CHECK(m->foundation_model.empty());
}

TEST_CASE("bedrock: what cannot be a model ID", "[bedrock]") {
  for (const char* bad :
       {"", "claude", "anthropic.*", "a..b", ".a", "a.", "anthropic.claude 3", "a.${x}",
        "arn:aws:s3:::b/k", "arn:aws:bedrock:us-east-1:1234:foundation-model/x",
        "arn:aws:bedrock:us-east-1::agent/x", "arn:aws:bedrock:us-east-1::foundation-model/",
        "arn:aws:bedrock:us-east-1::foundation-model/a*",
        "arn:AWS:bedrock:us-east-1::foundation-model/a", "arn:aws:bedrock"}) {
    std::string problem;
    INFO(bad);
    CHECK_FALSE(ParseBedrockModelId(bad, &problem));
    CHECK_FALSE(problem.empty());
  }
  CHECK_FALSE(ParseBedrockModelId(std::string(300, 'a') + ".b", nullptr));
}
