// The state graph of a flow: states with their transitions, tasks (actions on entities),
// choices, waits, parallel branches and loops over items. Each nested region (a parallel
// branch, a loop body) is its own graph; states are owned by the flow's StateGraph.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ids.h"
#include "compiler/ir/values.h"

namespace caios::ir {

struct Param {
  std::string name;
  types::TypeId type = nullptr;
  bool optional = false;
};

// One rule of a task's retry list.
struct RetryRule {
  std::vector<std::string> errors;  // "*" for every error
  // The retry of an invoke's transient errors that the target knows (AWS: the Lambda service
  // errors it recommends retrying), for those no other rule of the list decides; `errors` is
  // empty. The target drops the rule when the other rules leave it nothing.
  bool transient = false;
  int64_t attempts = 3;
  int64_t interval_seconds = 1;
  double backoff = 2.0;
  std::optional<int64_t> max_delay_seconds;
  bool jitter = false;
};

// Where an error goes: the handler's first state, binding the error to `binding` if set.
struct CatchEdge {
  std::vector<std::string> errors;  // "*" for every error
  StateId next;
  std::optional<std::string> binding;
};

// The operations of the program's resources (`Orders.get(key)`, `Shipping.send(msg)`): the
// check phase's table decides which exist and lowering copies its choice here, so a target
// switches over this enum, without `default`, and the compiler finds a case it misses.
enum class ResourceOp {
  kTableGet,
  kTablePut,
  kTableUpdate,
  kTableDelete,
  kTableQuery,
  kTableScan,
  kBucketGet,
  kBucketPut,
  kBucketDelete,
  kBucketList,
  kQueueSend,
  kQueueMessages,  // tests only (docs/testing.md): answered by the local cloud
  kTopicPublish,
  kTopicMessages,  // tests only
  kStreamPut,
  kEventsPut,
};
// As the program writes it (`get`, `send`), for --dump-ir.
const char* Spelling(ResourceOp op);

// The methods of HTTP a route serves or a call sends; kAny: a route for every method.
enum class HttpMethod { kGet, kPost, kPut, kPatch, kDelete, kHead, kOptions, kAny };
// As a route writes it: `GET` ... `ANY`.
const char* Spelling(HttpMethod method);

// A DynamoDB condition on the stored item: the `if:` of a table operation (docs/language.md,
// section 14). Values of the flow are arguments of the action (so every pass that reads the
// action's values sees them); the condition names them.
struct ItemCondition {
  enum class Kind { kAnd, kOr, kNot, kCompare, kExists, kNotExists };
  // One side of a comparison: the attribute `attribute` when set, else the argument `arg`.
  struct Side {
    std::string attribute;
    std::string arg;
  };
  Kind kind = Kind::kCompare;
  std::string op;                       // kCompare: = <> < <= > >=
  std::vector<ItemCondition> operands;  // kAnd, kOr: two; kNot: one
  Side left, right;                     // kCompare; kExists/kNotExists: left.attribute
};

// What a table operation asks DynamoDB to return (`returns:`).
enum class ReturnValues { kNone, kAllOld, kAllNew };

// What a task does.
struct Action {
  enum class Kind {
    kInvoke,       // call function `target`; args are its parameters
    kResourceOp,   // `resource_op` on resource `target`; args by operation parameter name
    kRunFlow,      // start flow `target` and wait for its result
    kStartFlow,    // start flow `target`
    kServiceCall,  // `service`.`operation`(args[0]) on the cloud's API; `sync` waits for the job
    kHttp,         // `operation` is the verb; args url, body, headers, query; `target` connection
  };
  Kind kind = Kind::kInvoke;
  EntityRef target;
  ResourceOp resource_op = ResourceOp::kTableGet;  // kResourceOp
  std::string service;
  std::string operation;                      // kServiceCall
  HttpMethod http_method = HttpMethod::kGet;  // kHttp
  bool sync = false;
  bool callback = false;  // waits for a task token (`await`)
  // kInvoke, kRunFlow, kStartFlow of a `whole` function or flow: the one argument is the
  // payload or input itself, not an object with a field per parameter.
  bool whole = false;
  std::vector<std::pair<std::string, ValuePtr>> args;
  // kRunFlow, kStartFlow: the child execution's name (`name EXPR`); null: the service names it.
  ValuePtr execution_name;
  // kRunFlow (`details`): the result is the child execution's description, its output a field.
  bool details = false;
  types::TypeId result_type = nullptr;
  // Table operations (kResourceOp): `if:`, `remove:`, `returns:`, `fields:` (`projection`);
  // `add:` is the argument `add`.
  std::optional<ItemCondition> condition;
  std::vector<std::string> remove;
  // get/query/scan: the attributes to read; empty: all. `result_type` is then the item type cut
  // to them (an optional record for get, an array of records otherwise).
  std::vector<std::string> projection;
  ReturnValues returns = ReturnValues::kNone;
};

// Where a loop's items come from when it is not an array value.
struct ItemSource {
  enum class Kind { kObjects, kCsv, kJsonl, kJson, kManifest };
  Kind kind = Kind::kObjects;
  static const char* Spelling(Kind kind);  // `objects`, `csv`, ... as the program writes it
  BucketId bucket;                         // invalid when `bucket_name` gives the bucket
  ValuePtr bucket_name;  // `s3.objects(bucket: b, ...)`: the bucket, named at run time
  // With `bucket_name`: the buckets the flow's role may read (`within: [A, B]`), or any
  // bucket (`within: "*"`).
  std::vector<BucketId> within;
  bool any_bucket = false;
  ValuePtr argument;   // prefix (objects; may be null) or key
  ValuePtr max_items;  // at most this many items; null: all
  // kObjects: the items as the storage lists them, not the language's `{ key, size, etag }`.
  bool raw = false;
  // kCsv: the column names when the file has no header row (empty: the first row names them),
  // and the character between columns.
  std::vector<std::string> csv_headers;
  enum class Delimiter { kComma, kPipe, kSemicolon, kSpace, kTab };
  Delimiter csv_delimiter = Delimiter::kComma;
};

struct Loop {
  std::string var;
  std::string index_var;  // `for i, x in xs`: i, the item's position from 0; empty: none
  types::TypeId var_type = nullptr;
  ValuePtr items;                    // set unless `source` is
  std::optional<ItemSource> source;  // distributed loops over bucket contents
  bool distributed = false;
  bool express_children = true;
  std::optional<int64_t> concurrency, batch, tolerate;
  std::optional<int64_t> batch_max_bytes;  // `batch max_bytes B`: at most B bytes per child
  bool batched() const { return batch.has_value() || batch_max_bytes.has_value(); }
  bool tolerate_percent = false;
  BucketId results_bucket;
  ValuePtr results_prefix;  // a string; null: no prefix
  // Outer variables the body reads; a distributed child cannot see them and gets them in its
  // input.
  std::vector<std::pair<std::string, types::TypeId>> captures;
  uint32_t body = 0;  // graph index
};

struct Assignment {
  std::string var;
  ValuePtr value;
};

struct State {
  // Neutral kinds of step; a target maps each to its own (AWS: Task, Pass, Choice, Wait,
  // Parallel, Map, Succeed, Fail).
  enum class Kind {
    kAction,    // does `action`, then goes to `next`
    kAssign,    // computes `assign` and `output`, then goes to `next`
    kBranch,    // goes to the first of `rules` whose condition holds, else `default_next`
    kWait,      // waits a time or until a moment
    kParallel,  // runs `branches` at once and joins their results
    kForEach,   // runs `loop` over items
    kSucceed,   // ends the graph with `output`
    kFail,      // ends the run with `error`
  };
  Kind kind = Kind::kAssign;
  std::string name;  // readable; the target makes names unique and fits them to its limits
  Span span;
  StateId next;  // invalid for kBranch, kSucceed, kFail; invalid elsewhere: the end of the graph
  std::vector<Assignment> assign;
  ValuePtr output;  // the state's output; null: nothing anyone reads

  // kAction
  std::unique_ptr<Action> action;
  std::optional<int64_t> timeout_seconds, heartbeat_seconds;
  ValuePtr timeout_value, heartbeat_value;  // computed at run time

  // kAction, kParallel, kForEach
  std::vector<RetryRule> retries;
  std::vector<CatchEdge> catches;

  // kBranch
  struct Rule {
    ValuePtr condition;
    StateId next;
  };
  std::vector<Rule> rules;
  StateId default_next;

  // kWait
  std::optional<int64_t> wait_seconds;
  ValuePtr wait_seconds_value, wait_until;

  // kParallel
  std::vector<uint32_t> branches;  // graph indices

  // kForEach
  std::unique_ptr<Loop> loop;

  // kFail
  std::string error;
  ValuePtr cause;  // may be null
};

struct Graph {
  StateId start;
  std::vector<StateId> states;  // in creation order
};

struct StateGraph {
  std::vector<State> states;
  std::vector<Graph> graphs;  // graphs[0] is the flow's body
  State& at(StateId id) { return states[id.index]; }
  const State& at(StateId id) const { return states[id.index]; }
};

}  // namespace caios::ir
