// The internal state of the names-and-types checker, shared by its .cpp files: declaration
// resolution (resolve_names.cpp, resolve_types.cpp), statements (check_stmts.cpp), expressions
// (check_exprs.cpp), calls (check_calls.cpp, builtin_calls.cpp, resource_calls.cpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/aws_models/aws_models.h"
#include "compiler/check/model.h"
#include "compiler/check/resource_ops.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/modules/program.h"

namespace caios::check {

// How an expression is used, passed down while checking it.
struct ExprContext {
  // The expression is the whole value of let/assign/return or an expression statement, so it
  // may be a task call (function, resource operation, aws, http, run, start, await).
  bool task_allowed = false;
  // Inside the arguments of an `await` call: `task_token` is allowed here.
  bool in_await = false;
  // The iterable of a distributed `for`: bucket item sources are allowed.
  bool item_source = false;
};

class Checker {
 public:
  Checker(const Program& program, DiagnosticSink& sink, Model& model);
  void Run();

  // ---- resolve_names.cpp: top-level symbols, programs, visibility, targets
  void DeclareSymbols(size_t module);
  void BuildPrograms();
  void ResolveModuleReferences(size_t module);
  const Symbol* LookupGlobal(std::string_view name) const;  // in module_
  std::vector<std::string> GlobalNames(bool (*keep)(const Symbol&)) const;
  void ResolveTarget(const ast::Target& target);
  void ResolvePolicyName(const ast::Ident& name);
  void CheckErrorName(const ast::ErrorName& error);
  void CheckRetrySpec(const ast::RetrySpec& spec);
  // The entity the one argument of an option names (E0211 `unknown` when none).
  std::optional<std::pair<const ast::OptionArg*, const Symbol*>> ResolveOptionTarget(
      const ast::Option& option, const DiagMessage<std::string_view>& unknown);
  void ResolveScheduleDeadLetter(const ast::Option& option);
  void ResolveAuthorizer(const ast::Option& option);
  // `on_failure QUEUE_OR_TOPIC` of a stream or table trigger: a standard queue or topic.
  void ResolveTriggerOnFailure(const ast::Option& option);
  // `uses R(perm, ...)` of a function or flow: each R names a resource, flow or function.
  void ResolveUses(const ast::Option& option);
  void CheckFlowUses(const ast::Option& option);
  void CheckReservedName(const ast::Ident& name, const char* what);
  // Adds "declared in X, which this module does not import" when another module declares it.
  void NoteNotImported(Diagnostic& d, const std::string& name) const;

  // ---- resolve_types.cpp: type references, declared types, signatures, item types
  TypeId ResolveTypeRef(const ast::TypeRef& ref);
  TypeId ResolveTypeSymbol(const Symbol& symbol, const ast::Ident& use);
  void ResolveSignature(const ast::Decl& decl, const std::vector<ast::Param>& params,
                        const ast::TypeRef* result);
  void ResolveResource(const Symbol& symbol);

  // ---- check_stmts.cpp: flows
  void CheckFlow(const ast::FlowDecl& flow);
  // Whether module `from` imports `target`, directly or through other modules (not the stdlib).
  bool ImportsReach(size_t from, size_t target) const;
  // test_mocks.cpp: a test's `mock` lines (docs/testing.md).
  void CheckTestMocks(const ast::FlowDecl& test);
  TypeId CheckHttpMock(const ast::MockAnswer& mock);
  // After every flow: an HTTP mock's endpoint that no HTTP task of the program may call (E0259).
  void CheckHttpMocksCalled();
  void CheckBlock(const ast::Block& block);
  void CheckStmt(const ast::Stmt& stmt);
  TypeId CheckRhs(const ast::Rhs& rhs, TypeId expected);
  void CheckClauses(const ast::TaskClauses& clauses, const ast::Expr* task, Span where);
  // Whether `task` is `run f(x)` of a flow, the one call `details` applies to.
  bool RunsFlow(const ast::Expr* task) const;
  // The result of `run f(x) details`: the child execution's description around `output`.
  TypeId ExecutionDetails(TypeId output);
  Variable* DeclareVariable(Variable::Kind kind, const ast::Ident& name, TypeId type,
                            const ast::Stmt* stmt);
  const Variable* LookupVariable(std::string_view name) const;
  TypeId CheckFor(const ast::ForStmt& stmt, bool collected);
  TypeId CheckParallel(const ast::ParallelStmt& stmt, bool collected);
  void CheckCondition(const ast::Expr& cond);
  void CollectNames(const ast::Block& block);
  void CollectNames(const ast::Stmt& stmt);
  void PushScope() { scopes_.emplace_back(); }
  void PopScope() { scopes_.pop_back(); }
  void CheckScopedBlock(const ast::Block& block);

