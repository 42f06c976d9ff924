// Expressions: literals, names, object and array literals, field and index access, operators and
// string interpolation. Calls are in check_calls.cpp.
#include <algorithm>

#include "compiler/base/invariant.h"
#include "compiler/check/builtins.h"
#include "compiler/check/checker.h"
#include "compiler/check/context_fields.h"
#include "compiler/check/resource_attributes.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {
ExprContext Nested(ExprContext ctx) {
  ctx.task_allowed = false;
  ctx.item_source = false;
  return ctx;
}

bool IsJsonOrUnknown(TypeId t) { return t->is(TypeKind::kJson) || t->is_unknown(); }
}  // namespace

bool Checker::IsTaskCall(const ast::Expr& expr) {
  return expr.kind == ast::ExprKind::kCall || expr.kind == ast::ExprKind::kPrefix;
}

TypeId Checker::CheckExpr(const ast::Expr& expr, ExprContext ctx, TypeId expected) {
  const size_t errors_before = sink_.error_count();
  TypeId t = CheckExprInner(expr, ctx, expected);
  RecordType(expr, t);
  // An expression that already reported an error inside does not get a second, derived one.
  if (expected != nullptr && sink_.error_count() == errors_before)
    ExpectType(expr.span, t, expected);
  return t;
}

void Checker::ExpectType(Span span, TypeId found, TypeId expected) {
  if (types_.Assignable(found, expected)) return;
  auto& d = Error(span, diag::MismatchedTypesExpectedFound, Str(expected), Str(found));
  if (found->is(TypeKind::kOptional) && types_.Assignable(found->element, expected)) {
    d.Note("the value may be null; give a default with `?? value`");
  } else if (found->is(TypeKind::kNumber) && expected->is(TypeKind::kInt)) {
    if (assigning_ != nullptr) {
      // `let total = 0` made it an int; a sum of prices wants a number.
      d.Label(assigning_->span, "`" + assigning_->name + "` is declared `int` here")
          .Note("to keep fractions, declare it a number: `let " + assigning_->name +
                ": number = …`; to drop them, convert with `round(x)`, `floor(x)` or `ceil(x)`");
    } else {
      d.Note("convert with `round(x)`, `floor(x)` or `ceil(x)`");
    }
  } else if (expected->is(TypeKind::kToken)) {
    d.Note("a `token` parameter takes the `task_token` of an `await`");
  } else if (expected->is(TypeKind::kRecord) && found->is(TypeKind::kRecord)) {
    for (const Field& want : expected->fields) {
      const Field* have = found->FindField(want.name);
      if (have == nullptr && !want.optional) {
        d.Note("`" + Str(found) + "` has no field `" + want.name + "`");
        break;
      }
      if (have != nullptr && !types_.Assignable(have->type, want.type)) {
        d.Note("field `" + want.name + "` has type `" + Str(have->type) + "`, expected `" +
               Str(want.type) + "`");
        break;
      }
    }
  }
}

