// The clauses of table operations as the IR's (docs/language.md, section 14): the `if:`
// condition on the stored item (`current`), `remove:` and `returns:`. The checker accepted only
// the forms lowered here (E0250-E0254), so anything else is an invariant failure.
#include "compiler/base/invariant.h"
#include "compiler/check/resource_ops.h"
#include "compiler/lower/flow_lowerer.h"
#include "compiler/lower/values.h"

namespace caios::lower {
namespace {

bool IsCurrent(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kName &&
         static_cast<const ast::NameExpr&>(e).name.text == check::kCurrentItemName;
}

const ast::FieldExpr* CurrentField(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kField) return nullptr;
  const auto& f = static_cast<const ast::FieldExpr&>(e);
  return IsCurrent(*f.object) ? &f : nullptr;
}

const char* CompareOp(ast::BinaryOp op) {
  using Op = ast::BinaryOp;
  switch (op) {
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "<>";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    default:
      break;
  }
  CAIOS_CHECK_INVARIANT(false && "not a comparison of a DynamoDB condition");
  return "=";
}

}  // namespace

ir::ItemCondition::Side FlowLowerer::LowerConditionSide(const ast::Expr& e, ir::Action& action) {
  ir::ItemCondition::Side side;
  if (const ast::FieldExpr* f = CurrentField(e)) {
    side.attribute = f->field.text;
    return side;
  }
  side.arg = "if." + std::to_string(action.args.size());
  action.args.emplace_back(side.arg, LowerValue(ctx_, e));
  return side;
}

ir::ItemCondition FlowLowerer::LowerItemCondition(const ast::Expr& e, ir::Action& action,
                                                  int depth) {
  using K = ir::ItemCondition::Kind;
  using Op = ast::BinaryOp;
  CAIOS_CHECK_INVARIANT(depth <= static_cast<int>(ast::kMaxExprDepth));
  ir::ItemCondition c;
  if (e.kind == ast::ExprKind::kUnary) {
    const auto& u = static_cast<const ast::UnaryExpr&>(e);
    CAIOS_CHECK_INVARIANT(u.op == ast::UnaryOp::kNot);
    c.kind = K::kNot;
    c.operands.push_back(LowerItemCondition(*u.operand, action, depth + 1));
    return c;
  }
  CAIOS_CHECK_INVARIANT(e.kind == ast::ExprKind::kBinary);
  const auto& b = static_cast<const ast::BinaryExpr&>(e);
  if (b.op == Op::kAnd || b.op == Op::kOr) {
    c.kind = b.op == Op::kAnd ? K::kAnd : K::kOr;
    c.operands.push_back(LowerItemCondition(*b.lhs, action, depth + 1));
    c.operands.push_back(LowerItemCondition(*b.rhs, action, depth + 1));
    return c;
  }
  if ((b.op == Op::kEq || b.op == Op::kNe) && b.rhs->kind == ast::ExprKind::kNull &&
      (IsCurrent(*b.lhs) || CurrentField(*b.lhs) != nullptr)) {
    // `current == null` tests the key attribute (empty: the backend names the table's key).
    c.kind = b.op == Op::kEq ? K::kNotExists : K::kExists;
    if (const ast::FieldExpr* f = CurrentField(*b.lhs)) c.left.attribute = f->field.text;
    return c;
  }
  c.kind = K::kCompare;
  c.op = CompareOp(b.op);
  c.left = LowerConditionSide(*b.lhs, action);
  c.right = LowerConditionSide(*b.rhs, action);
  return c;
}

void FlowLowerer::LowerTableClauses(const check::CallInfo& info, ir::Action& action) {
  const check::ResourceOp& op = *info.resource_op;
  for (size_t i = 0; i < op.params.size() && i < info.args.size(); ++i) {
    const ast::Expr* arg = info.args[i];
    if (arg == nullptr) continue;
    switch (op.params[i].type) {
      case check::OpType::kCondition:
        action.condition = LowerItemCondition(*arg, action, 0);
        break;
      case check::OpType::kFieldNames:
        for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(*arg).elements) {
          action.remove.push_back(static_cast<const ast::StringExpr&>(*x).texts.front());
        }
        break;
      case check::OpType::kProjection:
        for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(*arg).elements) {
          action.projection.push_back(static_cast<const ast::StringExpr&>(*x).texts.front());
        }
        break;
      case check::OpType::kReturns:
        action.returns = static_cast<const ast::StringExpr&>(*arg).texts.front() == "new"
                             ? ir::ReturnValues::kAllNew
                             : ir::ReturnValues::kAllOld;
        break;
      default:
        break;
    }
  }
}

}  // namespace caios::lower
