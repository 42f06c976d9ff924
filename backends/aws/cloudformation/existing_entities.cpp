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
  const std::string description =
      std::string("name of the existing ") + ir::KindName(ref.kind) + " " + app.NameOf(ref);
  if (stack.HasParameter(existing.parameter)) {
    // Shared: the one value names each of them. The patterns of different kinds are not
    // combined; the stack's creation judges the value.
    Json& parameter = stack.Parameter(existing.parameter);
    parameter["Description"] = parameter["Description"].get<std::string>() + "; " + description;
    if (parameter.contains("AllowedPattern") &&
        parameter["AllowedPattern"] != ExistingNamePattern(ref.kind)) {
      parameter.erase("AllowedPattern");
    }
    return;
  }
  stack.AddProgramParameter(existing.parameter,
                            Json{{"Type", "String"},
                                 {"Description", description},
                                 {"AllowedPattern", ExistingNamePattern(ref.kind)}},
                            existing.span);
}

const char* AttributeType(ir::KeyAttribute::Type type) {
  switch (type) {
    case ir::KeyAttribute::Type::kString:
      return "S";
    case ir::KeyAttribute::Type::kNumber:
      return "N";
    case ir::KeyAttribute::Type::kBinary:
      return "B";
  }
  return "S";
}

Json Describe(const ir::App& app, ir::EntityRef ref, const ir::Existing& existing) {
  // Plain text only: CloudFormation does not resolve intrinsics in a template's Metadata.
  Json entry{{"Kind", ir::KindName(ref.kind)}};
  if (!existing.parameter.empty()) {
    entry["Parameter"] = existing.parameter;
  } else {
    ExistingLiteral literal = ReadExistingLiteral(ref.kind, existing.literal);
    entry["Name"] = literal.name;
    if (literal.is_arn) entry["Arn"] = existing.literal;
  }
  if (ref.kind == K::kTable) {
    const ir::Table& t = app.tables[ref.index];
    Json keys = Json::array({Json{{"AttributeName", t.key.name}, {"KeyType", "HASH"}}});
    Json attributes = Json::array(
        {Json{{"AttributeName", t.key.name}, {"AttributeType", AttributeType(t.key.type)}}});
    if (t.sort) {
      keys.push_back(Json{{"AttributeName", t.sort->name}, {"KeyType", "RANGE"}});
      attributes.push_back(
          Json{{"AttributeName", t.sort->name}, {"AttributeType", AttributeType(t.sort->type)}});
    }
    auto define = [&](const ir::KeyAttribute& key) {
      for (const Json& a : attributes) {
        if (a["AttributeName"] == key.name) return;
      }
      attributes.push_back(
          Json{{"AttributeName", key.name}, {"AttributeType", AttributeType(key.type)}});
    };
    Json indexes = Json::array();
    for (const ir::TableIndex& index : t.indexes) {
      Json schema =
          Json::array({Json{{"AttributeName", index.partition.name}, {"KeyType", "HASH"}}});
      define(index.partition);
      if (index.sort) {
        schema.push_back(Json{{"AttributeName", index.sort->name}, {"KeyType", "RANGE"}});
        define(*index.sort);
      }
      indexes.push_back(Json{{"IndexName", index.name},
                             {"KeySchema", std::move(schema)},
                             {"Projection", Json{{"ProjectionType", "ALL"}}}});
    }
    entry["KeySchema"] = std::move(keys);
    entry["AttributeDefinitions"] = std::move(attributes);
    if (!indexes.empty()) entry["GlobalSecondaryIndexes"] = std::move(indexes);
  }
  if (ref.kind == K::kQueue && app.queues[ref.index].fifo) entry["Fifo"] = true;
  if (ref.kind == K::kTopic && app.topics[ref.index].fifo) entry["Fifo"] = true;
  return entry;
}

}  // namespace

void EmitExistingParameters(Stack& stack) {
  const ir::App& app = stack.app();
  Json described = Json::object();
  auto each = [&](K kind, size_t count) {
    for (uint32_t i = 0; i < count; ++i) {
      const ir::EntityRef ref{kind, i};
      const ir::Existing* existing = app.ExistingOf(ref);
      if (!existing) continue;
      if (!existing->parameter.empty()) AddParameterFor(stack, ref, *existing);
      described[app.NameOf(ref)] = Describe(app, ref, *existing);
    }
  };
  each(K::kTable, app.tables.size());
  each(K::kBucket, app.buckets.size());
  each(K::kQueue, app.queues.size());
  each(K::kTopic, app.topics.size());
  each(K::kStream, app.streams.size());
  each(K::kEventBus, app.buses.size());
  each(K::kFunction, app.functions.size());
  each(K::kFlow, app.flows.size());
  if (!described.empty()) stack.AddMetadata("Caios::Existing", std::move(described));
}

}  // namespace caios::aws