TypeId Checker::CheckExprInner(const ast::Expr& expr, ExprContext ctx, TypeId expected) {
  switch (expr.kind) {
    case ast::ExprKind::kString:
      return CheckString(static_cast<const ast::StringExpr&>(expr), ctx);
    case ast::ExprKind::kInt:
      return types_.Int();
    case ast::ExprKind::kNumber:
      return types_.Number();
    case ast::ExprKind::kBool:
      return types_.Bool();
    case ast::ExprKind::kNull:
      return types_.Null();
    case ast::ExprKind::kTaskToken:
      if (!ctx.in_await) {
        Error(expr.span, diag::TaskTokenOnlyUsedArguments)
            .Note(
                "write `let r = await f(x, task_token)`; the flow waits until the token is "
                "called back");
        return types_.Error();
      }
      saw_task_token_ = true;
      return types_.Token();
    case ast::ExprKind::kName:
      return CheckName(static_cast<const ast::NameExpr&>(expr));
    case ast::ExprKind::kObject:
      return CheckObject(static_cast<const ast::ObjectExpr&>(expr), ctx, expected);
    case ast::ExprKind::kArray:
      return CheckArray(static_cast<const ast::ArrayExpr&>(expr), ctx, expected);
    case ast::ExprKind::kComprehension:
      return CheckComprehension(static_cast<const ast::ComprehensionExpr&>(expr), ctx, expected);
    case ast::ExprKind::kField:
      return CheckField(static_cast<const ast::FieldExpr&>(expr), ctx);
    case ast::ExprKind::kIndex:
      return CheckIndex(static_cast<const ast::IndexExpr&>(expr), ctx);
    case ast::ExprKind::kCall:
      return CheckCall(static_cast<const ast::CallExpr&>(expr), ctx);
    case ast::ExprKind::kUnary:
      return CheckUnary(static_cast<const ast::UnaryExpr&>(expr), ctx);
    case ast::ExprKind::kBinary:
      return CheckBinary(static_cast<const ast::BinaryExpr&>(expr), ctx, expected);
    case ast::ExprKind::kPrefix:
      return CheckPrefix(static_cast<const ast::PrefixExpr&>(expr), ctx);
    case ast::ExprKind::kError:
      return types_.Error();
  }
  return types_.Error();
}

TypeId Checker::CheckString(const ast::StringExpr& str, ExprContext ctx) {
  for (const ast::ExprPtr& e : str.exprs) {
    TypeId t = CheckExpr(*e, Nested(ctx));
    switch (t->kind) {
      case TypeKind::kString:
      case TypeKind::kToken:
      case TypeKind::kInt:
      case TypeKind::kNumber:
      case TypeKind::kBool:
      case TypeKind::kJson:
      case TypeKind::kError:
      case TypeKind::kNever:
        break;
      default: {
        auto& d = Error(e->span, diag::ValueTypeInterpolated, Str(t));
        if (t->is(TypeKind::kOptional) || t->is(TypeKind::kNull)) {
          d.Note("the value may be null; give a default with `?? \"\"`");
        } else {
          d.Note("convert it with `json_string(...)`");
        }
      }
    }
  }
  return types_.String();
}

const Variable* Checker::LookupVariable(std::string_view name) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto found = it->find(std::string(name));
    if (found != it->end()) return found->second;
  }
  return nullptr;
}

