// Resource operations (`Orders.get(key)`, `Shipping.send(msg, group: g)`, bucket item sources):
// the operation must exist for the resource kind; arguments are typed by the item type.
#include "compiler/check/checker.h"
#include "compiler/check/option_schema.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

TypeId OpTypeOf(OpType type, const Symbol& resource, const Model& model) {
  TypeTable& table = model.types;
  const auto* decl = static_cast<const ast::ResourceDecl*>(resource.decl);
  TypeId item = resource.type != nullptr ? resource.type : table.Json();
  switch (type) {
    case OpType::kItem:
      return item;
    case OpType::kKey:
      return model.TableKey(decl);
    case OpType::kPartialItem:
    case OpType::kCounters: {
      if (!item->is(TypeKind::kRecord)) return table.Json();
      std::vector<Field> fields = item->fields;
      for (Field& f : fields) f.optional = true;
      return table.Record(std::move(fields));
    }
    case OpType::kString:
      return table.String();
    case OpType::kInt:
      return table.Int();
    case OpType::kAny:
    case OpType::kJson:
    case OpType::kCondition:
    case OpType::kFieldNames:
    case OpType::kProjection:
    case OpType::kReturns:
    case OpType::kCsvHeaders:
    case OpType::kBucketScope:
      return table.Json();
    case OpType::kCsvDelimiter:
      return table.String();
    case OpType::kRawObjects:
      return table.Bool();
    case OpType::kRawObjectInfo:
      return table.Record({Field{"Key", table.String(), false}, Field{"Size", table.Int(), false},
                           Field{"ETag", table.String(), false},
                           Field{"LastModified", table.String(), false},
                           Field{"StorageClass", table.String(), false}});
    case OpType::kItemOrNull:
      return table.Optional(item);
    case OpType::kItemList:
      return table.Array(item);
    case OpType::kObjectList:
      return table.Array(OpTypeOf(OpType::kObjectInfo, resource, model));
    case OpType::kObjectInfo:
      return table.Record({Field{"key", table.String(), false}, Field{"size", table.Int(), false},
                           Field{"etag", table.String(), false}});
    case OpType::kMessageId:
      return table.Record({Field{"messageId", table.String(), false}});
    case OpType::kStreamPut:
      return table.Record({Field{"shardId", table.String(), false},
                           Field{"sequenceNumber", table.String(), false}});
  }
  return table.Json();
}

TypeId Checker::OpTypeFor(OpType type, const Symbol& resource) {
  return OpTypeOf(type, resource, model_);
}

TypeId Checker::CheckResourceCall(const ast::CallExpr& call, const Symbol& resource,
                                  const ast::Ident& op_name, ExprContext ctx, CallInfo& info) {
  const auto kind = static_cast<const ast::ResourceDecl*>(resource.decl)->resource;
  const ResourceOp* op = FindResourceOp(kind, op_name.text);
  if (op == nullptr) {
    std::vector<std::string> ops = ResourceOpNames(kind);
    auto& d = ops.empty()
                  ? Error(op_name.span, diag::ResourceHasNoOperations, KindName(kind))
                  : Error(op_name.span, diag::UnknownOperation, KindName(kind), op_name.text);
    d.Label(resource.span, "`" + resource.name + "` is declared here");
    std::string hint = DidYouMean(op_name.text, ops);
    if (!hint.empty()) d.Note(hint);
    if (ops.empty()) {
      d.Note("a connection is used as the `connection:` argument of `http.*` calls");
    } else {
      d.Note(std::string("operations of a ") + KindName(kind) + ": " + JoinQuoted(ops));
    }
    CheckArgsUnchecked(call, ctx);
    return types_.Error();
  }
  info.resource_op = op;
  std::vector<ParamInfo> params;
  for (const OpParam& p : op->params) {
    // Conditions, attribute names and `returns:` are checked by CheckTableClauses, the
    // literal clauses of item sources by CheckItemSourceClauses.
    const bool clause = p.type == OpType::kCondition || p.type == OpType::kFieldNames ||
                        p.type == OpType::kProjection || p.type == OpType::kReturns ||
                        p.type == OpType::kCsvHeaders || p.type == OpType::kCsvDelimiter ||
                        p.type == OpType::kRawObjects || p.type == OpType::kBucketScope;
    params.push_back(ParamInfo{
        std::string(p.name), clause ? nullptr : OpTypeFor(p.type, resource), p.optional, {}});
  }
  const bool allowed_source = ctx.item_source;
  ctx.item_source = false;
  MatchArguments(call, params, resource.name + "." + op_name.text, ctx, info);
  if (op->item_source) {
    info.is_item_source = true;
    if (!allowed_source) {
      Error(call.span, diag::ItemSourceOnlyIteratedDistributed, resource.name, op_name.text)
          .Note("write `for x in " + resource.name + "." + op_name.text +
                "(...) distributed { ... }`");
      return types_.Error();
    }
    return types_.Array(
        CheckItemSourceClauses(*op, ctx, info, resource, OpTypeFor(op->result, resource)));
  }
  if (kind == ast::ResourceKind::kTable) {
    return CheckTableClauses(resource, *op, ctx, info, OpTypeFor(op->result, resource));
  }
  if (op->id == OpId::kQueueSend || op->id == OpId::kTopicPublish) {
    CheckMessageArguments(call, resource, *op, info);
  }
  if (op->test_only && (flow_ == nullptr || flow_->test == nullptr)) {
    Error(call.span, diag::TestOnlyOperation, resource.name)
        .Note(std::string("a test (in a `.test.caios` file) reads what the flows sent; to "
                          "receive the ") +
              KindName(kind) + "'s messages, give it a trigger: `on " + resource.name +
              ".message -> f`");
  }
  return OpTypeFor(op->result, resource);
}

