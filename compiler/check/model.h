// The semantic model the check phase hands to lowering: interned types, the symbol every name
// and call resolves to, the type of every expression and the variables of every flow. Side
// tables are keyed by AST node pointers, so the model is valid only while the Program lives.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/types/types.h"

namespace caios::check {

// The checker names the type system's classes unqualified.
using types::Field;
using types::Type;
using types::TypeId;
using types::TypeKind;
using types::TypeTable;

// A top-level declaration that has a name.
struct Symbol {
  enum class Kind { kType, kResource, kPolicy, kFunction, kFlow, kApi, kSchedule };
  Kind kind = Kind::kType;
  std::string name;
  Span span;  // the declared name
  const ast::Decl* decl = nullptr;
  size_t module = 0;      // index into Program::modules
  TypeId type = nullptr;  // kType: the type; kResource: the item type (json if none)
};
const char* Describe(Symbol::Kind kind);  // "type", "resource", "function", ...

// A function or flow parameter with its resolved type.
struct ParamInfo {
  std::string name;
  TypeId type = nullptr;
  bool optional = false;
  Span span;
};

// The resolved signature of a function or flow. `result` is json when none is declared.
struct Signature {
  std::vector<ParamInfo> params;
  TypeId result = nullptr;
  bool has_declared_result = false;
};

// A variable of a flow: a parameter, a `let`, a `for` variable, a `catch ... as` binding or the
// element of a comprehension (`o` in `[o.id for o in xs]`, bound only inside the brackets; it is
// not among FlowInfo::variables).
struct Variable {
  enum class Kind { kParam, kLet, kForItem, kCatchError, kElement };
  Kind kind = Kind::kLet;
  std::string name;
  Span span;  // the declaring identifier
  TypeId type = nullptr;
  const ast::FlowDecl* flow = nullptr;
  const ast::Stmt* stmt = nullptr;  // the LetStmt/ForStmt/TryStmt that declares it; null: param
};

// What a NameExpr refers to: a variable, a top-level symbol or a builtin function.
struct NameRef {
  const Variable* variable = nullptr;
  const Symbol* symbol = nullptr;
  std::string builtin;  // builtin function name when the name is one
};

// A field of the run's context (docs/language.md, "The run's context"): `execution.id`, …
enum class ContextField {
  kExecutionId,
  kExecutionName,
  kExecutionStartTime,
  kExecutionInput,
  kFlowArn,
  kFlowName,
  kStateName,
  kStateEnteredTime,
  kStateRetryCount,
};

// An attribute of a declared resource, flow or function read as a value (docs/language.md,
// "Resources as values"): `Docs.name`, `Jobs.url`, `Orders.stream_arn`, `checkout.arn`.
enum class ResourceAttribute { kName, kArn, kUrl, kStreamArn };
struct ResourceAttributeRef {
  const Symbol* symbol = nullptr;  // a resource, flow or function
  ResourceAttribute attribute = ResourceAttribute::kName;
};

struct ResourceOp;  // resource_ops.h

// A record field as the checker resolved it: the record type and the field's name. Records are
// typed structurally, so this is the type, not one declaration of it.
struct FieldRef {
  TypeId record = nullptr;
  std::string name;
};

// What a CallExpr calls, with its arguments in parameter order.
struct CallInfo {
  enum class Kind { kBuiltin, kFunction, kFlow, kResourceOp, kAws, kHttp };
  Kind kind = Kind::kBuiltin;
  const Symbol* target = nullptr;      // kFunction, kFlow, kResourceOp (the resource)
  std::string operation;               // builtin name, resource operation, http verb, aws action
  std::string service;                 // kAws: the service (`s3`, `dynamodb`, ...)
  const Symbol* connection = nullptr;  // kHttp: the connection resource
  // Arguments by parameter position (null: an optional parameter not passed). For builtins and
  // aws calls, the arguments in source order.
  std::vector<const ast::Expr*> args;
  bool uses_task_token = false;  // an argument contains `task_token` (await)
  bool is_item_source = false;   // a bucket item source of a distributed `for`
  // kResourceOp: the entry of the operations table (resource_ops.h); null when it has none.
  const ResourceOp* resource_op = nullptr;
};

// The options of a resource, function or flow whose values are words, typed. The checker derives
// them from the words the option schema accepts (typed_options.cpp; any other word is E0504),
// and lowering reads these, never the words, so no word can fall through to a default there.
struct DeclOptions {
  enum class StreamView { kNone, kNewImage, kOldImage, kNewAndOld, kKeysOnly };
  enum class Billing { kOnDemand, kProvisioned };
  enum class Deletion { kRetain, kDelete };
  enum class Auth { kApiKey, kBasic, kOAuth };
  enum class Arch { kX86_64, kArm64 };
  enum class Logging { kOff, kAll, kError, kFatal };
  enum class Starting { kLatest, kTrimHorizon };
  enum class StorageClass {
    kStandardIa,
    kOnezoneIa,
    kIntelligentTiering,
    kGlacierIr,
    kGlacier,
    kDeepArchive
  };
  StreamView stream = StreamView::kNone;  // table; `stream` alone is new_and_old
  Billing billing = Billing::kOnDemand;   // table
  Deletion deletion = Deletion::kRetain;  // table, bucket, queue, stream, events
  Auth auth = Auth::kApiKey;              // connection
  Arch arch = Arch::kX86_64;              // function
  Logging logging = Logging::kOff;        // flow
  std::optional<Starting> starting;       // trigger
  // bucket: the class of each `lifecycle transition CLASS AFTER`, in source order
  std::vector<StorageClass> transitions;
};

struct FlowInfo {
  const Symbol* symbol = nullptr;
  std::vector<const Variable*> variables;  // in declaration order, parameters first
};

struct ModuleInfo {
  // The top-level names visible in the module: its own declarations and those of the modules it
  // imports directly.
  std::unordered_map<std::string, const Symbol*> visible;
  std::vector<const Symbol*> own;  // declaration order
};

// One application: a root module and its import closure.
struct ProgramInfo {
  size_t root = 0;
  std::vector<size_t> modules;  // the closure, root first, then the test files
  std::vector<size_t> tests;    // the test files among them (docs/testing.md)
  // How many of `modules` are the application's own: the test files and what only they import
  // come after them, and only `caios test` compiles those.
  size_t app_modules = 0;
  const ast::AppDecl* app = nullptr;  // null when the root declares no `app`
};

class Model {
 public:
  // The types of the program, shared with the IR of every application lowered from it (whose
  // TypeIds point into the table).
  std::shared_ptr<TypeTable> type_table = std::make_shared<TypeTable>();
  TypeTable& types = *type_table;
  std::vector<ModuleInfo> modules;    // parallel to Program::modules
  std::vector<ProgramInfo> programs;  // parallel to Program::roots

