// The operations each resource kind offers (`Orders.get(key)`, `Shipping.send(msg)`, ...) with
// their parameter and result types, and the trigger events each kind produces.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/model.h"

namespace caios::check {

// Parameter and result types, relative to the resource's item type (json when not declared).
enum class OpType {
  kItem,         // the item type
  kKey,          // a table's key: a record of its `key` fields (json if not declared)
  kPartialItem,  // the item type with every field optional (update changes, query conditions)
  kString,
  kInt,
  kAny,         // any value (json)
  kItemOrNull,  // results only: Item?
  kItemList,    // results only: [Item]
  kObjectList,  // results only: [{ key: string, size: int, etag: string }]
  kMessageId,   // results only: { messageId: string }
  kStreamPut,   // results only: { shardId: string, sequenceNumber: string }
  kObjectInfo,  // item source element: { key: string, size: int, etag: string }
  kJson,        // results: the raw service response
  // Table clauses (docs/language.md, section 14), checked by CheckTableClauses:
  kCondition,   // `if:` a condition on the stored item, which it names `current`
  kCounters,    // `add:` the item type with every field optional; number fields only
  kFieldNames,  // `remove:` an array of attribute names as string literals
  kReturns,     // `returns:` "old" or "new"
  kProjection,  // `fields:` of get/query/scan: attribute names as string literals
  // Item source clauses (docs/language.md, `for`), checked by CheckItemSourceClauses:
  kCsvHeaders,     // `headers:` the column names of a CSV without a header row: string literals
  kCsvDelimiter,   // `delimiter:` one of "," "|" ";" " " "\t"
  kRawObjects,     // `raw:` the literal true or false: objects as S3 lists them
  kRawObjectInfo,  // item source element with `raw: true`: { Key, Size, ETag, LastModified,
                   // StorageClass }
  kBucketScope,    // `within:` of `s3.*` item sources: a list of declared buckets, or "*"
};

// The name a table operation's `if:` gives the stored item (`if: current.count < limit`).
inline constexpr std::string_view kCurrentItemName = "current";

struct OpParam {
  std::string_view name;
  OpType type;
  bool optional = false;
};

// Which entry of the table an operation is. Lowering maps it onto the IR's operations (or
// item sources) with switches that have no `default`, so a new entry cannot be forgotten
// there (the check phase cannot name IR types: docs/architecture.md, "Layering").
enum class OpId {
  kTableGet,
  kTablePut,
  kTableUpdate,
  kTableDelete,
  kTableQuery,
  kTableScan,
  kBucketGet,
  kBucketPut,
  kBucketDelete,
  kBucketList,
  kBucketObjects,
  kBucketCsv,
  kBucketJsonl,
  kBucketJson,
  kBucketManifest,
  kQueueSend,
  kQueueMessages,
  kTopicPublish,
  kTopicMessages,
  kStreamPut,
  kEventsPut,
};

struct ResourceOp {
  ast::ResourceKind kind;
  std::string_view name;
  OpId id;
  std::vector<OpParam> params;
  OpType result;
  bool item_source = false;  // only valid as the iterable of a distributed `for`
  // `s3.objects(bucket: b, ...)`: an item source on a bucket named at run time; its first
  // parameter is `bucket`, its last `within` (the buckets the flow's role may read).
  bool run_time_bucket = false;
  // `Q.messages()`, `T.messages()`: a test reads what a queue holds or a topic was sent; the
  // local cloud answers them, so they exist only in tests (docs/testing.md, E0247).
  bool test_only = false;
};

// The operation `name` of resources of `kind`, or nullptr.
const ResourceOp* FindResourceOp(ast::ResourceKind kind, std::string_view name);
// The item source `s3.name(bucket: b, ...)` over a bucket named at run time, or nullptr: the
// bucket item source `name` with a `bucket` and a `within` parameter.
const ResourceOp* FindRunTimeItemSource(std::string_view name);
std::vector<std::string> RunTimeItemSourceNames();
// The names of the operations of `kind` (item sources included).
std::vector<std::string> ResourceOpNames(ast::ResourceKind kind);

// The events `on R.EVENT` accepts for `kind`; empty for `events` buses (any name is a pattern).
std::vector<std::string> TriggerEvents(ast::ResourceKind kind);

// The type parameter or result type `type` of an operation on `resource` stands for (new types
// are interned in `model.types`). The checker types calls with it; `caios lsp` shows it.
TypeId OpTypeOf(OpType type, const Symbol& resource, const Model& model);

// `table`, `bucket`, ... (independent of the AST's own Spelling, used in messages).
const char* KindName(ast::ResourceKind kind);

}  // namespace caios::check