TypeId Checker::CheckName(const ast::NameExpr& name) {
  const std::string& text = name.name.text;
  if (const Variable* v = LookupVariable(text)) {
    model_.names[&name] = NameRef{v, nullptr, {}};
    return Narrow(name, v->type);
  }
  if (declaring_ != nullptr && declaring_->text == text) {
    Error(name.span, diag::UsedOwnDeclaration, text)
        .Label(declaring_->span, "declared here")
        .Note("a variable exists only after its `let`; give the value another way");
    return types_.Error();
  }
  if (auto it = flow_names_.find(text); it != flow_names_.end()) {
    const bool before = name.span.begin < it->second.begin;
    (before ? Error(name.span, diag::UsedBeforeDeclaration, text)
            : Error(name.span, diag::NotInScopeHere, text))
        .Label(it->second, before ? "declared later here" : "declared in a block that has ended")
        .Note(before ? "move the use after the declaration"
                     : "declare the variable before the block (`let " + text +
                           " = ...`) and assign it inside");
    return types_.Error();
  }
  if (IsContextName(name)) {
    std::vector<std::string> fields;
    for (const std::string& f : ContextFieldNames(text)) fields.push_back(text + "." + f);
    Error(name.span, diag::ContextNotAValue, text).Note("its fields are " + JoinQuoted(fields));
    return types_.Error();
  }
  if (const Symbol* s = LookupGlobal(text)) {
    model_.names[&name] = NameRef{nullptr, s, {}};
    auto& d =
        Error(name.span, diag::SymbolNotAValue, text,
              (s->kind == Symbol::Kind::kResource
                   ? std::string(KindName(static_cast<const ast::ResourceDecl*>(s->decl)->resource))
                   : std::string(Describe(s->kind))));
    d.Label(s->span, "declared here");
    if (s->kind == Symbol::Kind::kFunction) d.Note("call it: `" + text + "(...)`");
    if (s->kind == Symbol::Kind::kFlow) d.Note("run it: `run " + text + "(...)`");
    if (s->kind == Symbol::Kind::kResource) {
      const auto kind = static_cast<const ast::ResourceDecl*>(s->decl)->resource;
      std::vector<std::string> ops = ResourceOpNames(kind);
      if (!ops.empty()) {
        d.Note("use one of its operations, e.g. `" + text + "." + ops.front() + "(...)`");
      } else if (kind == ast::ResourceKind::kConnection) {
        d.Note("a connection is passed as `connection: " + text + "` to `http.*` calls");
      }
    }
    return types_.Error();
  }
  if (FindBuiltin(text) != nullptr) {
    model_.names[&name] = NameRef{nullptr, nullptr, text};
    Error(name.span, diag::BuiltinFunctionValue, text).Note("call it: `" + text + "(...)`");
    return types_.Error();
  }
  if (text == "aws" || text == "http") {
    Error(name.span, diag::NotAValue, text)
        .Note(text == "aws" ? "call an AWS API with `aws.<service>.<action>({ ... })`"
                            : "make a request with `http.get(url, connection: Conn)`");
    return types_.Error();
  }
  std::vector<std::string> candidates;
  for (const auto& scope : scopes_) {
    for (const auto& [n, v] : scope) candidates.push_back(n);
  }
  std::sort(candidates.begin(), candidates.end());
  std::vector<std::string> globals = GlobalNames([](const Symbol&) { return true; });
  candidates.insert(candidates.end(), globals.begin(), globals.end());
  auto& d = Error(name.span, diag::UnknownName, text);
  std::string hint = DidYouMean(text, candidates);
  if (!hint.empty()) d.Note(hint);
  // Two or more names are close: offer each as a fix-it, so an editor can list them.
  std::vector<std::string> close = CloseMatches(text, candidates, 3);
  if (close.size() >= 2) {
    for (const std::string& c : close) d.Fix(name.span, c);
  }
  NoteNotImported(d, text);
  return types_.Error();
}

TypeId Checker::CheckObject(const ast::ObjectExpr& object, ExprContext ctx, TypeId expected) {
  TypeId want = expected ? TypeTable::StripOptional(expected) : nullptr;
  const bool against_record = want != nullptr && want->is(TypeKind::kRecord);
  std::vector<Field> fields;
  std::vector<std::string> unused;
  std::vector<std::string> suggested;  // missing fields already suggested for a misspelled one
  if (against_record) {
    for (const Field& f : want->fields) unused.push_back(f.name);
  }
  for (const ast::ObjectField& f : object.fields) {
    CAIOS_CHECK_INVARIANT(f.value != nullptr);
    auto dup = std::find_if(fields.begin(), fields.end(),
                            [&](const Field& g) { return g.name == f.key.text; });
    TypeId field_expected = nullptr;
    bool excess = false;
    if (against_record) {
      if (const Field* wf = want->FindField(f.key.text)) {
        model_.field_refs[&f.key] = FieldRef{want, f.key.text};
        field_expected = wf->optional ? types_.Optional(wf->type) : wf->type;
        unused.erase(std::remove(unused.begin(), unused.end(), f.key.text), unused.end());
      } else {
        excess = true;
      }
    }
    TypeId t = CheckExpr(*f.value, Nested(ctx), field_expected);
    if (dup != fields.end()) {
      Error(f.key.span, diag::FieldGivenTwice, f.key.text);
      continue;
    }
    if (excess) {
      auto& d = Error(f.key.span, diag::ExcessField, Str(want), f.key.text);
      if (auto match = ClosestMatch(f.key.text, unused)) {
        d.Note("did you mean `" + *match + "`?");
        suggested.push_back(*match);
      }
    }
    fields.push_back(Field{f.key.text, t, false});
  }
  if (against_record) {
    std::vector<std::string> missing;
    for (const Field& wf : want->fields) {
      if (!wf.optional && std::find(unused.begin(), unused.end(), wf.name) != unused.end() &&
          std::find(suggested.begin(), suggested.end(), wf.name) == suggested.end()) {
        missing.push_back(wf.name);
      }
    }
    if (!missing.empty()) {
      if (missing.size() == 1) {
        Error(object.span, diag::MissingFieldOf, JoinQuoted(missing), Str(want));
      } else {
        Error(object.span, diag::MissingFieldsOf, JoinQuoted(missing), Str(want));
      }
    }
  }
  return types_.Record(std::move(fields));
}