// A message's `group:`, `dedup:` and `delay:` as its queue's or topic's type takes them
// (E0246): SQS and SNS refuse the message at run time otherwise.
void Checker::CheckMessageArguments(const ast::CallExpr& call, const Symbol& resource,
                                    const ResourceOp& op, const CallInfo& info) {
  const auto& decl = *static_cast<const ast::ResourceDecl*>(resource.decl);
  auto option = [&](std::string_view name) { return options::FindOptionLine(decl.options, name); };
  auto arg = [&](std::string_view name) -> const ast::Expr* {
    for (size_t i = 0; i < op.params.size() && i < info.args.size(); ++i) {
      if (op.params[i].name == name) return info.args[i];
    }
    return nullptr;
  };
  const bool queue = op.id == OpId::kQueueSend;
  const std::string called = resource.name + "." + std::string(op.name);
  const char* what = queue ? "queue" : "topic";
  const ast::Option* fifo = option("fifo");
  if (fifo == nullptr) {
    if (const ast::Expr* dedup = arg("dedup"); queue && dedup != nullptr) {
      Error(dedup->span, diag::StandardQueueNoDedup, called)
          .Label(resource.span, "a standard queue")
          .Note("SQS deduplicates the messages of FIFO queues only (declare `fifo`)");
    }
    return;
  }
  if (arg("group") == nullptr) {
    Error(call.span, diag::FifoMessageNeedsGroup, called, what)
        .Label(fifo->span, "FIFO here")
        .Note("the messages of one group are delivered in order: e.g. `group: order.customer`");
  }
  if (arg("dedup") == nullptr && option("content_dedup") == nullptr) {
    Error(call.span, diag::FifoMessageNeedsDedup, called, what)
        .Label(fifo->span, "FIFO here")
        .Note(std::string("give each message an ID (`dedup: order.id`), or declare the ") + what +
              "'s `content_dedup` to deduplicate by the message's content");
  }
  if (const ast::Expr* delay = arg("delay"); queue && delay != nullptr) {
    Error(delay->span, diag::FifoQueueNoDelay, called)
        .Label(fifo->span, "FIFO here")
        .Note("a FIFO queue delays all its messages alike: declare the queue's `delay`");
  }
}

TypeId Checker::CheckRunTimeItemSource(const ast::CallExpr& call, const ast::Ident& op_name,
                                       ExprContext ctx, CallInfo& info) {
  const ResourceOp* op = FindRunTimeItemSource(op_name.text);
  if (op == nullptr) {
    std::vector<std::string> ops = RunTimeItemSourceNames();
    auto& d = Error(op_name.span, diag::UnknownOperation, "bucket named at run time (`s3`)",
                    op_name.text);
    std::string hint = DidYouMean(op_name.text, ops);
    if (!hint.empty()) d.Note(hint);
    d.Note("the item sources over a bucket named at run time: " + JoinQuoted(ops));
    // `within:` names buckets, which are not values.
    ctx.item_source = false;
    for (const ast::Arg& arg : call.args) {
      if (!arg.name || arg.name->text != "within") CheckExpr(*arg.value, ctx);
    }
    return types_.Error();
  }
  info.resource_op = op;
  info.is_item_source = true;
  // The items' types do not depend on the bucket: any declared bucket's would do; this one
  // stands for the bucket named at run time.
  Symbol any_bucket;
  any_bucket.kind = Symbol::Kind::kResource;
  any_bucket.name = "s3";
  any_bucket.type = types_.Json();
  std::vector<ParamInfo> params;
  for (const OpParam& p : op->params) {
    const bool clause = p.type == OpType::kCsvHeaders || p.type == OpType::kCsvDelimiter ||
                        p.type == OpType::kRawObjects || p.type == OpType::kBucketScope;
    params.push_back(ParamInfo{
        std::string(p.name), clause ? nullptr : OpTypeFor(p.type, any_bucket), p.optional, {}});
  }
  const bool allowed_source = ctx.item_source;
  ctx.item_source = false;
  MatchArguments(call, params, "s3." + op_name.text, ctx, info);
  if (!allowed_source) {
    Error(call.span, diag::ItemSourceOnlyIteratedDistributed, "s3", op_name.text)
        .Note("write `for x in s3." + op_name.text + "(...) distributed { ... }`");
    return types_.Error();
  }
  if (info.args.size() == op->params.size() && info.args.back() == nullptr) {
    Error(call.span, diag::RunTimeBucketNoWithin, op_name.text)
        .Note(
            "`within: [Drops]` lets the flow read the declared bucket `Drops` only; "
            "`within: \"*\"` any bucket");
  }
  return types_.Array(
      CheckItemSourceClauses(*op, ctx, info, any_bucket, OpTypeFor(op->result, any_bucket)));
}

}  // namespace caios::check
