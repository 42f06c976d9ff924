#include "compiler/check/model.h"

#include "compiler/base/invariant.h"

namespace caios::check {

const char* Describe(Symbol::Kind kind) {
  switch (kind) {
    case Symbol::Kind::kType:
      return "type";
    case Symbol::Kind::kResource:
      return "resource";
    case Symbol::Kind::kPolicy:
      return "retry policy";
    case Symbol::Kind::kFunction:
      return "function";
    case Symbol::Kind::kFlow:
      return "flow";
    case Symbol::Kind::kApi:
      return "api";
    case Symbol::Kind::kSchedule:
      return "schedule";
  }
  return "declaration";
}

namespace {
template <typename Map, typename Key>
auto Find(const Map& map, Key key) -> decltype(&map.begin()->second) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}
}  // namespace

TypeId Model::TypeOf(const ast::Expr* expr) const {
  auto it = expr_types.find(expr);
  return it == expr_types.end() ? types.Error() : it->second;
}

const NameRef* Model::Name(const ast::NameExpr* name) const { return Find(names, name); }

const CallInfo* Model::Call(const ast::CallExpr* call) const { return Find(calls, call); }

const DeclOptions& Model::OptionsOf(const ast::Decl* decl) const {
  const DeclOptions* options = Find(decl_options, decl);
  CAIOS_CHECK_INVARIANT(options != nullptr && "a declaration the check phase did not see");
  return *options;
}

const Signature* Model::SignatureOf(const ast::Decl* decl) const { return Find(signatures, decl); }

const FlowInfo* Model::Flow(const ast::FlowDecl* flow) const { return Find(flows, flow); }

const Variable* Model::VariableOf(const ast::Stmt* stmt) const {
  auto it = declared.find(stmt);
  return it == declared.end() ? nullptr : it->second;
}

const Variable* Model::VariableOf(const ast::CatchClause* catch_clause) const {
  auto it = catch_bindings.find(catch_clause);
  return it == catch_bindings.end() ? nullptr : it->second;
}

const Symbol* Model::Resolved(const ast::Ident* ident) const {
  auto it = resolved.find(ident);
  return it == resolved.end() ? nullptr : it->second;
}

const Symbol* Model::UsesTarget(const ast::OptionArg* arg) const {
  auto it = option_refs.find(arg);
  return it == option_refs.end() ? nullptr : it->second;
}

TypeId Model::TypeOfRef(const ast::TypeRef* ref) const {
  auto it = type_refs.find(ref);
  return it == type_refs.end() ? types.Error() : it->second;
}

TypeId Model::TableKey(const ast::ResourceDecl* table) const {
  auto it = table_keys.find(table);
  return it == table_keys.end() ? types.Json() : it->second;
}

}  // namespace caios::check
