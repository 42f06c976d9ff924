#include "compiler/ir/ir.h"

#include <cstdlib>

#include "compiler/base/invariant.h"

namespace caios::ir {

const char* KindName(EntityRef::Kind kind) {
  using K = EntityRef::Kind;
  switch (kind) {
    case K::kNone:
      return "nothing";
    case K::kTable:
      return "table";
    case K::kBucket:
      return "bucket";
    case K::kQueue:
      return "queue";
    case K::kTopic:
      return "topic";
    case K::kStream:
      return "stream";
    case K::kEventBus:
      return "events";
    case K::kConnection:
      return "connection";
    case K::kFunction:
      return "function";
    case K::kFlow:
      return "flow";
    case K::kApi:
      return "api";
    case K::kSchedule:
      return "schedule";
    case K::kTrigger:
      return "trigger";
    case K::kSecret:
      return "secret";
    case K::kParameter:
      return "parameter";
  }
  return "?";
}

const char* Spelling(Permission p) {
  static constexpr const char* kNames[] = {"read",    "write", "delete",    "list",    "query",
                                           "publish", "send",  "consume",   "put",     "invoke",
                                           "start",   "run",   "subscribe", "callback"};
  return kNames[static_cast<int>(p)];
}

const char* Spelling(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet:
      return "GET";
    case HttpMethod::kPost:
      return "POST";
    case HttpMethod::kPut:
      return "PUT";
    case HttpMethod::kPatch:
      return "PATCH";
    case HttpMethod::kDelete:
      return "DELETE";
    case HttpMethod::kHead:
      return "HEAD";
    case HttpMethod::kOptions:
      return "OPTIONS";
    case HttpMethod::kAny:
      return "ANY";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown HTTP method");
  return "";
}

const char* Spelling(ResourceOp op) {
  using O = ResourceOp;
  switch (op) {
    case O::kTableGet:
    case O::kBucketGet:
      return "get";
    case O::kTablePut:
    case O::kBucketPut:
    case O::kStreamPut:
    case O::kEventsPut:
      return "put";
    case O::kTableUpdate:
      return "update";
    case O::kTableDelete:
    case O::kBucketDelete:
      return "delete";
    case O::kTableQuery:
      return "query";
    case O::kTableScan:
      return "scan";
    case O::kBucketList:
      return "list";
    case O::kQueueSend:
      return "send";
    case O::kTopicPublish:
      return "publish";
    case O::kQueueMessages:
    case O::kTopicMessages:
      return "messages";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown resource operation");
  return "";
}

const char* ItemSource::Spelling(Kind kind) {
  switch (kind) {
    case Kind::kObjects:
      return "objects";
    case Kind::kCsv:
      return "csv";
    case Kind::kJsonl:
      return "jsonl";
    case Kind::kJson:
      return "json";
    case Kind::kManifest:
      return "manifest";
  }
  CAIOS_CHECK_INVARIANT(false && "unknown item source");
  return "";
}

namespace {
template <class F>
decltype(auto) Visit(const App& app, EntityRef ref, F&& f) {
  using K = EntityRef::Kind;
  switch (ref.kind) {
    case K::kTable:
      return f(app.tables.at(ref.index));
    case K::kBucket:
      return f(app.buckets.at(ref.index));
    case K::kQueue:
      return f(app.queues.at(ref.index));
    case K::kTopic:
      return f(app.topics.at(ref.index));
    case K::kStream:
      return f(app.streams.at(ref.index));
    case K::kEventBus:
      return f(app.buses.at(ref.index));
    case K::kConnection:
      return f(app.connections.at(ref.index));
    case K::kFunction:
      return f(app.functions.at(ref.index));
    case K::kFlow:
      return f(app.flows.at(ref.index));
    case K::kApi:
      return f(app.apis.at(ref.index));
    case K::kSchedule:
      return f(app.schedules.at(ref.index));
    case K::kTrigger:
      return f(app.triggers.at(ref.index));
    case K::kSecret:
      return f(app.secrets.at(ref.index));
    case K::kParameter:
      return f(app.parameters.at(ref.index));
    case K::kNone:
      break;
  }
  CAIOS_CHECK_INVARIANT(ref.kind != K::kNone);
  std::abort();
}
}  // namespace

const std::string& App::NameOf(EntityRef ref) const {
  return Visit(*this, ref, [](const auto& e) -> const std::string& { return e.name; });
}

const Existing* App::ExistingOf(EntityRef ref) const {
  return Visit(*this, ref, [](const auto& e) -> const Existing* {
    if constexpr (requires { e.existing; }) {
      return e.existing ? &*e.existing : nullptr;
    } else {
      return nullptr;
    }
  });
}

Span App::SpanOf(EntityRef ref) const {
  return Visit(*this, ref, [](const auto& e) { return e.span; });
}

void IndexAccesses(App& app) {
  for (Flow& f : app.flows) f.first_access = f.access_count = 0;
  for (size_t i = 0; i < app.accesses.size();) {
    const FlowId from = app.accesses[i].from;
    Flow& flow = app.flows.at(from.index);
    CAIOS_CHECK_INVARIANT(flow.access_count == 0);  // one run of accesses per flow
    size_t end = i;
    while (end < app.accesses.size() && app.accesses[end].from == from) ++end;
    flow.first_access = i;
    flow.access_count = end - i;
    i = end;
  }
}

}  // namespace caios::ir
