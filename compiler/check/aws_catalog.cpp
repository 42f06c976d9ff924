#include "compiler/check/aws_catalog.h"

#include "compiler/aws_models/aws_models.h"
#include "compiler/aws_models/bedrock.h"

namespace caios::check {

namespace {

// A member's type in a signature: scalars by name, composite shapes abbreviated.
std::string RefText(const aws_models::Service& service, aws_models::Ref ref) {
  using Kind = aws_models::Ref::Kind;
  switch (ref.kind) {
    case Kind::kNone:
      return "null";
    case Kind::kString:
    case Kind::kBlob:
    case Kind::kTimestamp:
      return "string";
    case Kind::kInt:
      return "int";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "bool";
    case Kind::kJson:
      return "json";
    case Kind::kShape:
      return service.shape(ref.index).kind == aws_models::Shape::Kind::kList ? "[…]" : "{…}";
  }
  return "json";
}

}  // namespace

std::vector<AwsServiceEntry> AwsServices() {
  std::vector<AwsServiceEntry> out;
  for (const std::string& name : aws_models::ServiceNames()) {
    const aws_models::Service* service = aws_models::FindService(name);
    out.push_back({name, service ? std::string(service->iam_prefix) : std::string()});
  }
  return out;
}

std::vector<std::string> AwsActions(std::string_view service_name) {
  std::vector<std::string> out;
  const aws_models::Service* service = aws_models::FindService(service_name);
  if (service == nullptr) return out;
  for (const aws_models::Operation& op : service->operations()) {
    out.push_back(aws_models::ActionName(op.name));
  }
  return out;
}

std::optional<AwsActionShape> AwsAction(std::string_view service_name, std::string_view action) {
  const aws_models::Service* service = aws_models::FindService(service_name);
  const aws_models::Operation* op = service ? service->FindOperation(action) : nullptr;
  if (op == nullptr) return std::nullopt;
  AwsActionShape out;
  if (aws_models::IsBedrockInvoke(service_name, action)) {
    // Step Functions' Bedrock integration, not the SDK operation (bedrock_calls.cpp).
    for (const std::string& p : aws_models::BedrockInvokeParameters()) {
      const char* type = p == "Body" ? "json" : p == "Input" || p == "Output" ? "{…}" : "string";
      out.input.push_back({p, type, p == "ModelId"});
    }
    out.output = "{…}";
    return out;
  }
  if (op->input.kind == aws_models::Ref::Kind::kShape) {
    for (const aws_models::Member& m : service->shape(op->input.index).members) {
      out.input.push_back({std::string(m.name), RefText(*service, m.ref), m.required});
    }
  }
  out.output = RefText(*service, op->output);
  return out;
}

}  // namespace caios::check