  // ---- narrowing.cpp: `x != null` facts that make `x` (or a field path `x.a.b`) non-null in
  // the code they guard, and type tests (`is_string(x)`) that give it a type (docs/language.md,
  // "Null checks narrow", "Type tests").
  struct NonNull {
    const Variable* var = nullptr;
    std::string path;     // ".a.b" for a field path, "" for the variable itself
    bool guard = false;   // from the left side of `and`/`or` (Model::guard_narrowed)
    TypeId as = nullptr;  // the type a test established; null: only that it is not null
  };
  // The facts that hold when `cond` evaluates to `when_true`; only the `and`/`or`/`not` levels
  // within `depth` <= 32 of `cond` count, so that checking a long `and` chain, which asks at
  // every level for the facts of its left side, stays linear.
  std::vector<NonNull> NullFacts(const ast::Expr& cond, bool when_true, int depth = 0) const;
  // The facts of a type test `is_string(x)` …, `is_null(x)` (when false: not null).
  std::vector<NonNull> TypeTestFacts(const ast::Expr& cond, bool when_true) const;
  // The type a test establishes: `is_string` → string, …; null for a test that narrows nothing.
  TypeId TypeTestType(std::string_view test) const;
  void PushFacts(std::vector<NonNull> facts) { narrowed_.push_back(std::move(facts)); }
  // Facts of the left side of `and`/`or`, for its right side.
  void PushGuardFacts(std::vector<NonNull> facts);
  void PopFacts() { narrowed_.pop_back(); }
  // The type of a variable or field path of type `type` under the facts: without its `?` when
  // it is known non-null, the tested type when a type test holds.
  TypeId Narrow(const ast::Expr& expr, TypeId type) const;
  // Forgets the facts about variables that `stmt`/`block` assigns (before a loop body, which may
  // run again after an assignment, and for the facts that outlive an `if` branch).
  void ForgetAssigned(const ast::Block& block);
  void Forget(std::string_view variable);
  // The `if` statement: conditions, branches, and the facts that hold after it when all but one
  // path leave the block (`if x == null { return }`).
  void CheckIf(const ast::IfStmt& stmt);

  // ---- check_exprs.cpp
  // Checks `expr` and returns its type; `expected` (may be null) guides object and array
  // literals and is checked with E0301 when given.
  TypeId CheckExpr(const ast::Expr& expr, ExprContext ctx, TypeId expected = nullptr);
  TypeId CheckExprInner(const ast::Expr& expr, ExprContext ctx, TypeId expected);
  void ExpectType(Span span, TypeId found, TypeId expected);
  TypeId CheckName(const ast::NameExpr& name);
  // `execution` or `state` that no variable or declaration hides: the run's context.
  bool IsContextName(const ast::Expr& expr) const;
  TypeId CheckContextField(const ast::FieldExpr& field);
  // `Docs.name`, `Jobs.url`, `checkout.arn`: the declared resource, flow or function a field
  // access reads an attribute of (no variable hides its name), or null.
  const Symbol* AttributeOwner(const ast::Expr& object) const;
  TypeId CheckResourceAttribute(const ast::FieldExpr& field, const Symbol& owner);
  TypeId CheckObject(const ast::ObjectExpr& object, ExprContext ctx, TypeId expected);
  TypeId CheckArray(const ast::ArrayExpr& array, ExprContext ctx, TypeId expected);
  // `[e for x in xs if c]`: `x` is bound to an element of `xs` in `e` and `c` only.
  TypeId CheckComprehension(const ast::ComprehensionExpr& c, ExprContext ctx, TypeId expected);
  TypeId CheckField(const ast::FieldExpr& field, ExprContext ctx);
  TypeId CheckIndex(const ast::IndexExpr& index, ExprContext ctx);
  TypeId CheckUnary(const ast::UnaryExpr& unary, ExprContext ctx);
  TypeId CheckBinary(const ast::BinaryExpr& binary, ExprContext ctx, TypeId expected);
  TypeId CheckPrefix(const ast::PrefixExpr& prefix, ExprContext ctx);
  TypeId CheckString(const ast::StringExpr& str, ExprContext ctx);

