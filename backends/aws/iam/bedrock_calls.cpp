#include "backends/aws/iam/bedrock_calls.h"

#include "backends/aws/common/existing.h"
#include "backends/aws/iam/policies.h"
#include "compiler/aws_models/bedrock.h"

namespace caios::aws {
namespace {

using Model = aws_models::BedrockModel;

// arn:PARTITION:bedrock:REGION:ACCOUNT:TYPE/ID as `Fn::Join` of the pseudo parameters and the
// ID, which the check phase has shape-checked (E0290): never a `Fn::Sub` of program text.
Json BedrockArn(const Json& region, bool account, std::string_view type, std::string_view id) {
  Json parts = Json::array({"arn:", Ref("AWS::Partition"), ":bedrock:", region, ":"});
  if (account) parts.push_back(Ref("AWS::AccountId"));
  parts.push_back(":" + std::string(type) + "/" + std::string(id));
  return JoinParts(parts);
}

// The ARNs `bedrock:InvokeModel` needs for a literal model ID (AWS's policy for Step Functions'
// Bedrock integration; for inference profiles, Bedrock's: the profile and its foundation model
// in every Region the profile routes to); nothing when the text is not a model ID.
std::optional<std::vector<Json>> ModelArns(const std::string& id) {
  std::optional<Model> m = aws_models::ParseBedrockModelId(id, nullptr);
  if (!m) return std::nullopt;
  switch (m->kind) {
    case Model::Kind::kFoundationModel:
      return std::vector<Json>{BedrockArn(Ref("AWS::Region"), false, "foundation-model", id)};
    case Model::Kind::kInferenceProfile:
      return std::vector<Json>{BedrockArn(Ref("AWS::Region"), true, "inference-profile", id),
                               BedrockArn("*", false, "foundation-model", m->foundation_model)};
    case Model::Kind::kArn: {
      std::vector<Json> out = {Json(id)};
      const std::string models = "arn:" + m->partition + ":bedrock:*::foundation-model/";
      if (m->resource_type == "inference-profile" && !m->foundation_model.empty()) {
        out.push_back(Json(models + m->foundation_model));
      } else if (m->resource_type == "application-inference-profile" ||
                 m->resource_type == "inference-profile") {
        // The profile's models are not in the program: any foundation model it routes to.
        out.push_back(Json(models + "*"));
      }
      return out;
    }
  }
  return std::nullopt;
}

std::optional<std::string> LiteralParam(const ir::Access& a, std::string_view name) {
  for (const auto& [key, text] : a.literal_params) {
    if (key == name) return text;
  }
  return std::nullopt;
}

bool Given(const ir::Access& a, std::string_view name) {
  for (const std::string& key : a.param_keys) {
    if (key == name) return true;
  }
  return false;
}

// `s3://${B.name}/prefix…`: the bucket's objects under the literal prefix (up to an IAM
// wildcard or policy variable, which the grant must not contain).
std::optional<Json> S3Objects(const ir::App& app, const ir::Access& a, std::string_view path) {
  for (const ir::Access::EntityParam& p : a.entity_params) {
    if (p.path != path || p.entity.kind != ir::EntityRef::Kind::kBucket) continue;
    if (p.attribute != ir::ResourceAttribute::kName || p.prefix != "s3://" || !p.delimited) {
      continue;
    }
    std::string after = p.after.empty() ? "/" : p.after;
    after = after.substr(0, after.find_first_of("*?$"));
    return JoinParts(Json::array({ArnOf(app, p.entity), after + "*"}));
  }
  return std::nullopt;
}

}  // namespace

void BedrockInvokePolicy(PolicyBuilder& policy, const ir::App& app, const ir::Access& a,
                         DiagnosticSink& sink) {
  const std::optional<std::string> model = LiteralParam(a, "ModelId");
  std::optional<std::vector<Json>> arns = model ? ModelArns(*model) : std::nullopt;
  if (arns) {
    policy.Allow({"bedrock:InvokeModel"}, *arns);
  } else {
    policy.AllowEverywhere("UnscopedBedrockruntimeInvokeModel", {"bedrock:InvokeModel"});
    sink.Emit(a.span, diag::AwsAllowedEveryResource, a.service, a.operation)
        .Note(
            "the role gets `bedrock:InvokeModel` on `\"Resource\": \"*\"` in statement "
            "`UnscopedBedrockruntimeInvokeModel`: the model ID is computed at run time; write it "
            "as a string literal to scope it");
  }
  struct S3Use {
    const char* parameter;
    const char* path;
    const char* action;
    const char* sid;
  };
  for (const S3Use& use :
       {S3Use{"Input", "Input.S3Uri", "s3:GetObject", "UnscopedBedrockruntimeInvokeModelInput"},
        S3Use{"Output", "Output.S3Uri", "s3:PutObject",
              "UnscopedBedrockruntimeInvokeModelOutput"}}) {
    if (!Given(a, use.parameter)) continue;
    if (std::optional<Json> objects = S3Objects(app, a, use.path)) {
      policy.Allow({use.action}, {*objects});
      continue;
    }
    policy.AllowEverywhere(use.sid, {use.action});
    sink.Emit(a.span, diag::AwsAllowedEveryResource, a.service, a.operation)
        .Note(std::string("the role gets `") + use.action +
              "` on `\"Resource\": \"*\"` in statement `" + use.sid + "`: `" + use.path +
              "` does not name a declared bucket; write it as `\"s3://${Bucket.name}/…\"` to "
              "scope it");
  }
}

}  // namespace caios::aws
