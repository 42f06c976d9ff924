#include "backends/aws/common/names.h"

#include "backends/aws/common/existing.h"

#include <cctype>

namespace caios::aws {

std::string PascalCase(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

namespace {
const char* KindSuffix(ir::EntityRef::Kind kind) {
  using K = ir::EntityRef::Kind;
  switch (kind) {
    case K::kTable:
      return "Table";
    case K::kBucket:
      return "Bucket";
    case K::kQueue:
      return "Queue";
    case K::kTopic:
      return "Topic";
    case K::kStream:
      return "Stream";
    case K::kEventBus:
      return "EventBus";
    case K::kConnection:
      return "Connection";
    case K::kFunction:
      return "Function";
    case K::kFlow:
      return "StateMachine";
    case K::kApi:
      return "Api";
    case K::kSchedule:
      return "Schedule";
    case K::kTrigger:
      return "Trigger";
    case K::kSecret:
      return "Secret";
    case K::kParameter:
      return "Parameter";
    case K::kNone:
      break;
  }
  return "";
}
}  // namespace

std::string LogicalId(const ir::App& app, ir::EntityRef ref) {
  return PascalCase(app.NameOf(ref)) + KindSuffix(ref.kind);
}

Attribute AddressAttribute(ir::EntityRef::Kind kind) {
  using K = ir::EntityRef::Kind;
  switch (kind) {
    case K::kTable:
    case K::kBucket:
    case K::kStream:
    case K::kEventBus:
      return Attribute::kName;
    case K::kQueue:
      return Attribute::kUrl;
    default:
      return Attribute::kArn;
  }
}

Attribute AddressAttribute(const ir::App& app, ir::EntityRef ref) {
  using K = ir::EntityRef::Kind;
  if (GivenByArn(app.ExistingOf(ref)) && (ref.kind == K::kTable || ref.kind == K::kEventBus)) {
    return Attribute::kArn;
  }
  return AddressAttribute(ref.kind);
}

std::string PlaceholderName(const ir::App& app, ir::EntityRef ref, Attribute attribute) {
  static constexpr const char* kSuffix[] = {"Arn", "Name", "Url", "StreamArn"};
  return LogicalId(app, ref) + kSuffix[static_cast<int>(attribute)];
}

}  // namespace caios::aws
