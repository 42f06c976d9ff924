// The owned abstract syntax tree of a .caios module. Every node carries the source span it came
// from; nothing here refers to ANTLR. Nodes are plain structs owned through unique_ptr.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/source.h"

namespace caios::ast {

struct Ident {
  std::string text;
  Span span;
};

// A duration literal such as `30s`; always normalised to milliseconds.
struct Duration {
  int64_t millis = 0;
  Span span;
};

// ---------------------------------------------------------------- types

struct TypeRef;
using TypeRefPtr = std::unique_ptr<TypeRef>;

struct FieldType {
  Ident name;
  bool optional = false;  // `name?: T`
  TypeRefPtr type;
  Span span;
};

struct TypeRef {
  enum class Kind {
    kNamed,     // string, int, number, bool, json, token, or a declared type: `name`
    kNull,      // null
    kArray,     // [T] or T[]: `element`
    kOptional,  // T?: `element`
    kRecord,    // { a: T, b?: U }: `fields`
  };
  Kind kind = Kind::kNamed;
  Span span;
  Ident name;
  TypeRefPtr element;
  std::vector<FieldType> fields;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind {
  kString,         // StringExpr (possibly interpolated)
  kInt,            // IntExpr
  kNumber,         // NumberExpr
  kBool,           // BoolExpr
  kNull,           // Expr
  kTaskToken,      // Expr: the `task_token` of an enclosing `await`
  kName,           // NameExpr
  kObject,         // ObjectExpr
  kArray,          // ArrayExpr
  kField,          // FieldExpr: a.b
  kIndex,          // IndexExpr: a[b]
  kCall,           // CallExpr: f(x, name: y)
  kUnary,          // UnaryExpr
  kBinary,         // BinaryExpr
  kPrefix,         // PrefixExpr: run/start/await
  kComprehension,  // ComprehensionExpr: [e for x in xs if c]
  kError,          // Expr: placeholder where the parser recovered from an error
};

struct Expr {
  explicit Expr(ExprKind k, Span s) : kind(k), span(s) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Span span;
  // Height of this expression tree (1 for a leaf). The parser rejects trees higher than
  // kMaxExprDepth, so recursive walks over expressions stay within the stack.
  uint32_t depth = 1;
};
constexpr uint32_t kMaxExprDepth = 1000;
// Levels of `[]`, `?`, brackets and records in one written type (E0030): every phase walks
// types recursively.
constexpr uint32_t kMaxTypeDepth = 100;
using ExprPtr = std::unique_ptr<Expr>;

// "a${b}c" has texts {"a", "c"} and exprs {b}; texts.size() == exprs.size() + 1.
// Escapes are already decoded in `texts`.
struct StringExpr : Expr {
  explicit StringExpr(Span s) : Expr(ExprKind::kString, s) {}
  std::vector<std::string> texts;
  std::vector<ExprPtr> exprs;
  bool is_plain() const { return exprs.empty(); }
};

struct IntExpr : Expr {
  IntExpr(Span s, int64_t v) : Expr(ExprKind::kInt, s), value(v) {}
  int64_t value;
};

struct NumberExpr : Expr {
  NumberExpr(Span s, double v) : Expr(ExprKind::kNumber, s), value(v) {}
  double value;
};

struct BoolExpr : Expr {
  BoolExpr(Span s, bool v) : Expr(ExprKind::kBool, s), value(v) {}
  bool value;
};

struct NameExpr : Expr {
  NameExpr(Span s, Ident n) : Expr(ExprKind::kName, s), name(std::move(n)) {}
  Ident name;
};

struct ObjectField {
  Ident key;      // the key text (a quoted key is stored unquoted)
  ExprPtr value;  // for shorthand `{ id }` this is a NameExpr of the same name
  bool shorthand = false;
  Span span;
};

struct ObjectExpr : Expr {
  explicit ObjectExpr(Span s) : Expr(ExprKind::kObject, s) {}
  std::vector<ObjectField> fields;
};

struct ArrayExpr : Expr {
  explicit ArrayExpr(Span s) : Expr(ExprKind::kArray, s) {}
  std::vector<ExprPtr> elements;
};

// `[element for var in source if condition]`: `var` is bound to each element of `source` in
// `element` and `condition` only; `condition` is null when there is no `if`.
struct ComprehensionExpr : Expr {
  explicit ComprehensionExpr(Span s) : Expr(ExprKind::kComprehension, s) {}
  ExprPtr element;
  Ident var;
  ExprPtr source;
  ExprPtr condition;
};

struct FieldExpr : Expr {
  FieldExpr(Span s, ExprPtr obj, Ident f)
      : Expr(ExprKind::kField, s), object(std::move(obj)), field(std::move(f)) {}
  ExprPtr object;
  Ident field;
};

struct IndexExpr : Expr {
  IndexExpr(Span s, ExprPtr obj, ExprPtr idx)
      : Expr(ExprKind::kIndex, s), object(std::move(obj)), index(std::move(idx)) {}
  ExprPtr object;
  ExprPtr index;
};

struct Arg {
  std::optional<Ident> name;  // `group: x`
  ExprPtr value;
  Span span;
};

struct CallExpr : Expr {
  CallExpr(Span s, ExprPtr c) : Expr(ExprKind::kCall, s), callee(std::move(c)) {}
  ExprPtr callee;  // NameExpr (function, flow, builtin) or FieldExpr (resource operation,
                   // aws.<service>.<action>, http.<verb>)
  std::vector<Arg> args;
  Span args_span;  // from `(` to `)`
};

enum class UnaryOp { kNeg, kNot };

struct UnaryExpr : Expr {
  UnaryExpr(Span s, UnaryOp o, Span os, ExprPtr e)
      : Expr(ExprKind::kUnary, s), op(o), op_span(os), operand(std::move(e)) {}
  UnaryOp op;
  Span op_span;
  ExprPtr operand;
};

enum class BinaryOp {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kAnd,
  kOr,
  kCoalesce,
};
const char* Spelling(BinaryOp op);

struct BinaryExpr : Expr {
  BinaryExpr(Span s, BinaryOp o, Span os, ExprPtr l, ExprPtr r)
      : Expr(ExprKind::kBinary, s), op(o), op_span(os), lhs(std::move(l)), rhs(std::move(r)) {}
  BinaryOp op;
  Span op_span;
  ExprPtr lhs;
  ExprPtr rhs;
};

enum class PrefixOp {
  kRun,    // run f(x): start a nested flow (or an aws .sync job) and wait for it
  kStart,  // start f(x): start a nested flow without waiting
  kAwait,  // await f(x, task_token): call and wait for the callback (.waitForTaskToken)
};

struct PrefixExpr : Expr {
  PrefixExpr(Span s, PrefixOp o, Span os, ExprPtr e)
      : Expr(ExprKind::kPrefix, s), op(o), op_span(os), operand(std::move(e)) {}
  PrefixOp op;
  Span op_span;
  ExprPtr operand;
};

// ---------------------------------------------------------------- task clauses

// An error name in `catch`/`retry on`: `States.Timeout`, `PaymentDeclined`, "x", or `*`.
struct ErrorName {
  std::string text;  // "*" for all errors
  Span span;
  bool is_all() const { return text == "*"; }
};

// One `on ERRORS [attempts N] [interval D] [backoff R] [max D] [jitter]` rule, or a reference
// to a named policy inside a retry block.
struct RetryRule {
  Span span;
  std::optional<Ident> policy;  // set when the rule is just a policy name
  std::vector<ErrorName> errors;
  std::optional<int64_t> attempts;
  Span attempts_span;
  std::optional<Duration> interval;
  std::optional<double> backoff;
  Span backoff_span;
  std::optional<Duration> max_delay;
  bool jitter = false;
};

// `retry { rules }` or `retry PolicyName`.
struct RetrySpec {
  Span span;
  std::optional<Ident> policy;
  std::vector<RetryRule> rules;
};

// A time bound of a task: a duration literal, or an expression giving seconds.
struct TimeValue {
  Span span;
  std::optional<Duration> literal;
  ExprPtr seconds;
};

// `name EXPR` after `run`/`start` of a flow: the name of the child execution.
struct ExecutionName {
  Span span;  // the whole clause
  ExprPtr value;
};

struct TaskClauses {
  std::vector<RetrySpec> retries;
  std::optional<TimeValue> timeout;
  std::optional<TimeValue> heartbeat;
  std::optional<ExecutionName> name;
  // `details` after `run f(x)`: the result describes the child execution, its output included.
  std::optional<Span> details;
  bool empty() const { return retries.empty() && !timeout && !heartbeat && !name && !details; }
};

// ---------------------------------------------------------------- statements

enum class StmtKind {
  kLet,
  kAssign,
  kExpr,
  kIf,
  kSwitch,
  kWhile,
  kFor,
  kParallel,
  kTry,
  kFail,
  kReturn,
  kYield,
  kWait,
  kBreak,
  kContinue,
};

struct Stmt {
  explicit Stmt(StmtKind k, Span s) : kind(k), span(s) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  Span span;
};
using StmtPtr = std::unique_ptr<Stmt>;

struct Block {
  Span span;
  std::vector<StmtPtr> stmts;
};

// The value of a let/assignment: an expression with its task clauses, or a `parallel`/`for`
// statement whose `yield`s are collected into an array.
struct Rhs {
  ExprPtr expr;
  TaskClauses clauses;
  StmtPtr compound;  // ParallelStmt or ForStmt when set (then expr is null)
  Span span;
};

struct LetStmt : Stmt {
  explicit LetStmt(Span s) : Stmt(StmtKind::kLet, s) {}
  Ident name;
  TypeRefPtr type;  // optional annotation
  Rhs value;
};

struct AssignStmt : Stmt {
  explicit AssignStmt(Span s) : Stmt(StmtKind::kAssign, s) {}
  ExprPtr target;  // a NameExpr for a valid program; anything else is diagnosed by check
  Rhs value;
};

struct ExprStmt : Stmt {
  explicit ExprStmt(Span s) : Stmt(StmtKind::kExpr, s) {}
  ExprPtr expr;
  TaskClauses clauses;
};

struct IfArm {
  Span span;  // from `if` to the end of the block
  ExprPtr cond;
  Block body;
};

// `if a {} else if b {} else {}` is one IfStmt with two arms and an else block.
struct IfStmt : Stmt {
  explicit IfStmt(Span s) : Stmt(StmtKind::kIf, s) {}
  std::vector<IfArm> arms;
  std::optional<Block> else_body;
};

struct SwitchCase {
  Span span;
  std::vector<ExprPtr> values;
  Block body;
};

struct SwitchStmt : Stmt {
  explicit SwitchStmt(Span s) : Stmt(StmtKind::kSwitch, s) {}
  ExprPtr subject;
  std::vector<SwitchCase> cases;
  std::optional<Block> default_body;
  Span default_span;
};

struct WhileStmt : Stmt {
  explicit WhileStmt(Span s) : Stmt(StmtKind::kWhile, s) {}
  ExprPtr cond;
  Block body;
};

struct ForClause {
  enum class Kind { kConcurrency, kBatch, kTolerate, kDistributed, kResults };
  Kind kind;
  Span span;
  int64_t value = 0;                     // concurrency, batch, tolerate
  bool has_count = true;                 // batch: `batch N` (false: `batch max_bytes B` alone)
  std::optional<Ident> limit_word;       // batch N max_bytes B: the word (`max_bytes`)
  int64_t max_bytes = 0;                 // batch ... max_bytes B
  bool percent = false;                  // tolerate N%
  std::optional<bool> express_children;  // distributed express|standard
  Ident bucket;                          // results Bucket "prefix"
  ExprPtr prefix;                        // a string literal, possibly interpolated; may be null
};

struct ForStmt : Stmt {
  explicit ForStmt(Span s) : Stmt(StmtKind::kFor, s) {}
  std::optional<Ident> index;  // `for i, x in xs`: the item's position, from 0
  Ident var;
  ExprPtr iterable;
  std::vector<ForClause> clauses;
  Block body;
  bool distributed() const {
    for (const auto& c : clauses)
      if (c.kind == ForClause::Kind::kDistributed) return true;
    return false;
  }
};

struct Branch {
  Span span;
  Block body;
};

struct ParallelStmt : Stmt {
  explicit ParallelStmt(Span s) : Stmt(StmtKind::kParallel, s) {}
  std::vector<Branch> branches;
};

struct CatchClause {
  Span span;
  std::vector<ErrorName> errors;  // empty: catches every error
  std::optional<Ident> binding;   // `as e`
  Block body;
};

struct TryStmt : Stmt {
  explicit TryStmt(Span s) : Stmt(StmtKind::kTry, s) {}
  Block body;
  std::vector<CatchClause> catches;
};

struct FailStmt : Stmt {
  explicit FailStmt(Span s) : Stmt(StmtKind::kFail, s) {}
  ErrorName error;
  ExprPtr cause;  // may be null
};

struct ReturnStmt : Stmt {
  explicit ReturnStmt(Span s) : Stmt(StmtKind::kReturn, s) {}
  ExprPtr value;  // may be null
};

struct YieldStmt : Stmt {
  explicit YieldStmt(Span s) : Stmt(StmtKind::kYield, s) {}
  ExprPtr value;
};

struct WaitStmt : Stmt {
  enum class Mode { kDuration, kUntil, kSeconds };
  explicit WaitStmt(Span s) : Stmt(StmtKind::kWait, s) {}
  Mode mode = Mode::kDuration;
  Duration duration;  // kDuration
  ExprPtr expr;       // kUntil: a timestamp string; kSeconds: a number of seconds
};

struct BreakStmt : Stmt {
  explicit BreakStmt(Span s) : Stmt(StmtKind::kBreak, s) {}
};

struct ContinueStmt : Stmt {
  explicit ContinueStmt(Span s) : Stmt(StmtKind::kContinue, s) {}
};

// ---------------------------------------------------------------- declarations

// One argument of an option line such as `memory 512` or `uses Orders(read, write)`.
struct OptionArg {
  enum class Kind {
    kString,
    kInt,
    kNumber,
    kBool,
    kNull,
    kDuration,
    kPercent,
    kWord,   // python3.12, arm64, Orders(read, write): `text` and `params`
    kTyped,  // key id: string: `text` and `type`
    kObject,
    kArray,  // `expr` holds the literal
  };
  Kind kind = Kind::kWord;
  Span span;
  std::string text;       // string value (decoded) or word text
  int64_t int_value = 0;  // kInt, kPercent
  double number_value = 0;
  bool bool_value = false;
  Duration duration;
  std::vector<Ident> params;  // kWord with parentheses
  bool has_params = false;
  TypeRefPtr type;
  ExprPtr expr;
};

struct Option {
  Ident name;
  std::vector<OptionArg> args;
  Span span;
};

enum class DeclKind {
  kApp,
  kImport,
  kType,
  kResource,
  kPolicy,
  kFunction,
  kFlow,
  kApi,
  kSchedule,
  kTrigger,
};

struct Decl {
  explicit Decl(DeclKind k, Span s) : kind(k), span(s) {}
  virtual ~Decl() = default;
  DeclKind kind;
  Span span;
};
using DeclPtr = std::unique_ptr<Decl>;

struct AppDecl : Decl {
  explicit AppDecl(Span s) : Decl(DeclKind::kApp, s) {}
  Ident name;
};

// import "./lib.caios"  |  import std.retry
struct ImportDecl : Decl {
  explicit ImportDecl(Span s) : Decl(DeclKind::kImport, s) {}
  std::string path;  // the string, or the dotted name joined with '/'
  bool from_stdlib = false;
  Span path_span;
};

struct TypeDecl : Decl {
  explicit TypeDecl(Span s) : Decl(DeclKind::kType, s) {}
  Ident name;
  TypeRefPtr type;  // a kRecord for `type T { ... }`
};

enum class ResourceKind {
  kTable,
  kBucket,
  kQueue,
  kTopic,
  kStream,
  kEvents,
  kConnection,
  kSecret,     // always `existing`
  kParameter,  // always `existing`
};
const char* Spelling(ResourceKind kind);

struct ResourceDecl : Decl {
  explicit ResourceDecl(Span s) : Decl(DeclKind::kResource, s) {}
  ResourceKind resource = ResourceKind::kTable;
  Span keyword_span;
  Ident name;
  TypeRefPtr item_type;  // `table Orders: Order`; may be null
  std::vector<Option> options;
};

struct PolicyDecl : Decl {
  explicit PolicyDecl(Span s) : Decl(DeclKind::kPolicy, s) {}
  Ident name;
  RetrySpec retry;
};

struct Param {
  Ident name;
  bool optional = false;
  // `(whole event: json)`: the function's whole payload or the flow's whole input.
  bool whole = false;
  TypeRefPtr type;
  Span span;
};

struct FunctionDecl : Decl {
  explicit FunctionDecl(Span s) : Decl(DeclKind::kFunction, s) {}
  Ident name;
  std::vector<Param> params;
  TypeRefPtr result;  // may be null: returns nothing useful (json)
  std::vector<Option> options;
};

struct FlowOption {
  enum class Kind { kExpress, kStandard, kTimeout, kLogging, kTracing, kQuery };
  Kind kind;
  Span span;
  Duration duration;  // kTimeout
  Ident value;        // kLogging level, kQuery language
};

// One answer of a test's `mock F returns V` / `mock F fails E(cause)` line, given `times`
// times in a row (docs/testing.md). The answers of one function are given in order; the last
// one goes on answering.
struct MockAnswer {
  Span span;
  Ident function;  // a function's name, `aws.<service>.<action>` for an AWS SDK call, or
                   // `http` / `http.<verb>` for HTTP tasks
  std::optional<std::string> url;  // `mock http.post "https://…/*"`: the endpoints it answers
  Span url_span;
  ExprPtr returns;                 // `returns V`; null for `fails`
  std::optional<ErrorName> error;  // `fails E(cause)`
  ExprPtr cause;                   // may be null
  int64_t times = 1;
  std::optional<Span> times_span;  // `times N`
};

// What makes a flow a test: `test "title" { … }` in a *.test.caios file is parsed as a flow
// without parameters (named after its title, always JSONata) whose `expect` lines are checks
// that fail it with `ExpectationFailed`; the mocks are installed by the runner.
struct TestInfo {
  std::string title;
  Span title_span;
  std::vector<MockAnswer> mocks;
};

struct FlowDecl : Decl {
  explicit FlowDecl(Span s) : Decl(DeclKind::kFlow, s) {}
  std::unique_ptr<TestInfo> test;  // set for a `test` declaration
  Ident name;
  std::vector<Param> params;
  TypeRefPtr result;
  std::vector<FlowOption> options;
  // `uses R(perm, ...), ...`: the flow's own grants, written like a function's option (the
  // checker accepts only the name `uses`, E0242).
  std::vector<Option> uses;
  // `{ existing "NAME-OR-ARN" }` | `{ existing param P }` instead of a body: a state machine
  // outside the application (docs/language.md, section 4), read as that one option (empty for
  // a flow with a body); then `body` is empty.
  std::vector<Option> existing;
  Block body;
  bool express() const {
    for (const auto& o : options)
      if (o.kind == FlowOption::Kind::kExpress) return true;
    return false;
  }
};

// What a route, schedule or trigger invokes: a function (`name`), or a flow (`start name`
// asynchronously, `run name` synchronously).
struct Target {
  enum class Mode { kCall, kStart, kRun };
  Mode mode = Mode::kCall;
  Ident name;
  Span span;
};

struct Route {
  Ident method;  // GET, POST, ...
  std::string path;
  Span path_span;
  std::vector<Option> options;  // rate, burst
  Target target;
  Span span;
};

struct ApiDecl : Decl {
  explicit ApiDecl(Span s) : Decl(DeclKind::kApi, s) {}
  Ident name;
  std::vector<Option> options;  // rate, burst: for every route
  std::vector<Route> routes;
};

struct ScheduleDecl : Decl {
  explicit ScheduleDecl(Span s) : Decl(DeclKind::kSchedule, s) {}
  std::optional<Ident> name;
  std::string expression;  // "rate(1 day)" or "cron(...)"
  Span expression_span;
  std::vector<Option> options;  // timezone, retries, max_age, dead_letter
  Target target;
};

// on Shipping.message batch 10 -> ship
struct TriggerDecl : Decl {
  explicit TriggerDecl(Span s) : Decl(DeclKind::kTrigger, s) {}
  Ident source;
  Ident event;
  std::vector<Option> options;
  Target target;
};

// One parsed file.
struct Module {
  FileId file;
  std::vector<DeclPtr> decls;
};

}  // namespace caios::ast
