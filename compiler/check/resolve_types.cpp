// Type references and declarations: builtin and declared types, aliases (with cycle detection),
// records, function and flow signatures, resource item and key types.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/base/invariant.h"
#include "compiler/check/checker.h"
#include "compiler/diag/suggest.h"

namespace caios::check {

namespace {

// How deeply type resolution may nest (see ResolveTypeRef); far beyond any real program.
constexpr int kMaxTypeResolveDepth = 500;

bool IsType(const Symbol& s) { return s.kind == Symbol::Kind::kType; }
}  // namespace

TypeId Checker::ResolveTypeRef(const ast::TypeRef& ref) {
  TypeId result = types_.Error();
  // Each level is a few stack frames: a chain of thousands of type definitions, each naming
  // the next, would overflow the stack (docs/language.md, "Types").
  if (type_depth_ >= kMaxTypeResolveDepth) {
    if (!type_depth_reported_) {
      type_depth_reported_ = true;
      auto& d = Error(ref.span, diag::TypeDefinitionsNestTooDeeply, kMaxTypeResolveDepth);
      if (!type_stack_.empty()) {
        d.Note("the chain starts at type `" + type_stack_.front()->name + "`");
      }
      d.Note("declare deeply nested structures with fewer named steps, or as `json`");
    }
    model_.type_refs[&ref] = result;
    return result;
  }
  ++type_depth_;
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } guard{type_depth_};
  switch (ref.kind) {
    case ast::TypeRef::Kind::kNamed: {
      if (TypeId builtin = types_.Builtin(ref.name.text)) {
        result = builtin;
        break;
      }
      const Symbol* symbol = LookupGlobal(ref.name.text);
      if (symbol == nullptr) {
        auto& d = Error(ref.name.span, diag::UnknownType, ref.name.text);
        std::vector<std::string> candidates = GlobalNames(IsType);
        for (std::string_view b : TypeTable::BuiltinNames()) candidates.emplace_back(b);
        std::string hint = DidYouMean(ref.name.text, candidates);
        if (!hint.empty()) d.Note(hint);
        NoteNotImported(d, ref.name.text);
        break;
      }
      if (symbol->kind != Symbol::Kind::kType) {
        auto& d = Error(ref.name.span, diag::NotAType, ref.name.text, Describe(symbol->kind));
        d.Label(symbol->span, "declared here");
        if (symbol->kind == Symbol::Kind::kResource) {
          const auto* resource = static_cast<const ast::ResourceDecl*>(symbol->decl);
          if (resource->item_type && resource->item_type->kind == ast::TypeRef::Kind::kNamed) {
            d.Note("its items have type `" + resource->item_type->name.text + "`");
          }
        }
        break;
      }
      model_.resolved[&ref.name] = symbol;
      result = ResolveTypeSymbol(*symbol, ref.name);
      break;
    }
    case ast::TypeRef::Kind::kNull:
      result = types_.Null();
      break;
    case ast::TypeRef::Kind::kArray:
      CAIOS_CHECK_INVARIANT(ref.element != nullptr);
      result = types_.Array(ResolveTypeRef(*ref.element));
      break;
    case ast::TypeRef::Kind::kOptional:
      CAIOS_CHECK_INVARIANT(ref.element != nullptr);
      result = types_.Optional(ResolveTypeRef(*ref.element));
      break;
    case ast::TypeRef::Kind::kRecord: {
      std::vector<Field> fields;
      for (const ast::FieldType& f : ref.fields) {
        TypeId t = f.type ? ResolveTypeRef(*f.type) : types_.Error();
        auto dup = std::find_if(fields.begin(), fields.end(),
                                [&](const Field& g) { return g.name == f.name.text; });
        if (dup != fields.end()) {
          Error(f.name.span, diag::FieldDeclaredTwice, f.name.text);
          continue;
        }
        fields.push_back(Field{f.name.text, t, f.optional});
      }
      result = types_.Record(std::move(fields));
      break;
    }
  }
  model_.type_refs[&ref] = result;
  return result;
}