TypeId Checker::CheckArray(const ast::ArrayExpr& array, ExprContext ctx, TypeId expected) {
  TypeId want = expected ? TypeTable::StripOptional(expected) : nullptr;
  TypeId element_expected = want && want->is(TypeKind::kArray) ? want->element : nullptr;
  TypeId element = types_.Never();
  for (const ast::ExprPtr& e : array.elements) {
    element = types_.Join(element, CheckExpr(*e, Nested(ctx), element_expected));
  }
  return types_.Array(element);
}

TypeId Checker::CheckComprehension(const ast::ComprehensionExpr& c, ExprContext ctx,
                                   TypeId expected) {
  TypeId source = CheckExpr(*c.source, Nested(ctx));
  TypeId element = types_.Error();
  if (source->is(TypeKind::kArray)) {
    element = source->element;
  } else if (source->is(TypeKind::kJson)) {
    element = types_.Json();  // an array when the flow runs, or the expression fails
  } else if (!source->is_unknown()) {
    auto& d = Error(c.source->span, diag::ComprehensionSourceNotArray, Str(source));
    if (source->is(TypeKind::kOptional) && source->element->is(TypeKind::kArray)) {
      d.Note("the array may be null; give a default with `?? []`");
    } else if (source->is_stringish()) {
      d.Note("split the string first: `split(s, \",\")`");
    }
  }
  PushScope();
  CheckReservedName(c.var, "variable");
  if (const Variable* outer = LookupVariable(c.var.text)) {
    Error(c.var.span, diag::AlreadyDeclaredThisFlow, c.var.text)
        .Label(outer->span,
               outer->kind == Variable::Kind::kParam ? "the parameter" : "the earlier declaration")
        .Note("name the element of the comprehension differently");
  }
  Variable* v = model_.NewVariable();
  v->kind = Variable::Kind::kElement;
  v->name = c.var.text;
  v->span = c.var.span;
  v->type = element;
  v->flow = flow_;
  scopes_.back()[c.var.text] = v;
  // What the condition establishes (`o.coupon != null`) holds in the element expression.
  if (c.condition) {
    CheckCondition(*c.condition);
    PushFacts(NullFacts(*c.condition, true));
  }
  TypeId want = expected ? TypeTable::StripOptional(expected) : nullptr;
  TypeId body = CheckExpr(*c.element, Nested(ctx),
                          want && want->is(TypeKind::kArray) ? want->element : nullptr);
  if (c.condition) PopFacts();
  PopScope();
  return types_.Array(body);
}

bool Checker::IsContextName(const ast::Expr& expr) const {
  if (expr.kind != ast::ExprKind::kName) return false;
  const std::string& text = static_cast<const ast::NameExpr&>(expr).name.text;
  // A variable or a declaration of the program with the name hides the context.
  return IsContextObject(text) && LookupVariable(text) == nullptr && LookupGlobal(text) == nullptr;
}

