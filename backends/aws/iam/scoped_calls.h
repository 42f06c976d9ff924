// Generic service calls whose resource a string-literal parameter names (docs/iam.md,
// "Scoped service calls"): the table of which parameter names it and the ARN it makes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backends/aws/common/intrinsics.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

// Actions allowed on resources.
struct ScopedStatement {
  std::vector<std::string> actions;
  std::vector<Json> resources;
};

struct ScopedCall {
  std::vector<Json> resources;       // for the call's own actions
  std::vector<Json> sync_resources;  // for the describe/stop actions of its `.sync` variant
  // When not empty: the call's own actions, each on its own resources, instead of all of them
  // on `resources` (`s3.copyObject` reads the source and writes the destination).
  std::vector<ScopedStatement> split;
  // What the service does with the caller's credentials on a declared resource the call names
  // (Athena writes its results to the output bucket).
  std::vector<ScopedStatement> data;
};

// The resources of `aws.<service>.<operation>` given its literal parameters (name, text);
// nothing when the table has no entry or the parameter is not a literal the table accepts
// (then the call stays unscoped, with W0601).
std::optional<ScopedCall> ScopeServiceCall(
    std::string_view service, std::string_view operation,
    const std::vector<std::pair<std::string, std::string>>& literal_params);

// The resources of `aws.<service>.<operation>` whose parameters name entities of the
// application (`Bucket: Out.name`, ir::Access::entity_params); nothing when the table has no
// entry or a parameter it needs does not name an entity of the kind it takes.
std::optional<ScopedCall> ScopeEntityCall(const ir::App& app, const ir::Access& access);

// A call that names by a string literal a resource of a kind an `existing` declaration can give
// (`Bucket: "corp-drop"`: a bucket, table, topic, stream or secret): the declaration and the
// parameter's value that would scope the call to it (docs/language.md, "Resources that already
// exist"), or, when the application declares it `existing` already, that declaration's
// attribute. Nothing otherwise.
struct ExistingSuggestion {
  std::string kind;         // `bucket`
  std::string literal;      // the parameter's text, `corp-drop`
  std::string declaration;  // `bucket CorpDrop { existing "corp-drop" }`
  std::string parameter;    // `Bucket`
  std::string value;        // `CorpDrop.name`
  bool declared = false;    // the application declares it already (`declaration` is unused)
};
std::optional<ExistingSuggestion> SuggestExisting(const ir::App& app, const ir::Access& access);

// arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<type>/<name> as an
// Fn::Sub in which `name`, text of the program, stands for itself (`${` written `${!`).
Json RegionalArn(std::string_view service, std::string_view type, std::string_view name);
// A literal name that can scope a grant: not empty and no IAM wildcard.
bool ScopableName(std::string_view name);

}  // namespace caios::aws
