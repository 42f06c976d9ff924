#include "compiler/lower/resource_ops.h"

#include "compiler/base/invariant.h"

namespace caios::lower {

// Both switches list every operation and have no `default`, so an entry added to the checker's
// table fails to compile (-Wswitch) until it is mapped here.

ir::ResourceOp LowerResourceOp(check::OpId id) {
  using O = check::OpId;
  using R = ir::ResourceOp;
  switch (id) {
    case O::kTableGet:
      return R::kTableGet;
    case O::kTablePut:
      return R::kTablePut;
    case O::kTableUpdate:
      return R::kTableUpdate;
    case O::kTableDelete:
      return R::kTableDelete;
    case O::kTableQuery:
      return R::kTableQuery;
    case O::kTableScan:
      return R::kTableScan;
    case O::kBucketGet:
      return R::kBucketGet;
    case O::kBucketPut:
      return R::kBucketPut;
    case O::kBucketDelete:
      return R::kBucketDelete;
    case O::kBucketList:
      return R::kBucketList;
    case O::kQueueSend:
      return R::kQueueSend;
    case O::kTopicPublish:
      return R::kTopicPublish;
    case O::kQueueMessages:
      return R::kQueueMessages;
    case O::kTopicMessages:
      return R::kTopicMessages;
    case O::kStreamPut:
      return R::kStreamPut;
    case O::kEventsPut:
      return R::kEventsPut;
    case O::kBucketObjects:
    case O::kBucketCsv:
    case O::kBucketJsonl:
    case O::kBucketJson:
    case O::kBucketManifest:
      break;
  }
  CAIOS_CHECK_INVARIANT(false && "an item source lowered as a task");
  return R::kTableGet;
}

ir::ItemSource::Kind LowerItemSource(check::OpId id) {
  using O = check::OpId;
  using S = ir::ItemSource::Kind;
  switch (id) {
    case O::kBucketObjects:
      return S::kObjects;
    case O::kBucketCsv:
      return S::kCsv;
    case O::kBucketJsonl:
      return S::kJsonl;
    case O::kBucketJson:
      return S::kJson;
    case O::kBucketManifest:
      return S::kManifest;
    case O::kTableGet:
    case O::kTablePut:
    case O::kTableUpdate:
    case O::kTableDelete:
    case O::kTableQuery:
    case O::kTableScan:
    case O::kBucketGet:
    case O::kBucketPut:
    case O::kBucketDelete:
    case O::kBucketList:
    case O::kQueueSend:
    case O::kQueueMessages:
    case O::kTopicPublish:
    case O::kTopicMessages:
    case O::kStreamPut:
    case O::kEventsPut:
      break;
  }
  CAIOS_CHECK_INVARIANT(false && "a task operation lowered as an item source");
  return S::kObjects;
}

}  // namespace caios::lower
