// The DynamoDB clauses of table operations (docs/language.md, section 14): `if:` conditions on
// the stored item (`current`), `add:` counters, `remove:` attribute names and `returns:`.
#include <algorithm>

#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {

bool IsCurrent(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kName &&
         static_cast<const ast::NameExpr&>(e).name.text == kCurrentItemName;
}

bool IsCurrentField(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kField &&
         IsCurrent(*static_cast<const ast::FieldExpr&>(e).object);
}

// Whether `current` appears anywhere in `e` (a flow value may not read it).
bool MentionsCurrent(const ast::Expr& e, int depth) {
  if (depth > static_cast<int>(ast::kMaxExprDepth)) return false;
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::kName:
      return IsCurrent(e);
    case K::kField:
      return MentionsCurrent(*static_cast<const ast::FieldExpr&>(e).object, depth + 1);
    case K::kIndex: {
      const auto& i = static_cast<const ast::IndexExpr&>(e);
      return MentionsCurrent(*i.object, depth + 1) || MentionsCurrent(*i.index, depth + 1);
    }
    case K::kUnary:
      return MentionsCurrent(*static_cast<const ast::UnaryExpr&>(e).operand, depth + 1);
    case K::kBinary: {
      const auto& b = static_cast<const ast::BinaryExpr&>(e);
      return MentionsCurrent(*b.lhs, depth + 1) || MentionsCurrent(*b.rhs, depth + 1);
    }
    case K::kCall: {
      const auto& c = static_cast<const ast::CallExpr&>(e);
      for (const ast::Arg& a : c.args) {
        if (MentionsCurrent(*a.value, depth + 1)) return true;
      }
      return false;
    }
    case K::kObject:
      for (const ast::ObjectField& f : static_cast<const ast::ObjectExpr&>(e).fields) {
        if (MentionsCurrent(*f.value, depth + 1)) return true;
      }
      return false;
    case K::kArray:
      for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(e).elements) {
        if (MentionsCurrent(*x, depth + 1)) return true;
      }
      return false;
    case K::kString:
      for (const ast::ExprPtr& x : static_cast<const ast::StringExpr&>(e).exprs) {
        if (MentionsCurrent(*x, depth + 1)) return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

TypeId Checker::ItemFieldType(const ast::Ident& field, const Symbol& resource) {
  TypeId item = resource.type != nullptr ? resource.type : types_.Json();
  if (!item->is(TypeKind::kRecord)) return types_.Json();
  if (const Field* f = item->FindField(field.text)) {
    return f->optional ? types_.Optional(f->type) : f->type;
  }
  auto& d = Error(field.span, diag::ItemHasNoField, resource.name, field.text);
  std::vector<std::string> names;
  for (const Field& f : item->fields) names.push_back(f.name);
  std::string hint = DidYouMean(field.text, names);
  if (!hint.empty()) d.Note(hint);
  return types_.Error();
}

// One side of a comparison: an attribute of the stored item or a value of the flow.
TypeId Checker::CheckConditionOperand(const ast::Expr& e, const Symbol& resource, ExprContext ctx) {
  if (IsCurrentField(e)) {
    return ItemFieldType(static_cast<const ast::FieldExpr&>(e).field, resource);
  }
  if (IsCurrent(e)) {
    Error(e.span, diag::NotAnItemCondition, "`current` alone outside `== null`/`!= null`")
        .Note(
            "compare one of its attributes (`current.count < limit`) or test for the item "
            "(`current == null`)");
    return types_.Error();
  }
  if (MentionsCurrent(e, 0)) {
    Error(e.span, diag::NotAnItemCondition, "a computation on `current`")
        .Note(
            "DynamoDB compares attributes with values as they are: compute the value in the "
            "flow and compare the attribute with it");
    return types_.Error();
  }
  return CheckExpr(e, ctx);
}

void Checker::CheckItemCondition(const ast::Expr& e, const Symbol& resource, ExprContext ctx,
                                 int depth) {
  using Op = ast::BinaryOp;
  if (depth > static_cast<int>(ast::kMaxExprDepth)) return;
  RecordType(e, types_.Bool());
  if (e.kind == ast::ExprKind::kUnary) {
    const auto& u = static_cast<const ast::UnaryExpr&>(e);
    if (u.op == ast::UnaryOp::kNot) {
      CheckItemCondition(*u.operand, resource, ctx, depth + 1);
      return;
    }
  }
  if (e.kind == ast::ExprKind::kBinary) {
    const auto& b = static_cast<const ast::BinaryExpr&>(e);
    switch (b.op) {
      case Op::kAnd:
      case Op::kOr:
        CheckItemCondition(*b.lhs, resource, ctx, depth + 1);
        CheckItemCondition(*b.rhs, resource, ctx, depth + 1);
        return;
      case Op::kEq:
      case Op::kNe:
        // `current == null`, `current.f != null`: whether the item or the attribute exists.
        if ((IsCurrent(*b.lhs) || IsCurrentField(*b.lhs)) && b.rhs->kind == ast::ExprKind::kNull) {
          if (IsCurrentField(*b.lhs)) {
            ItemFieldType(static_cast<const ast::FieldExpr&>(*b.lhs).field, resource);
          }
          return;
        }
        [[fallthrough]];
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe: {
        TypeId l = CheckConditionOperand(*b.lhs, resource, ctx);
        TypeId r = CheckConditionOperand(*b.rhs, resource, ctx);
        if (!MentionsCurrent(*b.lhs, 0) && !MentionsCurrent(*b.rhs, 0)) {
          Error(e.span, diag::NotAnItemCondition, "a comparison without an attribute of `current`")
              .Note("a condition compares the stored item: write `current.f` on one side");
          return;
        }
        if (l->is_unknown() || r->is_unknown()) return;
        l = TypeTable::StripOptional(l);
        r = TypeTable::StripOptional(r);
        const bool lj = l->is(TypeKind::kJson), rj = r->is(TypeKind::kJson);
        const bool ordering = b.op != Op::kEq && b.op != Op::kNe;
        const bool ok = ordering ? (lj || rj || (l->is_numeric() && r->is_numeric()) ||
                                    (l->is_stringish() && r->is_stringish()))
                                 : types_.Comparable(l, r);
        if (!ok) {
          Error(b.op_span, diag::CannotApplyOperator, ast::Spelling(b.op), Str(l), Str(r));
        }
        return;
      }
      default:
        break;
    }
  }
  Error(e.span, diag::NotAnItemCondition,
        IsCurrent(e) || MentionsCurrent(e, 0) ? "this use of `current`" : "this expression")
      .Note(
          "a condition is made of comparisons with `current.f`, `current.f == null`, "
          "`current == null`, `and`, `or` and `not`");
}

TypeId Checker::CheckTableClauses(const Symbol& resource, const ResourceOp& op, ExprContext ctx,
                                  const CallInfo& info, TypeId result) {
  const auto* decl = static_cast<const ast::ResourceDecl*>(resource.decl);
  TypeId item = resource.type != nullptr ? resource.type : types_.Json();
  TypeId key = model_.TableKey(decl);
  // The changes of an update or the conditions of a query (compiled at run time when they are
  // not an object literal).
  const ast::Expr* changes = nullptr;
  for (size_t i = 0; i < op.params.size(); ++i) {
    const ast::Expr* arg = info.args[i];
    if (arg == nullptr) continue;
    const OpParam& p = op.params[i];
    switch (p.type) {
      case OpType::kPartialItem:
        if (p.name == "changes" || p.name == "conditions") changes = arg;
        break;
      case OpType::kCondition:
        CheckItemCondition(*arg, resource, ctx, 0);
        break;
      case OpType::kCounters: {
        if (arg->kind != ast::ExprKind::kObject) break;  // typed as Partial: E0301 already
        for (const ast::ObjectField& f : static_cast<const ast::ObjectExpr&>(*arg).fields) {
          if (!item->is(TypeKind::kRecord)) continue;
          const Field* field = item->FindField(f.key.text);
          if (field == nullptr) continue;  // E0303 from the Partial type
          if (!field->type->is_numeric()) {
            Error(f.key.span, diag::AddNotNumber, f.key.text, Str(field->type));
          }
        }
        break;
      }
      case OpType::kFieldNames: {
        const ast::ArrayExpr* list = AttributeNameList(*arg, p.name, ctx);
        if (list == nullptr) break;
        for (const ast::ExprPtr& x : list->elements) {
          RecordType(*x, types_.String());
          const std::string& name = static_cast<const ast::StringExpr&>(*x).texts.front();
          if (key->is(TypeKind::kRecord) && key->FindField(name) != nullptr) {
            Error(x->span, diag::RemoveRequiredField, name).Note("it is part of the table's key");
            continue;
          }
          if (!item->is(TypeKind::kRecord)) continue;
          const Field* field = item->FindField(name);
          if (field == nullptr) {
            auto& d = Error(x->span, diag::ItemHasNoField, resource.name, name);
            std::vector<std::string> names;
            for (const Field& f : item->fields) names.push_back(f.name);
            std::string hint = DidYouMean(name, names);
            if (!hint.empty()) d.Note(hint);
          } else if (!field->optional) {
            Error(x->span, diag::RemoveRequiredField, name)
                .Note("make it optional in the item type (`" + name + "?: " + Str(field->type) +
                      "`)");
          }
        }
        break;
      }
      case OpType::kProjection: {
        TypeId picked = CheckProjection(*arg, resource, item, ctx);
        if (picked != nullptr) {
          result = op.id == OpId::kTableGet ? types_.Optional(picked) : types_.Array(picked);
        }
        break;
      }
      case OpType::kReturns: {
        const bool word = arg->kind == ast::ExprKind::kString &&
                          static_cast<const ast::StringExpr&>(*arg).is_plain();
        const std::string text =
            word ? static_cast<const ast::StringExpr&>(*arg).texts.front() : std::string();
        if (!word) CheckExpr(*arg, ctx);
        RecordType(*arg, types_.String());
        const bool is_update = op.id == OpId::kTableUpdate;
        if (text == "old") {
          result = types_.Optional(item);
        } else if (text == "new" && is_update) {
          result = OpTypeFor(OpType::kPartialItem, resource);
        } else {
          Error(arg->span, diag::ReturnsWord, op.name,
                word ? "\"" + text + "\"" : std::string("not a string literal"))
              .Note(is_update ? "write `returns: \"old\"` (the item before the update) or "
                                "`returns: \"new\"` (after it)"
                              : "write `returns: \"old\"` (the item it replaced or deleted)");
        }
        break;
      }
      default:
        break;
    }
  }
  if (changes != nullptr && changes->kind == ast::ExprKind::kObject) {
    const auto& fields = static_cast<const ast::ObjectExpr&>(*changes).fields;
    if (op.id == OpId::kTableQuery) {
      CheckQueryKey(*decl, resource, fields, changes->span);
    } else if (op.id == OpId::kTableUpdate) {
      CheckUnchangedKey(key, resource, fields);
    }
  }
  if (op.id == OpId::kTableUpdate) {
    for (size_t i = 0; i < op.params.size(); ++i) {
      const ast::Expr* arg = info.args[i];
      if (op.params[i].type != OpType::kCounters || arg == nullptr ||
          arg->kind != ast::ExprKind::kObject) {
        continue;
      }
      CheckUnchangedKey(key, resource, static_cast<const ast::ObjectExpr&>(*arg).fields);
    }
  }
  if (changes != nullptr && changes->kind != ast::ExprKind::kObject) {
    for (size_t i = 0; i < op.params.size(); ++i) {
      const OpType t = op.params[i].type;
      if (info.args[i] != nullptr && (t == OpType::kCondition || t == OpType::kCounters ||
                                      t == OpType::kFieldNames || t == OpType::kProjection)) {
        Error(changes->span, diag::ChangesMustBeLiteral,
              op.id == OpId::kTableQuery ? "conditions" : "changes", op.params[i].name);
        break;
      }
    }
  }
  return result;
}

// A query's conditions name the partition key of the table or of one of its indexes (the
// ones its `key` and `index` options declare): DynamoDB's KeyConditionExpression needs one.
void Checker::CheckQueryKey(const ast::ResourceDecl& table, const Symbol& resource,
                            const std::vector<ast::ObjectField>& conditions, Span span) {
  std::vector<std::string> partitions;
  for (const ast::Option& option : table.options) {
    if (option.name.text == "key" && !option.args.empty()) {
      partitions.push_back(option.args[0].text);
    } else if (option.name.text == "index") {
      for (const ast::OptionArg& arg : option.args) {
        if (!arg.params.empty()) partitions.push_back(arg.params[0].text);
      }
    }
  }
  if (partitions.empty()) return;  // no key declared: reported with the table
  for (const ast::ObjectField& f : conditions) {
    if (std::find(partitions.begin(), partitions.end(), f.key.text) != partitions.end()) return;
  }
  auto& d = Error(span, diag::QueryNamesNoKey, resource.name).Label(resource.span, "declared here");
  d.Note("the partition keys it can query: " + JoinQuoted(partitions));
  if (!conditions.empty()) {
    const std::string& field = conditions.front().key.text;
    d.Note("declare an index on it (`index by_" + field + "(" + field + ")`), or read every " +
           "item with `" + resource.name + ".scan(where: current." + field + " == ...)`");
  }
}

// The changes (or counters) of an update leave the item's key alone: UpdateItem refuses to
// change a key attribute.
void Checker::CheckUnchangedKey(TypeId key, const Symbol& resource,
                                const std::vector<ast::ObjectField>& fields) {
  if (!key->is(TypeKind::kRecord)) return;
  for (const ast::ObjectField& f : fields) {
    if (key->FindField(f.key.text) == nullptr) continue;
    Error(f.key.span, diag::UpdateChangesKeyField, f.key.text, resource.name)
        .Note("to give the item another key, `put` it under the new key and `delete` the old one");
  }
}

const ast::ArrayExpr* Checker::AttributeNameList(const ast::Expr& arg, std::string_view clause,
                                                 ExprContext ctx) {
  const auto* list =
      arg.kind == ast::ExprKind::kArray ? static_cast<const ast::ArrayExpr*>(&arg) : nullptr;
  if (list != nullptr) {
    for (const ast::ExprPtr& x : list->elements) {
      if (x->kind != ast::ExprKind::kString ||
          !static_cast<const ast::StringExpr&>(*x).is_plain()) {
        list = nullptr;
        break;
      }
    }
  }
  if (list == nullptr) {
    CheckExpr(arg, ctx);
    Error(arg.span, diag::AttributeListLiteral, clause);
    return nullptr;
  }
  RecordType(arg, types_.Array(types_.String()));
  return list;
}

TypeId Checker::CheckProjection(const ast::Expr& arg, const Symbol& resource, TypeId item,
                                ExprContext ctx) {
  const ast::ArrayExpr* list = AttributeNameList(arg, "fields", ctx);
  if (list == nullptr) return nullptr;
  if (list->elements.empty()) {
    Error(arg.span, diag::ProjectionProblem, "names no attribute")
        .Note("leave `fields:` out to read every attribute");
    return nullptr;
  }
  // The picked fields in the order written, keeping their optionality: DynamoDB returns
  // exactly the attributes the stored item has among them.
  std::vector<Field> fields;
  bool ok = true;
  for (const ast::ExprPtr& x : list->elements) {
    RecordType(*x, types_.String());
    const std::string& name = static_cast<const ast::StringExpr&>(*x).texts.front();
    bool repeated = false;
    for (const Field& f : fields) repeated = repeated || f.name == name;
    if (repeated) {
      Error(x->span, diag::ProjectionProblem, "names `" + name + "` twice");
      ok = false;
      continue;
    }
    if (!item->is(TypeKind::kRecord)) {
      fields.push_back(Field{name, types_.Json(), true});
      continue;
    }
    const Field* field = item->FindField(name);
    if (field == nullptr) {
      auto& d = Error(x->span, diag::ItemHasNoField, resource.name, name);
      std::vector<std::string> names;
      for (const Field& f : item->fields) names.push_back(f.name);
      std::string hint = DidYouMean(name, names);
      if (!hint.empty()) d.Note(hint);
      ok = false;
      continue;
    }
    fields.push_back(*field);
  }
  if (!ok) return nullptr;
  return types_.Record(std::move(fields));
}

}  // namespace caios::check