  // ---- check_calls.cpp
  TypeId CheckCall(const ast::CallExpr& call, ExprContext ctx,
                   ast::PrefixOp const* prefix = nullptr);
  // Matches positional and named arguments to `params` and checks their types; fills
  // info.args in parameter order.
  void MatchArguments(const ast::CallExpr& call, const std::vector<ParamInfo>& params,
                      std::string_view callee, ExprContext ctx, CallInfo& info);
  TypeId CheckAwsCall(const ast::CallExpr& call, const ast::FieldExpr& callee, ExprContext ctx,
                      CallInfo& info, const ast::PrefixOp* prefix);
  TypeId CheckHttpCall(const ast::CallExpr& call, const ast::FieldExpr& callee, ExprContext ctx,
                       CallInfo& info);
  void CheckArgsUnchecked(const ast::CallExpr& call, ExprContext ctx);

  // ---- aws_calls.cpp: `aws.<service>.<action>` against AWS's service models
  // The service and operation a call names, reporting E0350/E0351 (nullptr when unknown).
  const aws_models::Operation* FindAwsOperation(const ast::FieldExpr& callee,
                                                const aws_models::Service*& service);
  // E0352/E0353 for the parameter object `arg` (null: no argument) of type `type`.
  void CheckAwsParameters(const ast::CallExpr& call, const ast::Expr* arg, TypeId type,
                          const aws_models::Service& service, const aws_models::Operation& op);
  void CheckAwsValue(const ast::Expr& value, const aws_models::Service& service,
                     aws_models::Ref ref, const std::string& call, const std::string& path,
                     int depth);
  // The type of a value of `ref` in a response: records with optional fields, arrays, json.
  TypeId AwsType(const aws_models::Service& service, aws_models::Ref ref, int depth);
  // ---- bedrock_calls.cpp: `aws.bedrockruntime.invokeModel`, Step Functions' Bedrock
  // integration (E0289/E0290); its result `{ Body: json, ContentType: string }`.
  TypeId CheckBedrockInvoke(const ast::CallExpr& call, const ast::Expr* params, TypeId params_type,
                            const ast::PrefixOp* prefix);
  // E0301 unless the field's value is a string (or `json`).
  void CheckBedrockString(const ast::ObjectField& field);

  // ---- builtin_calls.cpp
  TypeId CheckBuiltinCall(const ast::CallExpr& call, std::string_view name, ExprContext ctx,
                          CallInfo& info);

  // ---- resource_calls.cpp
  TypeId CheckResourceCall(const ast::CallExpr& call, const Symbol& resource,
                           const ast::Ident& op_name, ExprContext ctx, CallInfo& info);
  TypeId OpTypeFor(OpType type, const Symbol& resource);
  // `s3.objects(bucket: b, ...)` and the other item sources over a bucket named at run time.
  TypeId CheckRunTimeItemSource(const ast::CallExpr& call, const ast::Ident& op_name,
                                ExprContext ctx, CallInfo& info);

  // ---- item_source_clauses.cpp: `headers:`, `delimiter:`, `raw:` of bucket item sources;
  // returns the type of one item (`element` unless a clause changes it)
  TypeId CheckItemSourceClauses(const ResourceOp& op, ExprContext ctx, const CallInfo& info,
                                const Symbol& resource, TypeId element);
  void CheckBucketScope(const ast::Expr& arg, ExprContext ctx);  // `within:` of `s3.*`

