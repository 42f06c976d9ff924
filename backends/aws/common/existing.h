// How the template addresses an entity that lives outside the application (ir::Existing): its
// ARN, name and URL, built from the name or ARN the program gives or from a template parameter
// that holds the name, and AWS's rules for those names and ARNs (docs/language.md, section 4).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "backends/aws/common/json.h"
#include "compiler/ir/ir.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

// A literal of an existing entity, read: an ARN (`arn:aws:sqs:eu-west-1:123456789012:jobs`)
// or a name. For an ARN, `name` is the part that names the resource and the other fields its
// parts; for a name, only `name` is set.
struct ExistingLiteral {
  bool is_arn = false;
  std::string name;
  std::string partition, region, account;
};

// What is wrong with `literal` as the name or ARN of an existing entity of `kind` ("a bucket
// name holds lower-case letters, …"), or nullopt when AWS accepts it. `fifo`: the queue or topic
// is declared `fifo`, whose name must end in `.fifo` (and only then).
std::optional<std::string> ExistingLiteralProblem(ir::EntityRef::Kind kind,
                                                  std::string_view literal, bool fifo);
// The literal read (call only when ExistingLiteralProblem accepted it).
ExistingLiteral ReadExistingLiteral(ir::EntityRef::Kind kind, std::string_view literal);

// Calls `fn(ref, existing)` for each entity of `app` declared `existing`, kind by kind (tables,
// buckets, queues, topics, streams, event buses, functions, flows, secrets, parameters) in
// declaration order.
void ForEachExisting(const ir::App& app,
                     const std::function<void(ir::EntityRef, const ir::Existing&)>& fn);

// Whether `ref` is a queue or topic declared `fifo`.
bool IsFifo(const ir::App& app, ir::EntityRef ref);

// Whether the program gave the entity's ARN (`existing "arn:…"`), which may be in another
// account or region: then it is addressed by that ARN where the API takes one.
inline bool GivenByArn(const ir::Existing* existing) {
  if (existing == nullptr) return false;
  return existing->parameter.empty() ? existing->literal.starts_with("arn:")
                                     : existing->parameter_holds_arn;
}

// What is wrong with `parameter` as a template parameter's name (letters and digits, at most 255
// characters), or nullopt.
std::optional<std::string> ExistingParameterProblem(std::string_view parameter);

// The AllowedPattern of the template parameter that holds the name of an existing entity of
// `kind`: AWS's naming rule, so that a wrong value fails when the stack is created.
std::string ExistingNamePattern(ir::EntityRef::Kind kind);
// The AllowedPattern of one that holds its ARN (`existing arn param P`): the kind's ARN, in any
// partition, region and account.
std::string ExistingArnPattern(ir::EntityRef::Kind kind);

// The ARN, the name and (queues) the URL of an existing entity: literal text for a literal ARN,
// `Fn::Join` of the pseudo parameters (`AWS::Partition`, `AWS::Region`, `AWS::AccountId`,
// `AWS::URLSuffix`) with the name or the parameter's `Ref` otherwise; for a parameter that holds
// the ARN, its `Ref`, and the name and URL taken from it with `Fn::Select` of `Fn::Split`. Never
// `Fn::Sub`: the program's text must not become a substitution.
Json ExistingArn(ir::EntityRef::Kind kind, const ir::Existing& existing);
Json ExistingName(ir::EntityRef::Kind kind, const ir::Existing& existing);
Json ExistingUrl(ir::EntityRef::Kind kind, const ir::Existing& existing);
// The executions of an existing flow (a standard state machine):
// `arn:…:states:REGION:ACCOUNT:execution:NAME:*`, built like its ARN.
Json ExistingExecutionsArn(const ir::Existing& existing);
// What an IAM statement names for a secret: its ARN when the program gives it, else
// `arn:…:secretsmanager:REGION:ACCOUNT:secret:NAME-??????` (the ARN ends in `-` and 6 random
// characters). Its `arn` attribute is the partial ARN without them, which Secrets Manager takes.
Json ExistingSecretPolicyArn(const ir::Existing& existing);

// `Fn::Join` of `parts` (strings and intrinsics) with adjacent strings merged; a single string
// when all parts are strings.
Json JoinParts(const Json& parts);

}  // namespace caios::aws
