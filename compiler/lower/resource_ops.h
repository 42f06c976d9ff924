// The check phase's resource operations as the IR's: task operations and bucket item sources.
#pragma once

#include "compiler/check/resource_ops.h"
#include "compiler/ir/graph.h"

namespace caios::lower {

// The operation of a task (`Orders.get(key)`); never an item source (the checker allows those
// only as the items of a distributed `for`).
ir::ResourceOp LowerResourceOp(check::OpId id);
// The item source of a distributed `for` (`Receipts.csv(key)`); only item sources.
ir::ItemSource::Kind LowerItemSource(check::OpId id);

}  // namespace caios::lower