  // ---- item_conditions.cpp: `if:`, `add:`, `remove:`, `returns:`, `fields:` of table operations
  TypeId CheckTableClauses(const Symbol& resource, const ResourceOp& op, ExprContext ctx,
                           const CallInfo& info, TypeId result);
  // ---- resource_calls.cpp: a message's `group:`, `dedup:`, `delay:` for its queue or topic
  void CheckMessageArguments(const ast::CallExpr& call, const Symbol& resource,
                             const ResourceOp& op, const CallInfo& info);
  // A query's conditions name a partition key (E0244); an update leaves the key alone (E0245).
  void CheckQueryKey(const ast::ResourceDecl& table, const Symbol& resource,
                     const std::vector<ast::ObjectField>& conditions, Span span);
  void CheckUnchangedKey(TypeId key, const Symbol& resource,
                         const std::vector<ast::ObjectField>& fields);
  // `remove:`/`fields:` as the array of plain string literals it must be (E0253 otherwise,
  // then null).
  const ast::ArrayExpr* AttributeNameList(const ast::Expr& arg, std::string_view clause,
                                          ExprContext ctx);
  // The item type cut to the attributes `fields:` names; null after an error.
  TypeId CheckProjection(const ast::Expr& arg, const Symbol& resource, TypeId item,
                         ExprContext ctx);
  void CheckItemCondition(const ast::Expr& e, const Symbol& resource, ExprContext ctx, int depth);
  TypeId CheckConditionOperand(const ast::Expr& e, const Symbol& resource, ExprContext ctx);
  TypeId ItemFieldType(const ast::Ident& field, const Symbol& resource);

  // ---- shared helpers
  template <typename... Args>
  Diagnostic& Error(Span span, const DiagMessage<Args...>& message,
                    std::type_identity_t<Args>... args) {
    return sink_.Emit(span, message, args...);
  }
  static bool IsTaskCall(const ast::Expr& expr);
  void RecordType(const ast::Expr& expr, TypeId type) { model_.expr_types[&expr] = type; }
  std::string Str(TypeId t) const { return TypeTable::ToString(t); }

  const Program& program_;
  DiagnosticSink& sink_;
  // The types made from AWS response shapes, by service and shape index.
  std::map<std::pair<const aws_models::Service*, uint32_t>, TypeId> aws_types_;
  Model& model_;
  TypeTable& types_;

  // ---- the module being checked
  size_t module_ = 0;

  // ---- per-declaration resolution state for declared types (cycle detection)
  enum class ResolveState { kUnresolved, kResolving, kDone };
  std::unordered_map<const Symbol*, ResolveState> type_state_;
  std::vector<const Symbol*> type_stack_;
  // Nested ResolveTypeRef calls (structure and type definitions being resolved), limited to
  // kMaxTypeResolveDepth (E0031, reported once).
  int type_depth_ = 0;
  bool type_depth_reported_ = false;

  // ---- the flow being checked
  const ast::FlowDecl* flow_ = nullptr;
  FlowInfo* flow_info_ = nullptr;
  const Signature* flow_signature_ = nullptr;
  std::vector<std::unordered_map<std::string, const Variable*>> scopes_;
  // Where each variable name of the flow is first declared (to explain out-of-scope uses).
  std::unordered_map<std::string, Span> flow_names_;
  // The int variable an assignment is giving a value to, for ExpectType's note (or null).
  const Variable* assigning_ = nullptr;
  // The name a `let` is declaring while its value is checked (`let x = x + 1`).
  const ast::Ident* declaring_ = nullptr;
  // The yield types of the `for`/`parallel` bodies being collected; null entries are bodies
  // whose value is not used (yield is an error there).
  struct Collector {
    bool used = false;
    TypeId type = nullptr;  // join of the yields; null: nothing yielded yet
    bool yielded = false;
    bool discard_reported = false;
  };
  std::vector<Collector*> collectors_;
  // Non-null facts, one frame per block or guarded expression (narrowing.cpp).
  std::vector<std::vector<NonNull>> narrowed_;
  // The program's HTTP tasks (`http.post(url, …)`: the verb and the URL's expression) and the
  // tests' HTTP mocks with an endpoint, matched against each other after every flow.
  std::vector<std::pair<std::string, const ast::Expr*>> http_calls_;
  std::vector<const ast::MockAnswer*> http_mocks_;
  // Set while checking the arguments of an `await` call when `task_token` is seen.
  bool saw_task_token_ = false;
};

}  // namespace caios::check
