// Unit tests of the typed resource operations (docs/architecture.md, steps 5-8): every
// operation of the checker's table lowers to one IR operation (or item source) of the same
// spelling, and the AWS target grants it IAM actions. A new table entry without a case in
// lowering or the target fails to compile (-Wswitch, no `default:`); these tests catch a case
// that maps to the wrong operation.
#include <catch2/catch.hpp>

#include "backends/aws/iam/actions.h"
#include "compiler/check/resource_ops.h"
#include "compiler/lower/resource_ops.h"

using namespace caios;

namespace {
const ast::ResourceKind kKinds[] = {ast::ResourceKind::kTable,     ast::ResourceKind::kBucket,
                                    ast::ResourceKind::kQueue,     ast::ResourceKind::kTopic,
                                    ast::ResourceKind::kStream,    ast::ResourceKind::kEvents,
                                    ast::ResourceKind::kConnection};
}  // namespace

TEST_CASE("typed ops: every operation of the checker's table lowers to its own", "[typed_ops]") {
  size_t tasks = 0, sources = 0;
  for (ast::ResourceKind kind : kKinds) {
    for (const std::string& name : check::ResourceOpNames(kind)) {
      INFO(check::KindName(kind) << "." << name);
      const check::ResourceOp* op = check::FindResourceOp(kind, name);
      REQUIRE(op != nullptr);
      if (op->item_source) {
        ++sources;
        CHECK(ir::ItemSource::Spelling(lower::LowerItemSource(op->id)) == name);
        continue;
      }
      ++tasks;
      const ir::ResourceOp lowered = lower::LowerResourceOp(op->id);
      CHECK(ir::Spelling(lowered) == name);
      // Before operations were typed, an operation the target did not know got no IAM action
      // (and a Task without `Resource`).
      std::vector<aws::ActionSet> actions = aws::ResourceOpActions(lowered);
      if (op->test_only) {
        // A test's read (`Q.messages()`), answered by the local cloud and never deployed.
        CHECK(actions.empty());
        continue;
      }
      REQUIRE(!actions.empty());
      CHECK(!actions[0].actions.empty());
    }
  }
  CHECK(tasks == 16);
  CHECK(sources == 5);
}

TEST_CASE("typed ops: operations of different kinds stay distinct", "[typed_ops]") {
  using O = ir::ResourceOp;
  const auto lowered = [](ast::ResourceKind kind, std::string_view name) {
    const check::ResourceOp* op = check::FindResourceOp(kind, name);
    REQUIRE(op != nullptr);
    return lower::LowerResourceOp(op->id);
  };
  CHECK(lowered(ast::ResourceKind::kTable, "put") == O::kTablePut);
  CHECK(lowered(ast::ResourceKind::kBucket, "put") == O::kBucketPut);
  CHECK(lowered(ast::ResourceKind::kStream, "put") == O::kStreamPut);
  CHECK(lowered(ast::ResourceKind::kEvents, "put") == O::kEventsPut);
  CHECK(aws::ResourceOpActions(O::kStreamPut)[0].actions ==
        std::vector<std::string>{"kinesis:PutRecord"});
  CHECK(aws::ResourceOpActions(O::kEventsPut)[0].actions ==
        std::vector<std::string>{"events:PutEvents"});
  CHECK(check::FindResourceOp(ast::ResourceKind::kQueue, "publish") == nullptr);
}
