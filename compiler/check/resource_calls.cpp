// Resource operations (`Orders.get(key)`, `Shipping.send(msg, group: g)`, bucket item sources):
// the operation must exist for the resource kind; arguments are typed by the item type.
#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

TypeId Checker::OpTypeFor(OpType type, const Symbol& resource) {
  const auto* decl = static_cast<const ast::ResourceDecl*>(resource.decl);
  TypeId item = resource.type != nullptr ? resource.type : types_.Json();
  switch (type) {
    case OpType::kItem:
      return item;
    case OpType::kKey:
      return model_.TableKey(decl);
    case OpType::kPartialItem:
    case OpType::kCounters: {
      if (!item->is(TypeKind::kRecord)) return types_.Json();
      std::vector<Field> fields = item->fields;
      for (Field& f : fields) f.optional = true;
      return types_.Record(std::move(fields));
    }
    case OpType::kString:
      return types_.String();
    case OpType::kInt:
      return types_.Int();
    case OpType::kAny:
    case OpType::kJson:
    case OpType::kCondition:
    case OpType::kFieldNames:
    case OpType::kReturns:
    case OpType::kCsvHeaders:
      return types_.Json();
    case OpType::kCsvDelimiter:
      return types_.String();
    case OpType::kRawObjects:
      return types_.Bool();
    case OpType::kRawObjectInfo:
      return types_.Record(
          {Field{"Key", types_.String(), false}, Field{"Size", types_.Int(), false},
           Field{"ETag", types_.String(), false}, Field{"LastModified", types_.String(), false},
           Field{"StorageClass", types_.String(), false}});
    case OpType::kItemOrNull:
      return types_.Optional(item);
    case OpType::kItemList:
      return types_.Array(item);
    case OpType::kObjectList:
      return types_.Array(OpTypeFor(OpType::kObjectInfo, resource));
    case OpType::kObjectInfo:
      return types_.Record({Field{"key", types_.String(), false},
                            Field{"size", types_.Int(), false},
                            Field{"etag", types_.String(), false}});
    case OpType::kMessageId:
      return types_.Record({Field{"messageId", types_.String(), false}});
    case OpType::kStreamPut:
      return types_.Record({Field{"shardId", types_.String(), false},
                            Field{"sequenceNumber", types_.String(), false}});
  }
  return types_.Json();
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
                        p.type == OpType::kReturns || p.type == OpType::kCsvHeaders ||
                        p.type == OpType::kCsvDelimiter || p.type == OpType::kRawObjects;
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
    return types_.Array(CheckItemSourceClauses(*op, ctx, info, OpTypeFor(op->result, resource)));
  }
  if (kind == ast::ResourceKind::kTable) {
    return CheckTableClauses(resource, *op, ctx, info, OpTypeFor(op->result, resource));
  }
  return OpTypeFor(op->result, resource);
}

}  // namespace caios::check
