#include "compiler/check/resource_ops.h"

namespace caios::check {

namespace {
using K = ast::ResourceKind;
using T = OpType;
using O = OpId;

// The operations by kind. Table keys and items follow `table Orders: Order { key id: string }`.
//   table:  get(key, fields?) -> Item?, put(item, if?, returns?),
//           update(key, changes?: partial Item, add?, remove?, if?, returns?),
//           delete(key, if?, returns?),
//           query(conditions: partial Item, where?, fields?) -> [Item],
//           scan(where?, fields?) -> [Item] (with `fields:`, Item has only those fields)
//   bucket: get(key: string) -> string, put(key: string, body), delete(key: string),
//           list(prefix?: string) -> [{ key, size, etag }];
//           item sources of a distributed `for`: objects(prefix?, raw?, max_items?),
//           csv(key, headers?, delimiter?, max_items?), jsonl(key, max_items?),
//           json(key, max_items?), manifest(key, max_items?)
//   queue:  send(message: Item, group?: string, dedup?: string, delay?: int) -> { messageId }
//   topic:  publish(message: Item, subject?: string) -> { messageId }
//   stream: put(record: Item, partition: string) -> { shardId, sequenceNumber }
//   events: put(detail: Item, type: string, source: string)
//   connection: none (it is the `connection:` of http calls)
const std::vector<ResourceOp>& Ops() {
  static const std::vector<ResourceOp> ops = {
      {K::kTable,
       "get",
       O::kTableGet,
       {{"key", T::kKey}, {"fields", T::kProjection, true}},
       T::kItemOrNull},
      {K::kTable,
       "put",
       O::kTablePut,
       {{"item", T::kItem}, {"if", T::kCondition, true}, {"returns", T::kReturns, true}},
       T::kJson},
      {K::kTable,
       "update",
       O::kTableUpdate,
       {{"key", T::kKey},
        {"changes", T::kPartialItem, true},
        {"add", T::kCounters, true},
        {"remove", T::kFieldNames, true},
        {"if", T::kCondition, true},
        {"returns", T::kReturns, true}},
       T::kJson},
      {K::kTable,
       "delete",
       O::kTableDelete,
       {{"key", T::kKey}, {"if", T::kCondition, true}, {"returns", T::kReturns, true}},
       T::kJson},
      {K::kTable,
       "query",
       O::kTableQuery,
       {{"conditions", T::kPartialItem},
        {"where", T::kCondition, true},
        {"fields", T::kProjection, true}},
       T::kItemList},
      {K::kTable,
       "scan",
       O::kTableScan,
       {{"where", T::kCondition, true}, {"fields", T::kProjection, true}},
       T::kItemList},
      {K::kBucket, "get", O::kBucketGet, {{"key", T::kString}}, T::kString},
      {K::kBucket, "put", O::kBucketPut, {{"key", T::kString}, {"body", T::kAny}}, T::kJson},
      {K::kBucket, "delete", O::kBucketDelete, {{"key", T::kString}}, T::kJson},
      {K::kBucket, "list", O::kBucketList, {{"prefix", T::kString, true}}, T::kObjectList},
      {K::kBucket,
       "objects",
       O::kBucketObjects,
       {{"prefix", T::kString, true}, {"raw", T::kRawObjects, true}, {"max_items", T::kInt, true}},
       T::kObjectInfo,
       true},
      {K::kBucket,
       "csv",
       O::kBucketCsv,
       {{"key", T::kString},
        {"headers", T::kCsvHeaders, true},
        {"delimiter", T::kCsvDelimiter, true},
        {"max_items", T::kInt, true}},
       T::kJson,
       true},
      {K::kBucket,
       "jsonl",
       O::kBucketJsonl,
       {{"key", T::kString}, {"max_items", T::kInt, true}},
       T::kJson,
       true},
      {K::kBucket,
       "json",
       O::kBucketJson,
       {{"key", T::kString}, {"max_items", T::kInt, true}},
       T::kJson,
       true},
      {K::kBucket,
       "manifest",
       O::kBucketManifest,
       {{"key", T::kString}, {"max_items", T::kInt, true}},
       T::kJson,
       true},
      {K::kQueue,
       "send",
       O::kQueueSend,
       {{"message", T::kItem},
        {"group", T::kString, true},
        {"dedup", T::kString, true},
        {"delay", T::kInt, true}},
       T::kMessageId},
      {K::kQueue, "messages", O::kQueueMessages, {}, T::kItemList, false, false, true},
      {K::kTopic,
       "publish",
       O::kTopicPublish,
       {{"message", T::kItem},
        {"subject", T::kString, true},
        {"group", T::kString, true},
        {"dedup", T::kString, true}},
       T::kMessageId},
      {K::kTopic, "messages", O::kTopicMessages, {}, T::kItemList, false, false, true},
      {K::kStream,
       "put",
       O::kStreamPut,
       {{"record", T::kItem}, {"partition", T::kString}},
       T::kStreamPut},
      {K::kEvents,
       "put",
       O::kEventsPut,
       {{"detail", T::kItem}, {"type", T::kString}, {"source", T::kString}},
       T::kJson},
  };
  return ops;
}
}  // namespace

const ResourceOp* FindResourceOp(ast::ResourceKind kind, std::string_view name) {
  for (const ResourceOp& op : Ops()) {
    if (op.kind == kind && op.name == name) return &op;
  }
  return nullptr;
}

const ResourceOp* FindRunTimeItemSource(std::string_view name) {
  static const std::vector<ResourceOp> ops = [] {
    std::vector<ResourceOp> out;
    for (const ResourceOp& op : Ops()) {
      if (op.kind != K::kBucket || !op.item_source) continue;
      ResourceOp copy = op;
      copy.run_time_bucket = true;
      copy.params.insert(copy.params.begin(), OpParam{"bucket", T::kString});
      // Optional for the argument matcher: a missing `within:` is E0279, with its reasons.
      copy.params.push_back(OpParam{"within", T::kBucketScope, true});
      out.push_back(std::move(copy));
    }
    return out;
  }();
  for (const ResourceOp& op : ops) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

std::vector<std::string> RunTimeItemSourceNames() {
  std::vector<std::string> names;
  for (const ResourceOp& op : Ops()) {
    if (op.kind == K::kBucket && op.item_source) names.emplace_back(op.name);
  }
  return names;
}

std::vector<std::string> ResourceOpNames(ast::ResourceKind kind) {
  std::vector<std::string> names;
  for (const ResourceOp& op : Ops()) {
    if (op.kind == kind) names.emplace_back(op.name);
  }
  return names;
}

std::vector<std::string> TriggerEvents(ast::ResourceKind kind) {
  switch (kind) {
    case K::kQueue:
    case K::kTopic:
      return {"message"};
    case K::kStream:
      return {"record"};
    case K::kTable:
      return {"change"};
    case K::kBucket:
      return {"created", "deleted"};
    case K::kEvents:
    case K::kConnection:
    case K::kSecret:
    case K::kParameter:
      return {};
  }
  return {};
}

const char* KindName(ast::ResourceKind kind) {
  switch (kind) {
    case K::kTable:
      return "table";
    case K::kBucket:
      return "bucket";
    case K::kQueue:
      return "queue";
    case K::kTopic:
      return "topic";
    case K::kStream:
      return "stream";
    case K::kEvents:
      return "events";
    case K::kConnection:
      return "connection";
    case K::kSecret:
      return "secret";
    case K::kParameter:
      return "parameter";
  }
  return "resource";
}

}  // namespace caios::check