TypeId Checker::ResolveTypeSymbol(const Symbol& symbol_ref, const ast::Ident& use) {
  Symbol& symbol = *model_.symbol_of.at(symbol_ref.decl);
  const auto& decl = static_cast<const ast::TypeDecl&>(*symbol.decl);
  ResolveState& state = type_state_[&symbol];
  if (state == ResolveState::kDone) return symbol.type;
  if (state == ResolveState::kResolving) {
    if (symbol.type != nullptr) return symbol.type;  // a record being filled: recursion is fine
    // An alias reached again while resolving it: a cycle without a record in between.
    std::string cycle;
    auto start = std::find(type_stack_.begin(), type_stack_.end(), &symbol);
    for (auto it = start; it != type_stack_.end(); ++it) cycle += "`" + (*it)->name + "` -> ";
    cycle += "`" + symbol.name + "`";
    Error(symbol.span, diag::TypeAliasRefersItself, symbol.name)
        .Label(use.span, "the cycle closes here")
        .Note("the cycle: " + cycle)
        .Note("recursive types must go through a record: `type Tree { children: [Tree] }`");
    symbol.type = types_.Error();
    return symbol.type;
  }
  state = ResolveState::kResolving;
  type_stack_.push_back(&symbol);
  const size_t saved_module = module_;
  module_ = symbol.module;
  TypeId result = types_.Error();
  if (decl.type && decl.type->kind == ast::TypeRef::Kind::kRecord) {
    result = types_.NewNamedRecord(symbol.name);
    symbol.type = result;
    TypeId shape = ResolveTypeRef(*decl.type);
    std::vector<Field> fields =
        shape->kind == TypeKind::kRecord ? shape->fields : std::vector<Field>{};
    types_.SetFields(result, std::move(fields));
    model_.type_refs[decl.type.get()] = result;
  } else if (decl.type) {
    result = ResolveTypeRef(*decl.type);
    if (symbol.type != nullptr) result = symbol.type;  // a cycle was found and reported
  }
  module_ = saved_module;
  type_stack_.pop_back();
  symbol.type = result;
  type_state_[&symbol] = ResolveState::kDone;
  return result;
}

void Checker::ResolveSignature(const ast::Decl& decl, const std::vector<ast::Param>& params,
                               const ast::TypeRef* result) {
  Signature sig;
  for (const ast::Param& p : params) {
    CheckReservedName(p.name, "parameter");
    auto dup = std::find_if(sig.params.begin(), sig.params.end(),
                            [&](const ParamInfo& q) { return q.name == p.name.text; });
    TypeId t = p.type ? ResolveTypeRef(*p.type) : types_.Error();
    if (dup != sig.params.end()) {
      Error(p.name.span, diag::ParameterDeclaredTwice, p.name.text)
          .Label(dup->span, "first declared here");
      continue;
    }
    sig.params.push_back(ParamInfo{p.name.text, t, p.optional, p.name.span});
  }
  sig.has_declared_result = result != nullptr;
  sig.result = result ? ResolveTypeRef(*result) : types_.Json();
  model_.signatures[&decl] = std::move(sig);
}

void Checker::ResolveResource(const Symbol& symbol_ref) {
  Symbol& symbol = *model_.symbol_of.at(symbol_ref.decl);
  const auto& decl = static_cast<const ast::ResourceDecl&>(*symbol.decl);
  symbol.type = decl.item_type ? ResolveTypeRef(*decl.item_type) : types_.Json();
  if (decl.resource != ast::ResourceKind::kTable) return;
  // The key of a table: the attributes of its `key` (partition) and `sort` options.
  std::vector<Field> key;
  for (const ast::Option& option : decl.options) {
    if (option.name.text != "key" && option.name.text != "sort") continue;
    for (const ast::OptionArg& arg : option.args) {
      if (arg.kind == ast::OptionArg::Kind::kTyped && arg.type) {
        key.push_back(Field{arg.text, ResolveTypeRef(*arg.type), false});
      } else if (arg.kind == ast::OptionArg::Kind::kWord && !arg.has_params) {
        // `key id`: the attribute's type comes from the item type, string when not declared.
        const Field* f =
            symbol.type->is(TypeKind::kRecord) ? symbol.type->FindField(arg.text) : nullptr;
        key.push_back(
            Field{arg.text, f ? TypeTable::StripOptional(f->type) : types_.String(), false});
      }
    }
  }
  if (!key.empty()) model_.table_keys[&decl] = types_.Record(std::move(key));
}

}  // namespace caios::check
