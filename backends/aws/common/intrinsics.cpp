#include "backends/aws/common/intrinsics.h"

#include "backends/aws/common/existing.h"

namespace caios::aws {

using K = ir::EntityRef::Kind;

Json Ref(std::string_view logical_id) { return Json{{"Ref", std::string(logical_id)}}; }

Json GetAtt(std::string_view logical_id, std::string_view attribute) {
  return Json{{"Fn::GetAtt", Json::array({std::string(logical_id), std::string(attribute)})}};
}

Json Sub(std::string_view text) { return Json{{"Fn::Sub", std::string(text)}}; }

std::string StateMachineNameText(const ir::App& app, ir::EntityRef flow) {
  return "${AWS::StackName}-" + app.NameOf(flow);
}

Json StateMachineArn(const ir::App& app, ir::EntityRef flow) {
  return Sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:" +
             StateMachineNameText(app, flow));
}

Json ExecutionsArn(const ir::App& app, ir::EntityRef flow) {
  if (const ir::Existing* existing = app.ExistingOf(flow)) return ExistingExecutionsArn(*existing);
  const bool express = app.flows.at(flow.index).express;
  return Sub(std::string("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:") +
             (express ? "express:" : "execution:") + StateMachineNameText(app, flow) +
             (express ? ":*:*" : ":*"));
}

std::optional<std::string> FunctionNameText(const ir::App& app, ir::EntityRef function) {
  if (!app.functions.at(function.index).in_reference_cycle) return std::nullopt;
  return "${AWS::StackName}-" + app.NameOf(function);
}

Json ArnOf(const ir::App& app, ir::EntityRef ref, Referrer from) {
  if (const ir::Existing* existing = app.ExistingOf(ref)) return ExistingArn(ref.kind, *existing);
  const std::string id = LogicalId(app, ref);
  switch (ref.kind) {
    case K::kTopic:
      return Ref(id);  // an SNS topic's Ref is its ARN
    case K::kFlow:
      return StateMachineArn(app, ref);
    case K::kFunction:
      if (from == Referrer::kFunction && FunctionNameText(app, ref)) {
        return ArnWithSuffix(app, ref, "", from);
      }
      return GetAtt(id, "Arn");
    default:
      return GetAtt(id, "Arn");
  }
}

Json PhysicalNameOf(const ir::App& app, ir::EntityRef ref, Referrer from) {
  if (const ir::Existing* existing = app.ExistingOf(ref)) return ExistingName(ref.kind, *existing);
  const std::string id = LogicalId(app, ref);
  switch (ref.kind) {
    case K::kQueue:
      return GetAtt(id, "QueueName");
    case K::kTopic:
      return GetAtt(id, "TopicName");
    case K::kFlow:
      return Sub(StateMachineNameText(app, ref));
    case K::kFunction:
      if (auto name = FunctionNameText(app, ref); name && from == Referrer::kFunction) {
        return Sub(*name);
      }
      return Ref(id);
    default:
      return Ref(id);  // tables, buckets, streams, buses, connections, functions
  }
}

Json UrlOf(const ir::App& app, ir::EntityRef ref) {
  if (const ir::Existing* existing = app.ExistingOf(ref)) return ExistingUrl(ref.kind, *existing);
  return Ref(LogicalId(app, ref));  // a queue's Ref is its URL
}

Json AddressOf(const ir::App& app, ir::EntityRef ref, Attribute attribute, Referrer from) {
  switch (attribute) {
    case Attribute::kArn:
      return ArnOf(app, ref, from);
    case Attribute::kName:
      return PhysicalNameOf(app, ref, from);
    case Attribute::kUrl:
      return UrlOf(app, ref);
    case Attribute::kStreamArn:
      return GetAtt(LogicalId(app, ref), "StreamArn");
  }
  return ArnOf(app, ref, from);
}

Json ArnWithSuffix(const ir::App& app, ir::EntityRef ref, std::string_view suffix, Referrer from) {
  if (const ir::Existing* existing = app.ExistingOf(ref)) {
    return JoinParts(Json::array({ExistingArn(ref.kind, *existing), std::string(suffix)}));
  }
  const std::string id = LogicalId(app, ref);
  switch (ref.kind) {
    case K::kTopic:
      return Sub("${" + id + "}" + std::string(suffix));
    case K::kFlow:
      return Sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:" +
                 StateMachineNameText(app, ref) + std::string(suffix));
    case K::kFunction:
      if (auto name = FunctionNameText(app, ref); name && from == Referrer::kFunction) {
        return Sub("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" +
                   *name + std::string(suffix));
      }
      return Sub("${" + id + ".Arn}" + std::string(suffix));
    default:
      return Sub("${" + id + ".Arn}" + std::string(suffix));
  }
}

}  // namespace caios::aws