TypeId Checker::CheckContextField(const ast::FieldExpr& field) {
  const std::string& object = static_cast<const ast::NameExpr&>(*field.object).name.text;
  const std::string& name = field.field.text;
  std::optional<ContextFieldInfo> info = FindContextField(object, name);
  if (!info) {
    std::vector<std::string> names = ContextFieldNames(object);
    auto& d = Error(field.field.span, diag::UnknownField, object, name);
    std::string hint = DidYouMean(name, names);
    d.Note(hint.empty() ? "its fields are " + JoinQuoted(names) : hint);
    return types_.Error();
  }
  model_.context_fields[&field] = info->value;
  switch (info->type) {
    case TypeKind::kInt:
      return types_.Int();
    case TypeKind::kJson:
      return types_.Json();
    default:
      return types_.String();
  }
}

const Symbol* Checker::AttributeOwner(const ast::Expr& object) const {
  if (object.kind != ast::ExprKind::kName) return nullptr;
  const std::string& text = static_cast<const ast::NameExpr&>(object).name.text;
  if (LookupVariable(text) != nullptr) return nullptr;
  const Symbol* s = LookupGlobal(text);
  return s != nullptr && HasAttributes(*s) ? s : nullptr;
}

TypeId Checker::CheckResourceAttribute(const ast::FieldExpr& field, const Symbol& owner) {
  const auto& object = static_cast<const ast::NameExpr&>(*field.object);
  model_.names[&object] = NameRef{nullptr, &owner, {}};
  const std::string& name = field.field.text;
  if (std::optional<ResourceAttribute> a = FindAttribute(owner, name)) {
    model_.resource_attributes[&field] = ResourceAttributeRef{&owner, *a};
    return types_.String();
  }
  if (name == "stream_arn" && IsTableWithoutStream(owner) && IsExisting(owner)) {
    Error(field.field.span, diag::ExistingTableNoStreamArn, owner.name)
        .Label(owner.span, "declared here");
    return types_.Error();
  }
  if (name == "stream_arn" && IsTableWithoutStream(owner)) {
    Error(field.field.span, diag::TableHasNoStream, owner.name)
        .Label(owner.span, "declared here")
        .Note("declare its stream (`stream`, or `stream new_image`, ...)");
    return types_.Error();
  }
  const std::string kind =
      owner.kind == Symbol::Kind::kResource
          ? std::string(KindName(static_cast<const ast::ResourceDecl*>(owner.decl)->resource))
          : std::string(Describe(owner.kind));
  std::vector<std::string> names = AttributeNames(owner);
  auto& d = Error(field.field.span, diag::ResourceHasNoAttribute, kind, owner.name, name);
  d.Label(owner.span, "declared here");
  std::string hint = DidYouMean(name, names);
  if (!hint.empty()) d.Note(hint);
  d.Note("a " + kind + " has the attributes " + JoinQuoted(names));
  return types_.Error();
}

TypeId Checker::CheckField(const ast::FieldExpr& field, ExprContext ctx) {
  if (IsContextName(*field.object)) return CheckContextField(field);
  if (const Symbol* owner = AttributeOwner(*field.object)) {
    return CheckResourceAttribute(field, *owner);
  }
  TypeId object = CheckExpr(*field.object, Nested(ctx));
  const std::string& name = field.field.text;
  switch (object->kind) {
    case TypeKind::kError:
    case TypeKind::kNever:
      return types_.Error();
    case TypeKind::kJson:
      return Narrow(field, types_.Json());  // `is_string(event.name)` narrows `event.name`
    case TypeKind::kOptional:
    case TypeKind::kNull:
      Error(field.field.span, diag::ReadFieldValueTypeThat, name, Str(object))
          .Note("give a default first, e.g. `(x ?? { ... })." + name +
                "`, or check it with `if x != null`");
      return types_.Error();
    case TypeKind::kRecord: {
      if (const Field* f = object->FindField(name)) {
        model_.field_refs[&field.field] = FieldRef{object, name};
        return Narrow(field, f->optional ? types_.Optional(f->type) : f->type);
      }
      std::vector<std::string> names;
      for (const Field& f : object->fields) names.push_back(f.name);
      auto& d = Error(field.field.span, diag::UnknownField, Str(object), name);
      std::string hint = DidYouMean(name, names);
      if (!hint.empty()) {
        d.Note(hint);
      } else if (!names.empty()) {
        d.Note("its fields are " + JoinQuoted(names));
      }
      return types_.Error();
    }
    default: {
      auto& d = Error(field.field.span, diag::HasNoFields, Str(object));
      if (FindBuiltin(name) != nullptr) {
        d.Note("there are no methods; call the builtin as `" + name + "(x)`");
      }
      return types_.Error();
    }
  }
}

