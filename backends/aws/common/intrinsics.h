// CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Sub) and how the template addresses
// each IR entity: its ARN, physical name and URL.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "backends/aws/common/json.h"
#include "backends/aws/common/names.h"
#include "compiler/ir/ir.h"
#include "nlohmann/json.hpp"

namespace caios::aws {

Json Ref(std::string_view logical_id);
Json GetAtt(std::string_view logical_id, std::string_view attribute);
Json Sub(std::string_view text);

// `${AWS::StackName}-<flow>`: state machine names are fixed so that any role (its own, a
// function's, another flow's) can name a state machine's ARN without depending on the resource,
// which would make mutual references circular.
std::string StateMachineNameText(const ir::App& app, ir::EntityRef flow);
// arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:<name>, as Fn::Sub.
Json StateMachineArn(const ir::App& app, ir::EntityRef flow);
// The ARNs of the flow's executions (`execution:` for standard, `express:` for express flows).
Json ExecutionsArn(const ir::App& app, ir::EntityRef flow);

// `${AWS::StackName}-<function>` for a function in a reference cycle (Function::
// in_reference_cycle), whose name and ARN must then be known without the resource, as for
// state machines; nothing for other functions (CloudFormation names them).
std::optional<std::string> FunctionNameText(const ir::App& app, ir::EntityRef function);

// Who refers to an entity. References are to the resource (`Ref`, `Fn::GetAtt`), which orders
// the referrer after it, except where the referrer is a function's own role or configuration
// and the entity a function in a reference cycle: then the name-built ARN and name break the
// cycle (everything else keeps its order after the function).
enum class Referrer { kOther, kFunction };

// The ARN, physical name or URL of an entity's main resource.
Json ArnOf(const ir::App& app, ir::EntityRef ref, Referrer from = Referrer::kOther);
Json PhysicalNameOf(const ir::App& app, ir::EntityRef ref, Referrer from = Referrer::kOther);
Json UrlOf(const ir::App& app, ir::EntityRef ref);
Json AddressOf(const ir::App& app, ir::EntityRef ref, Attribute attribute,
               Referrer from = Referrer::kOther);

// `Fn::Sub` of "${<logical id of ref's ARN source>}<suffix>", e.g. "${ReceiptsBucket.Arn}/*".
Json ArnWithSuffix(const ir::App& app, ir::EntityRef ref, std::string_view suffix,
                   Referrer from = Referrer::kOther);

}  // namespace caios::aws
