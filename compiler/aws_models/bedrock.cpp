#include "compiler/aws_models/bedrock.h"

#include <algorithm>

#include "compiler/aws_models/aws_models.h"

namespace caios::aws_models {
namespace {

// The longest model ID or ARN taken (InvokeModel's `modelId` is at most 2048 characters; IDs
// are far shorter).
constexpr size_t kMaxId = 256;
constexpr size_t kMaxArn = 2048;

bool IdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == ':';
}

// The geography prefixes of Bedrock's system-defined cross-Region inference profiles.
bool IsGeography(std::string_view s) {
  static constexpr std::string_view kGeos[] = {"us",     "eu", "apac", "us-gov",
                                               "global", "jp", "au",   "ca"};
  return std::find(std::begin(kGeos), std::end(kGeos), s) != std::end(kGeos);
}

// `PROVIDER.MODEL` or `GEO.PROVIDER.MODEL`: letters, digits and `. - _ :`, dot-separated
// segments that are not empty.
bool PlainId(std::string_view id, std::string* problem) {
  if (id.empty() || id.size() > kMaxId) {
    *problem = "a model ID has 1 to " + std::to_string(kMaxId) + " characters";
    return false;
  }
  if (!std::all_of(id.begin(), id.end(), IdChar)) {
    *problem = "a model ID has only letters, digits and `. - _ :`";
    return false;
  }
  if (id.find('.') == std::string_view::npos || id.front() == '.' || id.back() == '.' ||
      id.find("..") != std::string_view::npos) {
    *problem =
        "a model ID is `PROVIDER.MODEL` (such as `anthropic.claude-3-haiku-20240307-v1:0`) or "
        "a Bedrock ARN";
    return false;
  }
  return true;
}

std::optional<BedrockModel> ParseArn(std::string_view id, std::string* problem) {
  // arn:PARTITION:bedrock:REGION:ACCOUNT:TYPE/ID
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const size_t colon = id.find(':', start);
    if (colon == std::string_view::npos) break;
    parts.push_back(id.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string_view resource = id.substr(std::min(start, id.size()));
  const char* shape = "a Bedrock ARN is `arn:PARTITION:bedrock:REGION:ACCOUNT:TYPE/ID`";
  if (parts.size() != 5 || id.size() > kMaxArn) {
    *problem = shape;
    return std::nullopt;
  }
  auto lower = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
  };
  const bool account_ok =
      parts[4].empty() ||
      (parts[4].size() == 12 &&
       std::all_of(parts[4].begin(), parts[4].end(), [](char c) { return c >= '0' && c <= '9'; }));
  const size_t slash = resource.find('/');
  if (!lower(parts[1]) || parts[2] != "bedrock" || !lower(parts[3]) || !account_ok ||
      slash == std::string_view::npos) {
    *problem = shape;
    return std::nullopt;
  }
  static constexpr std::string_view kTypes[] = {"foundation-model",
                                                "inference-profile",
                                                "application-inference-profile",
                                                "provisioned-model",
                                                "custom-model",
                                                "imported-model",
                                                "custom-model-deployment",
                                                "prompt",
                                                "default-prompt-router",
                                                "prompt-router"};
  const std::string_view type = resource.substr(0, slash);
  const std::string_view name = resource.substr(slash + 1);
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
    *problem = "`" + std::string(type) + "` is not a kind of Bedrock model or inference profile";
    return std::nullopt;
  }
  if (name.empty() ||
      !std::all_of(name.begin(), name.end(), [](char c) { return IdChar(c) || c == '/'; })) {
    *problem = "the ID in a Bedrock ARN has only letters, digits and `. - _ : /`";
    return std::nullopt;
  }
  BedrockModel m;
  m.kind = BedrockModel::Kind::kArn;
  m.partition = std::string(parts[1]);
  m.resource_type = std::string(type);
  if (type == "inference-profile") {
    const size_t dot = name.find('.');
    if (dot != std::string_view::npos && IsGeography(name.substr(0, dot)) &&
        PlainId(name.substr(dot + 1), problem)) {
      m.foundation_model = std::string(name.substr(dot + 1));
    }
  } else if (type == "foundation-model") {
    m.foundation_model = std::string(name);
  }
  problem->clear();
  return m;
}

}  // namespace

bool IsBedrockInvoke(std::string_view service, std::string_view action) {
  const Service* s = FindService(service);
  return s != nullptr && s->name == "bedrockruntime" && action == "invokeModel";
}

const std::vector<std::string>& BedrockInvokeParameters() {
  static const std::vector<std::string> kParams = {
      "ModelId",         "Body",   "Input", "Output",
      "ContentType",     "Accept", "Trace", "GuardrailIdentifier",
      "GuardrailVersion"};
  return kParams;
}

std::optional<BedrockModel> ParseBedrockModelId(std::string_view id, std::string* problem) {
  std::string ignored;
  if (problem == nullptr) problem = &ignored;
  if (id.starts_with("arn:")) return ParseArn(id, problem);
  if (!PlainId(id, problem)) return std::nullopt;
  BedrockModel m;
  const size_t dot = id.find('.');
  const std::string_view first = id.substr(0, dot);
  if (IsGeography(first) && id.find('.', dot + 1) != std::string_view::npos) {
    m.kind = BedrockModel::Kind::kInferenceProfile;
    m.foundation_model = std::string(id.substr(dot + 1));
  } else {
    m.foundation_model = std::string(id);
  }
  return m;
}

}  // namespace caios::aws_models
