// The CloudFormation logical IDs of IR entities and the `${…}` placeholders state machine
// definitions use for their ARNs, names and URLs. Shared by the ASL and template emitters so
// that every placeholder has a matching DefinitionSubstitutions entry.
#pragma once

#include <string>
#include <string_view>

#include "compiler/ir/ir.h"

namespace caios::aws {

// `checkout` → `Checkout`, `order_events` → `OrderEvents`: letters and digits only.
std::string PascalCase(std::string_view name);

// The logical ID of an entity's main resource: `<Name><Kind>`, e.g. `OrdersTable`,
// `ChargeFunction`, `CheckoutStateMachine`, `PublicApi`.
std::string LogicalId(const ir::App& app, ir::EntityRef ref);

// What a definition needs to know about an entity at deployment time.
enum class Attribute { kArn, kName, kUrl, kStreamArn };  // kStreamArn: a table's stream

// The attribute a state machine task uses to address `ref`: a function's ARN, a table's name,
// a queue's URL, ...
Attribute AddressAttribute(ir::EntityRef::Kind kind);
// The same for an entity of `app`: a table or event bus given by its ARN (`existing "arn:…"`,
// possibly in another account or region) is addressed by that ARN, which DynamoDB's
// `TableName` and EventBridge's `EventBusName` accept.
Attribute AddressAttribute(const ir::App& app, ir::EntityRef ref);

// `${OrdersTableName}`'s name part: the logical ID followed by the attribute.
std::string PlaceholderName(const ir::App& app, ir::EntityRef ref, Attribute attribute);

}  // namespace caios::aws