TypeId Checker::CheckIndex(const ast::IndexExpr& index, ExprContext ctx) {
  TypeId object = CheckExpr(*index.object, Nested(ctx));
  TypeId key = CheckExpr(*index.index, Nested(ctx));
  switch (object->kind) {
    case TypeKind::kError:
    case TypeKind::kNever:
      return types_.Error();
    case TypeKind::kArray:
      if (!key->is(TypeKind::kInt) && !IsJsonOrUnknown(key)) {
        Error(index.index->span, diag::MismatchedTypesExpectedIntFound, Str(key))
            .Note("array indexes are ints");
      }
      return object->element;
    case TypeKind::kJson:
      if (!key->is(TypeKind::kInt) && !key->is_stringish() && !IsJsonOrUnknown(key)) {
        Error(index.index->span, diag::MismatchedTypesExpectedStringInt, Str(key));
      }
      return types_.Json();
    case TypeKind::kOptional:
    case TypeKind::kNull:
      Error(index.span, diag::IndexValueTypeThatMay, Str(object))
          .Note("give a default first with `??`");
      return types_.Error();
    case TypeKind::kRecord: {
      auto& d = Error(index.span, diag::RecordTypeIndexed, Str(object));
      if (index.index->kind == ast::ExprKind::kString) {
        const auto& s = static_cast<const ast::StringExpr&>(*index.index);
        if (s.is_plain()) d.Note("write `." + s.texts.front() + "` to read the field");
      }
      return types_.Error();
    }
    default:
      Error(index.span, diag::ValueTypeIndexed, Str(object));
      return types_.Error();
  }
}

TypeId Checker::CheckUnary(const ast::UnaryExpr& unary, ExprContext ctx) {
  TypeId t = CheckExpr(*unary.operand, Nested(ctx));
  if (t->is_unknown()) return types_.Error();
  if (unary.op == ast::UnaryOp::kNeg) {
    if (t->is_numeric()) return t;
    if (t->is(TypeKind::kJson)) return types_.Number();
    Error(unary.op_span, diag::NegateValueType, Str(t));
    return types_.Error();
  }
  if (!t->is(TypeKind::kBool) && !t->is(TypeKind::kJson)) {
    Error(unary.op_span, diag::NeedsBoolFound, Str(t))
        .Note("there is no truthiness; compare explicitly, e.g. `x == null` or `len(x) == 0`");
    return types_.Error();
  }
  return types_.Bool();
}

