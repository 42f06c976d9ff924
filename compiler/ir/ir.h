// The cloud-computer IR (docs/architecture.md): the storage, buses, compute, orchestration and
// ports of one application, the access edges between them, and a state graph per flow. No AWS names
// here: a backend maps these onto a cloud. Read-only once lowering has built it.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/ir/ids.h"
#include "compiler/ir/values.h"
#include "compiler/source/source.h"
#include "compiler/types/types.h"

namespace caios::ir {

// ---------------------------------------------------------------- storage and buses

// An entity that lives outside the application (`existing …`, docs/language.md section 4): the
// application refers to it and creates nothing. Either `literal` (the program's text, which the
// target reads as a name or an address of its own) or `parameter` (a deployment parameter
// that holds the name) is set.
struct Existing {
  std::string literal;
  std::string parameter;
  bool parameter_holds_arn = false;  // `existing arn param P`: the parameter holds the ARN
  Span span;                         // the literal or the parameter's name
};

struct KeyAttribute {
  enum class Type { kString, kNumber, kBinary };
  std::string name;
  Type type = Type::kString;
};

struct TableIndex {
  std::string name;
  KeyAttribute partition;
  std::optional<KeyAttribute> sort;
};

struct Table {
  std::string name;
  Span span;
  std::optional<Existing> existing;
  types::TypeId item_type = nullptr;  // json when not declared
  KeyAttribute key;
  std::optional<KeyAttribute> sort;
  std::vector<TableIndex> indexes;
  std::optional<std::string> ttl_attribute;
  enum class StreamView { kNone, kNewImage, kOldImage, kNewAndOld, kKeysOnly };
  StreamView stream = StreamView::kNone;
  bool provisioned = false;
  int64_t read_capacity = 0, write_capacity = 0;
  bool point_in_time_recovery = false;
  bool retain = true;  // keep the data when the application is deleted
};

struct Bucket {
  std::string name;
  Span span;
  std::optional<Existing> existing;
  bool versioned = false;
  std::optional<int64_t> expire_days;
  struct Transition {
    // The program's storage classes (`lifecycle transition CLASS AFTER`).
    enum class Class {
      kStandardIa,
      kOnezoneIa,
      kIntelligentTiering,
      kGlacierIr,
      kGlacier,
      kDeepArchive
    };
    Class storage_class = Class::kStandardIa;
    int64_t days = 0;
  };
  std::vector<Transition> transitions;
  bool cors = false;
  std::vector<std::string> cors_origins;  // empty with cors: any origin
  bool event_notifications = false;       // object events go to the event bus
  bool retain = true;
};

struct Queue {
  std::string name;
  Span span;
  std::optional<Existing> existing;
  types::TypeId item_type = nullptr;
  bool fifo = false;
  bool content_dedup = false;
  std::optional<int64_t> visibility_seconds, retention_seconds, delay_seconds, receive_wait_seconds,
      max_size_bytes;
  // `dead_letter after N [to Q]`: without `to`, a dead-letter queue is generated for it.
  struct DeadLetter {
    int64_t max_receives = 0;
    QueueId target;  // invalid: generated
  };
  std::optional<DeadLetter> dead_letter;
  bool retain = true;
};

struct Topic {
  std::string name;
  Span span;
  std::optional<Existing> existing;
  types::TypeId item_type = nullptr;
  bool fifo = false;
  bool content_dedup = false;
};

struct Stream {
  std::string name;
  Span span;
  std::optional<Existing> existing;
  types::TypeId item_type = nullptr;
  std::optional<int64_t> shards;  // provisioned shard count; none: on demand
  std::optional<int64_t> retention_hours;
  bool retain = true;  // keep the records when the application is deleted
};

struct EventBus {
  std::string name;
  Span span;
  std::optional<Existing> existing;
  types::TypeId item_type = nullptr;
  bool archive = false;
  std::optional<int64_t> archive_days;  // none: keep forever
  bool retain = true;                   // keep the archive when the application is deleted
};

struct Connection {
  std::string name;
  Span span;
  enum class Auth { kApiKey, kBasic, kOAuth };
  Auth auth = Auth::kApiKey;
  std::optional<std::string> url;
  std::string header = "Authorization";
  std::optional<std::string> secret;  // the secret store name that holds the credential
};

// A secret of the secret store (`secret S { existing … }`) or a parameter of the parameter
// store (`parameter P { existing … }`): always outside the application, read by the functions
// that `uses` them and by the flows' `aws.secretsmanager.*` / `aws.ssm.*` calls.
struct Secret {
  std::string name;
  Span span;
  std::optional<Existing> existing;
};

struct Parameter {
  std::string name;
  Span span;
  std::optional<Existing> existing;
};

// ---------------------------------------------------------------- compute

// What `uses R(perm, ...)` grants a function.
enum class Permission {
  kRead,
  kWrite,
  kDelete,
  kList,
  kQuery,
  kPublish,
  kSend,
  kConsume,
  kPut,
  kInvoke,
  kStart,
  kRun,
  kSubscribe,
  kCallback,  // answer the callbacks (task tokens) of a flow
};
const char* Spelling(Permission p);

struct Grant {
  EntityRef target;
  std::vector<Permission> permissions;
  Span span;
};

// `uses aws.<service>(action, …)`: SDK actions the code calls on services outside the
// program (no resource to scope them to).
struct ServiceGrant {
  struct Operation {
    std::string name;  // lowerCamelCase: `sendEmail`
    Span span;
  };
  std::string service;  // as the SDKs name it: `ses`, `ssm`
  std::vector<Operation> operations;
  Span span;
};

struct Function {
  std::string name;
  Span span;
  std::optional<Existing> existing;  // then only `name`, `span` and `params` apply
  std::vector<std::string> params;
  // `(whole p: T)`: the payload is the argument itself (docs/language.md, section 6).
  bool whole_payload = false;
  std::string runtime, handler;
  std::string code_dir;  // absolute, normalised
  std::string image;     // container image URI instead of runtime/handler/code
  int64_t memory_mb = 128;
  int64_t timeout_seconds = 3;
  std::optional<int64_t> ephemeral_mb;
  bool arm64 = false;
  std::vector<std::pair<std::string, std::string>> environment;  // declared order
  std::optional<int64_t> reserved_concurrency;
  std::vector<std::string> layers;
  bool tracing = false;
  std::optional<int64_t> log_retention_days;
  std::vector<Grant> grants;
  std::vector<ServiceGrant> service_grants;
  // Its grants lead back to it through other functions (or itself): see
  // compiler/lower/function_cycles.h.
  bool in_reference_cycle = false;
};

// ---------------------------------------------------------------- ports and interrupts

struct Target {
  enum class Mode { kCall, kStart, kRun };
  Mode mode = Mode::kCall;
  EntityRef entity;  // a function or a flow
};

// What a flow started by a route receives (docs/language.md §12), decided by the flow's
// parameters (compiler/lower/route_inputs.h).
struct RouteInput {
  enum class Kind {
    kBody,     // the parsed body: its fields bind the parameters, or a `whole` one takes it
    kRequest,  // `whole req: Request` (std.http): body, raw_body, path, query, headers
    kParts,    // parameters named like a `{segment}` of the path bind it; the others, body fields
  };
  Kind kind = Kind::kBody;
  struct Part {
    std::string name;   // the parameter, and the path segment or body field it reads
    bool path = false;  // a path parameter (a string), else a field of the body
  };
  std::vector<Part> parts;  // kParts: every parameter of the flow, in order
};

// `rate N` and `burst N`: API Gateway's throttle of an API or of one route.
struct Throttle {
  std::optional<int64_t> rate;   // requests per second
  std::optional<int64_t> burst;  // requests
  bool empty() const { return !rate && !burst; }
};

// `auth …` of an api or a route: who may call it (docs/language.md §12).
struct Auth {
  enum class Kind {
    kInherit,   // a route without `auth`: the API's
    kNone,      // anyone
    kIam,       // requests signed with AWS credentials (SigV4)
    kFunction,  // a Lambda TOKEN authorizer
    kCognito,   // tokens (JWTs) of a Cognito user pool
  };
  Kind kind = Kind::kInherit;
  FunctionId function;        // kFunction
  std::string user_pool_arn;  // kCognito: checked (E0526)
};

// `response` of a `run` route: the flow's result is the HTTP answer, a record of `status`,
// `headers` and `body` (docs/language.md §12; compiler/lower/route_responses.h).
struct RouteResponse {
  bool on = false;
  Span span;  // the `response` option
  // The field names of the result's `headers` record, in order: the header names.
  std::vector<std::string> headers;
};

struct Route {
  HttpMethod method = HttpMethod::kGet;
  std::string path;
  Target target;
  Span span;
  RouteInput input;  // flow targets only
  Throttle throttle;
  Auth auth;
  RouteResponse response;
};

struct Api {
  std::string name;
  Span span;
  Throttle throttle;  // every route's, unless the route sets its own
  bool cors = false;
  std::string cors_origin;  // `*` or `scheme://host[:port]` (checked: E0525)
  Auth auth;                // kInherit: none
  std::vector<Route> routes;
};

struct Schedule {
  std::string name;  // declared or derived from the target
  Span span;
  std::string expression;  // rate(...), cron(...) or at(...)
  Target target;
  std::string timezone;  // IANA name; empty: UTC
  std::optional<int64_t> retries, max_age_seconds;
  QueueId dead_letter;  // invalid: none
};

struct Trigger {
  std::string name;  // derived: <Source><Event><Target>
  Span span;
  EntityRef source;
  std::string event;  // message, record, change, created, deleted, or an event pattern name
  std::optional<int64_t> batch_size, window_seconds, concurrency, retries, parallelization;
  // Where a stream or table trigger starts reading: the newest records, or the oldest kept.
  enum class Starting { kLatest, kTrimHorizon };
  std::optional<Starting> starting_position;
  // Stream and table triggers: where the records of a batch that failed for good are described
  // (a queue or topic; invalid: nowhere), whether a failed batch is split in two and retried,
  // and the age after which a record is no longer retried.
  EntityRef on_failure;
  bool bisect = false;
  std::optional<int64_t> max_record_age_seconds;
  std::optional<std::string> prefix, suffix;
  // Event-bus triggers: the producer the events come from (the pattern's `source`); none: any.
  std::optional<std::string> event_source;
  Target target;
};

// ---------------------------------------------------------------- access edges

// One thing a flow's task does to another entity: the input of IAM inference for state
// machine roles (a function's permissions are its `grants`). A resource operation is
// `resource_op`, a bucket item source `item_source`; otherwise `operation` names it (`invoke`,
// `start`, `run`, the action of a generic service call, the verb of an http call).
struct Access {
  FlowId from;
  enum class Kind {
    kResourceOp,   // `to` is a resource; `resource_op` the operation
    kInvoke,       // `to` is a function
    kStartFlow,    // `to` is a flow; fire and forget
    kRunFlow,      // `to` is a flow; wait for it
    kServiceCall,  // generic call: `service`, `operation`; `to` unset
    kHttp,         // `to` is a connection
    kItemRead,     // distributed loop reads items of bucket `to` (`item_source`)
    kResultWrite,  // distributed loop writes results to bucket `to`
    kChildFlows,   // distributed loop starts child executions of `from` itself
  };
  Kind kind = Kind::kResourceOp;
  EntityRef to;
  ResourceOp resource_op = ResourceOp::kTableGet;             // kResourceOp
  ItemSource::Kind item_source = ItemSource::Kind::kObjects;  // kItemRead
  bool any_bucket = false;  // kItemRead of a bucket named at run time, `within: "*"`; `to` unset
  std::string service;
  std::string operation;
  bool sync = false;      // kServiceCall: the .sync variant
  bool callback = false;  // the task waits for a task token
  // kServiceCall: IAM roles the call hands to the service (`…RoleArn` parameters), which the
  // caller must be allowed to pass. Literal ARNs; `passes_unknown_role` when one is computed.
  std::vector<std::string> passed_roles;
  bool passes_unknown_role = false;
  // kServiceCall: the top-level parameters written as string literals (name, text), in
  // order, which can name the resource the call acts on (docs/iam.md, "Scoped service calls").
  std::vector<std::pair<std::string, std::string>> literal_params;
  // kServiceCall: the parameters whose value names an entity of the application (`Bucket:
  // Out.name`, `OutputLocation: "s3://${Results.name}/q/"`), which can scope the call to it
  // (docs/iam.md, "Scoped service calls").
  struct EntityParam {
    std::string
        path;  // the parameter, nested ones joined with `.`: `ResultConfiguration.OutputLocation`
    EntityRef entity;
    ResourceAttribute attribute = ResourceAttribute::kName;
    std::string prefix;  // the literal text before the attribute (`s3://`); empty: none
    // Nothing follows the attribute, or only literal text that starts with `/`, so the value
    // names that entity (and a path in it), not one whose name merely starts the same way.
    bool delimited = false;
    bool whole = false;  // the value is the attribute alone
    // The literal text right after the attribute (`/in/` in `"s3://${B.name}/in/${k}"`); empty
    // when none follows.
    std::string after;
  };
  std::vector<EntityParam> entity_params;
  std::vector<std::string> param_keys;  // kServiceCall: the top-level parameters given
  // kServiceCall: every parameter given, nested ones joined with `.`
  // (`QueryExecutionContext.Database`), with the literal text its string value starts with:
  // all of it for a string literal (`whole`), the text before the first computed part of a
  // template string, nothing for other values (docs/iam.md, "Athena queries").
  struct ParamText {
    std::string path;
    std::string text;
    bool whole = false;
    Span span;  // the value
  };
  std::vector<ParamText> param_texts;
  Span span;
};

// ---------------------------------------------------------------- flows

// How much one run of a flow can do, counted on the program where its loops have bounds that
// are known when compiling (docs/architecture.md, "Run length"): the steps of the longest run,
// and the loops whose bound is not known (counted as one iteration). A target with a limit on
// a run's work (AWS: the 25,000 events of a standard execution's history) judges it.
struct RunLength {
  int64_t tasks = 0;  // steps that act on something else: calls, resource operations, runs
  int64_t steps = 0;  // other steps: choices, waits, values, the entries of loops and branches
  // Of the tasks, the runs of a nested flow that wait for it (`run f(x)`), which a target may
  // count differently (AWS wraps each in a Parallel state).
  int64_t runs = 0;
  struct Unbounded {
    Span condition;                          // the loop's condition
    int64_t tasks = 0, steps = 0, runs = 0;  // one iteration
  };
  std::vector<Unbounded> unbounded;  // in source order
};

struct TargetHint {
  std::string name;   // `query`
  std::string value;  // `jsonpath`
  Span span;          // the value
};

struct Flow {
  std::string name;
  Span span;
  // A state machine outside the application (`{ existing … }`): then only the name, span,
  // parameters and result apply, and the graph is empty.
  std::optional<Existing> existing;
  bool express = false;
  // A test (`caios test`, docs/testing.md): its role is never deployed, so the target does not
  // warn about what the role is allowed.
  bool test = false;
  std::optional<int64_t> timeout_seconds;
  enum class Logging { kOff, kAll, kError, kFatal };  // which execution events are logged
  Logging logging = Logging::kOff;
  bool tracing = false;
  // What the program asks of the target in the target's own words (`query jsonpath`): the IR
  // does not interpret them, the target does (docs/architecture.md, "Targets").
  std::vector<TargetHint> target_hints;
  // Started by a queue, stream or table trigger, whose batch of records (an array) is the whole
  // input: it binds the first parameter, not a field per parameter.
  // Also set for `whole_input`, whose every starter passes the value itself.
  bool batch_input = false;
  // Declared `(whole p: T)`: routes, schedules, triggers and `run`/`start` give the flow the
  // value itself as its input (docs/language.md, section 7).
  bool whole_input = false;
  std::vector<Param> params;
  types::TypeId result = nullptr;
  // `uses R(perm, …)`: what the state machine's role may do on entities for services that act
  // with its credentials (Textract reading a bucket), as a function's grants.
  std::vector<Grant> grants;
  StateGraph graph;
  RunLength run_length;
  // Where this flow's accesses lie in App::accesses (set by IndexAccesses).
  size_t first_access = 0;
  size_t access_count = 0;
};

// ---------------------------------------------------------------- the application

struct App {
  std::string name;
  Span span;
  // The table every TypeId of the application points into, created by the check phase.
  std::shared_ptr<const types::TypeTable> types;
  std::vector<Table> tables;
  std::vector<Bucket> buckets;
  std::vector<Queue> queues;
  std::vector<Topic> topics;
  std::vector<Stream> streams;
  std::vector<EventBus> buses;
  std::vector<Connection> connections;
  std::vector<Secret> secrets;
  std::vector<Parameter> parameters;
  std::vector<Function> functions;
  std::vector<Flow> flows;
  std::vector<Api> apis;
  std::vector<Schedule> schedules;
  std::vector<Trigger> triggers;
  std::vector<Access> accesses;

  // The declared name of any entity.
  const std::string& NameOf(EntityRef ref) const;
  // The entity's `existing` declaration; null for what the application creates (and for
  // kinds that cannot be existing).
  const Existing* ExistingOf(EntityRef ref) const;
  Span SpanOf(EntityRef ref) const;
  const Flow& flow(FlowId id) const { return flows[id.index]; }
  // The accesses made by flow `id`, in source order: a slice of `accesses`, so a backend that
  // looks at each flow's accesses does linear work, not flows × accesses.
  std::span<const Access> AccessesOf(FlowId id) const {
    const Flow& f = flow(id);
    return std::span<const Access>(accesses).subspan(f.first_access, f.access_count);
  }
  const Function& function(FunctionId id) const { return functions[id.index]; }
};

// Records where each flow's accesses lie in `app.accesses` (App::AccessesOf), which must hold
// each flow's accesses together, as lowering appends them. Call after changing the accesses.
void IndexAccesses(App& app);

}  // namespace caios::ir
