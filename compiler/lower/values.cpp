#include "compiler/lower/values.h"

#include "compiler/base/invariant.h"

namespace caios::lower {
namespace {

ir::BinaryOp BinaryOf(ast::BinaryOp op) {
  using A = ast::BinaryOp;
  using B = ir::BinaryOp;
  switch (op) {
    case A::kAdd:
      return B::kAdd;
    case A::kSub:
      return B::kSub;
    case A::kMul:
      return B::kMul;
    case A::kDiv:
      return B::kDiv;
    case A::kMod:
      return B::kMod;
    case A::kEq:
      return B::kEq;
    case A::kNe:
      return B::kNe;
    case A::kLt:
      return B::kLt;
    case A::kLe:
      return B::kLe;
    case A::kGt:
      return B::kGt;
    case A::kGe:
      return B::kGe;
    case A::kIn:
      return B::kIn;
    case A::kAnd:
      return B::kAnd;
    case A::kOr:
      return B::kOr;
    case A::kCoalesce:
      return B::kCoalesce;
  }
  return B::kAdd;
}

}  // namespace

ir::ContextField ContextOf(check::ContextField field) {
  using C = check::ContextField;
  using I = ir::ContextField;
  switch (field) {
    case C::kExecutionId:
      return I::kExecutionId;
    case C::kExecutionName:
      return I::kExecutionName;
    case C::kExecutionStartTime:
      return I::kExecutionStartTime;
    case C::kExecutionInput:
      return I::kExecutionInput;
    case C::kFlowArn:
      return I::kFlowArn;
    case C::kFlowName:
      return I::kFlowName;
    case C::kStateName:
      return I::kStateName;
    case C::kStateEnteredTime:
      return I::kStateEnteredTime;
    case C::kStateRetryCount:
      return I::kStateRetryCount;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown context field");
  return I::kExecutionId;
}

ir::ResourceAttribute AttributeOf(check::ResourceAttribute attribute) {
  using C = check::ResourceAttribute;
  using I = ir::ResourceAttribute;
  switch (attribute) {
    case C::kName:
      return I::kName;
    case C::kArn:
      return I::kArn;
    case C::kUrl:
      return I::kUrl;
    case C::kStreamArn:
      return I::kStreamArn;
  }
  CAIOS_CHECK_INVARIANT(false && "unknown resource attribute");
  return I::kName;
}

ir::ValuePtr LowerValue(const Context& ctx, const ast::Expr& expr) {
  const check::Model& model = ctx.model;
  using K = ast::ExprKind;
  using V = ir::ValueKind;
  types::TypeId type = model.TypeOf(&expr);
  auto make = [&](V kind) {
    ir::ValuePtr v = ir::MakeValue(kind, type, expr.span);
    v->guard_narrowed = model.guard_narrowed.count(&expr) > 0;
    return v;
  };
  switch (expr.kind) {
    case K::kString: {
      const auto& s = static_cast<const ast::StringExpr&>(expr);
      if (s.is_plain()) {
        ir::ValuePtr v = make(V::kString);
        v->text = s.texts.front();
        return v;
      }
      ir::ValuePtr v = make(V::kConcat);
      for (size_t i = 0; i < s.texts.size(); ++i) {
        if (!s.texts[i].empty()) v->children.push_back(ir::MakeString(s.texts[i], type));
        if (i < s.exprs.size()) v->children.push_back(LowerValue(ctx, *s.exprs[i]));
      }
      return v;
    }
    case K::kInt: {
      ir::ValuePtr v = make(V::kInt);
      v->integer = static_cast<const ast::IntExpr&>(expr).value;
      return v;
    }
    case K::kNumber: {
      ir::ValuePtr v = make(V::kNumber);
      v->number = static_cast<const ast::NumberExpr&>(expr).value;
      return v;
    }
    case K::kBool: {
      ir::ValuePtr v = make(V::kBool);
      v->boolean = static_cast<const ast::BoolExpr&>(expr).value;
      return v;
    }
    case K::kNull:
      return make(V::kNull);
    case K::kTaskToken:
      return make(V::kTaskToken);
    case K::kName: {
      const auto& n = static_cast<const ast::NameExpr&>(expr);
      const check::NameRef* ref = model.Name(&n);
      const bool element =
          ref && ref->variable && ref->variable->kind == check::Variable::Kind::kElement;
      ir::ValuePtr v = make(element ? V::kElement : V::kVar);
      v->text = n.name.text;
      return v;
    }
    case K::kObject: {
      const auto& o = static_cast<const ast::ObjectExpr&>(expr);
      ir::ValuePtr v = make(V::kObject);
      for (const ast::ObjectField& f : o.fields) {
        v->keys.push_back(f.key.text);
        v->children.push_back(LowerValue(ctx, *f.value));
      }
      return v;
    }
    case K::kArray: {
      ir::ValuePtr v = make(V::kArray);
      for (const ast::ExprPtr& e : static_cast<const ast::ArrayExpr&>(expr).elements) {
        v->children.push_back(LowerValue(ctx, *e));
      }
      return v;
    }
    case K::kField: {
      const auto& f = static_cast<const ast::FieldExpr&>(expr);
      if (auto it = model.context_fields.find(&f); it != model.context_fields.end()) {
        ir::ValuePtr v = make(V::kContext);
        v->context = ContextOf(it->second);
        return v;
      }
      if (auto it = model.resource_attributes.find(&f); it != model.resource_attributes.end()) {
        ir::ValuePtr v = make(V::kResource);
        v->entity = ctx.EntityOf(it->second.symbol);
        CAIOS_CHECK_INVARIANT(v->entity.valid() && "an attribute of an entity not in the app");
        v->attribute = AttributeOf(it->second.attribute);
        v->text = it->second.symbol->name;
        return v;
      }
      ir::ValuePtr v = make(V::kField);
      v->text = f.field.text;
      v->children.push_back(LowerValue(ctx, *f.object));
      return v;
    }
    case K::kIndex: {
      const auto& i = static_cast<const ast::IndexExpr&>(expr);
      ir::ValuePtr v = make(V::kIndex);
      v->children.push_back(LowerValue(ctx, *i.object));
      v->children.push_back(LowerValue(ctx, *i.index));
      return v;
    }
    case K::kCall: {
      const auto& c = static_cast<const ast::CallExpr&>(expr);
      const check::CallInfo* info = model.Call(&c);
      CAIOS_CHECK_INVARIANT(info && info->kind == check::CallInfo::Kind::kBuiltin);
      ir::ValuePtr v = make(V::kBuiltin);
      v->text = info->operation;
      for (const ast::Expr* arg : info->args) v->children.push_back(LowerValue(ctx, *arg));
      return v;
    }
    case K::kUnary: {
      const auto& u = static_cast<const ast::UnaryExpr&>(expr);
      ir::ValuePtr v = make(V::kUnary);
      v->unary_op = u.op == ast::UnaryOp::kNeg ? ir::UnaryOp::kNeg : ir::UnaryOp::kNot;
      v->children.push_back(LowerValue(ctx, *u.operand));
      return v;
    }
    case K::kBinary: {
      const auto& b = static_cast<const ast::BinaryExpr&>(expr);
      ir::ValuePtr v = make(V::kBinary);
      v->binary_op = BinaryOf(b.op);
      v->children.push_back(LowerValue(ctx, *b.lhs));
      v->children.push_back(LowerValue(ctx, *b.rhs));
      return v;
    }
    case K::kComprehension: {
      const auto& c = static_cast<const ast::ComprehensionExpr&>(expr);
      ir::ValuePtr v = make(V::kComprehension);
      v->text = c.var.text;
      v->children.push_back(LowerValue(ctx, *c.source));
      v->children.push_back(LowerValue(ctx, *c.element));
      if (c.condition) v->children.push_back(LowerValue(ctx, *c.condition));
      return v;
    }
    case K::kPrefix:
    case K::kError:
      break;
  }
  CAIOS_CHECK_INVARIANT(false && "a task or erroneous expression reached value lowering");
  return nullptr;
}

}  // namespace caios::lower
