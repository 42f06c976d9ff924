// The permission tables: which IAM actions each `uses` permission, each flow access and each
// trigger source needs, and on which part of the entity's ARN space (docs/iam.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"

namespace caios::aws {

// Where in an entity's ARN space a set of actions applies.
enum class Scope {
  kEntity,       // the entity's own ARN
  kObjects,      // a bucket's objects: <arn>/*
  kIndexes,      // a table's global secondary indexes: <arn>/index/* (tables with indexes)
  kVersions,     // a function's versions and aliases: <arn>:*
  kTableStream,  // a table's stream (Fn::GetAtt Table.StreamArn)
  kExecutions,   // a flow's executions
};

struct ActionSet {
  std::vector<std::string> actions;
  std::vector<Scope> scopes;
};

// What `uses R(permission)` grants on an entity of `kind`; empty when the permission does not
// apply to that kind. `express` tells `run` on a flow which API it uses.
std::vector<ActionSet> GrantActions(ir::Permission permission, ir::EntityRef::Kind kind,
                                    bool express = false);
// The permissions that apply to `kind`, in declaration order of ir::Permission.
std::vector<ir::Permission> PermissionsFor(ir::EntityRef::Kind kind);

// What a flow's resource operation `op` needs (on the resource it acts on).
std::vector<ActionSet> ResourceOpActions(ir::ResourceOp op);

// What reading a trigger source needs (a queue's messages, a stream's or a table's records):
// for Lambda event source mappings and EventBridge pipes.
std::vector<ActionSet> ConsumeActions(ir::EntityRef::Kind kind);

// What describing a failed batch to a trigger's `on_failure` queue or topic needs: a mapping
// sends with the function's role, a pipe with its own.
std::vector<ActionSet> FailureDestinationActions(ir::EntityRef::Kind kind);

// The IAM actions of a generic `aws.<service>.<operation>` call: `comprehend:DetectSentiment`
// (IAM prefixes and action names differ from SDK ones for a few services).
std::vector<std::string> ServiceCallActions(std::string_view service, std::string_view operation);

// What the `.sync` variant of a call additionally needs: the describe/stop actions Step
// Functions polls or cancels with, and the managed EventBridge rule it watches (empty: none).
struct SyncJob {
  std::vector<std::string> actions;
  std::string events_rule;
};
SyncJob SyncJobActions(std::string_view service, std::string_view operation);

// The actions Step Functions calls on the managed rule of a `.sync` integration.
const std::vector<std::string>& ManagedRuleActions();

}  // namespace caios::aws