TypeId Checker::CheckBinary(const ast::BinaryExpr& binary, ExprContext ctx, TypeId expected) {
  using Op = ast::BinaryOp;
  ExprContext sub = Nested(ctx);
  TypeId l = CheckExpr(*binary.lhs, sub);
  if (binary.op == Op::kCoalesce) {
    if (l->is_unknown()) {
      CheckExpr(*binary.rhs, sub);
      return types_.Error();
    }
    if (l->is(TypeKind::kJson)) {
      CheckExpr(*binary.rhs, sub);
      return types_.Json();
    }
    if (l->is(TypeKind::kNull)) return CheckExpr(*binary.rhs, sub, expected);
    if (!l->is(TypeKind::kOptional)) {
      Error(binary.op_span, diag::LeftSideTypeNeverNull, Str(l))
          .Label(binary.lhs->span, "never null");
      CheckExpr(*binary.rhs, sub);
      return l;
    }
    TypeId inner = l->element;
    TypeId r = CheckExpr(*binary.rhs, sub, types_.Optional(inner));
    if (r->is_unknown()) return inner;
    return r->is(TypeKind::kOptional) || r->is(TypeKind::kNull) ? l : inner;
  }
  // `x != null and x.v > 0`: the right side is evaluated only when the left side is true
  // (false for `or`), so it sees what that establishes.
  const bool guards = binary.op == Op::kAnd || binary.op == Op::kOr;
  if (guards) PushGuardFacts(NullFacts(*binary.lhs, binary.op == Op::kAnd));
  TypeId r = CheckExpr(*binary.rhs, sub);
  if (guards) PopFacts();
  if (l->is_unknown() || r->is_unknown()) {
    switch (binary.op) {
      case Op::kEq:
      case Op::kNe:
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe:
      case Op::kIn:
      case Op::kAnd:
      case Op::kOr:
        return types_.Bool();
      default:
        return types_.Error();
    }
  }
  const bool lj = l->is(TypeKind::kJson), rj = r->is(TypeKind::kJson);
  auto invalid = [&](std::string note) {
    auto& d =
        Error(binary.op_span, diag::CannotApplyOperator, ast::Spelling(binary.op), Str(l), Str(r));
    if (!note.empty()) d.Note(std::move(note));
    return types_.Error();
  };
  auto numeric = [&](TypeId t) { return t->is_numeric() || t->is(TypeKind::kJson); };
  switch (binary.op) {
    case Op::kAdd:
      if ((l->is_stringish() && (r->is_stringish() || rj)) || (lj && r->is_stringish())) {
        return types_.String();
      }
      if (lj && rj) return types_.Json();
      if (numeric(l) && numeric(r)) {
        return l->is(TypeKind::kInt) && r->is(TypeKind::kInt) ? types_.Int() : types_.Number();
      }
      return invalid(l->is_stringish() || r->is_stringish()
                         ? "`+` joins two strings; use interpolation: \"...${x}\""
                         : "");
    case Op::kSub:
    case Op::kMul:
    case Op::kMod:
      if (numeric(l) && numeric(r)) {
        return l->is(TypeKind::kInt) && r->is(TypeKind::kInt) ? types_.Int() : types_.Number();
      }
      return invalid("");
    case Op::kDiv:
      if (numeric(l) && numeric(r)) return types_.Number();
      return invalid("");
    case Op::kEq:
    case Op::kNe:
      if (!types_.Comparable(l, r)) invalid("values of these types are never equal");
      return types_.Bool();
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      if (!((numeric(l) && numeric(r)) ||
            ((l->is_stringish() || lj) && (r->is_stringish() || rj)))) {
        invalid("ordering needs two numbers or two strings");
      }
      return types_.Bool();
    case Op::kAnd:
    case Op::kOr:
      if (!(l->is(TypeKind::kBool) || lj) || !(r->is(TypeKind::kBool) || rj)) {
        invalid("`and` and `or` need two `bool` values");
      }
      return types_.Bool();
    case Op::kIn:
      if (r->is(TypeKind::kArray)) {
        if (!types_.Comparable(l, r->element)) {
          invalid("the element type is `" + Str(r->element) + "`");
        }
      } else if (r->is(TypeKind::kRecord) || rj) {
        if (!l->is_stringish() && !lj) invalid("a key test needs a `string` key");
      } else {
        invalid("`in` needs an array, a record or json on the right");
      }
      return types_.Bool();
    case Op::kCoalesce:
      break;
  }
  return types_.Error();
}

}  // namespace caios::check
