// The template under construction, shared by the per-kind emitters of cloudformation/: the
// application, its resources, parameters and outputs in insertion order, and the sink.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "backends/aws/asl/definition.h"
#include "backends/aws/cloudformation/template.h"
#include "backends/aws/common/intrinsics.h"
#include "backends/aws/common/json.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/ir.h"

namespace caios::aws {

class Stack {
 public:
  Stack(const ir::App& app, const TemplateOptions& options, DiagnosticSink& sink)
      : app_(app), options_(options), sink_(sink) {}

  const ir::App& app() const { return app_; }
  const TemplateOptions& options() const { return options_; }
  DiagnosticSink& sink() { return sink_; }

  // Adds resource `id` of `type` for the declaration at `span`; E0603 when the ID is taken.
  // Returns the resource object (Type, Properties, ...) to add DependsOn or policies to; the
  // reference is valid until the next AddResource.
  Json& AddResource(const std::string& id, std::string_view type, Json properties, Span span);
  bool HasResource(const std::string& id) const { return resource_ids_.count(id) > 0; }
  // A parameter caios declares (`what` says for what); E0620 at the program's span when the
  // program named a parameter `id` too.
  void AddParameter(const std::string& id, Json parameter, std::string_view what = {});
  // A parameter the program names (`existing param P`), at `span`: Finish reports a clash with a
  // resource's logical ID (E0620), which CloudFormation would refuse.
  void AddProgramParameter(const std::string& id, Json parameter, Span span);
  // A top-level Metadata entry: `key` → `value`.
  void AddMetadata(const std::string& key, Json value) { metadata_[key] = std::move(value); }
  bool HasParameter(const std::string& id) const { return parameters_.contains(id); }
  Json& Parameter(const std::string& id) { return parameters_[id]; }
  void AddOutput(const std::string& id, std::string_view description, Json value);

  Json Finish();

 private:
  const ir::App& app_;
  const TemplateOptions& options_;
  DiagnosticSink& sink_;
  // Resources and outputs are appended in order; the ID sets keep lookups constant-time (a
  // lookup in a Json object is a linear scan, which made large templates quadratic).
  std::vector<std::pair<std::string, Json>> resources_;
  Json metadata_ = Json::object();
  Json parameters_ = Json::object();
  std::vector<std::pair<std::string, Json>> outputs_;
  std::unordered_set<std::string> resource_ids_;
  std::vector<std::pair<std::string, Span>> program_parameters_;
  std::unordered_map<std::string, size_t> output_index_;
};

// Stand-ins in the template for parts written on the emitting threads, which the renderers
// copy from their text: a state machine's `Definition` (RenderDefinition) and its role's
// Properties (PrepareRole), found by flow index in the `flows` given to the renderers; a text
// stand-in holds its text itself (a function's role's Properties, PrepareFunctionRole).
enum class StandIn : uint8_t { kDefinition, kRoleProperties, kText };
Json MakeStandIn(StandIn kind, uint32_t flow_index);
Json MakeTextStandIn(std::string_view text);
// Writes what `stand_in` stands for: its text (written at indentation 0) with `write_text`, or
// the tree of a definition that was not rendered with `write_tree`.
void WriteStandIn(const Json& stand_in, const std::vector<FlowDefinition>& flows,
                  const std::function<void(const Json&)>& write_tree,
                  const std::function<void(std::string_view)>& write_text);
// The Properties of the IAM role of a function.
Json FunctionRoleProperties(const ir::App& app, ir::FunctionId fn, DiagnosticSink& sink);
// The Properties of the IAM role of a flow's state machine.
Json StateMachineRoleProperties(const ir::App& app, ir::FlowId flow, DiagnosticSink& sink);
// HoldsLiteralSubstitutionText of a definition, rendered or not.
bool HoldsLiteralSubstitutionText(const FlowDefinition& def);

// The URI through which API Gateway invokes a function (a Lambda proxy integration or a Lambda
// authorizer): built from the resource's ARN, or from an existing function's.
Json LambdaInvocationUri(const ir::App& app, ir::EntityRef function);

// A DynamoDB table's key schema, its AttributeDefinitions (every key attribute of the table and
// its indexes, once, in first-use order) and its GlobalSecondaryIndexes (with `throughput` when
// given), as AWS::DynamoDB::Table and CreateTable take them (storage.cpp).
const char* AttributeType(ir::KeyAttribute::Type type);
Json TableKeySchema(const ir::KeyAttribute& partition, const std::optional<ir::KeyAttribute>& sort);
Json TableAttributeDefinitions(const ir::Table& table);
Json TableIndexes(const ir::Table& table, const Json* throughput);

// `Retain` or `Delete` on both DeletionPolicy and UpdateReplacePolicy.
void SetRetention(Json& resource, bool retain);

// A CloudWatch Logs retention period: `days` (default 30) rounded up to one Logs accepts.
int64_t LogRetentionDays(std::optional<int64_t> days);

// The per-kind emitters, called in this order by BuildTemplate.
void EmitExistingParameters(Stack& stack);  // the parameters that name existing entities
void EmitStorage(Stack& stack);             // tables, buckets
void EmitBuses(Stack& stack);               // queues, topics, streams, event buses, connections
void EmitFunctions(Stack& stack);           // functions with their log groups and roles
void EmitStateMachines(Stack& stack, const std::vector<FlowDefinition>& flows);
void EmitApis(Stack& stack);  // REST APIs
void EmitSchedules(Stack& stack);
void EmitTriggers(Stack& stack);

}  // namespace caios::aws