  // The type of an expression that was checked; Error() for unchecked or erroneous ones.
  TypeId TypeOf(const ast::Expr* expr) const;
  const NameRef* Name(const ast::NameExpr* name) const;
  const CallInfo* Call(const ast::CallExpr* call) const;
  const Signature* SignatureOf(const ast::Decl* function_or_flow) const;
  const FlowInfo* Flow(const ast::FlowDecl* flow) const;
  // The variable a `let` or `for` declares, or a `catch ... as e` binds.
  const Variable* VariableOf(const ast::Stmt* let_or_for) const;
  const Variable* VariableOf(const ast::CatchClause* catch_clause) const;
  // The symbol a route/schedule/trigger target, trigger source, `uses` or `results` name
  // resolves to.
  const Symbol* Resolved(const ast::Ident* ident) const;
  // The resolved type of a type annotation (parameter, field, let annotation, item type).
  // The declaration a `uses` entry of a function names.
  const Symbol* UsesTarget(const ast::OptionArg* arg) const;
  TypeId TypeOfRef(const ast::TypeRef* ref) const;
  // The key type of a table (a record of its `key` fields), json when not declared.
  TypeId TableKey(const ast::ResourceDecl* table) const;
  // The typed word options of a resource, function or flow declaration.
  const DeclOptions& OptionsOf(const ast::Decl* decl) const;

  // ---- filled by the checker
  Symbol* NewSymbol() { return &symbols_.emplace_back(); }
  Variable* NewVariable() { return &variables_.emplace_back(); }
  std::unordered_map<const ast::Expr*, TypeId> expr_types;
  // Variables and field paths that only the left side of an enclosing `and`/`or` proves
  // non-null (`x != null and len(x.s) > 0`): their type is narrowed, but a target that computes
  // operands before testing the condition must not read them early.
  std::unordered_set<const ast::Expr*> guard_narrowed;
  // `execution.id`, `state.name`, …: the field of the run's context each one reads.
  std::unordered_map<const ast::FieldExpr*, ContextField> context_fields;
  // `Docs.name`, `Jobs.url`, …: the declaration and attribute each one reads.
  std::unordered_map<const ast::FieldExpr*, ResourceAttributeRef> resource_attributes;
  std::unordered_map<const ast::NameExpr*, NameRef> names;
  std::unordered_map<const ast::CallExpr*, CallInfo> calls;
  std::unordered_map<const ast::Decl*, Signature> signatures;
  std::unordered_map<const ast::FlowDecl*, FlowInfo> flows;
  std::unordered_map<const ast::Stmt*, const Variable*> declared;
  std::unordered_map<const ast::CatchClause*, const Variable*> catch_bindings;
  std::unordered_map<const ast::Ident*, const Symbol*> resolved;
  std::unordered_map<const ast::OptionArg*, const Symbol*> option_refs;  // `uses X(...)`
  std::unordered_map<const ast::TypeRef*, TypeId> type_refs;
  // The field each field access (`order.total`) reads, and the field each key of an object
  // checked against a record type (`{ total: 1 }`) gives: by the field's or key's identifier.
  std::unordered_map<const ast::Ident*, FieldRef> field_refs;
  std::unordered_map<const ast::ResourceDecl*, TypeId> table_keys;
  std::unordered_map<const ast::Decl*, Symbol*> symbol_of;         // named declarations
  std::unordered_map<const ast::Decl*, DeclOptions> decl_options;  // resources, functions, flows

 private:
  std::deque<Symbol> symbols_;
  std::deque<Variable> variables_;
};

struct CheckResult {
  std::unique_ptr<Model> model;  // always set, also when there were errors
  bool ok = false;               // no errors reported by the check phase
};

}  // namespace caios::check
