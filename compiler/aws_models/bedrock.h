// Step Functions' optimized Bedrock integration (`arn:aws:states:::bedrock:invokeModel`),
// which `aws.bedrockruntime.invokeModel` compiles to: the parameters it takes and the model
// identifiers it accepts (docs/language.md, "Bedrock"; docs/iam.md, "Bedrock models").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caios::aws_models {

// `aws.<service>.<action>` names the Bedrock integration (`bedrockruntime`, `bedrock-runtime`
// or another spelling FindService resolves to the same service).
bool IsBedrockInvoke(std::string_view service, std::string_view action);

// The integration's parameters, in the order the Step Functions guide lists them.
const std::vector<std::string>& BedrockInvokeParameters();

// What a model ID names, parsed: `anthropic.claude-3-haiku-20240307-v1:0` (a foundation
// model), `us.anthropic.claude-…` (a cross-Region inference profile) or a Bedrock ARN.
struct BedrockModel {
  enum class Kind { kFoundationModel, kInferenceProfile, kArn };
  Kind kind = Kind::kFoundationModel;
  // kFoundationModel: the ID; kInferenceProfile: the ID without its geography prefix; kArn of
  // an inference profile: likewise from the ARN's ID; empty otherwise.
  std::string foundation_model;
  std::string partition;      // kArn
  std::string resource_type;  // kArn: `foundation-model`, `inference-profile`, …
};

// The model ID parsed, or why it is not one (`problem`, for E0290).
std::optional<BedrockModel> ParseBedrockModelId(std::string_view id, std::string* problem);

}  // namespace caios::aws_models
