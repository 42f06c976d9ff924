// The entities outside the application (`existing`) in the template: the parameters that name
// them (a String with the entity's naming rule as AllowedPattern, one per parameter name however
// many entities share it), and the `Caios::Existing` metadata that lists what the stack expects
// to exist — each entity's kind, its name or parameter, its ARN when given and a table's keys
// and indexes — for readers and for the local cloud, which creates them before deploying
// (docs/testing.md).
#include "backends/aws/cloudformation/stack.h"
#include "backends/aws/common/existing.h"

namespace caios::aws {
namespace {

using K = ir::EntityRef::Kind;

void AddParameterFor(Stack& stack, ir::EntityRef ref, const ir::Existing& existing) {
  const ir::App& app = stack.app();
  const std::string description = std::string(existing.parameter_holds_arn ? "ARN" : "name") +
                                  " of the existing " + ir::KindName(ref.kind) + " " +
                                  app.NameOf(ref);
  const std::string pattern =
      existing.parameter_holds_arn ? ExistingArnPattern(ref.kind) : ExistingNamePattern(ref.kind);
  if (stack.HasParameter(existing.parameter)) {
    // Shared: the one value names each of them. The patterns of different kinds are not
    // combined; the stack's creation judges the value.
    Json& parameter = stack.Parameter(existing.parameter);
    parameter["Description"] = parameter["Description"].get<std::string>() + "; " + description;
    if (parameter.contains("AllowedPattern") && parameter["AllowedPattern"] != pattern) {
      parameter.erase("AllowedPattern");
    }
    return;
  }
  stack.AddProgramParameter(
      existing.parameter,
      Json{{"Type", "String"}, {"Description", description}, {"AllowedPattern", pattern}},
      existing.span);
}

Json Describe(const ir::App& app, ir::EntityRef ref, const ir::Existing& existing) {
  // Plain text only: CloudFormation does not resolve intrinsics in a template's Metadata.
  Json entry{{"Kind", ir::KindName(ref.kind)}};
  if (!existing.parameter.empty()) {
    entry["Parameter"] = existing.parameter;
    if (existing.parameter_holds_arn) entry["ParameterHolds"] = "Arn";
  } else {
    ExistingLiteral literal = ReadExistingLiteral(ref.kind, existing.literal);
    entry["Name"] = literal.name;
    if (literal.is_arn) entry["Arn"] = existing.literal;
  }
  if (ref.kind == K::kTable) {
    const ir::Table& t = app.tables[ref.index];
    entry["KeySchema"] = TableKeySchema(t.key, t.sort);
    entry["AttributeDefinitions"] = TableAttributeDefinitions(t);
    if (!t.indexes.empty()) entry["GlobalSecondaryIndexes"] = TableIndexes(t, nullptr);
  }
  if (IsFifo(app, ref)) entry["Fifo"] = true;
  return entry;
}

}  // namespace

void EmitExistingParameters(Stack& stack) {
  const ir::App& app = stack.app();
  Json described = Json::object();
  ForEachExisting(app, [&](ir::EntityRef ref, const ir::Existing& existing) {
    if (!existing.parameter.empty()) AddParameterFor(stack, ref, existing);
    described[app.NameOf(ref)] = Describe(app, ref, existing);
  });
  if (!described.empty()) stack.AddMetadata("Caios::Existing", std::move(described));
}

}  // namespace caios::aws
